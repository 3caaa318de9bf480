import { describe, expect, it } from '@jest/globals';
import { containsPersonalText, personalNeedles, redactPersonalJson, redactPersonalText } from './personal-text.js';

const erased = { name: 'Erased intern', email: 'erased-i-1@erased.invalid' };

describe('personal text', () => {
  it('collects a person’s names and addresses, longest first, without blanks, repeats or one letter', () => {
    expect(
      personalNeedles(
        ['Ada', 'Ada Lovelace', ' ada ', '', null, 'X', 'Erased intern'],
        ['ADA@example.org', undefined],
        erased,
      ),
    ).toEqual([
      { find: 'ADA@example.org', replace: erased.email, match: 'anywhere' },
      { find: 'Ada Lovelace', replace: 'Erased intern', match: 'word' },
      { find: 'Ada', replace: 'Erased intern', match: 'word' },
    ]);
  });

  it('replaces whole names in any case, never inside another word, and addresses anywhere', () => {
    const needles = personalNeedles(['Ada Lovelace', 'Al'], ['ada.lovelace@example.org'], erased);
    expect(
      redactPersonalText(
        "Ada Lovelace's report: also Al (ada lovelace) wrote to Ada.Lovelace@example.org. Alma stays.",
        needles,
      ),
    ).toBe(
      "Erased intern's report: also Erased intern (Erased intern) wrote to erased-i-1@erased.invalid. Alma stays.",
    );
    expect(redactPersonalText('Nothing to see', needles)).toBe('Nothing to see');
    expect(containsPersonalText('Missed check-in with Ada Lovelace', needles)).toBe(true);
    expect(containsPersonalText('Also Alma', needles)).toBe(false);
    expect(containsPersonalText(null, needles)).toBe(false);
  });

  it('treats names with regular-expression characters as text', () => {
    const needles = personalNeedles(['J. (Jo) Smith+'], [], erased);
    expect(redactPersonalText('Meet J. (Jo) Smith+ today; J. Jo Smith is someone else', needles)).toBe(
      'Meet Erased intern today; J. Jo Smith is someone else',
    );
  });

  it('keeps a stored JSON answer valid, names with quotes included', () => {
    const needles = personalNeedles(['Ada "The Countess" King'], ['ada@example.org'], erased);
    const json = JSON.stringify({ data: { intern: { name: 'Ada "The Countess" King', email: 'ada@example.org' } } });
    expect(JSON.parse(redactPersonalJson(json, needles))).toEqual({
      data: { intern: { name: 'Erased intern', email: 'erased-i-1@erased.invalid' } },
    });
  });
});
