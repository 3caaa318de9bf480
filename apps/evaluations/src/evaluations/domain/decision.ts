import { Violations } from '#ddd';
import { MAX_EXTENSION_WEEKS } from '#calendar';
import type { EvaluationCycle } from './evaluation-window.js';

export const MIDPOINT_DECISIONS = ['CONTINUE', 'EXTEND', 'TERMINATE'] as const;
export const FINAL_DECISIONS = ['PASS', 'FAIL'] as const;
export const EVALUATION_DECISIONS = [...MIDPOINT_DECISIONS, ...FINAL_DECISIONS] as const;
export const RETURN_OFFERS = ['STRONG_YES', 'YES', 'NO'] as const;

export type MidpointDecision = (typeof MIDPOINT_DECISIONS)[number];
export type FinalDecision = (typeof FINAL_DECISIONS)[number];
export type EvaluationDecision = (typeof EVALUATION_DECISIONS)[number];
export type ReturnOffer = (typeof RETURN_OFFERS)[number];

export interface DecisionInput {
  cycle: EvaluationCycle;
  decision: string | null | undefined;
  extensionWeeks?: number | null;
  returnOffer?: string | null;
}

/** A decision as it is recorded: extension weeks only with EXTEND, a return offer only at FINAL. */
export interface Decision {
  decision: EvaluationDecision;
  extensionWeeks: number | null;
  returnOffer: ReturnOffer | null;
}

const isIn = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

export const isMidpointDecision = (value: unknown): value is MidpointDecision => isIn(MIDPOINT_DECISIONS, value);
export const isFinalDecision = (value: unknown): value is FinalDecision => isIn(FINAL_DECISIONS, value);

/**
 * Checks a mentor's decision against the cycle (SPEC §5): at the MIDPOINT `CONTINUE`, `EXTEND`
 * (with 1–5 extension weeks, at most 5 in total with the extensions the intern already has) or
 * `TERMINATE`, and no return offer; at the FINAL `PASS` or `FAIL` with a return-offer
 * recommendation (`STRONG_YES`, `YES`, `NO`; a FAIL can only recommend `NO`). Violations are
 * added to `v` under the fields `decision`, `extensionWeeks` and `returnOffer`.
 */
export function validateDecision(
  input: DecisionInput,
  alreadyExtendedWeeks: number,
  v: Violations,
): Decision | undefined {
  const { cycle, decision } = input;
  const allowed = cycle === 'MIDPOINT' ? MIDPOINT_DECISIONS : FINAL_DECISIONS;
  const extensionWeeks = input.extensionWeeks ?? null;
  const returnOffer = input.returnOffer ?? null;
  let ok = true;
  const add = (field: string, message: string): void => {
    ok = false;
    v.add(field, message);
  };

  if (!isIn(allowed, decision)) {
    add('decision', `must be ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')} at the ${cycle} evaluation`);
  }
  if (decision === 'EXTEND' && cycle === 'MIDPOINT') {
    if (extensionWeeks === null) {
      add('extensionWeeks', `is required with EXTEND: 1 to ${MAX_EXTENSION_WEEKS} weeks`);
    } else if (!Number.isInteger(extensionWeeks) || extensionWeeks < 1 || extensionWeeks > MAX_EXTENSION_WEEKS) {
      add('extensionWeeks', `must be a whole number from 1 to ${MAX_EXTENSION_WEEKS}`);
    } else if (alreadyExtendedWeeks + extensionWeeks > MAX_EXTENSION_WEEKS) {
      add(
        'extensionWeeks',
        `would extend the internship by ${alreadyExtendedWeeks + extensionWeeks} weeks in total; at most ${MAX_EXTENSION_WEEKS} (already extended by ${alreadyExtendedWeeks})`,
      );
    }
  } else if (extensionWeeks !== null) {
    add('extensionWeeks', 'is only given with the MIDPOINT decision EXTEND');
  }
  if (cycle === 'FINAL') {
    if (returnOffer === null) add('returnOffer', `is required at the FINAL evaluation: ${RETURN_OFFERS.join(', ')}`);
    else if (!isIn(RETURN_OFFERS, returnOffer)) add('returnOffer', `must be one of ${RETURN_OFFERS.join(', ')}`);
    else if (decision === 'FAIL' && returnOffer !== 'NO') add('returnOffer', 'must be NO when the decision is FAIL');
  } else if (returnOffer !== null) {
    add('returnOffer', 'is only given at the FINAL evaluation');
  }
  if (!ok) return undefined;
  return {
    decision: decision as EvaluationDecision,
    extensionWeeks: decision === 'EXTEND' ? extensionWeeks : null,
    returnOffer: cycle === 'FINAL' ? (returnOffer as ReturnOffer) : null,
  };
}

/** The program NPS question is asked at the end only: 0–10 at FINAL, nothing at MIDPOINT. */
export function validateProgramNps(
  cycle: EvaluationCycle,
  programNps: number | null | undefined,
  v: Violations,
): number | null {
  const nps = programNps ?? null;
  if (cycle === 'MIDPOINT') {
    if (nps !== null) v.add('programNps', 'is only asked at the FINAL self-evaluation');
    return null;
  }
  if (nps === null) {
    v.add(
      'programNps',
      'is required at the FINAL self-evaluation: how likely, from 0 to 10, would you recommend the program?',
    );
    return null;
  }
  if (!Number.isInteger(nps) || nps < 0 || nps > 10) {
    v.add('programNps', 'must be a whole number from 0 to 10');
    return null;
  }
  return nps;
}
