import type { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Context } from '#contracts';
import {
  bootstrapService,
  opsListenAddress,
  resolveAuthSettings,
  runProcess,
  serviceDataSourceOptions,
  SubgraphModule,
  type BaseConfig,
  type ServiceDatabaseOptions,
} from '#platform';
import type { MessagingOptions } from './messaging-options.js';
import { MessagingModule } from './messaging.module.js';
import { serviceReadiness } from './readiness.js';

/** What a service with its own database and Kafka consumer reads from its configuration. */
export type ServiceConfig = BaseConfig & {
  DATABASE_NAME: string;
  KAFKA_GROUP_ID?: string;
  /** Hours a published outbox row is kept (0: forever); default 168. */
  OUTBOX_RETENTION_HOURS?: number;
};

type ModuleImport = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** Test-only overrides of the messaging options (isolated topics, faster relay). */
export type MessagingOverrides = Pick<
  MessagingOptions,
  'topics' | 'relayPollIntervalMs' | 'retryBackoffMs' | 'maxAttempts'
>;

export interface ServiceInfrastructureOptions {
  /** The service: its consumer group (`mentorflow-<service>`), CloudEvents source, dead letters. */
  service: string;
  config: ServiceConfig;
  logger: Logger;
  /** The service's TypeORM entities and hand-written migrations (run at start-up). */
  entities: ServiceDatabaseOptions['entities'];
  migrations: ServiceDatabaseOptions['migrations'];
  /** The context whose topic the service publishes to; none for a service that only consumes. */
  publishes?: Context;
  /** Messaging options over those of the configuration (tests: isolated topics, a faster relay). */
  messaging?: MessagingOverrides;
  /** Federation stubs the subgraph must list (types owned elsewhere, reached only through fields). */
  orphanedTypes?: Function[];
  /**
   * Mercurius' GraphiQL on the subgraph's /graphiql (a page that loads React and GraphiQL from a
   * CDN); default off: GraphiQL is the gateway's, served from its own assets (issue 17).
   */
  graphiql?: boolean;
}

/**
 * What every service with a database, Kafka and a subgraph imports: its database (created if
 * missing, migrations run at start-up), the outbox relay and the inbox consumer, and the
 * `/graphql` subgraph with the caller's identity and the role guard.
 */
export function serviceInfrastructure(options: ServiceInfrastructureOptions): DynamicModule[] {
  const { config, logger } = options;
  return [
    TypeOrmModule.forRootAsync({
      useFactory: () =>
        serviceDataSourceOptions({
          serverUrl: config.DATABASE_URL,
          database: config.DATABASE_NAME,
          entities: options.entities,
          migrations: options.migrations,
        }),
    }),
    MessagingModule.forRoot({
      service: options.service,
      ...(options.publishes ? { publishes: options.publishes } : {}),
      brokers: config.KAFKA_BROKERS,
      groupId: config.KAFKA_GROUP_ID,
      ...(config.OUTBOX_RETENTION_HOURS !== undefined ? { outboxRetentionHours: config.OUTBOX_RETENTION_HOURS } : {}),
      logger,
      ...options.messaging,
    }),
    SubgraphModule.forRoot({
      auth: resolveAuthSettings(config),
      logger,
      graphiql: options.graphiql ?? false,
      orphanedTypes: options.orphanedTypes ?? [],
    }),
  ];
}

export interface ServiceModuleOptions extends ServiceInfrastructureOptions {
  /** The service's own modules (its bounded contexts). */
  imports?: ModuleImport[];
  providers?: Provider[];
  exports?: DynamicModule['exports'];
}

/**
 * The root module of a service: CQRS, then `serviceInfrastructure`, then the service's own
 * modules and providers. `AppModule.forRoot` returns `serviceModule(AppModule, {...})`.
 */
export function serviceModule(module: Type<unknown>, options: ServiceModuleOptions): DynamicModule {
  const { imports = [], providers = [], exports = [], ...infrastructure } = options;
  return {
    module,
    imports: [CqrsModule.forRoot(), ...serviceInfrastructure(infrastructure), ...imports],
    providers,
    exports,
  };
}

/** Starts a service with a database and Kafka: ready when both answer (see `bootstrapService`). */
export function startSubgraphService(
  service: string,
  config: BaseConfig & { PORT: number },
  logger: Logger,
  module: DynamicModule,
): Promise<NestFastifyApplication> {
  return bootstrapService({
    service,
    module,
    host: config.HOST,
    port: config.PORT,
    ops: opsListenAddress(config),
    logger,
    readiness: serviceReadiness,
  });
}

/**
 * The whole `main.ts` of a service with a database, Kafka and a subgraph:
 * `runService({ service, configSchema, module: (config, logger) => AppModule.forRoot(config, logger) })`.
 */
export function runService<S extends z.ZodType<BaseConfig & { PORT: number }>>(options: {
  service: string;
  configSchema: S;
  module: (config: z.infer<S>, logger: Logger) => DynamicModule;
}): void {
  runProcess(options.service, options.configSchema, (config, logger) =>
    startSubgraphService(options.service, config, logger, options.module(config, logger)),
  );
}
