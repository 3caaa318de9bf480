import type { InjectOptions, LightMyRequestResponse } from 'fastify';

/** One GraphQL error as the services and the gateway answer it. */
export interface GqlError {
  message: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions: { code: string; fields?: { field: string; message: string }[]; [key: string]: any };
}

/** An answer: the HTTP status and headers, the body as sent, and its `data` and `errors`. */
export interface GqlResponse<T = any> {
  status: number;
  headers: Headers;
  /** The JSON body exactly as sent, for assertions on its whole shape. */
  body: { data?: T | null; errors?: GqlError[]; [key: string]: unknown };
  data: T | null;
  errors?: GqlError[];
}

/** Who calls, and anything else to send along (`x-correlation-id`, `accept`, …). */
export interface GqlCallOptions {
  token?: string;
  headers?: Record<string, string>;
}

/**
 * Sends one operation: `gql(query, variables?, token | { token, headers }?)`. Without a token the
 * call is anonymous; without variables none are sent.
 */
export type GqlClient = <T = any>(
  query: string,
  variables?: Record<string, unknown>,
  caller?: string | GqlCallOptions,
) => Promise<GqlResponse<T>>;

/** In process: anything with Fastify's `inject` (a Fastify instance, a Nest Fastify application). */
export interface Injectable {
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/**
 * A GraphQL client for tests: in process through `inject`, or over real HTTP when given the base
 * URL of a running server (`http://127.0.0.1:4000`). Posts JSON to `path`.
 */
export function graphqlClient(target: Injectable | string, path = '/graphql'): GqlClient {
  return async <T = any>(
    query: string,
    variables?: Record<string, unknown>,
    caller: string | GqlCallOptions = {},
  ): Promise<GqlResponse<T>> => {
    const { token, headers = {} } = typeof caller === 'string' ? { token: caller } : caller;
    const request = {
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    };
    const {
      status,
      headers: sent,
      body,
    } = typeof target === 'string'
      ? await overHttp<T>(`${target}${path}`, request)
      : await inProcess<T>(target, path, request);
    return { status, headers: sent, body, data: body.data ?? null, errors: body.errors };
  };
}

interface Sent<T> {
  status: number;
  headers: Headers;
  body: GqlResponse<T>['body'];
}

async function overHttp<T>(url: string, request: { headers: Record<string, string>; body: string }): Promise<Sent<T>> {
  const res = await fetch(url, { method: 'POST', ...request });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Sent<T>['body'] };
}

async function inProcess<T>(
  target: Injectable,
  url: string,
  request: { headers: Record<string, string>; body: string },
): Promise<Sent<T>> {
  const res = await target.inject({ method: 'POST', url, headers: request.headers, payload: request.body });
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
  }
  return { status: res.statusCode, headers, body: res.json() as Sent<T>['body'] };
}
