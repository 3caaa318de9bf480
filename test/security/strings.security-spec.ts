import { beforeAll, describe, expect, it } from '@jest/globals';
import { signIn } from '../e2e/support/client.js';
import { aCohort, aMentor } from '../e2e/support/factories.js';
import { bearer, codesOf, raw } from './support/http.js';

// Strings Postgres cannot store (found by the fuzz): a NUL character or a lone UTF-16 surrogate in
// any argument, a text field or an id, in a mutation or a read. Every subgraph refuses them before
// a resolver runs (SubgraphModule's preExecution hook, libs/platform/src/string-inputs.ts) as
// BAD_USER_INPUT naming the argument path; the gateway passes the refusal through.

let pm: string;

beforeAll(async () => {
  pm = await signIn('pm-security-strings', 'PROGRAM_MANAGER');
});

const post = (body: unknown, token = pm) => raw('POST', '/graphql', { body, headers: bearer(token) });

const MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/** BAD_USER_INPUT and only that, no data, naming `field` as the refused string. */
function expectRefused(res: { status: number; body: any }, field: string): void {
  expect(res.status).toBeLessThan(500);
  expect(codesOf(res.body)).toEqual(['BAD_USER_INPUT']);
  expect(res.body.data?.[Object.keys(res.body.data ?? {})[0] ?? ''] ?? null).toBeNull();
  expect(res.body.errors[0].extensions.fields).toContainEqual({ field, message: MESSAGE });
}

const SCHEDULE = `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`;
const REGISTER = `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`;

describe('strings Postgres cannot store (found by the fuzz)', () => {
  it('a NUL character in a text field → BAD_USER_INPUT naming it', async () => {
    const res = await post({ query: SCHEDULE, variables: { input: aCohort({ name: 'a\u0000b' }) } });
    expectRefused(res, 'input.name');
  });

  it('a NUL character in an id → BAD_USER_INPUT naming it, in a mutation and in a read', async () => {
    const res = await post({ query: REGISTER, variables: { input: aMentor({ mentorId: 'a\u0000b' }) } });
    expectRefused(res, 'input.mentorId');
    // An id holding a NUL cannot exist: refused as input rather than answered `mentor: null`.
    const read = await post({ query: 'query ($id: ID!) { mentor(id: $id) { id } }', variables: { id: 'a\u0000b' } });
    expectRefused(read, 'id');
  });

  it('a lone surrogate (\\ud800) in a text field → BAD_USER_INPUT naming it', async () => {
    const res = await post({ query: SCHEDULE, variables: { input: aCohort({ name: '\ud800' }) } });
    expectRefused(res, 'input.name');
  });

  it('emoji (paired surrogates) are accepted', async () => {
    const res = await post({ query: SCHEDULE, variables: { input: aCohort({ name: 'Cohort 🚀 \ud83d\ude00' }) } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.scheduleCohort.id).toEqual(expect.any(String));
  });
});
