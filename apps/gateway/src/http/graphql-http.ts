/**
 * GraphQL over HTTP (https://graphql.github.io/graphql-over-http/): which media type a response
 * uses, and the errors the gateway raises itself before a document executes.
 */

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const APPLICATION_JSON = 'application/json';
export type GraphQLMediaType = typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON;

interface AcceptEntry {
  type: string;
  q: number;
  order: number;
}

function parseAccept(header: string): AcceptEntry[] {
  return header
    .split(',')
    .map((part, order) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      const weight = q ? Number.parseFloat(q.slice(2)) : 1;
      return { type, q: Number.isFinite(weight) ? weight : 0, order };
    })
    .filter((e) => e.type && e.q > 0);
}

/**
 * The media type of the response: `application/graphql-response+json` when the client asks for
 * it (and prefers it to application/json), else `application/json` — also when there is no
 * Accept header, or it names neither (the spec lets a server disregard it then).
 */
export function negotiateMediaType(accept: string | string[] | undefined): GraphQLMediaType {
  const header = Array.isArray(accept) ? accept.join(',') : accept;
  if (!header) return APPLICATION_JSON;
  const entries = parseAccept(header);
  const score = (media: GraphQLMediaType): [number, number] | undefined => {
    const exact = entries.find((e) => e.type === media);
    if (exact) return [exact.q, -exact.order];
    return undefined;
  };
  const gql = score(GRAPHQL_RESPONSE_JSON);
  const json =
    score(APPLICATION_JSON) ??
    (entries.find((e) => e.type === 'application/*' || e.type === '*/*') ? [0.001, -1e9] : undefined);
  if (gql && (!json || gql[0] > json[0] || (gql[0] === json[0] && gql[1] > json[1]))) return GRAPHQL_RESPONSE_JSON;
  return APPLICATION_JSON;
}

/** A GraphQL-shaped body for a refusal that never reached the GraphQL layer. */
export function errorBody(
  message: string,
  code: string,
  extra: Record<string, unknown> = {},
): { errors: { message: string; extensions: Record<string, unknown> }[] } {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}

/**
 * A request the gateway refuses before executing it: too deep, too costly, a page too large.
 * It is a GraphQL request error (no `data`): 400 with application/graphql-response+json, 200
 * with application/json (as the spec asks for a well-formed request), unless `status` is set.
 */
export class GatewayRequestError extends Error {
  /** `code` and the rest; also what a websocket client receives (mercurius sends an error's own extensions). */
  readonly extensions: Record<string, unknown>;

  constructor(
    message: string,
    readonly code: string,
    extra: Record<string, unknown> = {},
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GatewayRequestError';
    this.extensions = { code, ...extra };
  }
}

/** The optional members of a GraphQL-over-HTTP request body that a client may send as `null`. */
const NULLABLE_MEMBERS = ['operationName', 'variables', 'extensions'] as const;

/**
 * A POST whose body arrived as text (`text/plain`, which Fastify parses into a string): GraphQL
 * over HTTP wants a 4xx for a body that is not `application/json`, not a 200 with an error.
 */
export function unsupportedMediaType(contentType: string | undefined): Error & { statusCode: number } {
  return Object.assign(
    new Error(`Unsupported Media Type: ${contentType ?? 'none'}; send the request as application/json`),
    { statusCode: 415 },
  );
}

/**
 * GraphQL over HTTP: the request's parameters must have their types — `query` a string,
 * `operationName` a string, `variables` and `extensions` maps (on GET, JSON-encoded maps) — or
 * the request is refused with 400 naming the parameter, before anything is parsed or run.
 * Null members are dropped first (see `withoutNullMembers`). Returns the problem, or undefined.
 */
export function requestParameterProblem(params: unknown, method: 'GET' | 'POST'): GatewayRequestError | undefined {
  if (Array.isArray(params) && method === 'POST') {
    for (const request of params) {
      const problem = requestParameterProblem(request, method);
      if (problem) return problem;
    }
    return undefined;
  }
  if (!params || typeof params !== 'object' || Array.isArray(params)) {
    return badParameter('the request', 'must be a JSON object of GraphQL request parameters');
  }
  const request = params as Record<string, unknown>;
  if (request.query !== undefined && typeof request.query !== 'string')
    return badParameter('query', 'must be a string');
  if (request.operationName !== undefined && typeof request.operationName !== 'string') {
    return badParameter('operationName', 'must be a string');
  }
  for (const name of ['variables', 'extensions'] as const) {
    let value = request[name];
    if (value === undefined || value === null) continue;
    if (method === 'GET' && typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        return badParameter(name, 'must be a JSON-encoded object');
      }
      if (value === null) continue;
    }
    if (typeof value !== 'object' || Array.isArray(value)) return badParameter(name, 'must be an object');
  }
  return undefined;
}

function badParameter(name: string, problem: string): GatewayRequestError {
  return new GatewayRequestError(
    `The GraphQL request parameter ${name} ${problem}`,
    'BAD_REQUEST',
    { parameter: name },
    400,
  );
}

/**
 * GraphQL over HTTP: a server MUST accept `null` for `operationName`, `variables` and
 * `extensions`, meaning absent. Mercurius' body schema refuses `"extensions": null`, so the
 * gateway drops such members before the body is validated (a batch: in each of its requests).
 */
export function withoutNullMembers(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(withoutNullMembers);
  if (!body || typeof body !== 'object') return body;
  const request = body as Record<string, unknown>;
  if (!NULLABLE_MEMBERS.some((key) => request[key] === null)) return body;
  const copy = { ...request };
  for (const key of NULLABLE_MEMBERS) if (copy[key] === null) delete copy[key];
  return copy;
}
