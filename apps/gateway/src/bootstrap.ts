import { HttpAdapterHost } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { bootstrapService, opsListenAddress } from '#platform';
import { AppModule, type GatewayExtras } from './app.module.js';
import { notificationsEndpoint, subgraphEndpoints, type GatewayConfig, type SubgraphEndpoint } from './config.js';
import { startNotifications } from './notifications/start-notifications.js';
import { subgraphReadiness } from './subgraphs.js';

/**
 * Starts the gateway: GraphQL federation, health (ready when every subgraph is), JSON logs; its
 * `/metrics` (with health) on the ops listener, OPS_PORT (default PORT + 1000).
 */
export function startGateway(
  config: GatewayConfig,
  logger: Logger,
  endpoints: SubgraphEndpoint[] = subgraphEndpoints(config),
  extras: GatewayExtras = {},
): Promise<NestFastifyApplication> {
  return bootstrapService({
    service: 'gateway',
    module: AppModule.forRoot(config, logger, endpoints, extras),
    host: config.HOST,
    port: config.PORT,
    ops: opsListenAddress(config),
    logger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    readiness: (app) => {
      const adapterHost = app.get(HttpAdapterHost);
      return subgraphReadiness(endpoints, () => adapterHost.httpAdapter.getInstance<FastifyInstance>());
    },
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
      idempotency: notifications.idempotency,
      onIdentity: (identity) => void notifications.sightings.seen(identity),
      onClose: () => notifications.close(),
    });
  } catch (err) {
    await notifications.close().catch(() => undefined);
    throw err;
  }
}
