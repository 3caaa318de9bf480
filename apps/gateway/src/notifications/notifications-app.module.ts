import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { serviceInfrastructure } from '#messaging';
import type { GatewayConfig } from '../config.js';
import { REPORT_LINKS, ReportLinkResolver } from '../reports/report-link.resolver.js';
import { ReportLinks } from '../reports/report-links.js';
import { EMAIL_LOGGER, EMAIL_SETTINGS, EmailChannel, emailSettings } from './email/email-channel.js';
import { ProgramManagerSightings } from './email/program-manager-sightings.js';
import { NotificationsConsumer } from './events/notifications.consumer.js';
import { ERASURE_LOGGER, PersonalDataErasureConsumer } from './events/personal-data-erasure.consumer.js';
import { NotificationPreferencesResolver } from './graphql/notification-preferences.resolver.js';
import { NotificationsResolver } from './graphql/notifications.resolver.js';
import { LIVE_LOGGER, LiveNotifications } from './live/live-notifications.js';
import { gatewayMigrations } from './migrations/index.js';
import { EmailRepository } from './persistence/email.repository.js';
import { ErasureRepository } from './persistence/erasure.repository.js';
import { NotificationRepository } from './persistence/notification.repository.js';

/**
 * The gateway's own subgraph, served by the gateway process on an internal port and federated
 * like the four services: its database (notifications, projections, idempotency keys), its
 * Kafka consumer (group `mentorflow-gateway`, dead letters to `mentorflow.gateway.dead-letter`),
 * the notifications queries, mutations and subscriptions, the email channel (SMTP_URL), the erasure of a person's data (InternErased, MentorErased), and
 * `createReportLink` (reports/).
 */
@Module({})
export class NotificationsAppModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: NotificationsAppModule,
      imports: serviceInfrastructure({
        service: 'gateway',
        config,
        logger,
        entities: [],
        migrations: gatewayMigrations,
        graphiql: false,
      }),
      providers: [
        { provide: LIVE_LOGGER, useValue: logger.child({ component: 'live' }) },
        { provide: EMAIL_SETTINGS, useValue: emailSettings(config) },
        { provide: EMAIL_LOGGER, useValue: logger.child({ component: 'email' }) },
        { provide: ERASURE_LOGGER, useValue: logger.child({ component: 'erasure' }) },
        NotificationRepository,
        EmailRepository,
        LiveNotifications,
        EmailChannel,
        ProgramManagerSightings,
        NotificationsConsumer,
        ErasureRepository,
        PersonalDataErasureConsumer,
        NotificationsResolver,
        NotificationPreferencesResolver,
        { provide: REPORT_LINKS, useValue: ReportLinks.fromConfig(config) },
        ReportLinkResolver,
      ],
      exports: [LiveNotifications, ProgramManagerSightings],
    };
  }
}
