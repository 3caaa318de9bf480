import { Violations } from '#ddd';
import { requiredText, textField } from '../../shared/domain/text-fields.js';

/** One item of a cohort's onboarding checklist. */
export interface OnboardingTask {
  id: string;
  cohortId: string;
  /** 1-based order in the checklist. */
  position: number;
  title: string;
  description: string | null;
}

/** A checklist item as a program manager gives it; `id` keeps an existing task. */
export interface OnboardingTaskInput {
  id?: string | null;
  title: string;
  description?: string | null;
}

export const MAX_ONBOARDING_TASKS = 30;
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 2000;

/** The checklist every new cohort starts with; the PM may edit it until the cohort starts. */
export const DEFAULT_ONBOARDING_CHECKLIST: readonly { title: string; description: string }[] = [
  {
    title: 'Sign the internship agreement and NDA',
    description: 'Review and sign your internship agreement and the non-disclosure agreement in the HR portal.',
  },
  {
    title: 'Set up your laptop, accounts and 2FA',
    description:
      'Collect your laptop, sign in to your company account, and enable two-factor authentication everywhere.',
  },
  {
    title: 'Complete security and privacy training',
    description: 'Finish the mandatory security awareness and data privacy courses.',
  },
  {
    title: 'Set up your development environment',
    description: 'Get repository access, build the main project locally and run its tests.',
  },
  {
    title: 'Meet your mentor',
    description:
      'Have your first one-to-one with your mentor: introductions, expectations and how you will work together.',
  },
  {
    title: 'Read the program handbook',
    description:
      'Learn how the program runs: weekly check-ins, project scoping, milestones, tech talks and final presentations.',
  },
];

/** A checklist item, checked and normalized (trimmed; a blank description is none). */
export interface ValidOnboardingTask {
  id: string | null;
  title: string;
  description: string | null;
}

/**
 * A new checklist: 1–30 tasks (`tasks`), `tasks[i].title` required, `tasks[i].description`
 * optional, `tasks[i].id` at most once and, with `existingIds`, a task of this cohort.
 */
function checkChecklist(tasks: unknown, existingIds: ReadonlySet<string> | null): ValidOnboardingTask[] {
  const v = new Violations();
  if (!Array.isArray(tasks) || tasks.length === 0 || tasks.length > MAX_ONBOARDING_TASKS) {
    v.add('tasks', `must list 1 to ${MAX_ONBOARDING_TASKS} tasks`);
    v.throwIfAny();
  }
  const seen = new Set<string>();
  const out = (tasks as OnboardingTaskInput[]).map((task, i) => {
    const title = requiredText(v, `tasks[${i}].title`, task?.title, MAX_TITLE);
    const description = textField(v, `tasks[${i}].description`, task?.description, {
      max: MAX_DESCRIPTION,
      required: false,
    });
    const id = typeof task?.id === 'string' && task.id.trim() ? task.id.trim() : null;
    if (id !== null) {
      if (existingIds && !existingIds.has(id)) {
        v.add(`tasks[${i}].id`, 'is not a task of this cohort (leave it out for a new task)');
      } else if (seen.has(id)) v.add(`tasks[${i}].id`, 'appears twice');
      seen.add(id);
    }
    return { id, title, description };
  });
  v.throwIfAny();
  return out;
}

/**
 * Validates a new checklist on its own (1–30 tasks; `tasks[i].title` required,
 * `tasks[i].description` optional; `tasks[i].id`, when given, at most once). Whether each id is a
 * task of the cohort is validateChecklist's.
 */
export function validateChecklistInput(tasks: unknown): ValidOnboardingTask[] {
  return checkChecklist(tasks, null);
}

/**
 * Validates a new checklist (1–30 tasks; `tasks[i].title` required, `tasks[i].description`
 * optional; `tasks[i].id`, when given, must be a task of this cohort, at most once).
 */
export function validateChecklist(tasks: unknown, existingIds: ReadonlySet<string>): ValidOnboardingTask[] {
  return checkChecklist(tasks, existingIds);
}

/** Where an intern stands with their checklist. */
export interface OnboardingProgress {
  tasks: (OnboardingTask & { completed: boolean; completedAt: Date | null })[];
  completedCount: number;
  totalCount: number;
}

export function onboardingProgress(
  tasks: readonly OnboardingTask[],
  completions: ReadonlyMap<string, Date>,
): OnboardingProgress {
  const list = [...tasks]
    .sort((a, b) => a.position - b.position)
    .map((t) => ({ ...t, completed: completions.has(t.id), completedAt: completions.get(t.id) ?? null }));
  return { tasks: list, completedCount: list.filter((t) => t.completed).length, totalCount: list.length };
}
