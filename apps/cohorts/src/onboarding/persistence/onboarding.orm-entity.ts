import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Row of `onboarding_tasks`: one item of a cohort's checklist. */
@Entity({ name: 'onboarding_tasks' })
export class OnboardingTaskOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'cohort_id' })
  cohortId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;
}

/** Row of `onboarding_completions`: an intern completed one task. */
@Entity({ name: 'onboarding_completions' })
export class OnboardingCompletionOrmEntity {
  @PrimaryColumn({ type: 'uuid', name: 'enrollment_id' })
  enrollmentId: string;

  @PrimaryColumn({ type: 'uuid', name: 'task_id' })
  taskId: string;

  @Column({ type: 'timestamptz', name: 'completed_at' })
  completedAt: Date;
}
