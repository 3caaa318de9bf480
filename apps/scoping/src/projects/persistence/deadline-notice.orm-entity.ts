import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An overdue deadline that was announced (ProjectScopeOverdue, MilestoneOverdue). The key
 * (kind, subject) makes announcing it again a no-op, whatever event triggers the check.
 */
@Entity({ name: 'deadline_notices' })
export class DeadlineNoticeOrmEntity {
  /** SCOPE or MILESTONE. */
  @PrimaryColumn({ type: 'text' }) kind: string;
  /** `<cohortId>/<internId>` for the scope, the milestone id for a milestone. */
  @PrimaryColumn({ type: 'text' }) subject: string;
  @Column({ name: 'cohort_id', type: 'text' }) cohortId: string;
  @Column({ name: 'intern_id', type: 'text' }) internId: string;
  @Column({ name: 'project_id', type: 'uuid', nullable: true }) projectId: string | null;
  @Column({ name: 'milestone_id', type: 'uuid', nullable: true }) milestoneId: string | null;
  @Column({ name: 'due_week', type: 'int' }) dueWeek: number;
  /** The week that was over when it was noticed. */
  @Column({ name: 'noticed_in_week', type: 'int' }) noticedInWeek: number;
  /** The id of the clock event that triggered the check. */
  @Column({ name: 'caused_by', type: 'text' }) causedBy: string;
  @Column({ name: 'noticed_at', type: 'timestamptz' }) noticedAt: Date;
}
