import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { TokenVerifier } from '#auth';
import type { Identity } from '#platform';
import { formatGatewayExecution, SERVICE_UNAVAILABLE_MESSAGE } from '../gateway-errors.js';
import { withTimeout } from '../limits/execution-limits.js';
import { unauthenticatedBody } from '../http-hooks.js';

/**
 * The gateway's own routes that read the composed schema as the caller (CSV exports, the cohort
 * report page): the GraphQL runner, the execution with the caller's headers, the bearer check,
 * and what an execution's errors mean as an HTTP status.
 */

/** Why a route could not answer with its content: the HTTP status, code and message. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Ids as the services make them (uuids, `intern-1`…); anything else cannot be a cohort. */
export const COHORT_ID = /^[A-Za-z0-9._:-]{1,200}$/;

export interface GraphQLRunner {
  (
    source: string,
    context: object,
    variables?: Record<string, unknown>,
  ): Promise<{
    data?: unknown;
    errors?: readonly GraphQLError[];
  }>;
  schema: GraphQLSchema;
}

/** Mercurius' `app.graphql` over the composed schema; 503 while there is none yet. */
export function runnerOf(app: FastifyInstance): GraphQLRunner {
  const graphql = (app as unknown as { graphql?: GraphQLRunner }).graphql;
  if (!graphql?.schema) throw new HttpRefusal(503, 'SERVICE_UNAVAILABLE', SERVICE_UNAVAILABLE_MESSAGE);
  return graphql;
}

export interface ExecutionOptions {
  logger: Logger;
  timeoutMs: number;
  /** The message of a 403 (the subgraphs' FORBIDDEN). */
  forbidden: string;
  /** The message of a 504; default "The services did not answer within N ms". */
  timeoutMessage?: string;
}

/** What an error of the execution means for the route. */
function refusalOf(errors: readonly GraphQLError[], options: ExecutionOptions): HttpRefusal {
  const formatted = formatGatewayExecution({ errors }, options.logger).response.errors;
  const codes = formatted.map((e) => String(e.extensions?.code));
  if (codes.includes('UNAUTHENTICATED')) return new HttpRefusal(401, 'UNAUTHENTICATED', formatted[0]!.message);
  if (codes.includes('FORBIDDEN')) return new HttpRefusal(403, 'FORBIDDEN', options.forbidden);
  if (codes.includes('NOT_FOUND')) return new HttpRefusal(404, 'NOT_FOUND', 'Not found');
  options.logger.warn({ errors: formatted }, 'the services did not answer');
  return new HttpRefusal(502, 'SERVICE_UNAVAILABLE', SERVICE_UNAVAILABLE_MESSAGE);
}

/**
 * Runs a query of the composed schema as the caller — `context.reply`'s request headers (their
 * bearer token) reach the subgraphs through rewriteHeaders — and returns its data, or throws the
 * refusal its errors mean.
 */
export async function executeAsCaller<T>(
  graphql: GraphQLRunner,
  context: object,
  source: string,
  variables: Record<string, unknown>,
  options: ExecutionOptions,
): Promise<T> {
  const { logger, timeoutMs } = options;
  let result: { data?: unknown; errors?: readonly GraphQLError[] };
  try {
    // `__currentQuery` as mercurius' own route sets it: @mercuriusjs/gateway caches each field's
    // sub-query under it, and without it two different documents would share one cache entry.
    result = await withTimeout(graphql(source, { ...context, __currentQuery: source }, variables), timeoutMs);
  } catch (err) {
    if ((err as { extensions?: { code?: string } }).extensions?.code === 'EXECUTION_TIMEOUT') {
      logger.warn({ timeoutMs }, 'the services did not answer in time');
      throw new HttpRefusal(
        504,
        'EXECUTION_TIMEOUT',
        options.timeoutMessage ?? `The services did not answer within ${timeoutMs} ms`,
      );
    }
    // Refused before execution (validation against the composed schema, limits).
    logger.error({ err: (err as Error).message }, 'the gateway refused its own query');
    throw new HttpRefusal(502, 'SERVICE_UNAVAILABLE', SERVICE_UNAVAILABLE_MESSAGE);
  }
  if (result.errors?.length) throw refusalOf(result.errors, options);
  return result.data as T;
}

export type Authenticated = { identity: Identity } | { refused: true };

/** The caller of `Authorization: Bearer <token>`; else the 401 is sent and `{ refused }` returned. */
export async function authenticateBearer(
  request: FastifyRequest,
  reply: FastifyReply,
  verifier: TokenVerifier,
  send: (reply: FastifyReply, message: string) => unknown = (r, message) => r.send(unauthenticatedBody(message)),
): Promise<Authenticated> {
  const token = TokenVerifier.bearer(request.headers.authorization);
  if (!token) {
    await send(reply.code(401).header('www-authenticate', 'Bearer'), 'sign in: send Authorization: Bearer <token>');
    return { refused: true };
  }
  try {
    return { identity: await verifier.verify(token) };
  } catch (err) {
    await send(reply.code(401).header('www-authenticate', 'Bearer error="invalid_token"'), (err as Error).message);
    return { refused: true };
  }
}
