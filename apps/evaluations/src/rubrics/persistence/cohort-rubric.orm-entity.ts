import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Rubric } from '../domain/rubric.js';

/** A rubric a program manager tailored for one cohort (before its first evaluation window opened). */
@Entity({ name: 'cohort_rubrics' })
export class CohortRubricOrmEntity {
  @PrimaryColumn({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @PrimaryColumn({ type: 'text' }) kind: string;
  @Column({ type: 'jsonb' }) rubric: Rubric;
  @Column({ name: 'tailored_by', type: 'text' }) tailoredBy: string;
  @Column({ name: 'tailored_at', type: 'timestamptz' }) tailoredAt: Date;
}
