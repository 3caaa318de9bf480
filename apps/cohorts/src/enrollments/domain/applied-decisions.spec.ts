import { describe, expect, it } from '@jest/globals';
import { isStale, midpointSteps, revisionOf } from './applied-decisions.js';

const applied = (decision: string, revision = 1, extensionWeeks: number | null = null) => ({
  evaluationId: 'ev-1',
  revision,
  decision,
  extensionWeeks,
});

describe('evaluation decisions by revision', () => {
  it('reads an absent revision as 1', () => {
    expect(revisionOf({})).toBe(1);
    expect(revisionOf({ revision: 3 })).toBe(3);
  });

  it('ignores a revision at or below the applied one of the same evaluation, never a first or another evaluation', () => {
    expect(isStale(null, { evaluationId: 'ev-1' })).toBe(false);
    expect(isStale(applied('EXTEND', 2), { evaluationId: 'ev-1', revision: 2 })).toBe(true);
    expect(isStale(applied('EXTEND', 2), { evaluationId: 'ev-1', revision: 1 })).toBe(true);
    expect(isStale(applied('EXTEND', 1), { evaluationId: 'ev-1' })).toBe(true);
    expect(isStale(applied('EXTEND', 2), { evaluationId: 'ev-1', revision: 3 })).toBe(false);
    expect(isStale(applied('EXTEND', 2), { evaluationId: 'ev-2', revision: 1 })).toBe(false);
  });

  it('plans what a midpoint decision does over the applied one', () => {
    const revoke2 = { kind: 'REVOKE', evaluationId: 'ev-1', weeks: 2 };
    expect(midpointSteps(null, { decision: 'CONTINUE', extensionWeeks: null })).toEqual([]);
    expect(midpointSteps(null, { decision: 'EXTEND', extensionWeeks: 2 })).toEqual([{ kind: 'EXTEND', weeks: 2 }]);
    expect(midpointSteps(null, { decision: 'TERMINATE', extensionWeeks: null })).toEqual([{ kind: 'TERMINATE' }]);
    // EXTEND → CONTINUE revokes; EXTEND n → EXTEND m revokes then extends; → TERMINATE revokes then terminates.
    expect(midpointSteps(applied('EXTEND', 1, 2), { decision: 'CONTINUE', extensionWeeks: null })).toEqual([revoke2]);
    expect(midpointSteps(applied('EXTEND', 1, 2), { decision: 'EXTEND', extensionWeeks: 3 })).toEqual([
      revoke2,
      { kind: 'EXTEND', weeks: 3 },
    ]);
    expect(midpointSteps(applied('EXTEND', 1, 2), { decision: 'TERMINATE', extensionWeeks: null })).toEqual([
      revoke2,
      { kind: 'TERMINATE' },
    ]);
    // The same EXTEND again, CONTINUE again: nothing. CONTINUE → EXTEND extends.
    expect(midpointSteps(applied('EXTEND', 1, 2), { decision: 'EXTEND', extensionWeeks: 2 })).toEqual([]);
    expect(midpointSteps(applied('CONTINUE'), { decision: 'CONTINUE', extensionWeeks: null })).toEqual([]);
    expect(midpointSteps(applied('CONTINUE'), { decision: 'EXTEND', extensionWeeks: 1 })).toEqual([
      { kind: 'EXTEND', weeks: 1 },
    ]);
  });
});
