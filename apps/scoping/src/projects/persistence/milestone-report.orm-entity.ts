import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MetricResult } from '../domain/milestone-report.js';

/** One submission of a milestone report (attempt 1, 2, … after revision requests) and its review. */
@Entity({ name: 'milestone_reports' })
export class MilestoneReportOrmEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'project_id', type: 'uuid' }) projectId: string;
  @Column({ name: 'milestone_id', type: 'uuid' }) milestoneId: string;
  @Column({ name: 'intern_id', type: 'text' }) internId: string;
  @Column({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @Column({ name: 'scope_version', type: 'int' }) scopeVersion: number;
  @Column({ type: 'int' }) attempt: number;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'text' }) summary: string;
  @Column({ name: 'metric_results', type: 'jsonb' }) metricResults: MetricResult[];
  @Column({ type: 'jsonb' }) links: string[];
  @Column({ type: 'jsonb' }) blockers: string[];
  @Column({ name: 'next_steps', type: 'jsonb' }) nextSteps: string[];
  @Column({ name: 'due_week', type: 'int' }) dueWeek: number;
  @Column({ name: 'submitted_week', type: 'int' }) submittedWeek: number;
  @Column({ type: 'boolean' }) late: boolean;
  @Column({ name: 'submitted_by', type: 'text' }) submittedBy: string;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt: Date;
  @Column({ name: 'reviewed_by', type: 'text', nullable: true }) reviewedBy: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
  @Column({ type: 'text', nullable: true }) feedback: string | null;
}
