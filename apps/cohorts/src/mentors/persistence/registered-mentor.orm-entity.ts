import { Entity } from 'typeorm';
import { MentorProfileColumns } from '#messaging';
import { TimestampColumn } from '#platform';

/** Row of `registered_mentors`: the local projection of MentorRegistered (who may sit on a panel). */
@Entity({ name: 'registered_mentors' })
export class RegisteredMentorOrmEntity extends MentorProfileColumns {
  @TimestampColumn()
  projectedAt: Date;
}
