import { Entity } from 'typeorm';
import { IntColumn, TextColumn, TimestampColumn, UuidColumn, UuidRow } from '#platform';

/** Row of `onboarding_tasks`: one item of a cohort's checklist. */
@Entity({ name: 'onboarding_tasks' })
export class OnboardingTaskOrmEntity extends UuidRow {
  @UuidColumn()
  cohortId: string;

  @IntColumn()
  position: number;

  @TextColumn()
  title: string;

  @TextColumn({ nullable: true })
  description: string | null;
}

/** Row of `onboarding_completions`: an intern completed one task. */
@Entity({ name: 'onboarding_completions' })
export class OnboardingCompletionOrmEntity {
  @UuidColumn({ primary: true })
  enrollmentId: string;

  @UuidColumn({ primary: true })
  taskId: string;

  @TimestampColumn()
  completedAt: Date;
}
