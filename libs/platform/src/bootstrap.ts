import type { INestApplicationContext, Type, DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ConfigError } from './config.js';
import {
  observeRequests,
  registerHealth,
  startOpsServer,
  type ReadinessCheck,
  type ReadinessReport,
} from './health.js';
import { PinoNestLogger } from './logger.js';
import { attributeGraphQLQueries, queryCountingEnabled } from './query-count.js';
import { flushTracing } from './tracing/tracing.js';

export interface ServiceBootstrapOptions {
  service: string;
  module: Type<unknown> | DynamicModule;
  host: string;
  port: number;
  /** The ops listener (`/metrics` and health): `opsListenAddress(config)`. */
  ops: { host: string; port: number };
  logger: Logger;
  readiness: (app: INestApplicationContext) => Record<string, ReadinessCheck>;
  /** What the readiness answer reports besides its checks, never failing it (the gateway's subgraphs). */
  readinessReport?: (app: INestApplicationContext) => ReadinessReport;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
}

const opsServers = new WeakMap<INestApplicationContext, FastifyInstance>();

/** The ops listener `bootstrapService` started beside this app (tests read its port with `opsPortOf`). */
export function opsServerOf(app: INestApplicationContext): FastifyInstance | undefined {
  return opsServers.get(app);
}

/**
 * Starts a service: Nest on Fastify, JSON logs, graceful shutdown; health on the public port,
 * and `/metrics` with health on the ops listener, which starts first (Prometheus sees the
 * migrations) and closes with the app.
 */
export async function bootstrapService(options: ServiceBootstrapOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: options.bodyLimit ?? 1024 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, {
    logger: new PinoNestLogger(options.logger),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  const http = app.getHttpAdapter().getInstance();
  const checks = options.readiness(app);
  const report = options.readinessReport?.(app);
  observeRequests(http);
  registerHealth(http, options.service, checks, report);
  if (queryCountingEnabled()) attributeGraphQLQueries(http);
  const ops = await startOpsServer({
    service: options.service,
    checks,
    report,
    ...options.ops,
    logger: options.logger,
  });
  http.addHook('onClose', async () => {
    await ops.close();
    // The spans still buffered for export leave before the process does.
    await flushTracing().catch(() => undefined);
  });
  try {
    await app.listen(options.port, options.host);
  } catch (err) {
    await ops.close().catch(() => undefined);
    throw err;
  }
  opsServers.set(app, ops);
  options.logger.info({ url: `http://${options.host}:${options.port}` }, `${options.service} listening`);
  return app;
}

/** Runs a service's start-up, turning a configuration error into one clear line and exit code 1. */
export function runMain(service: string, main: () => Promise<unknown>): void {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${service}: ${err.message}\n`);
    } else {
      process.stderr.write(`${service}: failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
    }
    process.exit(1);
  });
}
