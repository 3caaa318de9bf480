/**
 * Success-metric targets. A target is measurable when it is a number with a comparator
 * ("≤ 0.85", ">= 2%", "< 200 ms", "RMSE ≤ 0.85"), or a plain number with a unit ("500" with unit
 * "users", "95%"): a mentor can later tell from a reported value whether it was met.
 */
export enum Comparator {
  LT = 'LT',
  LTE = 'LTE',
  GT = 'GT',
  GTE = 'GTE',
  EQ = 'EQ',
}

const SYMBOLS: Record<string, Comparator> = {
  '<=': Comparator.LTE,
  '=<': Comparator.LTE,
  '≤': Comparator.LTE,
  '⩽': Comparator.LTE,
  '>=': Comparator.GTE,
  '=>': Comparator.GTE,
  '≥': Comparator.GTE,
  '⩾': Comparator.GTE,
  '==': Comparator.EQ,
  '=': Comparator.EQ,
  '<': Comparator.LT,
  '>': Comparator.GT,
};

/** The canonical symbol of each comparator, for display. */
export const COMPARATOR_SYMBOL: Record<Comparator, string> = {
  [Comparator.LT]: '<',
  [Comparator.LTE]: '≤',
  [Comparator.GT]: '>',
  [Comparator.GTE]: '≥',
  [Comparator.EQ]: '=',
};

export interface ParsedTarget {
  /** null for a plain number ("500" users). */
  comparator: Comparator | null;
  value: number;
  /** What follows the number, e.g. "%" or "ms"; null when nothing does. */
  suffix: string | null;
}

// [label] [comparator] number [suffix]; a label is allowed only before a comparator ("RMSE ≤ 0.85").
const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d+)?|\.\d+)`;
const COMPARATOR = String.raw`<=|=<|>=|=>|==|≤|⩽|≥|⩾|<|>|=`;
const WITH_COMPARATOR = new RegExp(String.raw`^(?:[^<>=≤≥⩽⩾]*?)\s*(${COMPARATOR})\s*(${NUMBER})\s*(\S.*)?$`, 'u');
const PLAIN = new RegExp(String.raw`^(${NUMBER})\s*(\S.*)?$`, 'u');

function suffixOf(raw: string | undefined): string | null | undefined {
  if (raw === undefined) return null;
  const suffix = raw.trim();
  // A second number ("0.8 - 0.9") or comparator makes it something other than one target.
  if (/[\d<>=≤≥⩽⩾]/u.test(suffix)) return undefined;
  return suffix || null;
}

/** Parses a target, or returns null when it is not one number with an optional comparator and unit. */
export function parseTarget(text: string): ParsedTarget | null {
  const trimmed = text.trim();
  const withComparator = WITH_COMPARATOR.exec(trimmed);
  if (withComparator) {
    const suffix = suffixOf(withComparator[3]);
    const value = Number(withComparator[2]);
    if (suffix === undefined || !Number.isFinite(value)) return null;
    return { comparator: SYMBOLS[withComparator[1]!]!, value, suffix };
  }
  const plain = PLAIN.exec(trimmed);
  if (plain) {
    const suffix = suffixOf(plain[2]);
    const value = Number(plain[1]);
    if (suffix === undefined || !Number.isFinite(value)) return null;
    return { comparator: null, value, suffix };
  }
  return null;
}

/**
 * Why a target is not measurable (given its metric's unit), or null when it is. A number with a
 * comparator always is; a plain number needs a unit, in the target or in `unit`.
 */
export function targetProblem(target: string, unit: string): string | null {
  const parsed = parseTarget(target);
  if (!parsed) {
    return 'must be measurable: a number with a comparator, e.g. "≤ 0.85" or "≥ 2%", or a number with a unit';
  }
  if (parsed.comparator === null && !parsed.suffix && !unit.trim()) {
    return 'a plain number needs a comparator (e.g. "≥ 500") or a unit (e.g. unit "users")';
  }
  return null;
}

/**
 * Whether a reported value meets a target: null when the target has no comparator (a plain
 * number is a point to aim at, not a threshold).
 */
export function meetsTarget(target: ParsedTarget, value: number): boolean | null {
  switch (target.comparator) {
    case Comparator.LT:
      return value < target.value;
    case Comparator.LTE:
      return value <= target.value;
    case Comparator.GT:
      return value > target.value;
    case Comparator.GTE:
      return value >= target.value;
    case Comparator.EQ:
      return value === target.value;
    default:
      return null;
  }
}
