import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { signToken, type Role } from '#auth';
import { resolveAuthSettings } from '#platform';
import { testLogger } from '#testing';
import { launchBrowser, withPage } from '../../../../test/e2e/support/browser.js';
import { startGateway } from '../bootstrap.js';
import type { SubgraphEndpoint } from '../config.js';
import { testGatewayConfig } from '../testing/gateway-config.js';
import { ReportLinkSigner } from './report-link.js';
import { DEV_REPORT_LINK_SECRET, ReportLinks } from './report-links.js';

// The cohort report page through the real gateway (hooks, composed schema, execution) against a
// small federation subgraph on a real port that plays the services' part of the schema the page
// reads (cohort, cohortReport, internProgress, mentor), then opened in headless Chromium.

const config = testGatewayConfig({ SUBGRAPH_WAIT_MS: '5000' });
const secret = resolveAuthSettings(config).secret!;
const EVIL = '<script>document.title="owned"</script>';

const schema = `
  type Query {
    cohort(id: ID!): Cohort
    mentor(id: ID!): Mentor
    cohortReport(cohortId: ID!): CohortReport
    internProgress(cohortId: ID, first: Int, after: String): InternProgressConnection!
  }
  type Cohort @key(fields: "id") { id: ID! name: String! }
  type Mentor @key(fields: "id") { id: ID! name: String! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type ProgressPresentation { averageScore: Float scoreCount: Int! }
  type RiskWeek { week: Int! level: String! }
  type InternProgress {
    internId: ID! name: String! riskLevel: String! riskByWeek: [RiskWeek!]! enrollmentStatus: String!
    presentation: ProgressPresentation!
  }
  type InternProgressEdge { cursor: String! node: InternProgress! }
  type InternProgressConnection { edges: [InternProgressEdge!]! pageInfo: PageInfo! }
  type CompetencyAverage { competency: String! name: String! midpointAverage: Float finalAverage: Float }
  type CriterionAverage { criterion: String! name: String! average: Float count: Int! }
  type CohortPresentationSummary { averageScore: Float panelCount: Int! criteria: [CriterionAverage!]! }
  type ReturnOfferCounts { recommended: Int! extended: Int! accepted: Int! declined: Int! }
  type ProgramNps { score: Float promoters: Int! passives: Int! detractors: Int! responses: Int! }
  type MentorCalibration { mentorId: ID! meanScore: Float! difference: Float! evaluations: Int! }
  type Calibration { cohortMean: Float mentors: [MentorCalibration!]! }
  type RiskCounts { green: Int! amber: Int! red: Int! }
  type CohortReport {
    cohortId: ID! cohortName: String currentWeek: Int! interns: Int! inProgram: Int! completed: Int!
    withdrawn: Int! terminated: Int! rubricAverages: [CompetencyAverage!]!
    presentation: CohortPresentationSummary! returnOffers: ReturnOfferCounts! programNps: ProgramNps!
    mentorCalibration: Calibration! risk: RiskCounts!
  }
`;

const weeks = (...levels: string[]) => levels.map((level, k) => ({ week: k + 1, level }));

const interns = [
  {
    internId: 'i-1',
    name: 'Ada Lovelace',
    riskLevel: 'GREEN',
    riskByWeek: weeks('GREEN', 'GREEN', 'AMBER', 'GREEN'),
    enrollmentStatus: 'ACTIVE',
    presentation: { averageScore: 4.5, scoreCount: 2 },
  },
  {
    internId: 'i-2',
    name: EVIL,
    riskLevel: 'RED',
    riskByWeek: weeks('GREEN', 'AMBER', 'AMBER', 'RED'),
    enrollmentStatus: 'ACTIVE',
    presentation: { averageScore: 3, scoreCount: 1 },
  },
  {
    internId: 'i-3',
    name: 'Cy Young',
    riskLevel: 'AMBER',
    riskByWeek: weeks('GREEN', 'AMBER'),
    enrollmentStatus: 'WITHDRAWN',
    presentation: { averageScore: null, scoreCount: 0 },
  },
];

/** The subs of the tokens the subgraph was called with. */
const seenSubs: string[] = [];

function createSubgraph(): FastifyInstance {
  const app = Fastify();
  app.addHook('preHandler', async (request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    if (!request.url.startsWith('/graphql') || !token) return;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      sub: string;
      roles: string[];
    };
    if (!claims.roles.includes('PROGRAM_MANAGER')) throw Object.assign(new Error('forbidden'), { statusCode: 403 });
    seenSubs.push(claims.sub);
  });
  app.get('/health/ready', async () => ({ status: 'ok' }));
  void app.register(mercuriusFederationPlugin, {
    schema,
    resolvers: {
      Query: {
        cohort: (_: unknown, { id }: { id: string }) => (id === 'c-1' ? { id, name: 'Spring 2027' } : null),
        mentor: (_: unknown, { id }: { id: string }) => (id === 'm-1' ? { id, name: 'Grace Hopper' } : null),
        cohortReport: (_: unknown, { cohortId }: { cohortId: string }) =>
          cohortId !== 'c-1'
            ? null
            : {
                cohortId,
                cohortName: 'Spring 2027',
                currentWeek: 7,
                interns: 3,
                inProgram: 2,
                completed: 0,
                withdrawn: 1,
                terminated: 0,
                rubricAverages: [
                  { competency: 'COMMUNICATION', name: 'Communication', midpointAverage: 3.5, finalAverage: 4 },
                  { competency: 'DESIGN', name: 'Design', midpointAverage: 2.5, finalAverage: null },
                ],
                presentation: {
                  averageScore: 3.8,
                  panelCount: 3,
                  criteria: [{ criterion: 'CLARITY', name: 'Clarity', average: 3.8, count: 3 }],
                },
                returnOffers: { recommended: 2, extended: 1, accepted: 1, declined: 0 },
                programNps: { score: 33.3, promoters: 2, passives: 0, detractors: 1, responses: 3 },
                mentorCalibration: {
                  cohortMean: 3.4,
                  mentors: [
                    { mentorId: 'm-1', meanScore: 3.9, difference: 0.5, evaluations: 2 },
                    { mentorId: 'm-2', meanScore: 3.0, difference: -0.4, evaluations: 1 },
                  ],
                },
                risk: { green: 1, amber: 1, red: 1 },
              },
        internProgress: (_: unknown, { first, after }: { first: number; after: string | null }) => {
          const start = after ? Number(after) : 0;
          const slice = interns.slice(start, start + Math.min(first, 2));
          return {
            edges: slice.map((node, k) => ({ cursor: String(start + k + 1), node })),
            pageInfo: { hasNextPage: start + slice.length < interns.length, endCursor: String(start + slice.length) },
          };
        },
      },
    } as never,
  });
  return app;
}

let subgraph: FastifyInstance;
let gateway: NestFastifyApplication;
let base: string;
let browser: Browser | undefined;

const bearer = async (roles: Role[], sub = 'pm-1') => `Bearer ${await signToken(secret, { sub, roles })}`;
const get = (path: string, authorization?: string) =>
  fetch(`${base}${path}`, { headers: authorization ? { authorization } : {} });
/** A link made as createReportLink makes it, its path on this test's gateway. */
const linkPath = (cohortId: string, sub = 'pm-1') => {
  const url = new URL(ReportLinks.fromConfig(config).create(cohortId, sub).url);
  return `${url.pathname}${url.search}`;
};
const charts = (html: string) => (html.match(/<svg [^>]*role="img"/g) ?? []).length;

beforeAll(async () => {
  subgraph = createSubgraph();
  await subgraph.listen({ host: '127.0.0.1', port: 0 });
  const endpoints: SubgraphEndpoint[] = [
    { name: 'reports', url: `http://127.0.0.1:${(subgraph.server.address() as AddressInfo).port}/graphql` },
  ];
  gateway = await startGateway(config, testLogger(), endpoints);
  base = `http://127.0.0.1:${(gateway.getHttpServer().address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await subgraph?.close();
});

describe('GET /reports/cohorts/:id', () => {
  it('serves a PM with a bearer header every chart, with a CSP that allows nothing external', async () => {
    const res = await get('/reports/cohorts/c-1', await bearer(['PROGRAM_MANAGER']));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'unsafe-inline'; img-src data:/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(charts(html)).toBe(7);
    expect(html).toContain('Grace Hopper'); // the mentor's name, read through the gateway
    expect(html).toContain('Cy Young'); // the second page of internProgress
    expect(html).not.toContain('<script');
  });

  it('refuses without a token (401), a bad one (401), a mentor or an intern (403), with plain pages', async () => {
    const none = await get('/reports/cohorts/c-1');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(charts(await none.text())).toBe(0);
    expect((await get('/reports/cohorts/c-1', 'Bearer not.a.token')).status).toBe(401);
    for (const role of ['MENTOR', 'INTERN'] as Role[]) {
      const res = await get('/reports/cohorts/c-1', await bearer([role], 'someone'));
      expect(res.status).toBe(403);
      expect(charts(await res.text())).toBe(0);
    }
  });

  it('opens with a link as the PM who made it; refuses a tampered, expired or other-cohort link', async () => {
    seenSubs.length = 0;
    const ok = await get(linkPath('c-1', 'pm-7'));
    expect(ok.status).toBe(200);
    expect(charts(await ok.text())).toBe(7);
    expect(new Set(seenSubs)).toEqual(new Set(['pm-7']));

    const path = linkPath('c-1');
    const tampered = path.replace(/.(?=$)/, (c) => (c === 'A' ? 'B' : 'A'));
    const refused = await get(tampered);
    expect(refused.status).toBe(401);
    expect(charts(await refused.text())).toBe(0);

    const past = new ReportLinkSigner(DEV_REPORT_LINK_SECRET, 60_000, () => Date.now() - 120_000).sign('c-1', 'pm-1');
    const expired = await get(`/reports/cohorts/c-1?link=${encodeURIComponent(past.token)}`);
    expect(expired.status).toBe(401);
    expect(await expired.text()).toContain('expired');

    const other = await get(linkPath('c-1').replace('/c-1?', '/c-2?'));
    expect(other.status).toBe(404);
    expect(charts(await other.text())).toBe(0);

    const unknown = await get(linkPath('c-404'));
    expect(unknown.status).toBe(404);
  });

  it('draws every chart in headless Chromium, loading nothing external, a name with markup shown as text', async () => {
    browser = await launchBrowser();
    await withPage(browser, 'report', async (page, seen) => {
      const res = await page.goto(`${base}${linkPath('c-1')}`);
      expect(res?.status()).toBe(200);
      expect(await page.locator('svg[role="img"]').count()).toBe(7);
      for (const id of ['funnel', 'risk', 'rubric', 'presentation', 'offers', 'nps', 'calibration']) {
        const box = await page.locator(`#chart-${id}`).boundingBox();
        expect(box?.width).toBeGreaterThan(0);
        expect(await page.locator(`#chart-${id} rect, #chart-${id} g.cell`).count()).toBeGreaterThan(0);
      }
      // Intern × week: weeks 1–4, the withdrawn intern's weeks 3 and 4 empty.
      expect(await page.locator('#chart-risk g.cell').count()).toBe(10);
      expect(await page.locator('#chart-risk rect.cell-empty').count()).toBe(2);
      expect(await page.locator('#chart-risk .cell-letter').allTextContents()).toEqual('GGAGGAARGA'.split(''));
      expect(await page.locator('#chart-risk g.risk-red').count()).toBe(1);
      expect(await page.title()).toBe('Cohort report: Spring 2027');
      expect(await page.locator('body').innerText()).toContain(EVIL);
      expect(seen.external).toEqual([]);
      expect(seen.consoleErrors).toEqual([]);
    });
  }, 60_000);
});
