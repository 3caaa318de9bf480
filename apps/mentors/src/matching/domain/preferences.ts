import { requiredId, ValidationError, Violations } from '#ddd';

/**
 * A program manager's matching preferences for one cohort (SPEC §7, `setMatchingPreferences`):
 * how much each part of a suggestion's score weighs, and pairs that must never be suggested.
 *
 * Weights are 0–1 each, not all zero. They are shares, not points: a suggestion's score stays
 * 0–100, each part worth `100 × weight / (sum of the weights)` at most. The default,
 * expertise 0.6 / timezone 0.3 / workload 0.1, is exactly the former fixed 60/30/10.
 */
export interface MatchWeights {
  expertise: number;
  timezone: number;
  workload: number;
}

export interface MatchExclusion {
  internId: string;
  mentorId: string;
}

export interface MatchingPreferences {
  cohortId: string;
  weights: MatchWeights;
  exclusions: MatchExclusion[];
}

export const DEFAULT_WEIGHTS: Readonly<MatchWeights> = Object.freeze({ expertise: 0.6, timezone: 0.3, workload: 0.1 });
export const MAX_EXCLUSIONS = 1000;
const WEIGHT_NAMES = ['expertise', 'timezone', 'workload'] as const;

export function defaultPreferences(cohortId: string): MatchingPreferences {
  return { cohortId, weights: { ...DEFAULT_WEIGHTS }, exclusions: [] };
}

/** The most points each part of the score can earn under these weights (they add up to 100). */
export interface MatchPoints {
  expertise: number;
  workingHours: number;
  load: number;
}

export function pointsOf(weights: MatchWeights): MatchPoints {
  const sum = weights.expertise + weights.timezone + weights.workload;
  // Rounded to a billionth so that 0.6/0.3/0.1 give exactly 60/30/10 (their float sum is not 1).
  const share = (w: number): number => Math.round((1e11 * w) / sum) / 1e9;
  return { expertise: share(weights.expertise), workingHours: share(weights.timezone), load: share(weights.workload) };
}

/** Raw preferences as a caller sends them (validated by `validatePreferences`). */
export interface PreferencesInput {
  cohortId: unknown;
  weights: { expertise?: unknown; timezone?: unknown; workload?: unknown } | null | undefined;
  exclusions: readonly ({ internId?: unknown; mentorId?: unknown } | null)[] | null | undefined;
}

/**
 * Checks preferences on their own (every bad field reported at once, e.g. `weights.timezone`,
 * `exclusions[2].mentorId`) and returns them cleaned: ids trimmed, repeated pairs dropped
 * (first kept). Whether the interns and mentors exist is the handler's question.
 */
export function validatePreferences(input: PreferencesInput): MatchingPreferences {
  return cleanPreferences(input).preferences;
}

/** `validatePreferences`, also giving each kept exclusion's index in the input (for error fields). */
export function cleanPreferences(input: PreferencesInput): { preferences: MatchingPreferences; positions: number[] } {
  const v = new Violations();
  const cohortId = requiredId('cohortId', input.cohortId, {}, v);
  const weights = { ...DEFAULT_WEIGHTS };
  if (!input.weights || typeof input.weights !== 'object') {
    v.add('weights', 'must give expertise, timezone and workload');
  } else {
    for (const name of WEIGHT_NAMES) {
      const w = input.weights[name];
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 1) {
        v.add(`weights.${name}`, 'must be a number from 0 to 1');
      } else {
        weights[name] = w;
      }
    }
    const weightsValid = !v.list().some((x) => x.field.startsWith('weights'));
    if (weightsValid && WEIGHT_NAMES.every((n) => weights[n] === 0)) {
      v.add('weights', 'must not all be zero');
    }
  }
  const exclusions: MatchExclusion[] = [];
  const positions: number[] = [];
  const raw = input.exclusions ?? [];
  if (!Array.isArray(raw)) v.add('exclusions', 'must be a list');
  else if (raw.length > MAX_EXCLUSIONS) v.add('exclusions', `must list at most ${MAX_EXCLUSIONS} pairs`);
  else {
    const seen = new Set<string>();
    raw.forEach((pair, i) => {
      const internId = requiredId(`exclusions[${i}].internId`, pair?.internId, {}, v);
      const mentorId = requiredId(`exclusions[${i}].mentorId`, pair?.mentorId, {}, v);
      const key = JSON.stringify([internId, mentorId]);
      if (internId && mentorId && !seen.has(key)) {
        seen.add(key);
        exclusions.push({ internId, mentorId });
        positions.push(i);
      }
    });
  }
  v.throwIfAny();
  return { preferences: { cohortId, weights, exclusions }, positions };
}

/** A ValidationError for exclusions naming interns or mentors this cohort does not know. */
export function unknownPartiesError(
  exclusions: readonly MatchExclusion[],
  positions: readonly number[],
  isIntern: (id: string) => boolean,
  isMentor: (id: string) => boolean,
): ValidationError | null {
  const v = new Violations();
  exclusions.forEach((e, k) => {
    const i = positions[k] ?? k;
    if (!isIntern(e.internId)) v.add(`exclusions[${i}].internId`, 'must be an intern enrolled in this cohort');
    if (!isMentor(e.mentorId)) v.add(`exclusions[${i}].mentorId`, 'must be a registered mentor');
  });
  return v.any ? new ValidationError([...v.list()]) : null;
}
