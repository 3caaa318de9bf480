import fs from 'node:fs';
import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PAGE_SIZE, loadConfig, MAX_PAGE_SIZE } from '#platform';
import { gatewayConfigSchema } from '../config.js';
import { countIntrospection, introspectionEnabled, usesIntrospection } from './introspection.js';
import { checkCost, checkDepth, checkIntrospection, DEFAULT_LIST_SIZE } from './limits-hooks.js';
import { analyzeCost, documentDepth } from './query-limits.js';
import { GatewayRequestError } from '../http/graphql-http.js';
import { refusal } from './testing/refusal.js';

const schema = buildSchema(`
  type Week { week: Int! }
  type Cohort { id: ID! name: String! weeks: [Week!]! }
  type Query { cohort(id: ID!): Cohort }
`);
const options = { defaultPageSize: 20, defaultListSize: 10, maxPageSize: 100 };
const cost = (query: string) => analyzeCost(schema, parse(query), {}, options).cost;

/** The attack of issue 11: one request, each alias a copy of every type's fields and their arguments. */
const aliasedSchemas = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `s${i}: __schema { types { fields { args { name } } } }`).join(' ')} }`;

describe('introspection in the depth and the cost', () => {
  it('counts __schema, __type and __typename in the depth like any other field', () => {
    expect(documentDepth(parse('{ __schema { types { fields { args { name } } } } }'))).toBe(5);
    expect(documentDepth(parse('{ __type(name: "Cohort") { fields { name } } }'))).toBe(3);
    expect(documentDepth(parse('{ cohort(id: "1") { __typename } }'))).toBe(2);
    expect(documentDepth(parse(aliasedSchemas(300)))).toBe(5);
  });

  it('counts the cycle __Type.fields.type.fields… level by level', () => {
    const cycle =
      '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }';
    expect(documentDepth(parse(cycle))).toBe(10);
    expect(() => checkDepth(parse(cycle), { maxDepth: 9, maxCost: 1e9 })).toThrow(GatewayRequestError);
  });

  it('does not deepen on a type reference’s ofType chain inside introspection, only there', () => {
    expect(
      documentDepth(parse('{ __type(name: "Cohort") { fields { type { ofType { ofType { ofType { name } } } } } } }')),
    ).toBe(4);
    // Outside introspection a field that happens to be called ofType is a field.
    expect(documentDepth(parse('{ cohort(id: "1") { ofType { ofType { id } } } }'))).toBe(4);
  });

  it('costs introspection lists like any list without a page size: × the default list size each', () => {
    // __schema 1 + types 10 + fields 10×10 + args 100×10
    expect(cost('{ __schema { types { fields { args { name } } } } }')).toBe(1 + 10 + 100 + 1000);
    // __type 1 + fields 10 + their type 10 (one object each) + ofType 10
    expect(cost('{ __type(name: "Cohort") { fields { type { name ofType { name } } } } }')).toBe(1 + 10 + 10 + 10);
    expect(cost('{ __typename cohort(id: "1") { __typename } }')).toBe(1);
    // Through fragments too.
    expect(cost('{ ...S } fragment S on Query { __schema { types { name } } }')).toBe(1 + 10);
  });

  it('makes the attack of issue 11 cost 300 × 1,111 and the nested cycle explode', () => {
    expect(cost(aliasedSchemas(300))).toBe(300 * 1111);
    expect(() => checkCost(schema, parse(aliasedSchemas(300)), undefined, { maxDepth: 12, maxCost: 20_000 })).toThrow(
      expect.objectContaining({ code: 'QUERY_TOO_COMPLEX' }),
    );
    expect(
      cost('{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }'),
    ).toBeGreaterThan(100_000);
  });

  it('lets the standard introspection query (GraphiQL, codegen, npm run schema:check) through the default limits', () => {
    const config = loadConfig(gatewayConfigSchema, { NODE_ENV: 'test' });
    const supergraph = buildSchema(
      fs.readFileSync(new URL('../../../../schema/supergraph.graphql', import.meta.url), 'utf8'),
    );
    const document = parse(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    const limits = { maxDepth: config.MAX_QUERY_DEPTH, maxCost: config.MAX_QUERY_COST, introspection: true };
    expect(() => checkIntrospection(document, limits)).not.toThrow();
    expect(() => checkDepth(document, limits)).not.toThrow();
    expect(() => checkCost(supergraph, document, undefined, limits)).not.toThrow();
    const { cost: counted } = analyzeCost(
      supergraph,
      document,
      {},
      {
        defaultPageSize: DEFAULT_PAGE_SIZE,
        defaultListSize: DEFAULT_LIST_SIZE,
        maxPageSize: MAX_PAGE_SIZE,
      },
    );
    expect(counted).toBeGreaterThan(10_000); // counted, not skipped
    expect(counted).toBeLessThanOrEqual(config.MAX_QUERY_COST);
  });
});

describe('countIntrospection', () => {
  it('counts every alias', () => {
    expect(countIntrospection(parse(aliasedSchemas(300)))).toEqual({ schema: 300, type: 0 });
    expect(countIntrospection(parse('{ a: __type(name: "A") { name } b: __type(name: "B") { name } }'))).toEqual({
      schema: 0,
      type: 2,
    });
  });

  it('follows fragments and inline fragments', () => {
    const doc = parse(`
      { ...A ... on Query { c: __schema { queryType { name } } } }
      fragment A on Query { a: __schema { queryType { name } } ...B }
      fragment B on Query { b: __schema { queryType { name } } t: __type(name: "Cohort") { name } }`);
    expect(countIntrospection(doc)).toEqual({ schema: 3, type: 1 });
  });

  it('counts one for the same response key, as GraphQL merges it, and allows one of each', () => {
    const doc = parse(`
      { ...F ...F __schema { queryType { name } } __type(name: "Cohort") { name } }
      fragment F on Query { __schema { types { name } } }`);
    expect(countIntrospection(doc)).toEqual({ schema: 1, type: 1 });
  });

  it('counts the operation that runs', () => {
    const doc = parse(
      'query One { __schema { queryType { name } } } query Two { a: __schema { queryType { name } } b: __schema { queryType { name } } }',
    );
    expect(countIntrospection(doc, 'One')).toEqual({ schema: 1, type: 0 });
    expect(countIntrospection(doc, 'Two')).toEqual({ schema: 2, type: 0 });
  });

  it('survives fragment cycles (the document is not validated yet)', () => {
    const doc = parse('{ ...A } fragment A on Query { __schema { queryType { name } } ...A }');
    expect(countIntrospection(doc)).toEqual({ schema: 1, type: 0 });
  });
});

describe('checkIntrospection', () => {
  const on = { maxDepth: 12, maxCost: 20_000, introspection: true };
  const off = { ...on, introspection: false };

  it('refuses the attack with QUERY_TOO_COMPLEX, naming the field and the count', () => {
    const error = refusal(() => checkIntrospection(parse(aliasedSchemas(300)), on));
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', field: '__schema', count: 300, max: 1 });
    expect(error.message).toBe('The operation selects __schema 300 times; at most 1 is allowed (aliases included)');
    const types = refusal(() =>
      checkIntrospection(
        parse('{ ...T } fragment T on Query { a: __type(name: "A") { name } b: __type(name: "B") { name } }'),
        on,
      ),
    );
    expect(types.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', field: '__type', count: 2, max: 1 });
  });

  it('lets one __schema and one __type through when introspection is on', () => {
    expect(() =>
      checkIntrospection(parse('{ __schema { queryType { name } } __type(name: "Cohort") { name } }'), on),
    ).not.toThrow();
  });

  it('refuses __schema and __type anywhere when introspection is off, GRAPHQL_VALIDATION_FAILED; __typename stays', () => {
    for (const query of [
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Cohort") { name } }',
      '{ cohort(id: "1") { ...F } } fragment F on Cohort { id } fragment G on Query { __schema { types { name } } }',
      '{ ... on Query { __type(name: "Cohort") { name } } }',
    ]) {
      const error = refusal(() => checkIntrospection(parse(query), off));
      expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(error.message).toBe('Introspection is disabled on this gateway: __schema and __type cannot be queried');
    }
    expect(() => checkIntrospection(parse('{ __typename cohort(id: "1") { __typename id } }'), off)).not.toThrow();
    expect(usesIntrospection(parse('{ __typename }'))).toBe(false);
  });
});

describe('introspectionEnabled', () => {
  it('is off unless GRAPHQL_INTROSPECTION=true, or NODE_ENV is development or test', () => {
    expect(introspectionEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(introspectionEnabled({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' })).toBe(true);
    expect(introspectionEnabled({ NODE_ENV: 'development' })).toBe(true);
    expect(introspectionEnabled({ NODE_ENV: 'test' })).toBe(true);
    expect(introspectionEnabled({ NODE_ENV: 'development', GRAPHQL_INTROSPECTION: 'false' })).toBe(false);
  });

  it('reads the gateway configuration: off in production by default, and only true/false accepted', () => {
    const production = { NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(48) };
    expect(introspectionEnabled(loadConfig(gatewayConfigSchema, production))).toBe(false);
    expect(
      introspectionEnabled(loadConfig(gatewayConfigSchema, { ...production, GRAPHQL_INTROSPECTION: 'true' })),
    ).toBe(true);
    expect(introspectionEnabled(loadConfig(gatewayConfigSchema, {}))).toBe(
      loadConfig(gatewayConfigSchema, {}).NODE_ENV !== 'production',
    );
    expect(() => loadConfig(gatewayConfigSchema, { GRAPHQL_INTROSPECTION: 'yes' })).toThrow(/GRAPHQL_INTROSPECTION/);
  });
});
