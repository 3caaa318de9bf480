import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { MessagingModule } from '#messaging';
import { resolveAuthSettings, serviceDataSourceOptions, SubgraphModule } from '#platform';
import type { GatewayConfig } from '../config.js';
import { NotificationsConsumer } from './events/notifications.consumer.js';
import { NotificationsResolver } from './graphql/notifications.resolver.js';
import { LIVE_LOGGER, LiveNotifications } from './live/live-notifications.js';
import { gatewayMigrations } from './migrations/index.js';
import { NotificationRepository } from './persistence/notification.repository.js';

/**
 * The gateway's own subgraph, served by the gateway process on an internal port and federated
 * like the four services: its database (notifications, projections, idempotency keys), its
 * Kafka consumer (group `mentorflow-gateway`, dead letters to `mentorflow.gateway.dead-letter`),
 * and the notifications queries, mutation and subscriptions.
 */
@Module({})
export class NotificationsAppModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: NotificationsAppModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            serviceDataSourceOptions({
              serverUrl: config.DATABASE_URL,
              database: config.DATABASE_NAME,
              entities: [],
              migrations: gatewayMigrations,
            }),
        }),
        MessagingModule.forRoot({
          service: 'gateway',
          brokers: config.KAFKA_BROKERS,
          groupId: config.KAFKA_GROUP_ID,
          logger,
        }),
        SubgraphModule.forRoot({ auth: resolveAuthSettings(config), logger, graphiql: false }),
      ],
      providers: [
        { provide: LIVE_LOGGER, useValue: logger.child({ component: 'live' }) },
        NotificationRepository,
        LiveNotifications,
        NotificationsConsumer,
        NotificationsResolver,
      ],
      exports: [LiveNotifications],
    };
  }
}
