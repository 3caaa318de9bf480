import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import { TokenVerifier } from '#auth';
import { CORRELATION_HEADER, newCorrelationId, type Identity } from '#platform';
import { errorBody, negotiateMediaType, withoutNullMembers } from './http/graphql-http.js';

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

function isGraphQLRequest(request: FastifyRequest): boolean {
  const path = request.url.split('?', 1)[0];
  return path === GRAPHQL_PATH && (request.method === 'POST' || request.method === 'GET');
}

/** A websocket upgrade (graphql-ws subscriptions): authenticated by its `connection_init` payload instead. */
export function isWebSocketUpgrade(request: FastifyRequest): boolean {
  return String(request.headers.upgrade ?? '').toLowerCase() === 'websocket';
}

/**
 * Installs the gateway's HTTP hooks on the Fastify instance, before the GraphQL routes exist:
 *  - every request gets a correlation id (`x-correlation-id` if the client sent a usable one,
 *    else a new one), echoed in the response header and forwarded to the subgraphs;
 *  - every GET/POST to /graphql must carry a valid `Authorization: Bearer <JWT>`, else 401 with
 *    a GraphQL-shaped UNAUTHENTICATED body (the request never reaches the GraphQL layer);
 *    (a websocket upgrade without the header is let through: graphql-ws authenticates it in
 *    `connection_init`);
 *  - `null` for `operationName`, `variables` or `extensions` in a POST body means absent;
 *  - responses on /graphql use the media type the client accepts (GraphQL over HTTP), and other
 *    methods than GET and POST get 405;
 *  - one JSON log line per GraphQL request.
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
    if (!isGraphQLRequest(request)) return;

    const token = TokenVerifier.bearer(request.headers.authorization);
    // Browsers cannot set headers on a websocket: its token comes in connection_init (checked there).
    if (!token && isWebSocketUpgrade(request)) return;
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
    if (request.method === 'POST' && isGraphQLRequest(request)) request.body = withoutNullMembers(request.body);
  });

  // GraphQL over HTTP: the response's media type follows the client's Accept header.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!isGraphQLRequest(request) || isWebSocketUpgrade(request)) return payload;
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

  // Any other method on /graphql: 405 naming the two that work.
  app.route({
    method: ['PUT', 'PATCH', 'DELETE'],
    url: GRAPHQL_PATH,
    handler: async (_request, reply) =>
      reply
        .code(405)
        .header('allow', 'GET, POST')
        .send(errorBody('Use GET (queries) or POST (any operation) on /graphql', 'METHOD_NOT_ALLOWED')),
  });

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isGraphQLRequest(request)) return;
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
