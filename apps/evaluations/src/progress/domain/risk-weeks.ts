import { deriveProgress } from './derive-progress.js';
import { factsOf, num, type Fact } from './facts.js';
import type { InternProgress, RiskLevel } from './intern-progress.js';

/** One program week's risk level of an intern. */
export interface RiskWeek {
  week: number;
  level: RiskLevel;
}

/** A week the intern's risk changed in (the first week always counts as a change). */
export interface RecordedRiskWeek extends RiskWeek {
  reasons: string[];
}

/**
 * The intern's program week a derived row belongs to: the week the cohort clock is in, capped at
 * the last week of the intern's own program (cohort weeks plus extensions) when it is known; null
 * before week 1.
 */
export function riskWeekOf(p: Pick<InternProgress, 'cohort' | 'extensionWeeks'>): number | null {
  const current = p.cohort.currentWeek;
  if (current < 1) return null;
  const last = p.cohort.weeks === null ? null : p.cohort.weeks + p.extensionWeeks;
  return last !== null && last >= 1 ? Math.min(current, last) : current;
}

/**
 * The weeks an intern's risk level changed in, derived from the facts alone (so a rebuild, which
 * reads the topics in another interleaving, finds the same history): a week's level is the one the
 * facts that occurred before the next week opened give, with the clock at that week (the last
 * level seen in the week); the current week's is the intern's current level. Only the weeks whose
 * level differs from the week before are returned (week 1, or the first week the intern has a row,
 * always); a week in between carries the previous level (riskByWeek).
 */
export function riskHistory(
  cohortFacts: readonly Fact[],
  internFacts: readonly Fact[],
  current: InternProgress,
): RecordedRiskWeek[] {
  const last = riskWeekOf(current);
  if (last === null) return [];
  const clock = factsOf(cohortFacts, 'CLOCK');
  const weekOf = (f: Fact): number => num(f.data.week) ?? 0;
  const changes: RecordedRiskWeek[] = [];
  let previous: RiskLevel | null = null;
  for (let week = 1; week <= last; week++) {
    let risk: InternProgress['risk'] | null;
    if (week === last) {
      risk = current.risk;
    } else {
      const opened = clock.filter((f) => weekOf(f) > week).map((f) => Date.parse(f.occurredAt));
      const cutoff = opened.length ? Math.min(...opened) : Infinity;
      const before = (f: Fact): boolean => Date.parse(f.occurredAt) < cutoff;
      const row = deriveProgress(
        cohortFacts.filter((f) => (f.kind === 'CLOCK' ? weekOf(f) <= week : before(f))),
        internFacts.filter(before),
      );
      risk = row?.risk ?? null;
    }
    if (risk && risk.level !== previous) {
      changes.push({ week, level: risk.level, reasons: [...risk.reasons] });
      previous = risk.level;
    }
  }
  return changes;
}

/**
 * Weeks 1..the intern's current week, each with the last level recorded up to it (a week without a
 * record carries the previous week's level forward; weeks before the first record are GREEN), the
 * current week always the intern's current level.
 */
export function riskByWeek(
  recorded: readonly RiskWeek[],
  p: Pick<InternProgress, 'cohort' | 'extensionWeeks' | 'risk'>,
): RiskWeek[] {
  const current = riskWeekOf(p);
  if (current === null) return [];
  const byWeek = new Map(recorded.map((r) => [r.week, r.level]));
  const weeks: RiskWeek[] = [];
  let level: RiskLevel = 'GREEN';
  for (let week = 1; week <= current; week++) {
    level = week === current ? p.risk.level : (byWeek.get(week) ?? level);
    weeks.push({ week, level });
  }
  return weeks;
}
