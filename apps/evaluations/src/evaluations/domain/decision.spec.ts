import { describe, expect, it } from '@jest/globals';
import { ValidationError, Violations } from '#ddd';
import { validateDecision, validateProgramNps, type DecisionInput } from './decision.js';

function check(input: DecisionInput, alreadyExtended = 0) {
  const v = new Violations();
  const decision = validateDecision(input, alreadyExtended, v);
  try {
    v.throwIfAny();
    return { decision, fields: [] as string[] };
  } catch (e) {
    return {
      decision,
      fields: (e as ValidationError).violations.map((x) => x.field),
      messages: (e as ValidationError).violations.map((x) => x.message),
    };
  }
}

describe('midpoint and final decisions', () => {
  it('accepts CONTINUE, EXTEND with 1–5 weeks and TERMINATE at the midpoint', () => {
    expect(check({ cycle: 'MIDPOINT', decision: 'CONTINUE' }).decision).toEqual({
      decision: 'CONTINUE',
      extensionWeeks: null,
      returnOffer: null,
    });
    expect(check({ cycle: 'MIDPOINT', decision: 'EXTEND', extensionWeeks: 3 }).decision).toEqual({
      decision: 'EXTEND',
      extensionWeeks: 3,
      returnOffer: null,
    });
    expect(check({ cycle: 'MIDPOINT', decision: 'TERMINATE' }).fields).toEqual([]);
  });

  it('accepts PASS or FAIL with a return offer at the final evaluation', () => {
    expect(check({ cycle: 'FINAL', decision: 'PASS', returnOffer: 'STRONG_YES' }).decision).toEqual({
      decision: 'PASS',
      extensionWeeks: null,
      returnOffer: 'STRONG_YES',
    });
    expect(check({ cycle: 'FINAL', decision: 'FAIL', returnOffer: 'NO' }).fields).toEqual([]);
  });

  it('refuses a decision of the other cycle', () => {
    expect(check({ cycle: 'MIDPOINT', decision: 'PASS' })).toMatchObject({
      fields: ['decision'],
      messages: ['must be CONTINUE, EXTEND or TERMINATE at the MIDPOINT evaluation'],
    });
    expect(check({ cycle: 'FINAL', decision: 'EXTEND', extensionWeeks: 2, returnOffer: 'YES' }).fields).toEqual([
      'decision',
      'extensionWeeks',
    ]);
    expect(check({ cycle: 'FINAL', decision: undefined, returnOffer: 'YES' }).fields).toEqual(['decision']);
  });

  it('needs extension weeks with EXTEND only, 1–5 and at most 5 in total', () => {
    expect(check({ cycle: 'MIDPOINT', decision: 'EXTEND' }).fields).toEqual(['extensionWeeks']);
    expect(check({ cycle: 'MIDPOINT', decision: 'EXTEND', extensionWeeks: 0 }).fields).toEqual(['extensionWeeks']);
    expect(check({ cycle: 'MIDPOINT', decision: 'EXTEND', extensionWeeks: 6 }).fields).toEqual(['extensionWeeks']);
    expect(check({ cycle: 'MIDPOINT', decision: 'EXTEND', extensionWeeks: 1.5 }).fields).toEqual(['extensionWeeks']);
    expect(check({ cycle: 'MIDPOINT', decision: 'EXTEND', extensionWeeks: 3 }, 2).fields).toEqual([]);
    expect(check({ cycle: 'MIDPOINT', decision: 'EXTEND', extensionWeeks: 4 }, 2)).toMatchObject({
      fields: ['extensionWeeks'],
      messages: ['would extend the internship by 6 weeks in total; at most 5 (already extended by 2)'],
    });
    expect(check({ cycle: 'MIDPOINT', decision: 'CONTINUE', extensionWeeks: 2 }).fields).toEqual(['extensionWeeks']);
  });

  it('needs a return offer at the final evaluation only, and only NO with FAIL', () => {
    expect(check({ cycle: 'FINAL', decision: 'PASS' }).fields).toEqual(['returnOffer']);
    expect(check({ cycle: 'FINAL', decision: 'PASS', returnOffer: 'MAYBE' }).fields).toEqual(['returnOffer']);
    expect(check({ cycle: 'FINAL', decision: 'FAIL', returnOffer: 'YES' })).toMatchObject({
      fields: ['returnOffer'],
      messages: ['must be NO when the decision is FAIL'],
    });
    expect(check({ cycle: 'MIDPOINT', decision: 'CONTINUE', returnOffer: 'YES' }).fields).toEqual(['returnOffer']);
  });
});

describe('program NPS', () => {
  const nps = (cycle: 'MIDPOINT' | 'FINAL', value: number | null | undefined) => {
    const v = new Violations();
    const result = validateProgramNps(cycle, value, v);
    return { result, ok: !v.any };
  };

  it('is asked at the final self-evaluation only, as a whole number 0–10', () => {
    expect(nps('FINAL', 0)).toEqual({ result: 0, ok: true });
    expect(nps('FINAL', 10)).toEqual({ result: 10, ok: true });
    expect(nps('FINAL', 11).ok).toBe(false);
    expect(nps('FINAL', -1).ok).toBe(false);
    expect(nps('FINAL', 7.5).ok).toBe(false);
    expect(nps('FINAL', null).ok).toBe(false);
    expect(nps('MIDPOINT', null)).toEqual({ result: null, ok: true });
    expect(nps('MIDPOINT', 8).ok).toBe(false);
  });
});
