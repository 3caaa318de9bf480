import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { eventually, testLogger, throwawayDatabase, type ThrowawayDatabase } from '#testing';
import { startMailCatcher, type MailCatcher } from '../../../../../scripts/lib/mail-catcher.js';
import { testGatewayConfig } from '../../testing/gateway-config.js';
import { messageIdOf } from '../domain/email-message.js';
import { NotificationsConsumer } from '../events/notifications.consumer.js';
import { LiveNotifications } from '../live/live-notifications.js';
import { gatewayMigrations } from '../migrations/index.js';
import { EmailRepository } from '../persistence/email.repository.js';
import { NotificationRepository } from '../persistence/notification.repository.js';
import { EmailChannel, emailSettings } from './email-channel.js';
import { emailMetrics } from './email-metrics.js';
import { ProgramManagerSightings } from './program-manager-sightings.js';

// The email channel for real: Postgres, the consumer queueing deliveries with the notifications,
// the sender loop, and an SMTP server in process (the local catcher) that records what arrived.

const FROM = 'Mentorflow <notifications@mentorflow.test>';
let db: ThrowawayDatabase;
let dataSource: DataSource;
let catcher: MailCatcher;
let channel: EmailChannel;
let consumer: NotificationsConsumer;
let emails: EmailRepository;
let sightings: ProgramManagerSightings;
let mailDir: string;
let n = 0;

/** Every handler of the event's type, in the listed order, in one transaction (as the inbox runs them). */
async function deliver(type: string, data: Record<string, unknown>): Promise<string> {
  const id = `e-mail-${++n}`;
  await dataSource.transaction(async (tx) => {
    const meta = { id, type, source: 'test', subject: 'x', time: new Date().toISOString(), correlationId: 'c' };
    for (const h of consumer.handlers.filter((h) => h.contract.type === type)) await h.handle(data, meta, tx);
  });
  return id;
}

/** The notification stored for a recipient from an event. */
async function notificationOf(eventId: string, audience: string): Promise<string> {
  const [row] = (await dataSource.query(`SELECT id FROM notifications WHERE event_id = $1 AND audience = $2`, [
    eventId,
    audience,
  ])) as { id: string }[];
  if (!row) throw new Error(`no notification of ${eventId} for ${audience}`);
  return row.id;
}

const arrivedFor = (notificationId: string) =>
  catcher.messages.filter((m) => m.raw.includes(`X-Mentorflow-Notification: ${notificationId}`));

const enroll = (internId: string, name: string, email: string) =>
  deliver('mentorflow.cohorts.InternEnrolled.v1', {
    enrollmentId: `en-${internId}`,
    cohortId: 'c-mail',
    internId,
    name,
    email,
    university: 'TU Berlin',
    degreeLevel: 'MASTERS',
    focusAreas: ['nlp'],
    timezone: 'Europe/Berlin',
  });

const milestoneDueSoon = (internId: string, milestoneId: string) =>
  deliver('mentorflow.scoping.MilestoneDueSoon.v1', {
    milestoneId,
    projectId: 'p-1',
    cohortId: 'c-mail',
    internId,
    title: 'Baseline model',
    dueWeek: 6,
    dueOn: '2026-04-10',
    awaitingReview: false,
  });

beforeAll(async () => {
  db = await throwawayDatabase('gateway_email');
  dataSource = new DataSource({
    type: 'postgres',
    url: db.url,
    entities: [],
    migrations: gatewayMigrations,
    migrationsRun: true,
  });
  await dataSource.initialize();
  mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentorflow-mail-'));
  catcher = await startMailCatcher({ dir: mailDir, refuse: (address) => address.startsWith('gone@') });
  const repository = new NotificationRepository(dataSource);
  emails = new EmailRepository(dataSource);
  const settings = {
    ...emailSettings(
      testGatewayConfig({
        SMTP_URL: catcher.url,
        EMAIL_FROM: FROM,
        EMAIL_POLL_INTERVAL_MS: '50',
        EMAIL_RETRY_BASE_MS: '100',
        EMAIL_RETRY_MAX_MS: '300',
        EMAIL_UNCONFIRMED_AFTER_MS: '2000',
      }),
    ),
  };
  channel = new EmailChannel(settings, testLogger(), emails);
  consumer = new NotificationsConsumer(
    repository,
    new LiveNotifications(dataSource, repository, testLogger()),
    emails,
    channel,
  );
  sightings = new ProgramManagerSightings(emails, testLogger());
}, 60_000);

afterAll(async () => {
  await channel?.onModuleDestroy();
  await catcher?.close();
  await dataSource?.destroy();
  await db?.drop();
  if (mailDir) fs.rmSync(mailDir, { recursive: true, force: true });
});

describe('email through SMTP', () => {
  it('never sends again a mail its sender died while sending (UNCONFIRMED), and queues nothing twice', async () => {
    // The sender is not running yet: a replica claims a delivery, then dies before recording the outcome.
    await enroll('intern-crash', 'Carla Ruiz', 'carla@example.edu');
    const event = await milestoneDueSoon('intern-crash', 'm-crash');
    const notification = await notificationOf(event, 'user:intern-crash');
    expect(await emails.deliveriesOf(notification)).toEqual([
      { recipient: 'intern-crash', state: 'PENDING', attempts: 0, messageId: null },
    ]);
    const claimed = await emails.claim(10);
    expect(claimed.map((c) => c.notificationId)).toEqual([notification]);
    // A redelivered event stores nothing and queues nothing again (the inbox would not even run it).
    await dataSource.transaction((tx) => emails.enqueue(tx, [{ id: notification, audience: 'user:intern-crash' }]));
    await dataSource.query(
      `UPDATE email_deliveries SET claimed_at = now() - interval '1 hour' WHERE state = 'SENDING'`,
    );

    channel.onApplicationBootstrap();
    await eventually(async () => (await emails.deliveriesOf(notification))[0]!.state === 'UNCONFIRMED', {
      timeoutMs: 10_000,
      what: 'the abandoned delivery to be marked UNCONFIRMED',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(arrivedFor(notification)).toHaveLength(0);
  });

  it('mails each recipient of a stored notification once, from the addresses the events carry, with a deterministic Message-ID', async () => {
    await enroll('intern-ada', 'Amara Okafor', 'amara@example.edu');
    await deliver('mentorflow.mentors.MentorRegistered.v1', {
      mentorId: 'mentor-ada',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      team: 'Search',
      expertise: ['nlp'],
      timezone: 'Europe/London',
      capacity: 3,
    });
    const assigned = await deliver('mentorflow.mentors.MentorAssigned.v1', {
      assignmentId: 'as-ada',
      internId: 'intern-ada',
      mentorId: 'mentor-ada',
      cohortId: 'c-mail',
      role: 'PRIMARY',
      assignedAt: new Date().toISOString(),
    });
    const toIntern = await notificationOf(assigned, 'user:intern-ada');
    const toMentor = await notificationOf(assigned, 'user:mentor-ada');
    await eventually(() => arrivedFor(toIntern).length === 1 && arrivedFor(toMentor).length === 1, {
      timeoutMs: 10_000,
      what: 'both mails',
    });
    const [internMail] = arrivedFor(toIntern);
    expect(internMail!.to).toEqual(['amara@example.edu']);
    expect(internMail!.subject).toBe('You have a new primary mentor');
    expect(internMail!.raw).toContain('Ada Lovelace was assigned to you as primary mentor.');
    expect(internMail!.messageId).toBe(messageIdOf(toIntern, 'intern-ada', FROM));
    expect(fs.readFileSync(internMail!.file, 'utf8')).toBe(internMail!.raw);
    expect(arrivedFor(toMentor)[0]!.to).toEqual(['ada@example.com']);
    // The server has the mail before the sender has recorded its answer: wait for SENT.
    await eventually(async () => (await emails.deliveriesOf(toIntern))[0]!.state === 'SENT', {
      timeoutMs: 10_000,
      what: 'the delivery to be recorded as SENT',
    });
    expect(await emails.deliveriesOf(toIntern)).toEqual([
      { recipient: 'intern-ada', state: 'SENT', attempts: 1, messageId: messageIdOf(toIntern, 'intern-ada', FROM) },
    ]);
    // A mentor's changed address is used from then on.
    await deliver('mentorflow.mentors.MentorProfileUpdated.v1', {
      mentorId: 'mentor-ada',
      name: 'Ada Lovelace',
      email: 'ada.lovelace@example.com',
      team: 'Search',
      expertise: ['nlp'],
      timezone: 'Europe/London',
      capacity: 3,
      cohortIds: null,
      changedFields: ['email'],
    });
    const due = await deliver('mentorflow.scoping.MilestoneDueSoon.v1', {
      milestoneId: 'm-ada',
      projectId: 'p-ada',
      cohortId: 'c-mail',
      internId: 'intern-ada',
      title: 'Baseline model',
      dueWeek: 6,
      dueOn: '2026-04-10',
      awaitingReview: true,
    });
    const reminder = await notificationOf(due, 'user:mentor-ada');
    const [mail] = await eventually(() => arrivedFor(reminder).length === 1 && arrivedFor(reminder), {
      timeoutMs: 10_000,
      what: 'the reminder',
    });
    expect(mail!.to).toEqual(['ada.lovelace@example.com']);
    expect(mail!.subject).toBe('A milestone report to review before 2026-04-10: Amara Okafor');
  });

  it('mails the PM audience to the program managers the gateway has seen, from their token', async () => {
    await sightings.seen({ sub: 'pm-1', roles: ['PROGRAM_MANAGER'], email: 'pat@example.com', name: 'Pat' });
    await sightings.seen({ sub: 'mentor-x', roles: ['MENTOR'], email: 'x@example.com' }); // not a PM: ignored
    const risk = await deliver('mentorflow.evaluations.InternRiskChanged.v1', {
      cohortId: 'c-mail',
      internId: 'intern-ada',
      previousLevel: 'AMBER',
      level: 'RED',
      reasons: ['no check-in for 2 weeks'],
    });
    const toPms = await notificationOf(risk, 'role:PROGRAM_MANAGER');
    expect((await emails.deliveriesOf(toPms)).map((d) => d.recipient)).toEqual(['pm-1']);
    const [mail] = await eventually(() => arrivedFor(toPms).length === 1 && arrivedFor(toPms), {
      timeoutMs: 10_000,
      what: 'the PM mail',
    });
    expect(mail!.to).toEqual(['pat@example.com']);
    expect(mail!.subject).toBe('Amara Okafor is at risk (RED)');
  });

  it('respects an opt-out (checked before each mail is sent), and mails again after opting back in', async () => {
    await enroll('intern-bo', 'Bo Chen', 'bo@example.edu');
    expect(await emails.wantsEmail('intern-bo')).toBe(true);
    await emails.setWantsEmail('intern-bo', false);
    const event = await milestoneDueSoon('intern-bo', 'm-bo-1');
    const skipped = await notificationOf(event, 'user:intern-bo');
    await eventually(async () => (await emails.deliveriesOf(skipped))[0]!.state === 'SKIPPED', {
      timeoutMs: 10_000,
      what: 'the opted-out mail to be skipped',
    });
    expect(arrivedFor(skipped)).toHaveLength(0);
    // The notification itself is stored as ever.
    expect(skipped).toBeTruthy();

    await emails.setWantsEmail('intern-bo', true);
    const again = await notificationOf(await milestoneDueSoon('intern-bo', 'm-bo-2'), 'user:intern-bo');
    await eventually(() => arrivedFor(again).length === 1, { timeoutMs: 10_000, what: 'the mail after opting in' });
  });

  it('delays through an SMTP outage, retrying with backoff, then delivers exactly once', async () => {
    const port = catcher.port;
    await catcher.close();
    await enroll('intern-dev', 'Dev Patel', 'dev@example.edu');
    const notification = await notificationOf(await milestoneDueSoon('intern-dev', 'm-dev'), 'user:intern-dev');
    // Several attempts fail while the server is down; the delivery stays queued.
    await eventually(
      async () => {
        const [d] = await emails.deliveriesOf(notification);
        return d!.state === 'PENDING' && d!.attempts >= 2;
      },
      { timeoutMs: 15_000, what: 'failed attempts during the outage' },
    );
    const [{ last_error: lastError }] = (await dataSource.query(
      `SELECT last_error FROM email_deliveries WHERE notification_id = $1`,
      [notification],
    )) as { last_error: string }[];
    expect(lastError).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);

    catcher = await startMailCatcher({ dir: mailDir, port, refuse: (address) => address.startsWith('gone@') });
    await eventually(() => arrivedFor(notification).length === 1, {
      timeoutMs: 15_000,
      what: 'the mail after the outage',
    });
    // And never again.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(arrivedFor(notification)).toHaveLength(1);
    const [delivery] = await emails.deliveriesOf(notification);
    expect(delivery!.state).toBe('SENT');
    expect(delivery!.attempts).toBeGreaterThanOrEqual(3);
    // Counted on /metrics, by outcome.
    const counted = Object.fromEntries(
      (await emailMetrics.outcomes.get()).values.map((v) => [String(v.labels.outcome), v.value]),
    );
    expect(counted).toMatchObject({
      SENT: expect.any(Number),
      RETRY: expect.any(Number),
      SKIPPED: expect.any(Number),
      UNCONFIRMED: 1,
    });
    // The .eml files of both catcher runs are in the folder.
    expect(fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml')).length).toBeGreaterThanOrEqual(6);
  });

  it('sends a burst in parallel over pooled connections, each mail exactly once', async () => {
    const interns = Array.from({ length: 40 }, (_, i) => `intern-many-${i}`);
    for (const id of interns) {
      await deliver('mentorflow.cohorts.InternEnrolled.v1', {
        enrollmentId: `en-${id}`,
        cohortId: 'c-many',
        internId: id,
        name: `Intern ${id}`,
        email: `${id}@example.edu`,
        university: 'TU Berlin',
        degreeLevel: 'MASTERS',
        focusAreas: ['nlp'],
        timezone: 'Europe/Berlin',
      });
    }
    await deliver('mentorflow.cohorts.TechTalkScheduled.v1', {
      talkId: 't-many',
      cohortId: 'c-many',
      title: 'Ranking at scale',
      speaker: 'Ada Lovelace',
      startsAt: '2026-04-01T15:00:00.000Z',
      durationMinutes: 45,
    });
    const burst = () => catcher.messages.filter((m) => m.to[0]?.startsWith('intern-many-'));
    await eventually(() => burst().length >= interns.length, { timeoutMs: 20_000, what: 'the burst' });
    await new Promise((r) => setTimeout(r, 500));
    expect(
      burst()
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(interns.map((id) => `${id}@example.edu`).sort());
    expect(new Set(burst().map((m) => m.messageId)).size).toBe(interns.length);
  });

  it('gives a mail up (FAILED) when the server refuses the recipient for good, without retrying', async () => {
    await enroll('intern-gone', 'Gone Intern', 'gone@example.edu');
    const notification = await notificationOf(await milestoneDueSoon('intern-gone', 'm-gone'), 'user:intern-gone');
    await eventually(async () => (await emails.deliveriesOf(notification))[0]!.state === 'FAILED', {
      timeoutMs: 10_000,
      what: 'the refused mail to fail',
    });
    await new Promise((r) => setTimeout(r, 500));
    const [delivery] = await emails.deliveriesOf(notification);
    expect(delivery).toMatchObject({ state: 'FAILED', attempts: 1 });
    const [{ last_error: lastError }] = (await dataSource.query(
      `SELECT last_error FROM email_deliveries WHERE notification_id = $1`,
      [notification],
    )) as { last_error: string }[];
    expect(lastError).toMatch(/550/);
  });

  it('queues nothing when email is off (no SMTP_URL)', async () => {
    const off = new EmailChannel(emailSettings(testGatewayConfig()), testLogger(), emails);
    expect(off.enabled).toBe(false);
    await dataSource.transaction((tx) =>
      off.enqueue(tx, [{ id: '00000000-0000-0000-0000-000000000000', audience: 'user:u' }]),
    );
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM email_deliveries WHERE recipient = 'u'`))[0].n).toBe(
      0,
    );
  });
});
