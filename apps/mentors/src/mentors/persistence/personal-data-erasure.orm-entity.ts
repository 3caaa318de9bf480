import { Entity } from 'typeorm';
import { TextColumn, TimestampColumn } from '#platform';

/**
 * Row of `personal_data_erasures`: an erasure this service applied, without any of the erased data.
 * A mentor's names who asked and why (`eraseMentor`); an intern's only when and how (from
 * InternErased: the cohorts service keeps who asked and why).
 */
@Entity({ name: 'personal_data_erasures' })
export class PersonalDataErasureOrmEntity {
  @TextColumn({ primary: true })
  person: 'MENTOR' | 'INTERN';

  @TextColumn({ primary: true })
  subjectId: string;

  @TextColumn({ nullable: true })
  reason: string | null;

  @TextColumn({ nullable: true })
  erasedBy: string | null;

  @TimestampColumn()
  erasedAt: Date;

  @TextColumn()
  trigger: 'REQUEST' | 'RETENTION_POLICY';

  @TimestampColumn()
  recordedAt: Date;
}
