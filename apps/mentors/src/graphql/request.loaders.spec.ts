import { describe, expect, it } from '@jest/globals';
import { groupByKeys, requestLoader } from './request.loaders.js';

describe('request loaders', () => {
  it('batches loads in one request and shares the loader across resolvers of that request only', async () => {
    const batches: (readonly string[])[] = [];
    const batch = async (keys: readonly string[]) => {
      batches.push(keys);
      return keys.map((k) => k.toUpperCase());
    };
    const request1 = {};
    const request2 = {};
    const [a, b] = await Promise.all([
      requestLoader(request1, 'x', batch).load('a'),
      requestLoader(request1, 'x', batch).load('b'),
    ]);
    expect([a, b]).toEqual(['A', 'B']);
    expect(batches).toEqual([['a', 'b']]);
    expect(requestLoader(request1, 'x', batch)).toBe(requestLoader(request1, 'x', batch));
    expect(requestLoader(request1, 'x', batch)).not.toBe(requestLoader(request2, 'x', batch));
    expect(requestLoader(request1, 'x', batch)).not.toBe(requestLoader(request1, 'y', batch));
    await requestLoader(request1, 'x', batch).load('a');
    expect(batches).toHaveLength(1); // cached for the request
  });

  it('groups rows by key in key order, with empty groups for keys without rows', () => {
    const rows = [
      { k: 'b', v: 1 },
      { k: 'a', v: 2 },
      { k: 'b', v: 3 },
    ];
    expect(groupByKeys(['a', 'b', 'c'], rows, (r) => r.k)).toEqual([
      [{ k: 'a', v: 2 }],
      [
        { k: 'b', v: 1 },
        { k: 'b', v: 3 },
      ],
      [],
    ]);
  });
});
