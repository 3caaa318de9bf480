import { inject } from './system.js';
import type { Role } from '#auth';
import { signTestToken } from '#testing';

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  data: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; fields?: { field: string; message: string }[] };
  }[];
}

/** Sends one GraphQL operation to the gateway, as a client would. */
export async function gql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(inject('gatewayUrl'), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: GraphQLResponse['errors'] };
  return { status: res.status, headers: res.headers, data: body.data ?? null, errors: body.errors };
}

/** A signed-in person for the end-to-end tier. */
export async function signIn(sub: string, ...roles: Role[]): Promise<string> {
  return signTestToken({ sub, roles, name: sub, email: `${sub}@example.com` });
}

export function codes(response: GraphQLResponse): (string | undefined)[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}

/** Retries `check` until it returns a value (not undefined, null or false) or the time is up. */
export { eventually } from '#testing';
