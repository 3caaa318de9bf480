import { Module, type DynamicModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusGatewayDriver, type MercuriusGatewayDriverConfig } from '@nestjs/mercurius';
import type { MercuriusGatewayService } from '@mercuriusjs/gateway';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DocumentNode, GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { TokenVerifier } from '#auth';
import {
  ConfigError,
  namePeer,
  nameSpanAfterOperation,
  newCorrelationId,
  resolveAuthSettings,
  tracingEnabled,
  type Identity,
  type ReadinessCheck,
} from '#platform';
import { installCalendarFeedRoute, publicUrlHeaders } from './calendar-feeds/calendar-feed-route.js';
import {
  gatewayConfigProblems,
  subgraphEndpoints,
  subgraphTimeoutMs,
  type GatewayConfig,
  type SubgraphEndpoint,
} from './config.js';
import { installExportRoutes } from './exports/export-routes.js';
import { graphiqlSettings, installGraphiqlRoutes } from './graphiql/graphiql-page.js';
import { ReportLinks } from './reports/report-links.js';
import { installReportRoute } from './reports/report-route.js';
import { describeGatewayError, formatGatewayExecution } from './gateway-errors.js';
import { negotiateMediaType } from './http/graphql-http.js';
import { installMutationGate } from './http/mutation-gate.js';
import { subgraphAgent } from './http/subgraph-agent.js';
import { forwardedHeaders, GRAPHQL_PATH, installGatewayHooks, requestState } from './http-hooks.js';
import type { IdempotencyStore } from './idempotency/idempotency-store.js';
import { installExecutionTimeout } from './limits/execution-limits.js';
import { introspectionEnabled } from './limits/introspection.js';
import { installQueryLimits, operationNameOf, type HookContext } from './limits/limits-hooks.js';
import { RateLimiter } from './limits/rate-limiter.js';
import type { LiveNotifications } from './notifications/live/live-notifications.js';
import { installLiveSubscriptions, subscriptionOptions } from './subscriptions.js';
import { nameSubgraphFailures, waitForSubgraphs } from './subgraphs.js';

/** The GraphQL context of one gateway request (mercurius adds `reply` and `app`). */
export interface GatewayContext {
  correlationId: string;
  identity?: Identity;
}

/** A subgraph that stays down is reported at most this often. */
const REFRESH_WARNING_EVERY_MS = 60_000;

/** What the gateway process adds to the federation when it runs its own notifications subgraph. */
export interface GatewayExtras {
  /** Live notifications and cohort activity, served over graphql-ws by the gateway itself. */
  live?: LiveNotifications;
  /** Where Idempotency-Key responses are kept (without it, the header is refused). */
  idempotency?: IdempotencyStore;
  /** Told of every verified caller of /graphql (program managers' addresses for email); must not throw. */
  onIdentity?: (identity: Identity) => void;
  /** Runs when the gateway has closed (the notifications subgraph closes after it). */
  onClose?: () => Promise<void>;
  /**
   * The gateway's own readiness checks besides its composed schema (the process's database). The
   * subgraphs are reported in the readiness answer but never make the gateway unready.
   */
  readiness?: Record<string, ReadinessCheck>;
}

/**
 * The gateway: @mercuriusjs/gateway through Nest's MercuriusGatewayDriver on the Fastify
 * instance, federating the subgraphs. Authentication and the correlation id are Fastify hooks
 * (installed before the GraphQL routes exist); the caller's token and correlation id are
 * forwarded to every subgraph call; subgraph errors are formatted in one place.
 */
@Module({})
export class AppModule {
  static forRoot(
    config: GatewayConfig,
    logger: Logger,
    endpoints: SubgraphEndpoint[] = subgraphEndpoints(config),
    extras: GatewayExtras = {},
  ): DynamicModule {
    // Throws a ConfigError in production when neither AUTH_JWT_SECRET nor AUTH_JWKS_URL is set.
    const verifier = new TokenVerifier(resolveAuthSettings(config));
    // Throws a ConfigError for GRAPHIQL=true or GRAPHIQL_DEFAULT_HEADERS outside development and test.
    const graphiql = graphiqlSettings(config);
    const problems = gatewayConfigProblems(config);
    if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    const graphqlLogger = logger.child({ component: 'graphql' });
    const federationLogger = logger.child({ component: 'federation' });
    const lastRefreshWarning = new Map<string, number>();
    const rateLimiter = new RateLimiter({
      burst: config.MUTATION_RATE_BURST,
      perMinute: config.MUTATION_RATE_PER_MINUTE,
    });
    const limits = {
      maxDepth: config.MAX_QUERY_DEPTH,
      maxCost: config.MAX_QUERY_COST,
      maxFields: config.MAX_QUERY_FIELDS,
      maxRootFields: config.MAX_ROOT_FIELDS,
      maxTokens: config.MAX_QUERY_TOKENS,
      introspection: introspectionEnabled(config),
      maxResponseBytes: config.GRAPHQL_MAX_RESPONSE_BYTES,
    };

    // Client spans of the subgraph fetches are named after the subgraph (`POST cohorts`).
    for (const endpoint of endpoints) namePeer(endpoint.url, endpoint.name);
    // Our own agents (mercurius closes only the ones it makes): closed with the gateway.
    const agents = new Map(
      config.SUBGRAPH_DEDUPLICATE_INFLIGHT === 'true'
        ? endpoints.map((e) => [e.name, subgraphAgent(e.url, subgraphTimeoutMs(config))])
        : [],
    );
    const services: MercuriusGatewayService[] = endpoints.map((endpoint) => ({
      name: endpoint.name,
      url: endpoint.url,
      ...(agents.has(endpoint.name)
        ? { agent: agents.get(endpoint.name) as unknown as MercuriusGatewayService['agent'] }
        : {}),
      // Missing at start-up: retried every SUBGRAPH_RETRY_INTERVAL_MS (mercurius only retries mandatory services).
      mandatory: true,
      // A subgraph that does not answer in time: its fields SUBGRAPH_UNAVAILABLE, the rest answered.
      headersTimeout: subgraphTimeoutMs(config),
      bodyTimeout: subgraphTimeoutMs(config),
      rewriteHeaders: (headers, context) => ({
        ...forwardedHeaders(headers, context as unknown as Partial<GatewayContext> | undefined),
        ...publicUrlHeaders(config),
      }),
    }));

    return {
      module: AppModule,
      imports: [
        GraphQLModule.forRootAsync<MercuriusGatewayDriverConfig>({
          driver: MercuriusGatewayDriver,
          inject: [HttpAdapterHost],
          useFactory: async (adapterHost: HttpAdapterHost): Promise<MercuriusGatewayDriverConfig> => {
            const fastify = adapterHost.httpAdapter.getInstance<FastifyInstance>();
            installGatewayHooks(fastify, verifier, logger);
            installExecutionTimeout(fastify, GRAPHQL_PATH, config.GRAPHQL_EXECUTION_TIMEOUT_MS);
            installCalendarFeedRoute(fastify, {
              cohortsUrl: endpoints.find((e) => e.name === 'cohorts')?.url ?? config.COHORTS_URL,
              logger,
            });
            installExportRoutes(fastify, { verifier, logger, queryTimeoutMs: config.GRAPHQL_EXECUTION_TIMEOUT_MS });
            if (graphiql.enabled) {
              installGraphiqlRoutes(fastify, { graphqlPath: GRAPHQL_PATH, defaultHeaders: graphiql.defaultHeaders });
            }
            installReportRoute(fastify, {
              verifier,
              links: ReportLinks.fromConfig(config),
              logger,
              queryTimeoutMs: config.GRAPHQL_EXECUTION_TIMEOUT_MS,
            });
            if (agents.size) {
              fastify.addHook('onClose', async () => {
                await Promise.all([...agents.values()].map((agent) => agent.close().catch(() => undefined)));
              });
            }
            if (extras.onClose) fastify.addHook('onClose', extras.onClose);
            const onIdentity = extras.onIdentity;
            if (onIdentity) {
              fastify.addHook('preHandler', async (request: FastifyRequest) => {
                const identity = requestState(request)?.identity;
                if (identity) onIdentity(identity);
              });
            }
            installMutationGate(fastify, {
              graphqlPath: GRAPHQL_PATH,
              identityOf: (request) => requestState(request)?.identity,
              rateLimiter,
              idempotency: extras.idempotency,
              logger,
            });
            const missing = await waitForSubgraphs(endpoints, {
              timeoutMs: config.SUBGRAPH_WAIT_MS,
              logger: federationLogger,
            });
            if (missing.length) {
              federationLogger.warn(
                { missing: missing.map((e) => ({ name: e.name, url: e.url })) },
                'starting without some subgraphs; they join when they answer',
              );
            }
            return {
              path: GRAPHQL_PATH,
              // GraphiQL from our own assets (graphiql/graphiql-page.ts), not mercurius' CDN page.
              graphiql: false,
              subscription: subscriptionOptions(verifier, logger),
              context: (request: FastifyRequest): GatewayContext => {
                const state = requestState(request);
                return { correlationId: state?.correlationId ?? newCorrelationId(), identity: state?.identity };
              },
              errorFormatter: (execution, ctx) =>
                formatGatewayExecution(
                  execution as { data?: unknown; errors?: readonly GraphQLError[] },
                  graphqlLogger,
                  {
                    mediaType: negotiateMediaType(
                      (ctx as { reply?: { request?: FastifyRequest } } | undefined)?.reply?.request?.headers?.accept,
                    ),
                    bodyLimit: config.BODY_LIMIT_BYTES,
                  },
                ),
              // After the gateway composed its schema: subgraph failures named, the query limits, and
              // the live subscriptions.
              plugins: [
                {
                  plugin: async (app: FastifyInstance) => {
                    nameSubgraphFailures(app);
                    const graphql = (app as unknown as { graphql: Parameters<typeof installQueryLimits>[0] }).graphql;
                    // With tracing on, the request's server span is named after the operation
                    // (`mutation enrollIntern`), refused documents included: this runs before the limits.
                    if (tracingEnabled()) {
                      graphql.addHook(
                        'preValidation',
                        (_schema: unknown, document: DocumentNode, context: HookContext) =>
                          nameSpanAfterOperation(document, operationNameOf(context)),
                      );
                    }
                    installQueryLimits(
                      (app as unknown as { graphql: Parameters<typeof installQueryLimits>[0] }).graphql,
                      limits,
                    );
                    if (extras.live) installLiveSubscriptions(app, extras.live);
                  },
                },
              ],
              gateway: {
                services,
                retryServicesCount: config.SUBGRAPH_RETRY_COUNT,
                retryServicesInterval: config.SUBGRAPH_RETRY_INTERVAL_MS,
                ...(config.SCHEMA_POLL_INTERVAL_MS > 0 ? { pollingInterval: config.SCHEMA_POLL_INTERVAL_MS } : {}),
                // Called when a schema refresh cannot reach a subgraph: log it (at most once a minute per
                // subgraph), keep serving the last composed schema.
                errorHandler: (error: Error, service: MercuriusGatewayService) => {
                  const now = Date.now();
                  if (now - (lastRefreshWarning.get(service.name) ?? 0) < REFRESH_WARNING_EVERY_MS) return;
                  lastRefreshWarning.set(service.name, now);
                  federationLogger.warn(
                    {
                      subgraph: service.name,
                      url: endpoints.find((e) => e.name === service.name)?.url,
                      err: describeGatewayError(error),
                    },
                    'subgraph schema refresh failed; serving the last composed schema',
                  );
                },
              },
            } as MercuriusGatewayDriverConfig;
          },
        }),
      ],
    };
  }
}
