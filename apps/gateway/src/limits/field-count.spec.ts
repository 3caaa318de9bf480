import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '#platform';
import { gatewayConfigSchema } from '../config.js';
import {
  checkFieldCount,
  checkTokens,
  DEFAULT_MAX_QUERY_FIELDS,
  DEFAULT_MAX_QUERY_TOKENS,
  DEFAULT_MAX_ROOT_FIELDS,
} from './limits-hooks.js';
import { countFields } from './query-limits.js';
import { refusal } from './testing/refusal.js';

const count = (query: string, operationName?: string) => countFields(parse(query), operationName);

describe('countFields', () => {
  it('counts every field, alias and __typename, nested ones included', () => {
    expect(count('{ __typename }')).toEqual({ fields: 1, rootFields: 1 });
    expect(count(`{ ${'a: __typename '.repeat(500)} }`)).toEqual({ fields: 500, rootFields: 500 });
    expect(count('{ a: cohorts(first: 1) { totalCount } b: cohorts { totalCount edges { node { id } } } }')).toEqual({
      fields: 7,
      rootFields: 2,
    });
  });

  it('counts a fragment once per spread, through fragments spreading fragments', () => {
    const doc = `{ a: cohort(id: "1") { ...C } b: cohort(id: "2") { ...C } ...Q }
      fragment C on Cohort { id name ...W }
      fragment W on Cohort { weeks { week } }
      fragment Q on Query { x: __typename y: __typename }`;
    // a, b: 1 + (id, name, weeks, week) each; x, y at the root.
    expect(count(doc)).toEqual({ fields: 2 * 5 + 2, rootFields: 4 });
  });

  it('multiplies fragment fan-out without walking it (2^30 fields, counted at once)', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
    const doc = `{ ...F0 } ${levels.join(' ')} fragment F30 on Query { __typename }`;
    expect(count(doc)).toEqual({ fields: 2 ** 30, rootFields: 2 ** 30 });
  });

  it('counts inline fragments, and a fragment spreading itself only once', () => {
    expect(count('{ cohort(id: "1") { ... on Cohort { id name } ... { id } } }')).toEqual({ fields: 4, rootFields: 1 });
    expect(count('{ cohort(id: "1") { ...C } } fragment C on Cohort { id ...C }')).toEqual({
      fields: 2,
      rootFields: 1,
    });
  });

  it('counts the selected operation, and at least every field written in the document (validation reads them all)', () => {
    const doc = `query A { a b } query B { c } fragment Unused on Query { ${'x: __typename '.repeat(5)} }`;
    expect(count(doc, 'B')).toEqual({ fields: 8, rootFields: 1 });
    expect(count('query A { a b c } query B { d }', 'A')).toEqual({ fields: 4, rootFields: 3 });
  });

  it('lets the standard introspection query through (230 fields, one root field)', () => {
    const introspection = parse(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    const counted = countFields(introspection);
    expect(counted.rootFields).toBe(1);
    expect(counted.fields).toBeGreaterThan(100);
    expect(counted.fields).toBeLessThanOrEqual(DEFAULT_MAX_QUERY_FIELDS / 2);
    expect(() => checkFieldCount(introspection, { maxDepth: 12, maxCost: 20_000 })).not.toThrow();
  });
});

describe('checkFieldCount', () => {
  const limits = { maxDepth: 12, maxCost: 20_000 };

  it('refuses more fields than maxFields with QUERY_TOO_COMPLEX naming the limit', () => {
    const err = refusal(() => checkFieldCount(parse(`{ ${'a: __typename '.repeat(1_001)} }`), limits));
    expect(err.message).toBe(
      'The query selects 1001 fields (aliases, __typename and fragments included); the limit is 1000 (MAX_QUERY_FIELDS)',
    );
    expect(err.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', fields: 1_001, maxFields: 1_000 });
    expect(() =>
      checkFieldCount(parse(`{ ${'a: __typename '.repeat(1_000)} }`), { ...limits, maxRootFields: 1_000 }),
    ).not.toThrow();
  });

  it('refuses more root fields than maxRootFields, through fragments too', () => {
    const roots = Array.from({ length: 51 }, (_, i) => `c${i}: cohorts(first: 100) { totalCount }`).join(' ');
    const err = refusal(() => checkFieldCount(parse(`{ ...R } fragment R on Query { ${roots} }`), limits));
    expect(err.message).toBe('The operation has 51 root fields (aliases included); the limit is 50 (MAX_ROOT_FIELDS)');
    expect(err.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', rootFields: 51, maxRootFields: 50 });
    expect(() => checkFieldCount(parse(`{ ${roots} }`), { ...limits, maxRootFields: 51 })).not.toThrow();
  });
});

describe('checkTokens', () => {
  it('refuses a document of more tokens than maxTokens, and lets the rest (and syntax errors) through to the parser', () => {
    const limits = { maxDepth: 12, maxCost: 20_000, maxTokens: 100 };
    expect(() => checkTokens(`{ ${'a '.repeat(98)}}`, limits)).not.toThrow(); // 100 tokens
    const err = refusal(() => checkTokens(`{ ${'a '.repeat(99)}}`, limits));
    expect(err.message).toBe('The query has more than 100 tokens (MAX_QUERY_TOKENS)');
    expect(err.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', maxTokens: 100 });
    expect(() => checkTokens(`{ "unterminated ${'a '.repeat(200)}`, limits)).not.toThrow();
    expect(() =>
      checkTokens(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), {
        ...limits,
        maxTokens: DEFAULT_MAX_QUERY_TOKENS,
      }),
    ).not.toThrow();
  });
});

describe('defaults', () => {
  it('MAX_QUERY_FIELDS, MAX_ROOT_FIELDS and MAX_QUERY_TOKENS default to the limits used when unset', () => {
    const config = loadConfig(gatewayConfigSchema, { NODE_ENV: 'test' });
    expect(config.MAX_QUERY_FIELDS).toBe(DEFAULT_MAX_QUERY_FIELDS);
    expect(config.MAX_ROOT_FIELDS).toBe(DEFAULT_MAX_ROOT_FIELDS);
    expect(config.MAX_QUERY_TOKENS).toBe(DEFAULT_MAX_QUERY_TOKENS);
    expect([DEFAULT_MAX_QUERY_FIELDS, DEFAULT_MAX_ROOT_FIELDS, DEFAULT_MAX_QUERY_TOKENS]).toEqual([1_000, 50, 20_000]);
  });
});
