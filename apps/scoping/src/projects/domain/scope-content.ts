import { Violations } from '#ddd';
import { parseTarget, targetProblem, type Comparator } from './metric-target.js';

/** Limits that keep a scope readable (and the database sane). */
export const SCOPE_LIMITS = {
  title: 200,
  problemStatement: 10_000,
  item: 1_000,
  objectives: 20,
  successMetrics: 20,
  metricName: 100,
  target: 100,
  unit: 50,
  deliverables: 30,
  milestones: 30,
  acceptanceCriteria: 20,
} as const;

export interface SuccessMetric {
  name: string;
  /** As the intern wrote it, e.g. "≤ 0.85". */
  target: string;
  unit: string;
  comparator: Comparator | null;
  targetValue: number;
}

/** A milestone as a scope version plans it; its id stays the same across versions. */
export interface MilestonePlan {
  id: string;
  title: string;
  /** The week of the intern's own program it is due at the end of, as planned in this version. */
  dueWeek: number;
  acceptanceCriteria: string[];
}

export interface ScopeContent {
  title: string;
  problemStatement: string;
  objectives: string[];
  successMetrics: SuccessMetric[];
  deliverables: string[];
  milestones: MilestonePlan[];
}

/** What a client sends (unchecked). */
export interface ScopeInput {
  title: unknown;
  problemStatement: unknown;
  objectives: unknown;
  successMetrics: unknown;
  deliverables?: unknown;
  milestones: unknown;
}

export interface ScopeRules {
  /** The intern's program length: the cohort's weeks plus their extension. */
  programWeeks: number;
  /** Milestone ids of this project that an input milestone may name to keep (with its reports). */
  knownMilestoneIds: ReadonlySet<string>;
  /** The milestones of the version this draft builds on: an input milestone without id keeps the id of one with the same title. */
  baseMilestones: readonly { id: string; title: string }[];
  newId: () => string;
}

const normalizedTitle = (t: string): string => t.trim().replace(/\s+/g, ' ').toLowerCase();

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Checker {
  readonly v = new Violations();

  text(value: unknown, field: string, max: number, required = true): string {
    if (value === undefined || value === null) {
      if (required) this.v.add(field, 'is required');
      return '';
    }
    if (typeof value !== 'string') {
      this.v.add(field, 'must be text');
      return '';
    }
    const trimmed = value.trim();
    if (required && !trimmed) this.v.add(field, 'must not be empty');
    else if (trimmed.length > max) this.v.add(field, `must be at most ${max} characters`);
    return trimmed;
  }

  list(value: unknown, field: string, min: number, max: number, what: string): unknown[] {
    if (value === undefined || value === null) {
      if (min > 0) this.v.add(field, `needs at least ${min} ${what}`);
      return [];
    }
    if (!Array.isArray(value)) {
      this.v.add(field, 'must be a list');
      return [];
    }
    if (value.length < min) this.v.add(field, `needs at least ${min} ${what}`);
    if (value.length > max) this.v.add(field, `takes at most ${max} ${what}`);
    return value.slice(0, max);
  }

  texts(value: unknown, field: string, min: number, max: number, what: string): string[] {
    return this.list(value, field, min, max, what).map((item, i) =>
      this.text(item, `${field}[${i}]`, SCOPE_LIMITS.item),
    );
  }
}

/**
 * The checks a drafted scope passes on its own, before the project or the intern's program is
 * read: everything validateScope checks except the due weeks' upper bound (the intern's program
 * length, extensions included) and whether a milestone id names one of this project's milestones.
 * Throws one ValidationError with every such violation; what it refuses, validateScope refuses too.
 */
export function checkScopeInput(input: ScopeInput): void {
  inspectScope(input, undefined).violations.throwIfAny();
}

/**
 * Checks a drafted scope and returns it normalized (trimmed), or throws one ValidationError with
 * every violation, each naming its field (`successMetrics[1].target`, `milestones[0].dueWeek`, …):
 * a title and problem statement; at least one objective; at least one success metric, each with a
 * unique name and a measurable target (see metric-target.ts); at least one milestone, each with a
 * title, a due week inside the intern's own program (extended weeks included), due weeks in order,
 * and at least one acceptance criterion.
 */
export function validateScope(input: ScopeInput, rules: ScopeRules): ScopeContent {
  const { violations, content, keptIds } = inspectScope(input, rules);
  violations.throwIfAny();

  // Milestones without an id keep the id of the base version's milestone with the same title.
  const taken = new Set(keptIds);
  for (const m of content.milestones) {
    if (m.id) continue;
    const match = rules.baseMilestones.find(
      (b) => !taken.has(b.id) && normalizedTitle(b.title) === normalizedTitle(m.title),
    );
    m.id = match ? match.id : rules.newId();
    taken.add(m.id);
  }
  return content;
}

/**
 * Every rule of a scope, in one pass (violations in field order). Without `rules` (the input on
 * its own) the checks that need the intern's program or the project are left out.
 */
function inspectScope(
  input: ScopeInput,
  rules: ScopeRules | undefined,
): { violations: Violations; content: ScopeContent; keptIds: string[] } {
  const c = new Checker();
  const title = c.text(input.title, 'title', SCOPE_LIMITS.title);
  const problemStatement = c.text(input.problemStatement, 'problemStatement', SCOPE_LIMITS.problemStatement);
  const objectives = c.texts(input.objectives, 'objectives', 1, SCOPE_LIMITS.objectives, 'objective');
  const deliverables = c.texts(input.deliverables ?? [], 'deliverables', 0, SCOPE_LIMITS.deliverables, 'deliverables');

  const successMetrics: SuccessMetric[] = [];
  const metricNames = new Map<string, number>();
  c.list(input.successMetrics, 'successMetrics', 1, SCOPE_LIMITS.successMetrics, 'measurable success metric').forEach(
    (raw, i) => {
      const at = `successMetrics[${i}]`;
      if (!isRecord(raw)) {
        c.v.add(at, 'must be a metric with name, target and unit');
        return;
      }
      const name = c.text(raw.name, `${at}.name`, SCOPE_LIMITS.metricName);
      const target = c.text(raw.target, `${at}.target`, SCOPE_LIMITS.target);
      const unit = c.text(raw.unit ?? '', `${at}.unit`, SCOPE_LIMITS.unit, false);
      if (name) {
        const key = name.toLowerCase();
        const first = metricNames.get(key);
        if (first !== undefined)
          c.v.add(`${at}.name`, `repeats successMetrics[${first}].name: metric names must be unique`);
        else metricNames.set(key, i);
      }
      if (target) {
        const problem = targetProblem(target, unit);
        if (problem) c.v.add(`${at}.target`, problem);
      }
      const parsed = target ? parseTarget(target) : null;
      successMetrics.push({
        name,
        target,
        unit,
        comparator: parsed?.comparator ?? null,
        targetValue: parsed?.value ?? 0,
      });
    },
  );

  const milestones: MilestonePlan[] = [];
  const takenIds = new Map<string, number>();
  let previousWeek: { week: number; index: number } | undefined;
  const rawMilestones = c.list(input.milestones, 'milestones', 1, SCOPE_LIMITS.milestones, 'milestone');
  rawMilestones.forEach((raw, i) => {
    const at = `milestones[${i}]`;
    if (!isRecord(raw)) {
      c.v.add(at, 'must be a milestone with title, dueWeek and acceptanceCriteria');
      return;
    }
    const mTitle = c.text(raw.title, `${at}.title`, SCOPE_LIMITS.title);
    const dueWeek = raw.dueWeek;
    if (typeof dueWeek !== 'number' || !Number.isInteger(dueWeek)) {
      c.v.add(`${at}.dueWeek`, 'must be a whole week number');
    } else {
      if (dueWeek < 1 || (rules && dueWeek > rules.programWeeks)) {
        const weeks = rules ? `1 to ${rules.programWeeks}` : 'from week 1';
        c.v.add(`${at}.dueWeek`, `must be a week of the intern’s program, ${weeks} (week ${dueWeek} is outside it)`);
      } else if (previousWeek && dueWeek < previousWeek.week) {
        c.v.add(
          `${at}.dueWeek`,
          `must not come before milestones[${previousWeek.index}].dueWeek (week ${previousWeek.week}): list milestones in the order they fall due`,
        );
      }
      // The order does not depend on the program's length, so the input is judged the same without it.
      if (dueWeek >= 1) previousWeek = { week: dueWeek, index: i };
    }
    const acceptanceCriteria = c.texts(
      raw.acceptanceCriteria,
      `${at}.acceptanceCriteria`,
      1,
      SCOPE_LIMITS.acceptanceCriteria,
      'acceptance criterion',
    );
    let id: string | undefined;
    if (raw.id !== undefined && raw.id !== null && raw.id !== '') {
      // Whether an id names a milestone of this project is known only with the project (rules).
      if (typeof raw.id !== 'string' || (rules && !rules.knownMilestoneIds.has(raw.id))) {
        c.v.add(`${at}.id`, 'is not a milestone of this project: leave it out for a new milestone');
      } else if (takenIds.has(raw.id)) {
        c.v.add(`${at}.id`, `repeats milestones[${takenIds.get(raw.id)}].id`);
      } else {
        id = raw.id;
        takenIds.set(raw.id, i);
      }
    }
    milestones.push({
      id: id ?? '',
      title: mTitle,
      dueWeek: typeof dueWeek === 'number' ? dueWeek : 0,
      acceptanceCriteria,
    });
  });
  return {
    violations: c.v,
    content: { title, problemStatement, objectives, successMetrics, deliverables, milestones },
    keptIds: [...takenIds.keys()],
  };
}
