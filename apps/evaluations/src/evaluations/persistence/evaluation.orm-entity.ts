import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EvaluationScore } from '../domain/evaluation.js';

@Entity({ name: 'evaluations' })
export class EvaluationOrmEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @Column({ name: 'intern_id', type: 'text' }) internId: string;
  @Column({ name: 'author_id', type: 'text' }) authorId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) cycle: string;
  @Column({ type: 'jsonb' }) scores: EvaluationScore[];
  @Column({ name: 'average_score', type: 'double precision' }) averageScore: number;
  @Column({ name: 'shared_comments', type: 'text', nullable: true }) sharedComments: string | null;
  @Column({ name: 'private_comments', type: 'text', nullable: true }) privateComments: string | null;
  @Column({ type: 'text', nullable: true }) reflections: string | null;
  @Column({ name: 'program_nps', type: 'int', nullable: true }) programNps: number | null;
  @Column({ type: 'text', nullable: true }) decision: string | null;
  @Column({ name: 'extension_weeks', type: 'int', nullable: true }) extensionWeeks: number | null;
  @Column({ name: 'return_offer', type: 'text', nullable: true }) returnOffer: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ type: 'int' }) revision: number;
  @Column({ name: 'recorded_by_id', type: 'text' }) recordedById: string;
  @Column({ name: 'recorded_by_role', type: 'text' }) recordedByRole: string;
}
