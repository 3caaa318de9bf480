import { beforeAll, describe, expect, it } from '@jest/globals';
import { signIn } from '../e2e/support/client.js';
import { bearer, codesOf, raw, readiness } from './support/http.js';

// The gateway's edge as an anonymous client on the internet meets it (issue 11, items 1, 10 and
// 11), against the started system: spellings of /graphql, methods, headers, paths that are not
// served, and bodies. Every request goes over its own connection with the path as written.

const INTROSPECTION = { query: '{ __schema { queryType { name } types { name } } }' };
const UNAUTHENTICATED = expect.objectContaining({
  errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })],
});

/** Nothing in an answer that tells an attacker about the inside: no stack, no file path, no framework. */
function expectNothingLeaked(text: string): void {
  expect(text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|node_modules|\/dist\/|\/apps\/|\/libs\/|Error:|stack/i);
}

let pm: string;

beforeAll(async () => {
  pm = await signIn('pm-security-edge', 'PROGRAM_MANAGER');
});

describe('without a token, no spelling of /graphql answers anything but 401', () => {
  it.each(['/graphq%6C', '/%67raphql', '/%67%72%61%70%68%71%6C', '/graphql#x', '/graphql?x', '/graphql?query=x#y'])(
    'POST %s → 401 UNAUTHENTICATED, no data',
    async (path) => {
      const res = await raw('POST', path, { body: INTROSPECTION });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(UNAUTHENTICATED);
      expect(res.body.data).toBeUndefined();
      expect(res.headers['www-authenticate']).toBe('Bearer');
    },
  );

  it.each(['/graphql', '/graphq%6C', '/%67raphql'])('GET %s?query=… → 401', async (path) => {
    const res = await raw('GET', `${path}?query=${encodeURIComponent(INTROSPECTION.query)}`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHENTICATED);
  });

  it('a POST carrying Upgrade: websocket is a plain request: 401', async () => {
    const res = await raw('POST', '/graphql', {
      body: INTROSPECTION,
      headers: { upgrade: 'websocket', connection: 'Upgrade' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHENTICATED);
  });

  it('a GET with Upgrade headers but no websocket handshake gets no data', async () => {
    const res = await raw('GET', `/graphql?query=${encodeURIComponent(INTROSPECTION.query)}`, {
      headers: { upgrade: 'websocket', connection: 'Upgrade' },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.text).not.toContain('queryType');
  });

  it.each([
    ['Basic credentials', 'Basic cG06cG0='],
    ['Bearer and nothing', 'Bearer'],
    ['Bearer and a space', 'Bearer '],
    ['not a JWT', 'bearer not.a.jwt'],
    ['8,000 characters', `Bearer ${'A'.repeat(8_000)}`],
  ])('Authorization with %s → 401', async (_label, authorization) => {
    const res = await raw('POST', '/graphql', { body: INTROSPECTION, headers: { authorization } });
    expect(res.status).toBe(401);
    expect(codesOf(res.body)).toEqual(['UNAUTHENTICATED']);
  });

  it('a cross-site form post (a "simple" request: no Authorization header a browser would add) → 401', async () => {
    const res = await raw('POST', '/graphql', {
      body: 'query=mutation{cancelCohort(input:{cohortId:"x"}){id}}',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(res.status).toBe(401);
  });
});

describe('methods', () => {
  it.each(['HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'])(
    '%s /graphql → 405 naming GET and POST, with or without a token',
    async (method) => {
      for (const headers of [{}, bearer(pm)]) {
        const res = await raw(method, `/graphql?query=${encodeURIComponent(INTROSPECTION.query)}`, { headers });
        expect(res.status).toBe(405);
        expect(res.headers.allow).toBe('GET, POST');
        expect(res.text).not.toContain('queryType');
      }
    },
  );

  it('HEAD on an encoded spelling → 405 too', async () => {
    const res = await raw('HEAD', '/graphq%6C');
    expect(res.status).toBe(405);
  });

  it('a mutation sent with GET → 405, not run', async () => {
    const mutation = 'mutation { cancelCohort(input: { cohortId: "00000000-0000-4000-8000-000000000000" }) { id } }';
    const res = await raw('GET', `/graphql?query=${encodeURIComponent(mutation)}`, { headers: bearer(pm) });
    expect(res.status).toBe(405);
    expect(codesOf(res.body)).toEqual(['METHOD_NOT_ALLOWED']);
  });
});

describe('deny by default: paths the public port does not serve', () => {
  it.each([
    ['GET', '/'],
    ['GET', '/admin'],
    ['GET', '/.env'],
    ['GET', '/%2e%2e/%2e%2e/etc/passwd'],
    ['GET', '/graphiql/../../package.json'],
    ['GET', '/graphiql/%2e%2e/package.json'],
    ['GET', '/graphiql/graphiql.js'],
    ['GET', '/graphiql/main.js'],
    ['GET', '/graphiql/sw.js'],
    ['GET', '/graphiql/config.js'],
    ['POST', '/graphiql'],
    ['GET', '/documentation/json'],
    ['GET', '/_service'],
    ['POST', '/GraphQL'],
    ['POST', '/graphql/'],
    ['POST', '//graphql'],
    ['POST', '/graphql;x'],
    ['POST', '/graphql%2F'],
    ['POST', '/health/ready'],
    ['POST', '/metrics'],
    ['GET', '/metrics'],
    ['DELETE', '/health/live'],
  ])('%s %s → 404 NOT_FOUND, nothing leaked', async (method, path) => {
    const res = await raw(method, path, { body: method === 'POST' ? INTROSPECTION : undefined, headers: bearer(pm) });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
    expectNothingLeaked(res.text);
  });

  it('GraphiQL (served in test only because the set-up sets GRAPHIQL=true): its own assets, a CSP that allows only its own origin, never cached', async () => {
    const page = await raw('GET', '/graphiql');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).not.toMatch(/https?:\/\//);
  });

  it('a 4,000-character path → 404', async () => {
    const res = await raw('GET', `/${'a'.repeat(4_000)}`, { headers: bearer(pm) });
    expect(res.status).toBe(404);
    expectNothingLeaked(res.text);
  });

  it('a path that is not valid percent-encoding → 400 before any route, nothing leaked', async () => {
    for (const path of ['/%ff%fe', '/graphql%ff', '/%']) {
      const res = await raw('POST', path, { body: INTROSPECTION, headers: bearer(pm) });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.text).not.toContain('queryType');
      expectNothingLeaked(res.text);
    }
  });

  it('a random path is 404 whatever the method, with or without a token', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      for (const headers of [{}, bearer(pm)]) {
        const res = await raw(method, `/x-${method.toLowerCase()}-${Math.random().toString(36).slice(2)}`, { headers });
        expect({ method, status: res.status }).toEqual({ method, status: 404 });
        expectNothingLeaked(res.text);
      }
    }
  });
});

describe('calendar feeds: the one route without Authorization', () => {
  const NOT_FOUND = { errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] };

  it('an unknown, malformed or borrowed feed token → 404 like any unserved path (414 past 100 characters)', async () => {
    const unknown = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64url');
    for (const file of [
      `${unknown}.ics`,
      `${unknown}`,
      `${pm}.ics`, // an API token is not a feed token
      '..%2Fgraphql.ics',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd.ics',
      `${'A'.repeat(5_000)}.ics`,
      "'%20OR%20'1'%3D'1.ics",
    ]) {
      const res = await raw('GET', `/calendar/${file}`);
      // Fastify refuses a path parameter over 100 characters (maxParamLength) before any route.
      const expected = file.length > 100 ? 414 : 404;
      expect({ file: file.slice(0, 50), status: res.status }).toEqual({ file: file.slice(0, 50), status: expected });
      if (expected === 404) expect(res.body).toEqual(NOT_FOUND);
      expect(res.text).not.toContain('BEGIN:VCALENDAR');
      expectNothingLeaked(res.text);
    }
  });

  it('other methods on a feed → 404 or 405, never a calendar', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await raw(method, '/calendar/x.ics', { headers: bearer(pm) });
      expect([404, 405]).toContain(res.status);
      expect(res.text).not.toContain('BEGIN:VCALENDAR');
    }
  });
});

describe('bodies', () => {
  it('a body over the limit (1 MiB) → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await raw('POST', '/graphql', {
      body: { query: '{ __typename }', variables: { padding: 'x'.repeat(1024 * 1024 + 16) } },
      headers: bearer(pm),
    });
    expect(res.status).toBe(413);
    expect(codesOf(res.body)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('a body that is not JSON, or not a GraphQL request → refused with a typed code', async () => {
    // Parameters of the wrong type (`{"query": 42}`): parameters.security-spec.ts.
    for (const body of ['{"query": ', 'null', '[{"query": "{ __typename }"}]', '"query"', '{"query": {}}', '{}']) {
      const res = await raw('POST', '/graphql', { body, headers: bearer(pm) });
      expect({ body, status: res.status < 500 }).toEqual({ body, status: true });
      expect(res.body?.data ?? null).toBeNull();
      expect(codesOf(res.body).every((c) => typeof c === 'string' && c !== 'INTERNAL_SERVER_ERROR')).toBe(true);
      expectNothingLeaked(res.text);
    }
  });

  it('a JSON body with __proto__ does not pollute, and answers typed', async () => {
    const res = await raw('POST', '/graphql', {
      body: '{"query": "{ __typename }", "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } }}',
      headers: bearer(pm),
    });
    expect(res.status).toBeLessThan(500);
    expect(codesOf(res.body).every((c) => c !== 'INTERNAL_SERVER_ERROR')).toBe(true);
    const after = await raw('POST', '/graphql', { body: { query: '{ __typename }' }, headers: bearer(pm) });
    expect(after.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('leaves every app ready', async () => {
    expect(Object.values(await readiness()).every((s) => s === 200)).toBe(true);
  });
});
