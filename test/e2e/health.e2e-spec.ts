import { describe, expect, it } from '@jest/globals';
import { inject } from './support/system.js';

describe('operations endpoints on every app', () => {
  const ports = inject('servicePorts');

  it.each(Object.keys(ports))('%s answers /health/live, /health/ready and /metrics', async (app) => {
    const base = `http://127.0.0.1:${ports[app]}`;
    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { status: string }).status).toBe('ok');
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain(`service="${app}"`);
  });

  it('reports the database and Kafka checks of a service', async () => {
    const ready = await fetch(`http://127.0.0.1:${ports.cohorts}/health/ready`);
    const body = (await ready.json()) as { checks: Record<string, boolean> };
    expect(body.checks).toEqual({ database: true, kafka: true });
  });
});
