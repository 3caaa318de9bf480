import { Column, Entity } from 'typeorm';
import { MentorProfileColumns } from '#messaging';

/** Row of `registered_mentors`: the local projection of MentorRegistered (who may sit on a panel). */
@Entity({ name: 'registered_mentors' })
export class RegisteredMentorOrmEntity extends MentorProfileColumns {
  @Column({ type: 'timestamptz', name: 'projected_at' })
  projectedAt: Date;
}
