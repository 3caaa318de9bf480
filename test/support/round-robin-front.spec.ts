import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { startRoundRobinFront, type RoundRobinFront } from './round-robin-front.js';

/** A target that answers with its name and the body it got; or resets every connection. */
async function target(name: string, behaviour: 'answer' | 'reset' = 'answer'): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (behaviour === 'reset') return req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name, method: req.method, path: req.url, body: Buffer.concat(chunks).toString() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const portOf = (s: http.Server) => (s.address() as AddressInfo).port;
const close = (s: http.Server) => new Promise<void>((r) => s.close(() => r()));

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = await target('gone');
  const port = portOf(s);
  await close(s);
  return port;
}

const opened: { servers: http.Server[]; fronts: RoundRobinFront[] } = { servers: [], fronts: [] };

afterEach(async () => {
  for (const f of opened.fronts.splice(0)) await f.stop();
  for (const s of opened.servers.splice(0)) await close(s);
});

async function frontOver(...ports: number[]): Promise<RoundRobinFront> {
  const front = await startRoundRobinFront({ port: 0, targets: ports });
  opened.fronts.push(front);
  return front;
}

const post = async (front: RoundRobinFront, body = '{"query":"{ a }"}') => {
  const res = await fetch(`${front.url}/graphql?x=1`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
  return { status: res.status, body: (await res.json()) as any };
};

describe('the round-robin front of the scale tier', () => {
  it('sends each request to the next target in turn, method, path and body unchanged', async () => {
    const [a, b] = [await target('a'), await target('b')];
    opened.servers.push(a, b);
    const front = await frontOver(portOf(a), portOf(b));
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await post(front));
    expect(answers.map((r) => r.body.name)).toEqual(['a', 'b', 'a', 'b']);
    expect(answers[0]!.body).toEqual({ name: 'a', method: 'POST', path: '/graphql?x=1', body: '{"query":"{ a }"}' });
    expect(front.stats()).toEqual({
      byTarget: { [`127.0.0.1:${portOf(a)}`]: 2, [`127.0.0.1:${portOf(b)}`]: 2 },
      retried: 0,
      failed: 0,
    });
  });

  it('passes over a target that refuses the connection: the request goes to the next one', async () => {
    const a = await target('a');
    opened.servers.push(a);
    const front = await frontOver(await closedPort(), portOf(a));
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post(front));
    expect(answers.map((r) => [r.status, r.body.name])).toEqual([
      [200, 'a'],
      [200, 'a'],
      [200, 'a'],
    ]);
    expect(front.stats().retried).toBeGreaterThanOrEqual(1);
    expect(front.stats().failed).toBe(0);
  });

  it('answers 502 with a GraphQL error when a target drops the request, and when no target is there', async () => {
    const dropping = await target('dropping', 'reset');
    opened.servers.push(dropping);
    const front = await frontOver(portOf(dropping));
    const dropped = await post(front);
    expect(dropped.status).toBe(502);
    expect(dropped.body.errors[0].extensions.code).toBe('BAD_GATEWAY');
    expect(dropped.body.errors[0].message).toMatch(/failed \(ECONNRESET\)/);

    const none = await frontOver(await closedPort(), await closedPort());
    const refused = await post(none);
    expect(refused.status).toBe(502);
    expect(refused.body.errors[0].message).toMatch(/no target accepted the connection/);
    expect(none.stats().failed).toBe(1);
  });
});
