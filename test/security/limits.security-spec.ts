import { beforeAll, describe, expect, it } from '@jest/globals';
import { signIn } from '../e2e/support/client.js';
import { bearer, codesOf, raw, readiness } from './support/http.js';

// One request that would take the gateway down, or do far more than one request's worth (issue
// 11, item 2, and the limits beside it): each is refused before it runs, with a small answer,
// and the gateway answers the next request at once.

let pm: string;
let intern: string;

beforeAll(async () => {
  pm = await signIn('pm-security-limits', 'PROGRAM_MANAGER');
  intern = await signIn('intern-security-limits', 'INTERN');
});

const post = (query: string, token = pm, variables?: Record<string, unknown>) =>
  raw('POST', '/graphql', { body: { query, variables }, headers: bearer(token) });

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

async function expectGatewayHealthy(): Promise<void> {
  const { result, ms } = await timed(() => post('{ __typename }'));
  expect(result.body).toEqual({ data: { __typename: 'Query' } });
  expect(ms).toBeLessThan(1_000);
  expect(Object.values(await readiness()).every((s) => s === 200)).toBe(true);
}

describe('introspection', () => {
  it('300 aliased __schema { types { fields { args { name } } } } → QUERY_TOO_COMPLEX, a small answer, the gateway healthy after', async () => {
    const aliases = Array.from({ length: 300 }, (_, i) => `s${i}: __schema { types { fields { args { name } } } }`);
    const query = `{ ${aliases.join(' ')} }`;
    expect(query.length).toBeGreaterThan(15_000);
    for (const token of [pm, intern]) {
      const { result, ms } = await timed(() => post(query, token));
      expect(codesOf(result.body)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(result.body.data ?? null).toBeNull();
      expect(result.text.length).toBeLessThan(2_000);
      expect(ms).toBeLessThan(2_000);
    }
    await expectGatewayHealthy();
  });

  it('the same through fragments, and two __type → QUERY_TOO_COMPLEX', async () => {
    const viaFragments = `{ ...A ...B } fragment A on Query { a: __schema { types { name } } }
      fragment B on Query { b: __schema { types { name } } }`;
    expect(codesOf((await post(viaFragments)).body)).toEqual(['QUERY_TOO_COMPLEX']);
    const twoTypes = '{ a: __type(name: "Cohort") { name } b: __type(name: "Mentor") { name } }';
    expect(codesOf((await post(twoTypes)).body)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('one whole-schema introspection deeper than the depth limit → QUERY_TOO_DEEP', async () => {
    const deep =
      '{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } } } }';
    expect(codesOf((await post(deep)).body)).toEqual(['QUERY_TOO_DEEP']);
  });
});

describe('depth, cost and page sizes', () => {
  it('a query 13 levels deep → QUERY_TOO_DEEP', async () => {
    const deep = `{ cohorts(first: 1) { edges { node { enrollments(first: 1) { edges { node { intern {
      enrollments { cohort { enrollments(first: 1) { edges { node { id } } } } } } } } } } } } }`;
    const res = await post(deep);
    expect(codesOf(res.body)).toEqual(['QUERY_TOO_DEEP']);
    expect(res.body.data ?? null).toBeNull();
  });

  it('nested pages of 100 → QUERY_TOO_COMPLEX naming the cost', async () => {
    const wide = `{ cohorts(first: 100) { edges { node { enrollments(first: 100) { edges { node { intern {
      enrollments { cohort { enrollments(first: 100) { totalCount } } } } } } } } } } }`;
    const res = await post(wide);
    expect(codesOf(res.body)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.body.errors[0].extensions.cost).toBeGreaterThan(res.body.errors[0].extensions.maxCost);
  });

  it('a page of 1,000 (or -1) → BAD_USER_INPUT naming first', async () => {
    for (const first of [1000, -1, 0]) {
      const res = await post('query ($first: Int) { cohorts(first: $first) { totalCount } }', pm, { first });
      expect(codesOf(res.body)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors[0].extensions.fields[0].field).toBe('first');
    }
  });

  it('a fragment fan-out (40 fragments each spreading the next twice: 2^40 if expanded) answers at once', async () => {
    const fragments = ['fragment F0 on Query { __typename }'];
    for (let i = 1; i <= 40; i++) fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
    const { result, ms } = await timed(() => post(`{ ...F40 } ${fragments.join(' ')}`));
    expect(result.status).toBeLessThan(500);
    expect(ms).toBeLessThan(2_000);
    await expectGatewayHealthy();
  });

  it('a fragment that spreads itself → GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await post('{ ...A } fragment A on Query { __typename ...A }');
    expect(codesOf(res.body)).toContain('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('mutations', () => {
  it('a mutation with more root fields than the rate-limit burst (301) → 429 RATE_LIMITED, none of them run', async () => {
    const count = async () =>
      (await post('{ cohorts(first: 1) { totalCount } }')).body.data.cohorts.totalCount as number;
    const before = await count();
    const fields = Array.from(
      { length: 301 },
      (_, i) => `c${i}: scheduleCohort(input: { name: "Burst ${i}", startDate: "2031-06-02", timezone: "Europe/Berlin",
        location: "Berlin", workMode: HYBRID, capacity: 5 }) { id }`,
    );
    const burst = await signIn('pm-security-burst', 'PROGRAM_MANAGER');
    const res = await post(`mutation { ${fields.join(' ')} }`, burst);
    expect(res.status).toBe(429);
    expect(codesOf(res.body)).toEqual(['RATE_LIMITED']);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await count()).toBe(before);
  });

  it('the same mutation through /graphq%6C is charged the same (no way around the gate by spelling)', async () => {
    const fields = Array.from(
      { length: 301 },
      (_, i) => `m${i}: markNotificationsRead(input: { all: true }) { __typename }`,
    );
    const burst = await signIn('pm-security-burst-encoded', 'PROGRAM_MANAGER');
    const res = await raw('POST', '/graphq%6C', {
      body: { query: `mutation { ${fields.join(' ')} }` },
      headers: bearer(burst),
    });
    expect(res.status).toBe(429);
    expect(codesOf(res.body)).toEqual(['RATE_LIMITED']);
  });

  it('a mutation deeper than the limit → QUERY_TOO_DEEP, not run', async () => {
    // scheduleCohort › enrollments › edges › node › intern › enrollments › cohort › … : 14 levels.
    const nest = (fields: string[], leaf: string): string =>
      fields.reduceRight((inner, field) => `${field} { ${inner} }`, leaf);
    const path = ['enrollments(first: 1)', 'edges', 'node', 'intern', 'enrollments', 'cohort'];
    const deep = `mutation { markNotificationsRead(input: { all: true }) { __typename } ${nest(
      [
        'scheduleCohort(input: { name: "Deep", startDate: "2031-06-02", timezone: "Europe/Berlin", location: "Berlin", workMode: HYBRID, capacity: 5 })',
        ...path,
        ...path,
      ],
      'id',
    )} }`;
    const res = await post(deep);
    expect(codesOf(res.body)).toEqual(['QUERY_TOO_DEEP']);
    expect(res.body.data ?? null).toBeNull();
  });

  it('an Idempotency-Key that is not 1 to 255 visible ASCII characters → 400', async () => {
    const res = await raw('POST', '/graphql', {
      body: { query: 'mutation { markNotificationsRead(input: { all: true }) { __typename } }' },
      headers: { ...bearer(pm), 'idempotency-key': 'x'.repeat(300) },
    });
    expect(res.status).toBe(400);
    expect(codesOf(res.body)).toEqual(['BAD_REQUEST']);
  });
});
