import { ConflictError, ValidationError, Violations } from '#ddd';
import { describeWindow, type EvaluationWindow } from '../../evaluations/domain/evaluation-window.js';
import { defaultRubric } from './default-rubrics.js';
import { assertWellFormedRubric, RUBRIC_KINDS, type Rubric, type RubricKind } from './rubric.js';

export interface TailorRubricProps {
  cohortId: string;
  kind: string;
  name?: string | null;
  description?: string | null;
  criteria: {
    key: string;
    name: string;
    description: string;
    levels: { score: number; label: string; description: string }[];
  }[];
}

const MAX_CRITERIA = 12;

/**
 * A program manager's rubric for one cohort: 1 to 12 criteria with UPPER_SNAKE keys, each with a
 * described level for every score 1–5 (errors name the input fields, e.g. `criteria[1].levels`).
 * Name and description default to the default rubric's.
 */
export function tailoredRubric(props: TailorRubricProps): Rubric {
  const v = new Violations();
  if (!props.cohortId?.trim()) v.add('cohortId', 'is required');
  if (!(RUBRIC_KINDS as readonly string[]).includes(props.kind)) v.add('kind', `must be ${RUBRIC_KINDS.join(' or ')}`);
  const criteria = Array.isArray(props.criteria) ? props.criteria : [];
  if (criteria.length > MAX_CRITERIA) v.add('criteria', `at most ${MAX_CRITERIA} criteria`);
  v.throwIfAny();
  const base = defaultRubric(props.kind as RubricKind);
  const rubric: Rubric = {
    kind: props.kind as RubricKind,
    name: props.name?.trim() || `${base.name} (tailored)`,
    description: props.description?.trim() || base.description,
    criteria: criteria.map((c) => ({
      key: (c.key ?? '').trim(),
      name: (c.name ?? '').trim(),
      description: (c.description ?? '').trim(),
      levels: (c.levels ?? []).map((l) => ({
        score: l.score,
        label: (l.label ?? '').trim(),
        description: (l.description ?? '').trim(),
      })),
    })),
  };
  try {
    assertWellFormedRubric(rubric, 'rubric');
  } catch (err) {
    if (err instanceof ValidationError) {
      throw new ValidationError(
        err.violations.map((x) => ({ field: x.field.replace(/^rubric\./, ''), message: x.message })),
      );
    }
    throw err;
  }
  return rubric;
}

/** Tailoring is closed once the cohort's first evaluation window has opened. */
export class RubricTailoringClosedError extends ConflictError {
  constructor(cohortId: string, window: Pick<EvaluationWindow, 'cycle' | 'week' | 'startsOn' | 'endsOn'>) {
    super(
      `${describeWindow(window)} of cohort ${cohortId} has already opened: its rubrics can only be tailored before the first evaluation window opens`,
    );
  }
}
