import { Column, Entity } from 'typeorm';
import { MentorProfileColumns } from '#messaging';

/** Row of `mentors`: a mentor's profile (the columns MentorRegistered carries) and what matching needs. */
@Entity({ name: 'mentors' })
export class MentorOrmEntity extends MentorProfileColumns {
  @Column({ type: 'text', array: true })
  expertise: string[];

  @Column({ type: 'int' })
  capacity: number;

  /** null: available for every cohort. */
  @Column({ name: 'cohort_ids', type: 'text', array: true, nullable: true })
  cohortIds: string[] | null;

  /** Weekday working hours ("HH:MM", the mentor's zone); both null: 09:00–17:00 assumed. */
  @Column({ name: 'working_hours_start', type: 'text', nullable: true })
  workingHoursStart: string | null;

  @Column({ name: 'working_hours_end', type: 'text', nullable: true })
  workingHoursEnd: string | null;

  /** When the mentor's personal data was erased (name and email then hold the erased values); null: kept. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;
}
