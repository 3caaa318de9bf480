/**
 * Text that once named an erased person (a notification's body, a stored answer), with every
 * occurrence of their name or e-mail replaced by what they read as once erased ("Erased intern",
 * `erased-…@erased.invalid`). Pure: the same needles always give the same text.
 */

/** One thing to find in a text, and what it becomes. */
export interface PersonalNeedle {
  /** The name or e-mail address as it was recorded. */
  find: string;
  replace: string;
  /**
   * `word`: a name, found only as whole words (never inside a longer word: "Al" is not in "Also");
   * `anywhere`: an e-mail address, found wherever it occurs. Both ignore case.
   */
  match: 'word' | 'anywhere';
}

/** Fewer characters than this are never looked for: a one-letter "name" would erase every text. */
export const MIN_NEEDLE_LENGTH = 2;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The needles of one person: their names and addresses, longest first, without blanks, repeats or the replacements themselves. */
export function personalNeedles(
  names: readonly (string | null | undefined)[],
  emails: readonly (string | null | undefined)[],
  erased: { name: string; email: string },
): PersonalNeedle[] {
  const out = new Map<string, PersonalNeedle>();
  const add = (value: string | null | undefined, replace: string, match: PersonalNeedle['match']) => {
    const find = value?.trim();
    if (!find || find.length < MIN_NEEDLE_LENGTH) return;
    if (find.toLowerCase() === replace.toLowerCase()) return;
    const key = find.toLowerCase();
    if (!out.has(key)) out.set(key, { find, replace, match });
  };
  // Addresses first: an address holding the name ("ada.lovelace@…") is replaced whole.
  for (const e of emails) add(e, erased.email, 'anywhere');
  for (const n of names) add(n, erased.name, 'word');
  return [...out.values()].sort((a, b) => b.find.length - a.find.length);
}

function patternOf(needle: PersonalNeedle): RegExp {
  const body = escapeRegExp(needle.find);
  return needle.match === 'word'
    ? new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'giu')
    : new RegExp(body, 'giu');
}

/** The text with every needle replaced (longest needles first); the same text when none occurs. */
export function redactPersonalText(text: string, needles: readonly PersonalNeedle[]): string {
  let out = text;
  for (const needle of [...needles].sort((a, b) => b.find.length - a.find.length)) {
    out = out.replace(patternOf(needle), () => needle.replace);
  }
  return out;
}

/** Whether any needle occurs in the text as redactPersonalText would replace it. */
export function containsPersonalText(text: string | null | undefined, needles: readonly PersonalNeedle[]): boolean {
  return !!text && needles.some((n) => patternOf(n).test(text));
}

/**
 * A JSON document (a stored GraphQL answer) with the needles replaced inside its strings: the
 * needles are looked for as JSON writes them (quotes and backslashes escaped), so the document
 * stays valid JSON.
 */
export function redactPersonalJson(json: string, needles: readonly PersonalNeedle[]): string {
  const inJson = (s: string) => JSON.stringify(s).slice(1, -1);
  return redactPersonalText(
    json,
    needles.map((n) => ({ ...n, find: inJson(n.find), replace: inJson(n.replace) })),
  );
}
