import type { INestApplicationContext, Type, DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { ConfigError } from './config.js';
import { registerHealthAndMetrics, type ReadinessCheck } from './health.js';
import { PinoNestLogger } from './logger.js';
import { attributeGraphQLQueries, queryCountingEnabled } from './query-count.js';

export interface ServiceBootstrapOptions {
  service: string;
  module: Type<unknown> | DynamicModule;
  host: string;
  port: number;
  logger: Logger;
  readiness: (app: INestApplicationContext) => Record<string, ReadinessCheck>;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
}

/** Starts a service: Nest on Fastify, JSON logs, health and metrics, graceful shutdown. */
export async function bootstrapService(options: ServiceBootstrapOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: options.bodyLimit ?? 1024 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, {
    logger: new PinoNestLogger(options.logger),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  registerHealthAndMetrics(app.getHttpAdapter().getInstance(), options.service, options.readiness(app));
  if (queryCountingEnabled()) attributeGraphQLQueries(app.getHttpAdapter().getInstance());
  await app.listen(options.port, options.host);
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
