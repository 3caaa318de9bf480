import { describe, expect, it } from '@jest/globals';
import { inject } from './support/system.js';

describe('operations endpoints on every app', () => {
  const ports = inject('servicePorts');
  const opsPorts = inject('opsPorts');

  it.each(Object.keys(ports))('%s answers /health/live and /health/ready on its public port', async (app) => {
    const base = `http://127.0.0.1:${ports[app]}`;
    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { status: string }).status).toBe('ok');
  });

  it.each(Object.keys(ports))('%s serves /metrics and health on its ops port, PORT + 1000', async (app) => {
    expect(opsPorts[app]).toBe(ports[app]! + 1000);
    const base = `http://127.0.0.1:${opsPorts[app]}`;
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain(`service="${app}"`);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { status: string }).status).toBe('ok');
  });

  it.each(Object.keys(ports))('%s answers 404 for /metrics on its public port', async (app) => {
    const res = await fetch(`http://127.0.0.1:${ports[app]}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('process_resident_memory_bytes');
  });

  it("the gateway's public port answers 404 NOT_FOUND for /metrics, however asked; its ops port serves it", async () => {
    const gateway = `http://127.0.0.1:${ports.gateway}`;
    for (const path of ['/metrics', '/%6Detrics', '/metrics?x=1']) {
      const res = await fetch(`${gateway}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
        'NOT_FOUND',
      );
    }
    const ops = await fetch(`http://127.0.0.1:${opsPorts.gateway}/metrics`);
    expect(ops.status).toBe(200);
    expect(await ops.text()).toContain('mentorflow_http_request_duration_seconds');
  });

  it('serves nothing but /metrics and health on an ops port (no GraphQL there)', async () => {
    for (const app of ['gateway', 'cohorts']) {
      const res = await fetch(`http://127.0.0.1:${opsPorts[app]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect({ app, status: res.status }).toEqual({ app, status: 404 });
    }
  });

  it('reports the database and Kafka checks of a service', async () => {
    const ready = await fetch(`http://127.0.0.1:${ports.cohorts}/health/ready`);
    const body = (await ready.json()) as { checks: Record<string, boolean> };
    expect(body.checks).toEqual({ database: true, kafka: true });
  });
});
