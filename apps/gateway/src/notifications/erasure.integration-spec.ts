import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CheckInMissedV1,
  InternEnrolledV1,
  InternErasedV1,
  MentorAssignedV1,
  MentorErasedV1,
  MentorRegisteredV1,
  MilestoneDueSoonV1,
} from '#contracts';
import { eventually, findPersonalData, internEnrolledData, signTestToken, type ServiceHarness } from '#testing';
import type { MailCatcher } from '../../../../scripts/lib/mail-catcher.js';
import type { GatewayConfig } from '../config.js';
import { startNotificationsWithMail, type NotificationsWithMail } from './testing/notifications-with-mail.js';

// Erasure through Kafka in the notifications subgraph as the gateway process runs it (its real
// module, consumer, GraphQL and mail sender, against the real Postgres and an SMTP server in
// process): an intern and her mentor get notifications and mails, then InternErased and
// MentorErased; afterwards no text column of any table of the gateway's database holds their
// names or addresses, later notifications call them "Erased intern"/"Erased mentor", and no
// mail goes to them any more.

let catcher: MailCatcher;
let service: ServiceHarness<GatewayConfig>;

const run = Date.now().toString(36);
const cohortId = `c-erase-${run}`;
const ada = { id: `intern-ada-${run}`, name: 'Ada Lovelace', email: `ada.lovelace.${run}@example.edu` };
const grace = { id: `mentor-grace-${run}`, name: 'Grace Hopper', email: `grace.${run}@example.org` };

let started: NotificationsWithMail | undefined;

beforeAll(async () => {
  started = await startNotificationsWithMail('gateway-erase');
  ({ service, catcher } = started);
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

const dueSoon = (milestoneId: string) =>
  service.publish(MilestoneDueSoonV1, ada.id, {
    milestoneId,
    projectId: `p-${ada.id}`,
    cohortId,
    internId: ada.id,
    title: 'Baseline model',
    dueWeek: 6,
    dueOn: '2027-07-16',
    awaitingReview: false,
  });

const deliveryStates = async (recipient: string) =>
  (
    (await service.dataSource.query(`SELECT state FROM email_deliveries WHERE recipient = $1 ORDER BY id`, [
      recipient,
    ])) as { state: string }[]
  ).map((r) => r.state);

/** Every table but the outbox: what the gateway publishes is left to libs/messaging's crypto-shredding (it publishes nothing of people). */
const scan = (needles: string[]) => findPersonalData(service.dataSource, needles);

describe('erasure in the notifications subgraph, through Kafka', () => {
  it('forgets the intern and the mentor everywhere in its database, and mails them no more', async () => {
    await service.publish(MentorRegisteredV1, grace.id, {
      mentorId: grace.id,
      name: grace.name,
      email: grace.email,
      team: 'Search',
      expertise: ['nlp'],
      timezone: 'Europe/Berlin',
      capacity: 2,
    });
    await service.publish(
      InternEnrolledV1,
      cohortId,
      internEnrolledData(cohortId, ada.id, { name: ada.name, email: ada.email }),
    );
    // Named in the notifications once her enrollment is in (the topics are consumed independently).
    await eventually(
      async () =>
        ((await service.dataSource.query(`SELECT 1 FROM interns WHERE intern_id = $1`, [ada.id])) as unknown[]).length
          ? true
          : undefined,
      { what: 'the intern’s enrollment' },
    );
    await service.publish(MentorAssignedV1, ada.id, {
      assignmentId: `as-${ada.id}`,
      cohortId,
      internId: ada.id,
      mentorId: grace.id,
      role: 'PRIMARY',
      assignedAt: new Date().toISOString(),
    });
    await service.publish(CheckInMissedV1, ada.id, { cohortId, internId: ada.id, mentorId: grace.id, week: 2 });
    await dueSoon(`m1-${ada.id}`);
    await eventually(() => catcher.messages.find((m) => m.to.includes(ada.email)), {
      timeoutMs: 30_000,
      what: 'a mail to the intern',
    });
    await eventually(() => catcher.messages.find((m) => m.to.includes(grace.email)), {
      timeoutMs: 30_000,
      what: 'a mail to the mentor',
    });
    await eventually(async () => ((await deliveryStates(ada.id)).every((s) => s === 'SENT') ? true : undefined), {
      what: 'the intern’s mails recorded SENT',
    });
    expect((await scan([ada.name, ada.email, grace.name, grace.email])).length).toBeGreaterThan(0);

    await service.publish(InternErasedV1, ada.id, {
      internId: ada.id,
      cohortIds: [cohortId],
      erasedAt: new Date().toISOString(),
      trigger: 'REQUEST',
    });
    await service.publish(MentorErasedV1, grace.id, {
      mentorId: grace.id,
      erasedAt: new Date().toISOString(),
      trigger: 'REQUEST',
    });
    await eventually(
      async () => ((await scan([ada.name, ada.email, grace.name, grace.email])).length === 0 ? true : undefined),
      { timeoutMs: 30_000, what: 'no name or address of the erased intern and mentor' },
    );
    expect(await scan(['Lovelace', 'Hopper'])).toEqual([]);

    // The mentor's feed reads "Erased intern"; a later reminder to the intern is stored, never mailed.
    const mailsBefore = catcher.messages.length;
    await dueSoon(`m2-${ada.id}`);
    await eventually(async () => ((await deliveryStates(ada.id)).at(-1) === 'SKIPPED' ? true : undefined), {
      what: 'the erased intern’s new delivery skipped',
    });
    const feed = await service.gql(
      `{ notifications(first: 10) { edges { node { title body } } } }`,
      {},
      await signTestToken({ sub: grace.id, roles: ['MENTOR'] }),
    );
    expect(feed.body.errors).toBeUndefined();
    const titles = (feed.body.data.notifications.edges as { node: { title: string } }[]).map((e) => e.node.title);
    expect(titles).toEqual(
      expect.arrayContaining(["You are now Erased intern's primary mentor", 'Missed check-in with Erased intern']),
    );
    expect(await scan([ada.name, ada.email, grace.name, grace.email])).toEqual([]);
    expect(catcher.messages.slice(mailsBefore).filter((m) => m.to.includes(ada.email))).toEqual([]);
  });
});
