import Fastify from 'fastify';
import { describe, expect, it } from '@jest/globals';
import { createOpsServer, observeRequests, registerHealth, type ReadinessCheck } from './health.js';

// The ops listener serves /metrics and health, and nothing else; a public port gets health only.
// Both answered through Fastify's inject (no socket).

const checks = (database: boolean): Record<string, ReadinessCheck> => ({
  database: async () => database,
  kafka: async () => true,
});

describe('the ops listener', () => {
  it('serves /metrics in Prometheus text format, with the service label', async () => {
    const ops = createOpsServer('cohorts', checks(true));
    const res = await ops.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('process_resident_memory_bytes');
    expect(res.body).toContain('service="cohorts"');
    await ops.close();
  });

  it('serves /health/live and /health/ready with the same checks as the public port', async () => {
    const ops = createOpsServer('cohorts', checks(false));
    expect((await ops.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({
      status: 'ok',
      service: 'cohorts',
    });
    const ready = await ops.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({
      status: 'unavailable',
      service: 'cohorts',
      checks: { database: false, kafka: true },
    });
    await ops.close();
  });

  it('answers 404 to anything else', async () => {
    const ops = createOpsServer('cohorts', checks(true));
    for (const [method, url] of [
      ['POST', '/graphql'],
      ['GET', '/graphql'],
      ['GET', '/'],
      ['POST', '/metrics'],
      ['GET', '/metrics/x'],
    ] as const) {
      expect({ method, url, status: (await ops.inject({ method, url })).statusCode }).toEqual({
        method,
        url,
        status: 404,
      });
    }
    await ops.close();
  });
});

describe('a public port', () => {
  it('serves health but not /metrics', async () => {
    const app = Fastify();
    observeRequests(app);
    registerHealth(app, 'mentors', checks(true));
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    await app.close();
  });
});

describe('a readiness report', () => {
  it('adds its fields to the answer without deciding it', async () => {
    const app = Fastify();
    registerHealth(app, 'gateway', checks(true), async () => ({ subgraphs: { cohorts: 'up', mentors: 'down' } }));
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ok',
      service: 'gateway',
      checks: { database: true, kafka: true },
      subgraphs: { cohorts: 'up', mentors: 'down' },
    });
    await app.close();
  });

  it('leaves a failing check failing, and a report that throws out of the answer', async () => {
    const ops = createOpsServer('gateway', checks(false), async () => {
      throw new Error('probe failed');
    });
    const ready = await ops.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({
      status: 'unavailable',
      service: 'gateway',
      checks: { database: false, kafka: true },
    });
    await ops.close();
  });
});
