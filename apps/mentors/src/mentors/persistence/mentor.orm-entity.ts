import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'mentors' })
export class MentorOrmEntity {
  @PrimaryColumn({ name: 'mentor_id', type: 'text' })
  mentorId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  team: string;

  @Column({ type: 'text', array: true })
  expertise: string[];

  @Column({ type: 'text' })
  timezone: string;

  @Column({ type: 'int' })
  capacity: number;

  /** null: available for every cohort. */
  @Column({ name: 'cohort_ids', type: 'text', array: true, nullable: true })
  cohortIds: string[] | null;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
