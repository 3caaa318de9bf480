import { beforeAll, describe, expect, it } from '@jest/globals';
import { serverAudits, type Audit } from 'graphql-http';
import { inject } from './support/system.js';
import { signIn } from './support/client.js';

// graphql-http's server audit (the GraphQL over HTTP spec's own compliance suite) against the
// gateway, as a signed-in program manager: every MUST audit passes and no SHOULD audit warns.
// One test per audit, so a failure names it and shows the requests it sent and what came back.
// (MAY audits only report a notice; the spec leaves them to the server.)

interface Exchange {
  request: string;
  response: string;
}

let token: string;
/** The requests the running audit sent, with the gateway's answers. */
let exchanges: Exchange[] = [];

async function authenticatedFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(input, { ...init, headers });
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const sentHeaders = [...headers].filter(([name]) => name !== 'authorization').map(([n, v]) => `${n}: ${v}`);
  const body = typeof init.body === 'string' ? init.body : init.body ? '(non-text body)' : '';
  exchanges.push({
    request: `${init.method ?? 'GET'} ${url} [${sentHeaders.join('; ')}] ${body.slice(0, 300)}`,
    response: `${res.status} [content-type: ${res.headers.get('content-type')}] ${(await res.clone().text()).slice(0, 500)}`,
  });
  return res;
}

const audits = serverAudits({ url: () => inject('gatewayUrl'), fetchFn: authenticatedFetch });

beforeAll(async () => {
  token = await signIn('pm-graphql-http-audit', 'PROGRAM_MANAGER');
});

async function passes(audit: Audit): Promise<void> {
  exchanges = [];
  const result = await audit.fn();
  if (result.status === 'ok' || result.status === 'notice') return;
  const sent = exchanges.map((e) => `  sent ${e.request}\n  got  ${e.response}`).join('\n');
  throw new Error(`${result.status}: ${result.reason}\n${sent}`);
}

const named = (list: Audit[]) => list.map((audit) => [`${audit.id} ${audit.name}`, audit] as const);

describe("graphql-http's server audit at the gateway, for an authenticated client", () => {
  it('has audits to run', () => {
    expect(audits.length).toBeGreaterThanOrEqual(20);
  });

  // Every MUST and every SHOULD: a warning fails as an error does.
  it.each(named(audits))('%s', (_name, audit) => passes(audit));
});
