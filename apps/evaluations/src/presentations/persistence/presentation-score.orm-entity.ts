import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One panel mentor's scores of one intern's final presentation. */
@Entity({ name: 'presentation_scores' })
export class PresentationScoreOrmEntity {
  @PrimaryColumn({ name: 'slot_id', type: 'text' }) slotId: string;
  @PrimaryColumn({ name: 'intern_id', type: 'text' }) internId: string;
  @PrimaryColumn({ name: 'mentor_id', type: 'text' }) mentorId: string;
  @Column({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @Column({ type: 'jsonb' }) scores: { criterion: string; score: number }[];
  @Column({ name: 'average_score', type: 'double precision' }) averageScore: number;
  @Column({ type: 'text', nullable: true }) comments: string | null;
  @Column({ name: 'scored_at', type: 'timestamptz' }) scoredAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
