import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `registered_mentors`: the local projection of MentorRegistered (who may sit on a panel). */
@Entity({ name: 'registered_mentors' })
export class RegisteredMentorOrmEntity {
  @PrimaryColumn({ type: 'text', name: 'mentor_id' })
  mentorId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  team: string;

  @Column({ type: 'text' })
  timezone: string;

  @Column({ type: 'timestamptz', name: 'registered_at' })
  registeredAt: Date;

  @Column({ type: 'timestamptz', name: 'projected_at' })
  projectedAt: Date;
}
