import { beforeAll, describe, expect, it } from '@jest/globals';
import { signIn } from '../e2e/support/client.js';
import { bearer, codesOf, raw } from './support/http.js';

// One request that stalled the gateway: thousands of aliases (or root fields) blocked the event
// loop for seconds to minutes in validation and query planning, where the execution time limit
// cannot fire. Now each is refused before it is validated (MAX_QUERY_TOKENS before parsing,
// MAX_QUERY_FIELDS and MAX_ROOT_FIELDS before validation), with a small answer, and the gateway
// answers the next request.

let pm: string;

beforeAll(async () => {
  pm = await signIn('pm-security-stall', 'PROGRAM_MANAGER');
});

const post = (query: string) => raw('POST', '/graphql', { body: { query }, headers: bearer(pm) });

async function expectSmallRefusal(query: string, extensions: Record<string, unknown>): Promise<void> {
  const res = await post(query);
  expect(res.status).toBeLessThan(500);
  expect(codesOf(res.body)).toEqual(['QUERY_TOO_COMPLEX']);
  expect(res.body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', ...extensions });
  expect(res.body.data ?? null).toBeNull();
  expect(res.text.length).toBeLessThan(1_000);
  expect((await raw('GET', '/health/live')).status).toBe(200);
  expect((await post('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
}

describe('one request that stalls the gateway', () => {
  it('10,000 copies of one field under one alias (140 KB) → QUERY_TOO_COMPLEX (more than MAX_QUERY_TOKENS), the gateway answering after', async () => {
    await expectSmallRefusal(`{ ${'a: __typename '.repeat(10_000)} }`, { maxTokens: 20_000 });
  });

  it('50,000 of them (700 KB) → the same', async () => {
    await expectSmallRefusal(`{ ${'a: __typename '.repeat(50_000)} }`, { maxTokens: 20_000 });
  });

  it('2,000 of them (28 KB, under the token limit) → QUERY_TOO_COMPLEX naming MAX_QUERY_FIELDS', async () => {
    await expectSmallRefusal(`{ ${'a: __typename '.repeat(2_000)} }`, { fields: 2_000, maxFields: 1_000 });
  });

  it('600 aliased root fields (24 KB) → QUERY_TOO_COMPLEX, none run', async () => {
    const aliases = Array.from({ length: 600 }, (_, i) => `a${i}: cohorts(first: 100) { totalCount }`);
    await expectSmallRefusal(`{ ${aliases.join(' ')} }`, { fields: 1_200, maxFields: 1_000 });
  });

  it('60 aliased root fields → QUERY_TOO_COMPLEX naming MAX_ROOT_FIELDS', async () => {
    const aliases = Array.from({ length: 60 }, (_, i) => `a${i}: cohorts(first: 100) { totalCount }`);
    await expectSmallRefusal(`{ ${aliases.join(' ')} }`, { rootFields: 60, maxRootFields: 50 });
  });
});
