import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from '@jest/globals';
import { countIntrospection } from './introspection.js';
import { analyzeCost, documentDepth, rootFieldCount } from './query-limits.js';

// A few hundred bytes that name 2^levels fields: each fragment spreads the next one twice. The
// limits run before (depth, introspection, a mutation's root fields) or instead of (cost) any
// execution, so they must measure such a document in time linear in its text, not in 2^levels.

const schema = buildSchema(`
  type Cohort { id: ID! peers: [Cohort!]! }
  type Query { cohort: Cohort }
  type Mutation { touch: Boolean }
`);

function fanOut(levels: number, leaf: string): string {
  const fragments = Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on Cohort { a${i}: peers { ...F${i + 1} } b${i}: peers { ...F${i + 1} } }`,
  );
  return `{ cohort { ...F0 } } ${fragments.join(' ')} fragment F${levels} on Cohort { ${leaf} }`;
}

const options = { defaultPageSize: 20, defaultListSize: 10, maxPageSize: 100 };

describe('fragment fan-out', () => {
  it('costs the same as the document written out, fragments costed once', () => {
    // cohort 1; per level two `peers` lists of 10 items each, under the items of the level above.
    const small = parse(fanOut(2, 'id'));
    expect(analyzeCost(schema, small, {}, options).cost).toBe(1 + 2 * 10 + 10 * 2 * 2 * 10);
    expect(documentDepth(small)).toBe(4);
  });

  it('measures 2^30 fields in milliseconds: depth, cost, introspection count', () => {
    const document = parse(fanOut(30, 'id'));
    const started = performance.now();
    expect(documentDepth(document)).toBe(32);
    expect(analyzeCost(schema, document, {}, options).cost).toBeGreaterThan(1e30);
    expect(countIntrospection(document)).toEqual({ schema: 0, type: 0 });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('counts a mutation’s 2^30 root fields in milliseconds (charged to the rate limit before validation)', () => {
    const fragments = Array.from({ length: 30 }, (_, i) => `fragment M${i} on Mutation { ...M${i + 1} ...M${i + 1} }`);
    const document = parse(`mutation { ...M0 } ${fragments.join(' ')} fragment M30 on Mutation { touch }`);
    const started = performance.now();
    expect(rootFieldCount(document, getOperationAST(document)!)).toBe(2 ** 30);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
