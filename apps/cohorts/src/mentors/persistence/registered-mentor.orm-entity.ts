import { Entity } from 'typeorm';
import { TextColumn, TimestampColumn } from '#platform';

/** Row of `registered_mentors`: the local projection of MentorRegistered (who may sit on a panel). */
@Entity({ name: 'registered_mentors' })
export class RegisteredMentorOrmEntity {
  @TextColumn({ primary: true })
  mentorId: string;

  @TextColumn()
  name: string;

  @TextColumn()
  email: string;

  @TextColumn()
  team: string;

  @TextColumn()
  timezone: string;

  @TimestampColumn()
  registeredAt: Date;

  @TimestampColumn()
  projectedAt: Date;
}
