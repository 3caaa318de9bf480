import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import {
  DeduplicatingSubgraphAgent,
  sharedRequestKey,
  subgraphAgent,
  type SubgraphDispatcher,
  type SubgraphRequestOptions,
  type SubgraphResponse,
} from './subgraph-agent.js';

const QUERY = JSON.stringify({ query: '{\n  cohorts(first: 20) {\n    edges { node { id } }\n  }\n}', variables: {} });
const NAMED_QUERY = JSON.stringify({
  query: 'query EntitiesQuery($representations: [_Any!]!) { _entities }',
  variables: {},
});
const MUTATION = JSON.stringify({ query: 'mutation {\n  enrollIntern(input: {}) { id }\n}', variables: {} });

const request = (over: Partial<SubgraphRequestOptions> = {}): SubgraphRequestOptions => ({
  origin: 'http://127.0.0.1:4001',
  method: 'POST',
  path: '/graphql',
  body: QUERY,
  ...over,
  headers: {
    authorization: 'Bearer a',
    'x-correlation-id': 'c-1',
    'content-type': 'application/json',
    ...over.headers,
  },
});

/** An upstream whose answers the test releases one by one. */
function upstream() {
  const calls: { options: SubgraphRequestOptions; answer: (text: string) => void; fail: (e: Error) => void }[] = [];
  const dispatcher: SubgraphDispatcher = {
    request: (options) =>
      new Promise<SubgraphResponse>((resolve, reject) => {
        calls.push({
          options,
          fail: reject,
          answer: (text) =>
            resolve({
              statusCode: 200,
              headers: { 'content-type': 'application/json' },
              body: {
                text: async () => text,
                blob: async () => new Blob([text]),
                arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
              },
            }),
        });
      }),
    close: async () => undefined,
    destroy: async () => undefined,
  };
  return { dispatcher, calls };
}
const flush = () => new Promise((r) => setImmediate(r));

describe('sharedRequestKey (which subgraph requests may share an answer)', () => {
  it('keys queries by path, body and headers, leaving out the correlation id', () => {
    const key = sharedRequestKey(request());
    expect(key).toBeDefined();
    expect(sharedRequestKey(request({ headers: { 'x-correlation-id': 'c-2' } }))).toBe(key);
    expect(sharedRequestKey(request({ body: NAMED_QUERY }))).toBeDefined();
    expect(sharedRequestKey(request({ body: NAMED_QUERY }))).not.toBe(key);
    expect(sharedRequestKey(request({ headers: { authorization: 'Bearer b' } }))).not.toBe(key);
    expect(sharedRequestKey(request({ path: '/other' }))).not.toBe(key);
    expect(sharedRequestKey(request({ body: QUERY.replace('"variables":{}', '"variables":{"a":1}') }))).not.toBe(key);
  });

  it('never shares a mutation, a GET or a body it does not recognise', () => {
    expect(sharedRequestKey(request({ body: MUTATION }))).toBeUndefined();
    expect(sharedRequestKey(request({ method: 'GET' }))).toBeUndefined();
    expect(sharedRequestKey(request({ body: undefined }))).toBeUndefined();
    expect(sharedRequestKey(request({ body: '{"variables":{},"query":"{ a }"}' }))).toBeUndefined();
    expect(sharedRequestKey(request({ body: JSON.stringify({ query: 'subscription { a }' }) }))).toBeUndefined();
  });
});

describe('DeduplicatingSubgraphAgent', () => {
  it('sends identical queries in flight once and gives each caller the answer', async () => {
    const { dispatcher, calls } = upstream();
    const agent = new DeduplicatingSubgraphAgent(dispatcher);
    const first = agent.request(request());
    const second = agent.request(request({ headers: { 'x-correlation-id': 'c-2' } }));
    await flush();
    expect(calls).toHaveLength(1);
    expect(calls[0].options.headers['x-correlation-id']).toBe('c-1');
    calls[0].answer('{"data":{"cohorts":[]}}');
    const [a, b] = await Promise.all([first, second]);
    expect(await a.body.text()).toBe('{"data":{"cohorts":[]}}');
    expect(await b.body.text()).toBe('{"data":{"cohorts":[]}}');
    expect(Buffer.from(await (await b.body.blob()).arrayBuffer()).toString()).toBe('{"data":{"cohorts":[]}}');
    expect(a.statusCode).toBe(200);
    expect(agent.shared).toBe(1);
  });

  it('sends again once the answer is in: nothing is cached', async () => {
    const { dispatcher, calls } = upstream();
    const agent = new DeduplicatingSubgraphAgent(dispatcher);
    const first = agent.request(request());
    await flush();
    calls[0].answer('{"data":1}');
    await first;
    const second = agent.request(request());
    await flush();
    expect(calls).toHaveLength(2);
    calls[1].answer('{"data":2}');
    expect(await (await second).body.text()).toBe('{"data":2}');
    expect(agent.shared).toBe(0);
  });

  it('sends each mutation, and queries of other callers, on their own', async () => {
    const { dispatcher, calls } = upstream();
    const agent = new DeduplicatingSubgraphAgent(dispatcher);
    const pending = [
      agent.request(request({ body: MUTATION })),
      agent.request(request({ body: MUTATION })),
      agent.request(request({ headers: { authorization: 'Bearer a' } })),
      agent.request(request({ headers: { authorization: 'Bearer b' } })),
    ];
    await flush();
    expect(calls).toHaveLength(4);
    calls.forEach((c, i) => c.answer(`{"data":${i}}`));
    const texts = await Promise.all(pending.map(async (p) => (await p).body.text()));
    expect(texts).toEqual(['{"data":0}', '{"data":1}', '{"data":2}', '{"data":3}']);
    expect(agent.shared).toBe(0);
  });

  it('gives every waiting caller the failure, and sends the next request again', async () => {
    const { dispatcher, calls } = upstream();
    const agent = new DeduplicatingSubgraphAgent(dispatcher);
    const first = agent.request(request());
    const second = agent.request(request());
    await flush();
    calls[0].fail(new Error('connect ECONNREFUSED'));
    await expect(first).rejects.toThrow('ECONNREFUSED');
    await expect(second).rejects.toThrow('ECONNREFUSED');
    const third = agent.request(request());
    await flush();
    expect(calls).toHaveLength(2);
    calls[1].answer('{"data":3}');
    expect(await (await third).body.text()).toBe('{"data":3}');
  });
});

describe('subgraphAgent (undici Pool, as @mercuriusjs/gateway calls it)', () => {
  it('reaches a real HTTP server, and one request answers identical callers in flight', async () => {
    let received = 0;
    const server = http.createServer((req, res) => {
      received++;
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () =>
        setTimeout(() => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ data: { echo: JSON.parse(body).query.length, auth: req.headers.authorization } }));
        }, 50),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const agent = subgraphAgent(`http://127.0.0.1:${port}/graphql`);
    try {
      const options = request({
        origin: `http://127.0.0.1:${port}`,
        headers: { 'content-length': Buffer.byteLength(QUERY) },
      });
      const answers = await Promise.all([1, 2, 3].map(() => agent.request(options)));
      const texts = await Promise.all(answers.map((a) => a.body.text()));
      expect(new Set(texts)).toEqual(
        new Set([JSON.stringify({ data: { echo: JSON.parse(QUERY).query.length, auth: 'Bearer a' } })]),
      );
      expect(received).toBe(1);
      expect(agent.shared).toBe(2);
      const mutation = request({
        origin: `http://127.0.0.1:${port}`,
        body: MUTATION,
        headers: { 'content-length': Buffer.byteLength(MUTATION) },
      });
      await Promise.all([agent.request(mutation), agent.request(mutation)].map(async (p) => (await p).body.text()));
      expect(received).toBe(3);
    } finally {
      await agent.close();
      await new Promise((r) => server.close(r));
    }
  });
});
