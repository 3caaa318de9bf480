import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphQLError, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { TokenVerifier } from '#auth';
import { DomainError } from '#ddd';
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
 * subscription answers UNAUTHENTICATED.
 */
export function subscriptionOptions(verifier: TokenVerifier, logger: Logger) {
  const log = logger.child({ component: 'websocket' });
  return {
    keepAlive: 15_000,
    context: (_socket: unknown, request: FastifyRequest): SocketContext => {
      const state = requestState(request);
      return { identity: state?.identity, correlationId: state?.correlationId ?? newCorrelationId() };
    },
    onConnect: async (data: { payload?: unknown }): Promise<boolean | SocketContext> => {
      const token = connectionInitToken(data?.payload);
      if (!token) return true;
      try {
        return { identity: await verifier.verify(token) };
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
