import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { serviceReadiness } from '#messaging';
import { observeRequests, PinoNestLogger, registerHealth, type ReadinessCheck } from '#platform';
import { notificationsPort, type GatewayConfig } from '../config.js';
import { PgIdempotencyStore } from '../idempotency/persistence/pg-idempotency-store.js';
import { ProgramManagerSightings } from './email/program-manager-sightings.js';
import { LiveNotifications } from './live/live-notifications.js';
import { NotificationsAppModule } from './notifications-app.module.js';

export interface NotificationsRuntime {
  app: NestFastifyApplication;
  live: LiveNotifications;
  idempotency: PgIdempotencyStore;
  /** Program managers seen in verified tokens (their `email` claim): the PM audience's mail recipients. */
  sightings: ProgramManagerSightings;
  /** Whether the gateway's own database answers (notifications, idempotency keys): part of the gateway's readiness. */
  database: ReadinessCheck;
  close(): Promise<void>;
}

const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Starts the notifications subgraph inside the gateway process, on NOTIFICATIONS_HOST:port
 * (internal: the gateway federates it like the four services). No shutdown hooks of its own:
 * the gateway closes it after itself, so no request is left without its subgraph.
 */
export async function startNotifications(config: GatewayConfig, logger: Logger): Promise<NotificationsRuntime> {
  const log = logger.child({ subgraph: 'notifications' });
  const app = await NestFactory.create<NestFastifyApplication>(
    NotificationsAppModule.forRoot(config, log),
    new FastifyAdapter(),
    {
      logger: new PinoNestLogger(log),
      abortOnError: false,
    },
  );
  const checks = serviceReadiness(app);
  const live = app.get(LiveNotifications);
  // Health for the gateway's readiness check; its metrics are the process's, on the gateway's ops listener.
  const http = app.getHttpAdapter().getInstance();
  observeRequests(http);
  registerHealth(http, 'gateway', {
    ...checks,
    live: async () => live.listening,
  });
  const port = notificationsPort(config);
  await app.listen(port, config.NOTIFICATIONS_HOST);
  log.info({ url: `http://${config.NOTIFICATIONS_HOST}:${port}/graphql` }, 'notifications subgraph listening');

  const idempotency = new PgIdempotencyStore(app.get(DataSource), config.IDEMPOTENCY_TTL_HOURS);
  const purge = setInterval(() => {
    idempotency.purgeExpired().then(
      (n) => n && log.info({ purged: n }, 'expired idempotency keys deleted'),
      (err: Error) => log.warn({ err: err.message }, 'could not purge expired idempotency keys'),
    );
  }, PURGE_EVERY_MS);
  purge.unref();

  return {
    app,
    live,
    idempotency,
    sightings: app.get(ProgramManagerSightings),
    database: checks.database!,
    close: async () => {
      clearInterval(purge);
      await app.close();
    },
  };
}
