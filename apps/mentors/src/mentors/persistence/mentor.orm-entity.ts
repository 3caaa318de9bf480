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
}
