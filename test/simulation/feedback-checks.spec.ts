import { describe, expect, it } from '@jest/globals';
import { newDid } from '../../scripts/simulation/context.js';
import { expectedSummaries, summaryLine } from '../../scripts/simulation/verify.js';

// What the simulation expects of mentorFeedbackSummary, computed from the feedback it gave.

describe('the simulation’s expected mentor feedback summaries', () => {
  it('null below three distinct interns; else every rating of every cycle counted once, two decimals', () => {
    const did = newDid();
    const give = (internId: string, mentorId: string, cycle: string, scores: number[]) =>
      did.mentorFeedback.push({ internId, mentorId, cycle, scores });
    give('i1', 'm-a', 'MIDPOINT', [3, 4, 5]);
    give('i1', 'm-a', 'FINAL', [3, 4, 5]);
    give('i2', 'm-a', 'MIDPOINT', [5, 5, 5]);
    give('i2', 'm-a', 'FINAL', [5, 5, 5]);
    give('i3', 'm-b', 'MIDPOINT', [4, 4, 4]);
    give('i4', 'm-b', 'MIDPOINT', [3, 3, 3]);
    give('i5', 'm-b', 'MIDPOINT', [5, 4, 3]);
    give('i5', 'm-b', 'FINAL', [5, 4, 3]);
    expect([...expectedSummaries(did)]).toEqual([
      ['m-a', null],
      ['m-b', '3 interns: COMMUNICATION 4.25, AVAILABILITY 3.75, GUIDANCE 3.25; overall 3.75'],
    ]);
  });

  it('writes what the API answers the same way, whatever the order of its averages', () => {
    expect(summaryLine(null)).toBeNull();
    expect(
      summaryLine({
        interns: 4,
        averages: [
          { criterion: 'GUIDANCE', average: 3 },
          { criterion: 'COMMUNICATION', average: 4.333 },
          { criterion: 'AVAILABILITY', average: 5 },
        ],
        overall: 4.111,
      }),
    ).toBe('4 interns: COMMUNICATION 4.33, AVAILABILITY 5.00, GUIDANCE 3.00; overall 4.11');
  });
});
