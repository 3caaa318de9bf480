import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { SuccessMetric } from '../domain/scope-content.js';

/** An intern's project in a cohort (one per intern and cohort); its scope lives in scope_versions. */
@Entity({ name: 'projects' })
export class ProjectOrmEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'intern_id', type: 'text' }) internId: string;
  @Column({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @Column({ name: 'enrollment_id', type: 'text' }) enrollmentId: string;
  /** Optimistic concurrency: bumped by every change of the scope. */
  @Column({ type: 'int' }) revision: number;
  @Column({ name: 'latest_version', type: 'int' }) latestVersion: number;
  @Column({ name: 'version_in_force', type: 'int', nullable: true }) versionInForce: number | null;
  /** The status of the latest version (denormalized for reads). */
  @Column({ type: 'text' }) status: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity({ name: 'scope_versions' })
export class ScopeVersionOrmEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' }) projectId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'problem_statement', type: 'text' }) problemStatement: string;
  @Column({ type: 'jsonb' }) objectives: string[];
  @Column({ name: 'success_metrics', type: 'jsonb' }) successMetrics: SuccessMetric[];
  @Column({ type: 'jsonb' }) deliverables: string[];
  @Column({ name: 'extension_grants_seen', type: 'int' }) extensionGrantsSeen: number;
  @Column({ name: 'drafted_by', type: 'text' }) draftedBy: string;
  @Column({ name: 'drafted_at', type: 'timestamptz' }) draftedAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'submitted_by', type: 'text', nullable: true }) submittedBy: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) feedback: string | null;
}

/** A milestone as one scope version plans it; `milestoneId` stays the same across versions. */
@Entity({ name: 'scope_milestones' })
export class ScopeMilestoneOrmEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' }) projectId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @PrimaryColumn({ name: 'milestone_id', type: 'uuid' }) milestoneId: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'due_week', type: 'int' }) dueWeek: number;
  @Column({ name: 'acceptance_criteria', type: 'jsonb' }) acceptanceCriteria: string[];
}

/** Who did what to which version when. */
@Entity({ name: 'scope_history' })
export class ScopeHistoryOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'project_id', type: 'uuid' }) projectId: string;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'text' }) action: string;
  @Column({ name: 'actor_id', type: 'text' }) actorId: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'text', nullable: true }) feedback: string | null;
}
