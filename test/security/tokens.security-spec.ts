import { beforeAll, describe, expect, it } from '@jest/globals';
import { signIn } from '../e2e/support/client.js';
import { inject } from '../e2e/support/system.js';
import { bearer, codesOf, raw } from './support/http.js';
import { craftToken, FOREIGN_SECRET, otherAlgorithmToken, tamperedToken, unsignedToken } from './support/tokens.js';

// Forged, stale and over-long tokens (issue 11, items 3, 4 and 9), at the gateway and, as a pod
// inside the cluster would try, straight at each subgraph: every one is refused as if no token
// had been sent, and a genuine token's role cannot be raised.

const now = () => Math.floor(Date.now() / 1000);
const HOUR = 3600;
const READ = { query: '{ cohorts(first: 1) { totalCount } }' };
const SCHEDULE = {
  query: `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`,
  variables: {
    input: {
      name: 'Forged cohort',
      startDate: '2031-06-02',
      weeks: 12,
      timezone: 'Europe/Berlin',
      location: 'Berlin',
      workMode: 'HYBRID',
      capacity: 10,
    },
  },
};

let pm: string;
let intern: string;

beforeAll(async () => {
  pm = await signIn('pm-security-tokens', 'PROGRAM_MANAGER');
  intern = await signIn('intern-security-tokens', 'INTERN');
});

async function cohortCount(): Promise<number> {
  const res = await raw('POST', '/graphql', { body: READ, headers: bearer(pm) });
  return res.body.data.cohorts.totalCount as number;
}

/** Tokens that must not authenticate anyone, each claiming PROGRAM_MANAGER. */
const FORGED: [string, () => Promise<string> | string][] = [
  ['expired an hour ago', () => craftToken({ iat: now() - 2 * HOUR, exp: now() - HOUR })],
  ['without exp', () => craftToken({ exp: null })],
  ['without exp or iat', () => craftToken({ exp: null, iat: null })],
  ['signed with another secret', () => craftToken({ secret: FOREIGN_SECRET })],
  ['alg: none, no signature', () => unsignedToken()],
  ['HS512 with the system secret (only HS256 is accepted)', () => otherAlgorithmToken()],
  ['living 25 h (longer than AUTH_TOKEN_MAX_AGE, 24 h)', () => craftToken({ exp: now() + 25 * HOUR })],
  [
    'issued a year ago, expiring in an hour (a lifetime over 24 h)',
    () => craftToken({ iat: now() - 365 * 24 * HOUR, exp: now() + HOUR }),
  ],
  ['living 25 h without iat (exp − now counts)', () => craftToken({ iat: null, exp: now() + 25 * HOUR })],
  ['issued an hour in the future', () => craftToken({ iat: now() + HOUR, exp: now() + 2 * HOUR })],
  [
    'an intern token with roles edited to PROGRAM_MANAGER, signature kept',
    () => tamperedToken(intern, ['PROGRAM_MANAGER']),
  ],
  ['with an empty sub', () => craftToken({ sub: '' })],
];

describe('forged and stale tokens at the gateway', () => {
  it.each(FORGED)('a token %s → 401 UNAUTHENTICATED, nothing read', async (_label, make) => {
    const res = await raw('POST', '/graphql', { body: READ, headers: bearer(await make()) });
    expect(res.status).toBe(401);
    expect(codesOf(res.body)).toEqual(['UNAUTHENTICATED']);
    expect(res.body.data).toBeUndefined();
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('a forged program manager (wrong key, alg none, edited role) schedules nothing', async () => {
    const before = await cohortCount();
    for (const token of [
      await craftToken({ secret: FOREIGN_SECRET }),
      unsignedToken(),
      tamperedToken(intern, ['PROGRAM_MANAGER']),
    ]) {
      const res = await raw('POST', '/graphql', { body: SCHEDULE, headers: bearer(token) });
      expect(res.status).toBe(401);
    }
    expect(await cohortCount()).toBe(before);
  });

  it('the same forgeries through an encoded path → 401 too', async () => {
    const res = await raw('POST', '/graphq%6C', { body: SCHEDULE, headers: bearer(unsignedToken()) });
    expect(res.status).toBe(401);
  });

  it('a genuine token with a role the system does not know (ADMIN) may do nothing', async () => {
    const admin = await craftToken({ roles: ['ADMIN', 'SUPERUSER'] });
    const before = await cohortCount();
    const read = await raw('POST', '/graphql', { body: READ, headers: bearer(admin) });
    expect(codesOf(read.body)).toEqual(['FORBIDDEN']);
    const write = await raw('POST', '/graphql', { body: SCHEDULE, headers: bearer(admin) });
    expect(codesOf(write.body)).toEqual(['FORBIDDEN']);
    expect(await cohortCount()).toBe(before);
  });

  it("an intern's genuine token runs no program manager's mutation", async () => {
    const before = await cohortCount();
    const res = await raw('POST', '/graphql', { body: SCHEDULE, headers: bearer(intern) });
    expect(codesOf(res.body)).toEqual(['FORBIDDEN']);
    expect(await cohortCount()).toBe(before);
  });
});

describe('a pod in the cluster calling a subgraph directly', () => {
  const subgraphs = () => Object.entries(inject('servicePorts')).filter(([name]) => name !== 'gateway');

  it('without a token: every data field UNAUTHENTICATED', async () => {
    for (const [name, port] of subgraphs()) {
      const res = await raw('POST', '/graphql', {
        port,
        body: {
          query: 'mutation { cancelCohort(input: { cohortId: "00000000-0000-4000-8000-000000000000" }) { id } }',
        },
      });
      expect({ name, status: res.status < 500 }).toEqual({ name, status: true });
      // Each subgraph has its own mutations: any answer is refused or unknown, never data.
      expect({ name, data: res.body?.data ?? null }).toEqual({ name, data: null });
      expect(codesOf(res.body).length).toBeGreaterThan(0);
    }
    const cohorts = inject('servicePorts').cohorts!;
    const res = await raw('POST', '/graphql', { port: cohorts, body: READ });
    expect(codesOf(res.body)).toEqual(['UNAUTHENTICATED']);
    expect(res.body.data).toBeNull();
  });

  it.each(FORGED.slice(0, 6))('with a token %s: UNAUTHENTICATED', async (_label, make) => {
    const token = await make();
    for (const [name, port] of subgraphs()) {
      const query =
        name === 'cohorts'
          ? READ.query
          : name === 'mentors'
            ? '{ mentors(first: 1) { totalCount } }'
            : name === 'scoping'
              ? '{ project(id: "00000000-0000-4000-8000-000000000000") { id } }'
              : '{ rubrics { kind } }';
      const res = await raw('POST', '/graphql', { port, body: { query }, headers: bearer(token) });
      expect({ name, codes: codesOf(res.body) }).toEqual({ name, codes: ['UNAUTHENTICATED'] });
    }
  });
});
