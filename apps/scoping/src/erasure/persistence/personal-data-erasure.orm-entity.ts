import { Entity } from 'typeorm';
import { TextColumn, TimestampColumn } from '#platform';

/** Row of `personal_data_erasures`: an erasure this service applied, without any of the erased data. */
@Entity({ name: 'personal_data_erasures' })
export class PersonalDataErasureOrmEntity {
  @TextColumn({ primary: true })
  person: 'MENTOR' | 'INTERN';

  @TextColumn({ primary: true })
  subjectId: string;

  @TimestampColumn()
  erasedAt: Date;

  @TextColumn()
  trigger: 'REQUEST' | 'RETENTION_POLICY';

  @TimestampColumn()
  recordedAt: Date;
}
