import { Column, PrimaryColumn } from 'typeorm';

/**
 * A registered mentor's profile columns (MentorRegistered's data): the same in the mentors
 * service's own `mentors` table and in the cohorts service's `registered_mentors` projection.
 * Each service's entity extends it with its own columns (each table is created by its own migration).
 */
export abstract class MentorProfileColumns {
  @PrimaryColumn({ name: 'mentor_id', type: 'text' })
  mentorId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  team: string;

  @Column({ type: 'text' })
  timezone: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
