import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { inject } from './support/system.js';
import { signIn } from './support/client.js';
import { aCohort, aMentor } from './support/factories.js';

// GraphQL over HTTP at the gateway: methods, media types and status codes, the limits (depth,
// cost, page size, body size) and idempotent mutations, each refusal a clear GraphQL error.

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

async function send(
  init: { method?: string; body?: string; query?: Record<string, string>; headers?: Record<string, string> },
  token?: string,
): Promise<Reply> {
  const url = new URL(inject('gatewayUrl'));
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method: init.method ?? 'POST',
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...init.headers,
    },
    body: init.body,
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body };
}

const post = (
  query: string,
  variables: Record<string, unknown> | undefined,
  token: string | undefined,
  headers: Record<string, string> = {},
) => send({ body: JSON.stringify({ query, variables }), headers }, token);

let pm: string;
let intern: string;

beforeAll(async () => {
  pm = await signIn('pm-http-e2e', 'PROGRAM_MANAGER');
  intern = await signIn('intern-http-e2e', 'INTERN');
});

describe('GraphQL over HTTP', () => {
  it('runs a query sent with GET', async () => {
    const r = await send({ method: 'GET', query: { query: '{ cohorts(first: 1) { totalCount } }' } }, pm);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(typeof r.body.data.cohorts.totalCount).toBe('number');
  });

  it('answers with application/graphql-response+json when the client accepts it, application/json otherwise', async () => {
    const q = '{ cohorts(first: 1) { totalCount } }';
    const gqlJson = await post(q, undefined, pm, { accept: `${GRAPHQL_RESPONSE}, application/json;q=0.9` });
    expect(gqlJson.status).toBe(200);
    expect(gqlJson.headers.get('content-type')).toBe(`${GRAPHQL_RESPONSE}; charset=utf-8`);
    const json = await post(q, undefined, pm, { accept: 'application/json' });
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const any = await post(q, undefined, pm, { accept: '*/*' });
    expect(any.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('refuses a mutation sent with GET with 405 and Allow, and other methods too', async () => {
    const r = await send(
      {
        method: 'GET',
        query: { query: 'mutation { cancelCohort(input: { cohortId: "x" }) { id } }' },
        headers: { accept: GRAPHQL_RESPONSE },
      },
      pm,
    );
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toContain('POST');
    expect(r.body.errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
    expect(r.body).not.toHaveProperty('data');

    const put = await send({ method: 'PUT', body: JSON.stringify({ query: '{ __typename }' }) }, pm);
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
  });

  it('answers parse and validation errors with 400 (graphql-response+json) or 200 (application/json), without data', async () => {
    for (const [query, code] of [
      ['{ cohorts(first: ', 'GRAPHQL_PARSE_FAILED'],
      ['{ nope }', 'GRAPHQL_VALIDATION_FAILED'],
    ]) {
      const strict = await post(query!, undefined, pm, { accept: GRAPHQL_RESPONSE });
      expect(strict.status).toBe(400);
      expect(strict.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
      expect(strict.body).not.toHaveProperty('data');
      expect(strict.body.errors[0].extensions.code).toBe(code);

      const legacy = await post(query!, undefined, pm);
      expect(legacy.status).toBe(200);
      expect(legacy.body).not.toHaveProperty('data');
      expect(legacy.body.errors[0].extensions.code).toBe(code);
    }
  });

  it('answers execution errors with 200 and data, 401 without a token, 400 for a body that is not JSON', async () => {
    const forbidden = await post(
      `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`,
      { input: aCohort() },
      intern,
      { accept: GRAPHQL_RESPONSE },
    );
    expect(forbidden.status).toBe(200);
    expect(forbidden.body).toHaveProperty('data');
    expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');

    const anonymous = await post('{ cohorts(first: 1) { totalCount } }', undefined, undefined, {
      accept: GRAPHQL_RESPONSE,
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const broken = await send({ body: '{"query": ', headers: { accept: GRAPHQL_RESPONSE } }, pm);
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('limits', () => {
  it('refuses a 20-deep query with QUERY_TOO_DEEP before it reaches any service', async () => {
    // cohort > enrollments > edges > node > cohort > … : 4 levels a turn, 20 in all.
    let selection = 'cohort { enrollments(first: 1) { edges { cursor } } }';
    for (let turn = 0; turn < 3; turn++)
      selection = `cohort { enrollments(first: 1) { edges { node { ${selection} } } } }`;
    const query = `{ cohort(id: "c-1") { enrollments(first: 1) { edges { node { ${selection} } } } } }`;
    const r = await post(query, undefined, pm, { accept: GRAPHQL_RESPONSE });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      {
        message: 'The query is 20 levels deep; the limit is 12',
        extensions: { code: 'QUERY_TOO_DEEP', depth: 20, maxDepth: 12 },
      },
    ]);
  });

  it('refuses a page of 10,000 with BAD_USER_INPUT naming `first`', async () => {
    const r = await post('{ cohorts(first: 10000) { totalCount } }', undefined, pm);
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'first', message: 'must be between 1 and 100 (at cohorts)' }],
    });
    expect(r.body.errors[0].message).toMatch(/^first: must be between 1 and 100/);

    const nested = await post('query ($n: Int) { mentors(first: $n) { totalCount } }', { n: 10_000 }, pm);
    expect(nested.body.errors[0].extensions.fields[0].field).toBe('first');
  });

  it('refuses a query that may return too many objects with QUERY_TOO_COMPLEX', async () => {
    const query = `{ cohorts(first: 100) { edges { node { enrollments(first: 100) { edges { node { intern { mentors { id } } } } } } } } }`;
    const r = await post(query, undefined, pm, { accept: GRAPHQL_RESPONSE });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 20_000 });
    expect(r.body.errors[0].extensions.cost).toBeGreaterThan(20_000);
  });

  it('refuses a 2 MB body with 413 and a GraphQL error, not a dropped connection', async () => {
    const padding = 'x'.repeat(2 * 1024 * 1024);
    const r = await send({ body: JSON.stringify({ query: `{ cohorts(first: 1) { totalCount } } # ${padding}` }) }, pm);
    expect(r.status).toBe(413);
    expect(r.body.errors).toEqual([
      {
        message: 'The request body is larger than the limit of 1048576 bytes',
        extensions: { code: 'PAYLOAD_TOO_LARGE' },
      },
    ]);
  });
});

describe('idempotent mutations', () => {
  const REGISTER = `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id name registeredAt } }`;

  it('returns the first result to a retry with the same Idempotency-Key, acting once', async () => {
    const mentor = aMentor();
    const key = randomUUID();
    const first = await post(REGISTER, { input: mentor }, pm, { 'idempotency-key': key });
    expect(first.body.errors).toBeUndefined();
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const retry = await post(REGISTER, { input: mentor }, pm, { 'idempotency-key': key });
    expect(retry.status).toBe(first.status);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);

    // Without the key the same registration is a second act: the service refuses the duplicate.
    const again = await post(REGISTER, { input: mentor }, pm);
    expect(again.body.errors[0].extensions.code).toBe('CONFLICT');
  });

  it('acts once when two retries with the same key arrive together', async () => {
    const mentor = aMentor();
    const key = randomUUID();
    const replies = await Promise.all(
      [1, 2, 3].map(() => post(REGISTER, { input: mentor }, pm, { 'idempotency-key': key })),
    );
    for (const r of replies) {
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.registerMentor.id).toBe(mentor.mentorId);
    }
    expect(new Set(replies.map((r) => r.body.data.registerMentor.registeredAt)).size).toBe(1);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
  });

  it('refuses the same key with a different request (422), and scopes keys to the user', async () => {
    const key = randomUUID();
    const first = await post(REGISTER, { input: aMentor() }, pm, { 'idempotency-key': key });
    expect(first.body.errors).toBeUndefined();
    const reused = await post(REGISTER, { input: aMentor() }, pm, { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.errors[0].extensions).toEqual({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });

    const otherPm = await signIn('pm-http-e2e-2', 'PROGRAM_MANAGER');
    const mine = await post(
      `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`,
      { input: aCohort() },
      otherPm,
      { 'idempotency-key': key },
    );
    expect(mine.body.errors).toBeUndefined();
    expect(mine.headers.get('idempotent-replayed')).toBeNull();
  });
});
