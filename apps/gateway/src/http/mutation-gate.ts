import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getOperationAST, parse, type DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import type { Identity } from '#platform';
import { requestFingerprint, type IdempotencyStore } from '../idempotency/idempotency-store.js';
import { rootFieldCount } from '../limits/query-limits.js';
import type { RateLimiter } from '../limits/rate-limiter.js';
import { errorBody } from './graphql-http.js';
import { matchedRoute } from './routes.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

/** A usable key: 1 to 255 visible ASCII characters (a UUID is the usual choice). */
const KEY = /^[\x21-\x7e]{1,255}$/;

export interface MutationGateOptions {
  graphqlPath: string;
  identityOf: (request: FastifyRequest) => Identity | undefined;
  rateLimiter: RateLimiter;
  /** Without a store, Idempotency-Key is refused with a clear error rather than silently ignored. */
  idempotency?: IdempotencyStore;
  logger: Logger;
  /** How long a retry waits for the first request with its key to finish (ms). */
  inProgressWaitMs?: number;
}

interface Claim {
  userId: string;
  key: string;
  done: boolean;
}

const CLAIM = Symbol('mentorflow.gateway.idempotency-claim');
type WithClaim = FastifyRequest & { [CLAIM]?: Claim };

interface GraphQLBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

function mutationOf(
  request: FastifyRequest,
): { document: DocumentNode; fields: number; body: GraphQLBody } | undefined {
  const body = request.body as GraphQLBody | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string') return undefined;
  // A mutation's text holds the keyword: reads (most requests) skip a parse of their own here.
  if (!body.query.includes('mutation')) return undefined;
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch {
    return undefined; // mercurius answers the syntax error
  }
  const operation = getOperationAST(document, typeof body.operationName === 'string' ? body.operationName : undefined);
  if (operation?.operation !== 'mutation') return undefined;
  return { document, fields: Math.max(1, rootFieldCount(document, operation)), body };
}

/**
 * Mutations only, after authentication and before GraphQL runs:
 *  - with an `Idempotency-Key`, a retry of a mutation the user already sent (same key, same
 *    document and variables) gets the first response again, marked `Idempotent-Replayed: true`,
 *    instead of acting twice; a retry arriving while the first is still running waits for it; the
 *    same key with a different request is refused with 422;
 *  - every other mutation spends one token per root field from the user's bucket; an empty
 *    bucket answers 429 RATE_LIMITED with Retry-After (replays are free).
 */
export function installMutationGate(app: FastifyInstance, options: MutationGateOptions): void {
  const log = options.logger.child({ component: 'mutations' });
  const waitMs = options.inProgressWaitMs ?? 30_000;
  // By the route Fastify matched, not the raw URL: `/graphq%6C` reaches the same handler.
  // Mutations only over POST: mercurius answers a mutation sent with GET 405 without running it.
  const isGraphQLPost = (request: FastifyRequest) =>
    request.method === 'POST' && matchedRoute(request) === options.graphqlPath;

  const refuse = (
    reply: FastifyReply,
    status: number,
    message: string,
    code: string,
    extra: Record<string, unknown> = {},
  ) => reply.code(status).send(errorBody(message, code, extra));

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isGraphQLPost(request)) return;
    const identity = options.identityOf(request);
    if (!identity) return;
    const mutation = mutationOf(request);
    if (!mutation) return;

    const rawKey = request.headers[IDEMPOTENCY_HEADER];
    const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
    if (key !== undefined) {
      if (!KEY.test(key)) {
        return refuse(
          reply,
          400,
          'Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID, say)',
          'BAD_REQUEST',
          {
            header: 'Idempotency-Key',
          },
        );
      }
      if (!options.idempotency) {
        return refuse(reply, 503, 'Idempotency-Key cannot be honoured right now; retry shortly', 'SERVICE_UNAVAILABLE');
      }
      const fingerprint = requestFingerprint(mutation.body);
      const deadline = Date.now() + waitMs;
      for (let attempt = 0; ; attempt++) {
        const result = await options.idempotency.begin(identity.sub, key, fingerprint);
        if (result.state === 'replay') {
          return reply
            .code(result.response.status)
            .header('content-type', result.response.contentType)
            .header(REPLAYED_HEADER, 'true')
            .send(result.response.body);
        }
        if (result.state === 'mismatch') {
          return refuse(
            reply,
            422,
            'This Idempotency-Key was already used with a different request: use a new key for a new mutation',
            'CONFLICT',
            { reason: 'IDEMPOTENCY_KEY_REUSED' },
          );
        }
        if (result.state === 'started') {
          // Charged only when it acts: a replay or a wait costs nothing.
          const decision = options.rateLimiter.take(identity.sub, mutation.fields);
          if (!decision.allowed) {
            await options.idempotency.abandon(identity.sub, key);
            return rateLimited(reply, decision.retryAfterSeconds);
          }
          (request as WithClaim)[CLAIM] = { userId: identity.sub, key, done: false };
          return;
        }
        if (Date.now() >= deadline) {
          return refuse(
            reply,
            409,
            'A request with this Idempotency-Key is still being processed; retry later',
            'CONFLICT',
            {
              reason: 'IDEMPOTENCY_KEY_IN_USE',
            },
          );
        }
        await new Promise((r) => setTimeout(r, Math.min(500, 50 * 2 ** attempt)));
      }
    }

    const decision = options.rateLimiter.take(identity.sub, mutation.fields);
    if (!decision.allowed) return rateLimited(reply, decision.retryAfterSeconds);
  });

  function rateLimited(reply: FastifyReply, retryAfterSeconds: number) {
    return reply
      .code(429)
      .header('retry-after', String(retryAfterSeconds))
      .send(
        errorBody(`Too many mutations: try again in ${retryAfterSeconds} s`, 'RATE_LIMITED', { retryAfterSeconds }),
      );
  }

  // The response of a claimed request becomes the key's response (every status: a retry must see what the first saw).
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = (request as WithClaim)[CLAIM];
    if (!claim || claim.done || !options.idempotency) return payload;
    claim.done = true;
    const body =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
    if (body === undefined) {
      await options.idempotency.abandon(claim.userId, claim.key).catch(() => undefined);
      return payload;
    }
    try {
      await options.idempotency.complete(claim.userId, claim.key, {
        status: reply.statusCode,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        body,
      });
    } catch (err) {
      log.error(
        { err: (err as Error).message, key: claim.key },
        'could not store the response of an idempotent mutation',
      );
    }
    return payload;
  });

  // A claimed request that never sent a response (aborted): free the key so a retry can act.
  app.addHook('onResponse', async (request: FastifyRequest) => {
    const claim = (request as WithClaim)[CLAIM];
    if (claim && !claim.done && options.idempotency) {
      claim.done = true;
      await options.idempotency.abandon(claim.userId, claim.key).catch(() => undefined);
    }
  });
}
