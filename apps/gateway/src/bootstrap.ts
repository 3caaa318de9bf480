import { HttpAdapterHost } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { bootstrapService, opsListenAddress } from '#platform';
import { AppModule, type GatewayExtras } from './app.module.js';
import { notificationsEndpoint, subgraphEndpoints, type GatewayConfig, type SubgraphEndpoint } from './config.js';
import { startNotifications } from './notifications/start-notifications.js';
import { hasComposedSchema, SubgraphMonitor } from './subgraphs.js';

/**
 * Starts the gateway: GraphQL federation, health, JSON logs; its `/metrics` (with health) on the
 * ops listener, OPS_PORT (default PORT + 1000).
 *
 * Readiness (partial availability): the gateway is ready while it serves a composed schema and
 * its own checks pass (`extras.readiness`: the process's database). A subgraph that is down does
 * not make it unready — every replica of the gateway shares the subgraphs, so taking one out of
 * the load balancer would only turn the missing fields into a whole API down. The answer reports
 * each subgraph instead (`subgraphs: { cohorts: 'up', mentors: 'down', … }`), and so does
 * `mentorflow_gateway_subgraph_up{subgraph}` on /metrics.
 */
export function startGateway(
  config: GatewayConfig,
  logger: Logger,
  endpoints: SubgraphEndpoint[] = subgraphEndpoints(config),
  extras: GatewayExtras = {},
): Promise<NestFastifyApplication> {
  let fastify: FastifyInstance | undefined;
  const monitor = new SubgraphMonitor(endpoints, () => fastify);
  return bootstrapService({
    service: 'gateway',
    module: AppModule.forRoot(config, logger, endpoints, extras),
    host: config.HOST,
    port: config.PORT,
    ops: opsListenAddress(config),
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: (app) => {
      const instance = app.get(HttpAdapterHost).httpAdapter.getInstance<FastifyInstance>();
      fastify = instance;
      monitor.start();
      instance.addHook('onClose', async () => monitor.stop());
      return { schema: async () => hasComposedSchema(instance), ...extras.readiness };
    },
    readinessReport: () => async () => ({ subgraphs: await monitor.states() }),
  });
}

/**
 * The gateway process: first its own notifications subgraph (database, Kafka consumer, internal
 * port), then the gateway federating the four services and it. The gateway closes the
 * notifications subgraph after itself on shutdown.
 */
export async function startGatewayProcess(config: GatewayConfig, logger: Logger): Promise<NestFastifyApplication> {
  const notifications = await startNotifications(config, logger);
  try {
    return await startGateway(config, logger, [...subgraphEndpoints(config), notificationsEndpoint(config)], {
      live: notifications.live,
      readiness: { database: notifications.database },
      idempotency: notifications.idempotency,
      onIdentity: (identity) => void notifications.sightings.seen(identity),
      onClose: () => notifications.close(),
    });
  } catch (err) {
    await notifications.close().catch(() => undefined);
    throw err;
  }
}
