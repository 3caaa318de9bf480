import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InternEnrolledV1, MilestoneDueSoonV1, ProjectScopeDueSoonV1 } from '#contracts';
import { eventually, signTestToken, type ServiceHarness } from '#testing';
import type { MailCatcher } from '../../../../../scripts/lib/mail-catcher.js';
import type { GatewayConfig } from '../../config.js';
import { startNotificationsWithMail, type NotificationsWithMail } from '../testing/notifications-with-mail.js';
import { EmailChannel } from './email-channel.js';

// The notifications subgraph as the gateway process runs it (its real module, Kafka consumer and
// GraphQL), with SMTP_URL set: reminders published on Kafka arrive as mail at a real SMTP server;
// the opt-out goes through GraphQL.

let catcher: MailCatcher;
let service: ServiceHarness<GatewayConfig>;

let started: NotificationsWithMail | undefined;

beforeAll(async () => {
  started = await startNotificationsWithMail('gateway-mail');
  ({ service, catcher } = started);
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

describe('the notifications subgraph with SMTP_URL', () => {
  it('mails reminders from Kafka to the intern, and stops when they opt out through GraphQL', async () => {
    expect(service.app.get(EmailChannel).enabled).toBe(true);
    const internId = `intern-${Date.now().toString(36)}`;
    const address = `${internId}@example.edu`;
    await service.publish(InternEnrolledV1, internId, {
      enrollmentId: `en-${internId}`,
      cohortId: 'c-svc',
      internId,
      name: 'Emma Novak',
      email: address,
      university: 'TU Berlin',
      degreeLevel: 'MASTERS',
      focusAreas: ['nlp'],
      timezone: 'Europe/Prague',
    });
    await service.publish(ProjectScopeDueSoonV1, internId, {
      cohortId: 'c-svc',
      internId,
      projectId: null,
      dueWeek: 3,
      dueOn: '2026-03-20',
      primaryMentorId: null,
      awaitingApproval: false,
    });
    const mail = await eventually(() => catcher.messages.find((m) => m.to.includes(address)), {
      timeoutMs: 30_000,
      what: 'the scope reminder mail',
    });
    expect(mail.subject).toBe('Your project scope is due on 2026-03-20');

    const intern = await signTestToken({ sub: internId, roles: ['INTERN'] });
    const optOut = await service.gql(
      `mutation ($input: SetNotificationPreferencesInput!) { setNotificationPreferences(input: $input) { email } }`,
      { input: { email: false } },
      intern,
    );
    expect(optOut.body).toEqual({ data: { setNotificationPreferences: { email: false } } });
    const read = await service.gql(`{ notificationPreferences { email } }`, {}, intern);
    expect(read.body).toEqual({ data: { notificationPreferences: { email: false } } });
    const anonymous = await service.gql(`{ notificationPreferences { email } }`);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await service.publish(MilestoneDueSoonV1, internId, {
      milestoneId: `m-${internId}`,
      projectId: `p-${internId}`,
      cohortId: 'c-svc',
      internId,
      title: 'Baseline model',
      dueWeek: 6,
      dueOn: '2026-04-10',
      awaitingReview: false,
    });
    // The notification is stored (and its delivery skipped), no mail.
    await eventually(
      async () =>
        (
          (await service.dataSource.query(
            `SELECT d.state FROM email_deliveries d JOIN notifications n ON n.id = d.notification_id
              WHERE n.type = 'MILESTONE_DUE_SOON' AND d.recipient = $1`,
            [internId],
          )) as { state: string }[]
        )[0]?.state === 'SKIPPED',
      { timeoutMs: 30_000, what: 'the opted-out reminder to be skipped' },
    );
    expect(catcher.messages.filter((m) => m.to.includes(address))).toHaveLength(1);
  });
});
