import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import { TokenVerifier } from '#auth';
import { CORRELATION_HEADER, newCorrelationId, type Identity } from '#platform';
import {
  errorBody,
  negotiateMediaType,
  requestParameterProblem,
  unsupportedMediaType,
  withoutNullMembers,
} from './http/graphql-http.js';
import { arrivedAsUpgrade, isPublicRoute, isWebSocketHandshake, matchedRoute } from './http/routes.js';

export const GRAPHQL_PATH = '/graphql';

/** What the gateway knows of a request once its hooks ran. */
export interface GatewayRequestState {
  correlationId: string;
  identity?: Identity;
}

const STATE = Symbol('mentorflow.gateway.request');

type WithState = FastifyRequest & { [STATE]?: GatewayRequestState };

export function requestState(request: FastifyRequest): GatewayRequestState | undefined {
  return (request as WithState)[STATE];
}

/** A client-supplied correlation id is used only when it is short and plain (it ends up in every log line). */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function correlationIdOf(headers: IncomingHttpHeaders): string | undefined {
  const value = firstHeader(headers[CORRELATION_HEADER])?.trim();
  return value && CORRELATION_ID.test(value) ? value : undefined;
}

/** The GraphQL-shaped body of a 401. */
export function unauthenticatedBody(message: string): {
  errors: { message: string; extensions: { code: 'UNAUTHENTICATED' } }[];
} {
  return { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] };
}

/**
 * Headers sent with every subgraph call (mercurius `rewriteHeaders`): the caller's bearer token,
 * verified again by each subgraph, and the correlation id. Nothing else of the client's request
 * crosses. Schema fetches have neither, and need neither.
 */
export function forwardedHeaders(
  incoming: IncomingHttpHeaders | undefined,
  context?: { correlationId?: string },
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const authorization = firstHeader(incoming?.authorization);
  if (authorization) out.authorization = authorization;
  const correlationId = context?.correlationId ?? (incoming ? correlationIdOf(incoming) : undefined);
  if (correlationId) out[CORRELATION_HEADER] = correlationId;
  return out;
}

/**
 * A request for the GraphQL endpoint, whatever its method: decided by the route Fastify matched,
 * never by the raw URL (`/graphq%6C`, `/graphql#` and `/graphql?x` all reach the same handler).
 */
export function isGraphQLRoute(request: FastifyRequest): boolean {
  return matchedRoute(request) === GRAPHQL_PATH;
}

const GRAPHQL_METHODS = new Set(['GET', 'POST']);

const methodNotAllowedBody = errorBody('Use GET (queries) or POST (any operation) on /graphql', 'METHOD_NOT_ALLOWED');
const notFoundBody = errorBody('Not found', 'NOT_FOUND');

/**
 * Installs the gateway's HTTP hooks on the Fastify instance, before the GraphQL routes exist.
 * Each decides by the route Fastify matched (`http/routes.ts`), so no spelling of a URL gets
 * around them:
 *  - every request gets a correlation id (`x-correlation-id` if the client sent a usable one,
 *    else a new one), echoed in the response header and forwarded to the subgraphs;
 *  - deny by default: a route the public port does not serve (see `isPublicRoute`) answers 404
 *    with a GraphQL-shaped NOT_FOUND body, like a path that matches nothing;
 *  - /graphql answers 405 to any method but GET and POST (HEAD and OPTIONS included), before
 *    anything else; a GET or POST must carry a valid `Authorization: Bearer <JWT>`, else 401
 *    with a GraphQL-shaped UNAUTHENTICATED body (the request never reaches the GraphQL layer),
 *    except a real websocket handshake (`isWebSocketHandshake`), which graphql-ws may
 *    authenticate in `connection_init`; an `Upgrade` header alone proves nothing;
 *  - `null` for `operationName`, `variables` or `extensions` in a POST body means absent;
 *  - responses on /graphql use the media type the client accepts (GraphQL over HTTP);
 *  - one JSON log line per request to /graphql.
 */
export function installGatewayHooks(app: FastifyInstance, verifier: TokenVerifier, logger: Logger): void {
  const log = logger.child({ component: 'http' });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const correlationId = correlationIdOf(request.headers) ?? newCorrelationId();
    // Downstream (mercurius context, rewriteHeaders) reads it from the request's headers.
    request.headers[CORRELATION_HEADER] = correlationId;
    reply.header(CORRELATION_HEADER, correlationId);
    const state: GatewayRequestState = { correlationId };
    (request as WithState)[STATE] = state;
    const route = matchedRoute(request);
    if (!isPublicRoute(route, GRAPHQL_PATH)) return reply.code(404).send(notFoundBody);
    if (route !== GRAPHQL_PATH) return;
    if (!GRAPHQL_METHODS.has(request.method)) {
      return reply.code(405).header('allow', 'GET, POST').send(methodNotAllowedBody);
    }

    const token = TokenVerifier.bearer(request.headers.authorization);
    // Browsers cannot set headers on a websocket: its token comes in connection_init (checked there).
    if (!token && isWebSocketHandshake(request)) return;
    if (!token) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send(unauthenticatedBody('sign in: send Authorization: Bearer <token>'));
    }
    try {
      state.identity = await verifier.verify(token);
    } catch (err) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer error="invalid_token"')
        .send(unauthenticatedBody((err as Error).message));
    }
  });

  // GraphQL over HTTP: `null` members mean absent (mercurius' body schema refuses `"extensions": null`).
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (!isGraphQLRoute(request)) return;
    if (request.method === 'GET') {
      const problem = requestParameterProblem(request.query, 'GET');
      if (problem) throw problem;
      return;
    }
    if (request.method !== 'POST') return;
    if (typeof request.body === 'string') throw unsupportedMediaType(request.headers['content-type']);
    request.body = withoutNullMembers(request.body);
    const problem = requestParameterProblem(request.body, 'POST');
    if (problem) throw problem;
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    // A refused upgrade's socket is closed after the answer (see onResponse): the client must not reuse it.
    if (arrivedAsUpgrade(request.raw)) reply.header('connection', 'close');
    return payload;
  });

  // GraphQL over HTTP: the response's media type follows the client's Accept header.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!isGraphQLRoute(request)) return payload;
    const current = String(reply.getHeader('content-type') ?? '');
    if (
      current &&
      !current.startsWith('application/json') &&
      !current.startsWith('application/graphql-response+json')
    ) {
      return payload;
    }
    reply.header('content-type', `${negotiateMediaType(request.headers.accept)}; charset=utf-8`);
    if (reply.statusCode === 405) reply.header('allow', 'GET, POST');
    return payload;
  });

  // Any other method on /graphql: 405 naming the two that work (answered by the onRequest hook).
  // HEAD is registered here so that Fastify does not derive one from mercurius' GET route, which
  // would run queries; OPTIONS so that it is told 405 rather than 404.
  app.route({
    method: ['HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'],
    url: GRAPHQL_PATH,
    handler: async (_request, reply) => reply.code(405).header('allow', 'GET, POST').send(methodNotAllowedBody),
  });

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    // A request Node handed over as an upgrade but that got an HTTP answer (refused here, before
    // the websocket plugin saw it): its socket is no longer the HTTP server's, so nothing else closes it.
    if (arrivedAsUpgrade(request.raw)) request.raw.socket?.destroy();
    if (!isGraphQLRoute(request)) return;
    const state = requestState(request);
    log.info(
      {
        correlationId: state?.correlationId,
        sub: state?.identity?.sub,
        method: request.method,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'graphql request',
    );
  });
}
