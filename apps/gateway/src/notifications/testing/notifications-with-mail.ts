import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventsTopic } from '#contracts';
import { startService, type ServiceHarness } from '#testing';
import { startMailCatcher, type MailCatcher } from '../../../../../scripts/lib/mail-catcher.js';
import { gatewayConfigSchema, type GatewayConfig } from '../../config.js';
import { NotificationsAppModule } from '../notifications-app.module.js';

export interface NotificationsWithMail {
  service: ServiceHarness<GatewayConfig>;
  catcher: MailCatcher;
  /** Where the catcher writes each mail (a .eml file). */
  mailDir: string;
  stop(): Promise<void>;
}

/**
 * The notifications subgraph as the gateway process runs it (its real module, Kafka consumer and
 * GraphQL), mailing through a local SMTP catcher, its consumer group started at the ends of the
 * events topics: what the integration specs of the email channel start.
 */
export async function startNotificationsWithMail(name: string): Promise<NotificationsWithMail> {
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), `mentorflow-mail-${name}-`));
  const catcher = await startMailCatcher({ dir: mailDir });
  const service = await startService({
    service: 'gateway',
    name,
    configSchema: gatewayConfigSchema,
    module: (config, logger) => NotificationsAppModule.forRoot(config, logger),
    env: { SMTP_URL: catcher.url, EMAIL_POLL_INTERVAL_MS: '50' },
    startGroupAtEndOf: (['cohorts', 'mentors', 'scoping', 'evaluations'] as const).map((c) => eventsTopic(c)),
    producer: true,
  });
  return {
    service,
    catcher,
    mailDir,
    stop: async () => {
      await service.stop();
      await catcher.close();
      fs.rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
