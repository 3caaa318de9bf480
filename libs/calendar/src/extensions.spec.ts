import { describe, expect, it } from '@jest/globals';
import {
  CohortPhase,
  extensionInsertionPoint,
  internCalendar,
  internMidpointWeek,
  internPresentationsWeek,
  internWeekOf,
  MAX_EXTENSION_WEEKS,
  midpointWeek,
  scopeDueWeek,
  shiftWeek,
  totalExtensionWeeks,
  weekEndsOn,
  weekStartsOn,
  type ExtensionGrant,
} from './index.js';

/** Every sequence of up to two grants of 1–5 weeks in total, granted in any week 0–(program length + 1). */
function grantSequences(cohortWeeks: number): ExtensionGrant[][] {
  const out: ExtensionGrant[][] = [[]];
  for (let w1 = 1; w1 <= MAX_EXTENSION_WEEKS; w1++) {
    for (let a1 = 0; a1 <= cohortWeeks + 1; a1++) {
      out.push([{ weeks: w1, afterWeek: a1 }]);
      for (let w2 = 1; w1 + w2 <= MAX_EXTENSION_WEEKS; w2++) {
        for (let a2 = a1; a2 <= cohortWeeks + w1 + 1; a2 += 3) {
          out.push([
            { weeks: w1, afterWeek: a1 },
            { weeks: w2, afterWeek: a2 },
          ]);
        }
      }
    }
  }
  return out;
}

/** The grants as the cohorts service stores and publishes them: placed where they were inserted. */
function placed(cohortWeeks: number, grants: readonly ExtensionGrant[]): ExtensionGrant[] {
  let length = cohortWeeks;
  return grants.map((g) => {
    const afterWeek = extensionInsertionPoint(g.afterWeek, length);
    length += g.weeks;
    return { weeks: g.weeks, afterWeek };
  });
}

describe('extensions', () => {
  it('shift a week by every placed grant before it, in the order granted', () => {
    const grants = [
      { weeks: 2, afterWeek: 5 },
      { weeks: 1, afterWeek: 9 },
    ];
    expect(shiftWeek(4, grants)).toBe(4);
    expect(shiftWeek(5, grants)).toBe(5);
    expect(shiftWeek(6, grants)).toBe(8);
    expect(shiftWeek(8, grants)).toBe(11); // 10 after the first, which lies after the second's week 9
    expect(totalExtensionWeeks(grants)).toBe(3);
    // A grant recorded without its week (older producers) moves every week.
    expect(shiftWeek(2, [{ weeks: 3, afterWeek: null }])).toBe(5);
  });

  it('never move the scope, move the midpoint only when granted before it, and always the presentations', () => {
    expect(scopeDueWeek(12, [{ weeks: 5, afterWeek: 0 }])).toBe(2);
    expect(internMidpointWeek(12, [{ weeks: 2, afterWeek: 5 }])).toBe(8);
    expect(internMidpointWeek(12, [{ weeks: 2, afterWeek: 6 }])).toBe(6);
    expect(internPresentationsWeek(12, [{ weeks: 2, afterWeek: 12 }])).toBe(14);
    expect(midpointWeek(12)).toBe(6);
  });

  it.each([10, 13, 22])(
    'agree with the intern calendar of a %i-week cohort for every extension granted in any week',
    (cohortWeeks) => {
      for (const grants of grantSequences(cohortWeeks)) {
        const cal = internCalendar('2027-03-01', cohortWeeks, 'America/New_York', grants);
        const label = JSON.stringify(grants);
        const dates = (week: number) => ({
          startsOn: weekStartsOn('2027-03-01', week),
          endsOn: weekEndsOn('2027-03-01', week),
        });
        expect([label, cal.programWeeks]).toEqual([label, cohortWeeks + totalExtensionWeeks(grants)]);
        expect([label, cal.keyDates.scopeDue]).toEqual([label, dates(scopeDueWeek(cohortWeeks, grants)).endsOn]);
        expect([label, cal.keyDates.midpointWindow]).toEqual([label, dates(internMidpointWeek(cohortWeeks, grants))]);
        expect([label, cal.keyDates.presentationsWeek]).toEqual([
          label,
          dates(internPresentationsWeek(cohortWeeks, grants)),
        ]);
        expect([label, cal.keyDates.programEnd]).toEqual([label, weekEndsOn('2027-03-01', cal.programWeeks)]);
        // Each cohort week is the intern's week internWeekOf gives, and the extension weeks fill the gaps.
        const cohortWeeksOfIntern = cal.weeks.filter((w) => !w.extension).map((w) => w.week);
        const mapped = Array.from({ length: cohortWeeks }, (_, i) => internWeekOf(i + 1, cohortWeeks, grants));
        expect([label, cohortWeeksOfIntern]).toEqual([label, mapped]);
        // The grants as published (placed) shift every week the same way, placed again or not.
        const published = placed(cohortWeeks, grants);
        const shifted = Array.from({ length: cohortWeeks }, (_, i) => shiftWeek(i + 1, published));
        expect([label, shifted]).toEqual([label, mapped]);
        expect([label, placed(cohortWeeks, published)]).toEqual([label, published]);
        expect(cal.weeks.filter((w) => w.extension).every((w) => w.phase === CohortPhase.BUILD)).toBe(true);
      }
    },
  );
});
