import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signToken } from '#auth';
import { resolveAuthSettings } from '#platform';
import { testLogger } from '#testing';
import { launchBrowser, withPage } from '../../../../test/e2e/support/browser.js';
import { startGateway } from '../bootstrap.js';
import { testGatewayConfig } from '../testing/gateway-config.js';
import { GRAPHIQL_ASSET_ROUTES, GRAPHIQL_CSP } from './graphiql-page.js';

// GraphiQL served by a real gateway (GRAPHIQL=true, NODE_ENV=test) in front of a small federation
// subgraph that answers the example query's fields, opened in headless Chromium: the page renders
// from the gateway's own assets, loads nothing from outside 127.0.0.1, and its run button runs the
// example query with the default headers' bearer token.

const cohortsSchema = `
  type Query { cohorts(first: Int, after: String): CohortConnection! }
  type CohortConnection { edges: [CohortEdge!]! }
  type CohortEdge { node: Cohort! }
  type Cohort @key(fields: "id") {
    id: ID!
    name: String!
    status: String!
    startDate: String!
    weeks: Int!
    enrolledCount: Int!
    enrollments(first: Int, after: String): EnrollmentConnection!
  }
  type EnrollmentConnection { totalCount: Int!, edges: [EnrollmentEdge!]! }
  type EnrollmentEdge { node: Enrollment! }
  type Enrollment { internId: ID!, status: String! }
`;

const seenAuthorization: (string | undefined)[] = [];

function createCohortsSubgraph(): FastifyInstance {
  const app = Fastify();
  app.addHook('preHandler', async (request) => {
    if (request.url.startsWith('/graphql')) seenAuthorization.push(request.headers.authorization);
  });
  app.get('/health/ready', async () => ({ status: 'ok' }));
  void app.register(mercuriusFederationPlugin, {
    schema: cohortsSchema,
    resolvers: {
      Query: {
        cohorts: () => ({
          edges: [
            {
              node: {
                id: 'cohort-demo',
                name: 'Demo cohort',
                status: 'SCHEDULED',
                startDate: '2027-01-04',
                weeks: 12,
                enrolledCount: 1,
                enrollments: { totalCount: 1, edges: [{ node: { internId: 'intern-amara', status: 'ENROLLED' } }] },
              },
            },
          ],
        }),
      },
    } as never,
  });
  return app;
}

let subgraph: FastifyInstance;
let gateway: NestFastifyApplication;
let closedGateway: NestFastifyApplication;
let gatewayUrl: string;
let closedUrl: string;
let browser: Browser;
let token: string;

const urlOf = (app: NestFastifyApplication) =>
  `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

beforeAll(async () => {
  subgraph = createCohortsSubgraph();
  await subgraph.listen({ port: 0, host: '127.0.0.1' });
  const endpoints = [
    { name: 'cohorts', url: `http://127.0.0.1:${(subgraph.server.address() as AddressInfo).port}/graphql` },
  ];
  const secret = resolveAuthSettings(testGatewayConfig()).secret!;
  token = await signToken(secret, { sub: 'pm-graphiql', roles: ['PROGRAM_MANAGER'] });
  const config = testGatewayConfig({
    GRAPHIQL: 'true',
    GRAPHIQL_DEFAULT_HEADERS: JSON.stringify({ Authorization: `Bearer ${token}` }),
  });
  gateway = await startGateway(config, testLogger(), endpoints);
  gatewayUrl = urlOf(gateway);
  // NODE_ENV=test without GRAPHIQL: off (on by default only in development).
  closedGateway = await startGateway(testGatewayConfig(), testLogger(), endpoints);
  closedUrl = urlOf(closedGateway);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await closedGateway?.close();
  await subgraph?.close();
});

describe('GraphiQL from our own assets', () => {
  it('serves the page and every asset with a CSP that allows only its own origin', async () => {
    for (const route of GRAPHIQL_ASSET_ROUTES) {
      const res = await fetch(`${gatewayUrl}${route}`);
      expect({ route, status: res.status }).toEqual({ route, status: 200 });
      expect(res.headers.get('content-security-policy')).toBe(GRAPHIQL_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const page = await fetch(`${gatewayUrl}/graphiql`);
    const html = await page.text();
    expect(html).not.toMatch(/https?:/);
    expect(html).not.toMatch(/<script>|<script src="(?!\/graphiql\/)/);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(GRAPHIQL_CSP).toContain("script-src 'self'");
    expect(GRAPHIQL_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  it('answers 404 for GraphiQL where it is not enabled, and for assets it does not serve', async () => {
    for (const route of GRAPHIQL_ASSET_ROUTES) {
      expect((await fetch(`${closedUrl}${route}`)).status).toBe(404);
    }
    expect((await fetch(`${gatewayUrl}/graphiql/../package.json`)).status).toBe(404);
    expect((await fetch(`${gatewayUrl}/graphiql/graphiql.js`)).status).toBe(404);
    expect((await fetch(`${gatewayUrl}/graphiql/main.js`)).status).toBe(404);
    expect((await fetch(`${gatewayUrl}/graphiql/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${gatewayUrl}/graphiql`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('renders in headless Chromium with nothing from outside 127.0.0.1 and runs the example query', async () => {
    await withPage(browser, 'graphiql-integration', async (page, seen) => {
      await page.goto(`${gatewayUrl}/graphiql`, { waitUntil: 'load' });
      await page.locator('.graphiql-container').waitFor({ timeout: 20_000 });
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
      expect(await page.locator('.graphiql-query-editor').innerText()).toContain('query DemoCohort');
      expect(await page.locator('.graphiql-editor-tool').innerText()).toContain(`Bearer ${token}`);

      const before = seenAuthorization.length;
      const answered = page.waitForResponse(
        (response) =>
          new URL(response.url()).pathname === '/graphql' &&
          response.request().postData()?.includes('DemoCohort') === true,
        { timeout: 20_000 },
      );
      await page.locator('.graphiql-execute-button').click();
      const response = await answered;
      expect(response.status()).toBe(200);
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      const result = page.locator('.graphiql-response');
      await result.getByText('Demo cohort').waitFor({ timeout: 20_000 });
      const text = await result.innerText();
      expect(text).toContain('"data"');
      expect(text).toContain('intern-amara');
      expect(text).not.toContain('"errors"');
      expect(seenAuthorization.slice(before)).toContain(`Bearer ${token}`);
      expect(seen.external).toEqual([]);
      expect(seen.consoleErrors).toEqual([]);
    });
  });
});
