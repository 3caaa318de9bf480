import { describe, expect, it } from '@jest/globals';
import { expectLabelled } from './expect-labelled.js';

describe('expectLabelled', () => {
  it('passes where expect passes', async () => {
    expectLabelled(2, 'two').toBe(2);
    expectLabelled(2, 'two').not.toBe(3);
    await expectLabelled(Promise.resolve(5), 'five').resolves.toBeGreaterThan(4);
  });

  it('names the label in the failure of a matcher, a negated one and a promised one', async () => {
    expect(() => expectLabelled(2, 'ada@example').toBe(3)).toThrow(/^ada@example\n\n[\s\S]*Expected: 3/);
    expect(() => expectLabelled([1], 'the list').not.toContain(1)).toThrow(/^the list\n/);
    await expect(expectLabelled(Promise.resolve(1), 'late').resolves.toBe(2)).rejects.toThrow(/^late\n/);
  });
});
