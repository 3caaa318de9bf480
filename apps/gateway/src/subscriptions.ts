import type { FastifyInstance, FastifyRequest } from 'fastify';
import { defaultFieldResolver, GraphQLError, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { TokenVerifier, type VerifiedToken } from '#auth';
import { DomainError, UnauthenticatedError } from '#ddd';
import { newCorrelationId, type Identity } from '#platform';
import { requestState } from './http-hooks.js';
import { NotificationGql, CohortActivityGql } from './notifications/graphql/notification.type.js';
import {
  requireIdentity,
  requireProgramManager,
  validateCohortId,
} from './notifications/graphql/subscription-rules.js';
import type { CohortActivityRecord, LiveNotifications } from './notifications/live/live-notifications.js';
import type { NotificationRecord } from './notifications/persistence/notification.repository.js';

/** What a websocket's GraphQL context holds: the identity from the upgrade header or connection_init. */
interface SocketContext {
  identity?: Identity;
  correlationId?: string;
  /** When the identity's token expires (epoch ms); the socket is closed then. */
  tokenExpiresAt?: number;
  /** Closes this context's socket when its token expires. */
  socketExpiry?: SocketExpiry;
}

/** graphql-ws' close code for a socket that is not (or no longer) authorized: `CloseCode.Unauthorized`. */
export const UNAUTHORIZED_CLOSE_CODE = 4401;
/** setTimeout's longest delay; a later deadline is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The part of a `ws` WebSocket that SocketExpiry uses. */
export interface ClosableSocket {
  close(code?: number, reason?: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * Closes one websocket with 4401 (graphql-ws `Unauthorized`, which its clients do not retry) when
 * the earliest token it was authenticated with expires: the upgrade's `Authorization` header,
 * connection_init's token, or the token of a subscription's connectionInit extension.
 */
export class SocketExpiry {
  private deadline = Infinity;
  private timer: NodeJS.Timeout | undefined;
  private done = false;

  constructor(
    private readonly socket: ClosableSocket,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    socket.once('close', () => this.stop());
  }

  /** Closes the socket at `expiresAt` (epoch ms), unless an earlier deadline is set already; now if it has passed. */
  closeAt(expiresAt: number): void {
    if (this.done || expiresAt >= this.deadline) return;
    this.deadline = expiresAt;
    this.arm();
  }

  /** Closes the socket now with 4401. */
  expire(): void {
    if (this.done) return;
    this.stop();
    this.log.info('websocket closed: its token expired');
    this.socket.close(UNAUTHORIZED_CLOSE_CODE, 'Unauthorized: token expired');
  }

  private arm(): void {
    clearTimeout(this.timer);
    const delay = this.deadline - this.now();
    if (delay <= 0) return this.expire();
    this.timer = setTimeout(() => this.arm(), Math.min(delay, MAX_TIMER_MS));
    this.timer.unref();
  }

  private stop(): void {
    this.done = true;
    clearTimeout(this.timer);
  }
}

/**
 * Before every subscription starts: an expired token closes the socket (and the subscription is
 * refused); a valid one arms the socket's close at its expiry.
 */
function enforceTokenExpiry(context: SocketContext | undefined): void {
  const expiresAt = context?.tokenExpiresAt;
  if (expiresAt === undefined) return;
  if (expiresAt <= Date.now()) {
    context?.socketExpiry?.expire();
    throw new UnauthenticatedError('token expired: sign in again');
  }
  context?.socketExpiry?.closeAt(expiresAt);
}

/** The bearer token in a graphql-ws `connection_init` payload: `{ authorization: 'Bearer …' }` (or under `headers`). */
export function connectionInitToken(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as Record<string, unknown>;
  const headers = (p.headers && typeof p.headers === 'object' ? p.headers : {}) as Record<string, unknown>;
  const value = p.authorization ?? p.Authorization ?? headers.authorization ?? headers.Authorization;
  return typeof value === 'string' ? TokenVerifier.bearer(value) : undefined;
}

/**
 * Mercurius' `subscription` options for the gateway: graphql-ws (and the legacy protocol) on
 * /graphql. The socket is authenticated by `Authorization` on the upgrade request (checked by the
 * HTTP hook) or, for browsers, by `{ authorization: 'Bearer …' }` in `connection_init`; a bad
 * token in connection_init closes the connection, no token leaves it open but every
 * subscription answers UNAUTHENTICATED. The socket is closed with 4401 when its token expires:
 * an upgrade token's expiry is armed at connection_init, a connection_init token's when the first
 * subscription starts (the socket carries no data before).
 */
export function subscriptionOptions(verifier: TokenVerifier, logger: Logger) {
  const log = logger.child({ component: 'websocket' });
  return {
    keepAlive: 15_000,
    context: async (socket: ClosableSocket, request: FastifyRequest): Promise<SocketContext> => {
      const state = requestState(request);
      const socketExpiry = new SocketExpiry(socket, log);
      const context: SocketContext = { correlationId: state?.correlationId ?? newCorrelationId(), socketExpiry };
      const token = TokenVerifier.bearer(request.headers.authorization);
      if (state?.identity && token) {
        let verified: VerifiedToken | undefined;
        try {
          verified = await verifier.verifyToken(token);
        } catch {
          // Expired since the upgrade was let through.
          socketExpiry.expire();
          return context;
        }
        socketExpiry.closeAt(verified.expiresAt);
        return { ...context, identity: verified.identity, tokenExpiresAt: verified.expiresAt };
      }
      return context;
    },
    onConnect: async (data: { payload?: unknown }): Promise<boolean | SocketContext> => {
      const token = connectionInitToken(data?.payload);
      if (!token) return true;
      try {
        const { identity, expiresAt } = await verifier.verifyToken(token);
        return { identity, tokenExpiresAt: expiresAt };
      } catch (err) {
        log.info({ err: (err as Error).message }, 'websocket refused: invalid token in connection_init');
        return false;
      }
    },
  };
}

/** A domain error as a GraphQL error with its code (mercurius sends an error's own extensions over the socket). */
function asGraphQLError(err: unknown): unknown {
  if (err instanceof DomainError) {
    const fields = (err as { violations?: unknown }).violations;
    return new GraphQLError(err.message, { extensions: { code: err.code, ...(fields ? { fields } : {}) } });
  }
  return err;
}

function guarded<T>(
  fn: (args: Record<string, unknown>, context: SocketContext) => T,
): GraphQLFieldResolver<unknown, SocketContext> {
  return (_root, args, context) => {
    try {
      return fn(args, context);
    } catch (err) {
      throw asGraphQLError(err);
    }
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function notificationPayload(n: NotificationRecord) {
  const g = NotificationGql.from(n);
  return { ...g, occurredAt: iso(g.occurredAt), createdAt: iso(g.createdAt), readAt: iso(g.readAt) };
}

function activityPayload(a: CohortActivityRecord) {
  const g = CohortActivityGql.from(a);
  return { ...g, occurredAt: iso(g.occurredAt) };
}

const expiryChecked = new WeakSet<GraphQLFieldResolver<unknown, SocketContext>>();

/** Every subscription field of the schema (served here or proxied) checks the token's expiry first. */
function guardTokenExpiry(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const subscribe = (field.subscribe ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, SocketContext>;
    if (expiryChecked.has(subscribe)) continue;
    const checked: GraphQLFieldResolver<unknown, SocketContext> = (root, args, context, info) => {
      try {
        enforceTokenExpiry(context);
      } catch (err) {
        throw asGraphQLError(err);
      }
      return subscribe(root, args, context, info);
    };
    expiryChecked.add(checked);
    field.subscribe = checked;
  }
}

/**
 * Serves the notifications subgraph's subscription fields in the gateway itself, from this
 * replica's LiveNotifications, instead of proxying them. @mercuriusjs/gateway proxies a
 * subscription over ONE websocket per subgraph and reuses an upstream operation for every
 * client sending the same document and variables (`SubscriptionClient.createSubscription`),
 * authenticated as whoever subscribed first: two users subscribing to `notifications` would
 * share the first one's feed. Resolving here keeps each subscription bound to its own socket's
 * identity and saves a hop; the composed schema still comes from the subgraph's SDL.
 */
export function patchLiveSubscriptions(schema: GraphQLSchema, live: LiveNotifications): void {
  const fields = schema.getSubscriptionType()?.getFields();
  if (!fields) return;
  if (fields.notifications) {
    fields.notifications.subscribe = guarded((args, context) =>
      live.notifications(requireIdentity(context.identity), (args.after as string | undefined) ?? null),
    );
    fields.notifications.resolve = (payload: NotificationRecord) => notificationPayload(payload);
  }
  if (fields.cohortActivity) {
    fields.cohortActivity.subscribe = guarded((args, context) => {
      requireProgramManager(context.identity);
      return live.cohortActivity(validateCohortId(args.cohortId));
    });
    fields.cohortActivity.resolve = (payload: CohortActivityRecord) => activityPayload(payload);
  }
  guardTokenExpiry(schema);
}

interface GatewayDecorations {
  graphql: { schema: GraphQLSchema };
  graphqlGateway: {
    addHook(
      name: 'onGatewayReplaceSchema',
      fn: (instance: unknown, schema: GraphQLSchema) => Promise<void> | void,
    ): void;
  };
}

/** Patches the composed schema now and every time the gateway recomposes it (polling, late subgraphs). */
export function installLiveSubscriptions(app: FastifyInstance, live: LiveNotifications): void {
  const gateway = app as unknown as GatewayDecorations;
  patchLiveSubscriptions(gateway.graphql.schema, live);
  gateway.graphqlGateway.addHook('onGatewayReplaceSchema', (_instance, schema) => patchLiveSubscriptions(schema, live));
}
