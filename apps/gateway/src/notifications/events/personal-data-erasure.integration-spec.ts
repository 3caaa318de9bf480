import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  CheckInMissedV1,
  InternEnrolledV1,
  InternErasedV1,
  MentorAssignedV1,
  MentorErasedV1,
  MentorProfileUpdatedV1,
  MentorRegisteredV1,
  MilestoneDueSoonV1,
  MilestoneReportSubmittedV1,
  type EventContract,
  type EventData,
} from '#contracts';
import { findPersonalData, internEnrolledData, testLogger, throwawayDatabase, type ThrowawayDatabase } from '#testing';
import { PgIdempotencyStore } from '../../idempotency/persistence/pg-idempotency-store.js';
import { testGatewayConfig } from '../../testing/gateway-config.js';
import { EmailChannel, emailSettings } from '../email/email-channel.js';
import { LiveNotifications } from '../live/live-notifications.js';
import { gatewayMigrations } from '../migrations/index.js';
import { EmailRepository } from '../persistence/email.repository.js';
import { ErasureRepository } from '../persistence/erasure.repository.js';
import { NotificationRepository } from '../persistence/notification.repository.js';
import { NotificationsConsumer } from './notifications.consumer.js';
import { PersonalDataErasureConsumer } from './personal-data-erasure.consumer.js';

// The gateway's erasure against the real Postgres: the consumers' handlers run as the inbox runs
// them (every entry of the type, in one transaction), with mail on but no sender running, so that
// deliveries stay as queued. After InternErased and MentorErased no name or address of theirs is
// left in any text column of the gateway's database; other people's notifications are untouched.

let db: ThrowawayDatabase;
let dataSource: DataSource;
let emails: EmailRepository;
let consumers: { handlers: NotificationsConsumer['handlers'] }[];
let erasure: PersonalDataErasureConsumer;
let n = 0;

async function deliver<T>(contract: EventContract<T>, data: T): Promise<string> {
  const id = `e-erase-${++n}`;
  await dataSource.transaction(async (tx) => {
    const meta = {
      id,
      type: contract.type,
      source: 'test',
      subject: 'x',
      time: new Date().toISOString(),
      correlationId: 'c',
    };
    for (const c of consumers)
      for (const h of c.handlers.filter((h) => h.contract.type === contract.type)) await h.handle(data, meta, tx);
  });
  return id;
}

const COHORT = 'c-erase';
const ADA = { id: 'intern-ada', name: 'Ada Lovelace', email: 'Ada.Lovelace@example.org' };
const ALAN = { id: 'intern-alan', name: 'Alan Turing', email: 'alan@example.org' };
const GRACE = { id: 'mentor-grace', name: 'Grace Hopper', email: 'grace@example.org' };

const enroll = (p: typeof ADA) =>
  deliver(InternEnrolledV1, internEnrolledData(COHORT, p.id, { name: p.name, email: p.email }));
const register = (p: typeof GRACE) =>
  deliver(MentorRegisteredV1, {
    mentorId: p.id,
    name: p.name,
    email: p.email,
    team: 'Search',
    expertise: ['nlp'],
    timezone: 'Europe/Berlin',
    capacity: 2,
  });
const assign = (internId: string, mentorId: string) =>
  deliver(MentorAssignedV1, {
    assignmentId: `as-${internId}`,
    cohortId: COHORT,
    internId,
    mentorId,
    role: 'PRIMARY',
    assignedAt: new Date().toISOString(),
  });
const reportSubmitted = (internId: string, reportId: string): EventData<typeof MilestoneReportSubmittedV1> => ({
  reportId,
  milestoneId: `m-${reportId}`,
  projectId: `p-${internId}`,
  cohortId: COHORT,
  internId,
  dueWeek: 4,
  late: false,
  submittedAt: new Date().toISOString(),
});
const dueSoon = (internId: string, milestoneId: string): EventData<typeof MilestoneDueSoonV1> => ({
  milestoneId,
  projectId: `p-${internId}`,
  cohortId: COHORT,
  internId,
  title: 'Baseline model',
  dueWeek: 6,
  dueOn: '2027-07-16',
  awaitingReview: false,
});

const texts = async () =>
  (await dataSource.query(`SELECT audience, title, body FROM notifications ORDER BY seq`)) as {
    audience: string;
    title: string;
    body: string;
  }[];
const deliveries = async (recipient: string) =>
  (await dataSource.query(`SELECT state, address, last_error FROM email_deliveries WHERE recipient = $1 ORDER BY id`, [
    recipient,
  ])) as { state: string; address: string | null; last_error: string | null }[];

beforeAll(async () => {
  db = await throwawayDatabase('gateway_erasure');
  dataSource = new DataSource({
    type: 'postgres',
    url: db.url,
    entities: [],
    migrations: gatewayMigrations,
    migrationsRun: true,
  });
  await dataSource.initialize();
  const repository = new NotificationRepository(dataSource);
  emails = new EmailRepository(dataSource);
  // Mail on (deliveries are queued), the sender never started: they stay as queued until a test claims them.
  const channel = new EmailChannel(
    emailSettings(testGatewayConfig({ SMTP_URL: 'smtp://127.0.0.1:1' })),
    testLogger(),
    emails,
  );
  erasure = new PersonalDataErasureConsumer(new ErasureRepository(), testLogger());
  consumers = [
    new NotificationsConsumer(repository, new LiveNotifications(dataSource, repository, testLogger()), emails, channel),
    erasure,
  ];
}, 60_000);

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

describe('erasing an intern and a mentor in the gateway', () => {
  it('leaves neither name nor address anywhere, cancels their mails, and keeps everyone else’s', async () => {
    await enroll(ADA);
    await enroll(ALAN);
    await register(GRACE);
    await assign(ADA.id, GRACE.id);
    await assign(ALAN.id, GRACE.id);
    await deliver(CheckInMissedV1, { cohortId: COHORT, internId: ADA.id, mentorId: GRACE.id, week: 3 });
    await deliver(MilestoneReportSubmittedV1, reportSubmitted(ALAN.id, 'r-alan'));
    for (const m of ['m-ada-0', 'm-ada-1', 'm-ada-2']) await deliver(MilestoneDueSoonV1, dueSoon(ADA.id, m));
    // Ada's first mail went out (its record keeps the address), a second was refused quoting it.
    const [sent, refused] = (await emails.claim(100)).filter((d) => d.recipient === ADA.id);
    await emails.markSent(sent!.id, ADA.email, '<m-1@mentorflow.test>');
    await emails.close(refused!.id, 'FAILED', `EENVELOPE 550: <${ADA.email}> mailbox unavailable`);
    await dataSource.query(`UPDATE email_deliveries SET state = 'PENDING' WHERE state = 'SENDING'`);
    // A PM's enrollIntern answer, kept for its idempotency key.
    const store = new PgIdempotencyStore(dataSource, 24);
    await store.begin('pm-1', 'k-enroll', 'h');
    await store.complete('pm-1', 'k-enroll', {
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ data: { enrollIntern: { intern: { name: ADA.name, email: ADA.email } } } }),
    });
    expect((await findPersonalData(dataSource, [ADA.name, ADA.email])).map((f) => f.table).sort()).toEqual(
      expect.arrayContaining(['email_deliveries', 'idempotency_keys', 'interns', 'notifications', 'recipient_emails']),
    );
    const pendingForAda = (await deliveries(ADA.id)).filter((d) => d.state === 'PENDING').length;
    expect(pendingForAda).toBeGreaterThan(0);
    const alanBefore = (await texts()).filter((t) => t.body.includes(ALAN.name));

    let outcome;
    await dataSource.transaction(async (tx) => {
      outcome = await erasure.erase(tx, 'INTERN', ADA.id, new Date().toISOString());
    });
    expect(outcome).toMatchObject({
      first: true,
      cancelledMails: pendingForAda,
      storedResponses: 1,
      deliveryErrors: 1,
    });
    // The outbox holds what the gateway publishes (nothing of interns): left out until the
    // crypto-shredding of libs/messaging covers it.
    expect(
      await findPersonalData(dataSource, [ADA.name, ADA.email, 'Lovelace']),
    ).toEqual([]);
    const all = await texts();
    expect(all.find((t) => t.audience === `user:${GRACE.id}` && t.title.includes('Erased intern'))?.title).toBe(
      "You are now Erased intern's primary mentor",
    );
    expect(all.find((t) => t.audience === 'role:PROGRAM_MANAGER')?.body).toBe(
      'Grace Hopper logged no check-in with Erased intern in week 3.',
    );
    expect(all.filter((t) => t.body.includes(ALAN.name))).toEqual(alanBefore);
    expect((await deliveries(ADA.id)).map((d) => [d.state, d.address])).toEqual([
      ['SENT', null],
      ['FAILED', null],
      ...Array.from({ length: pendingForAda }, () => ['SKIPPED', null]),
    ]);
    expect((await deliveries(ADA.id)).slice(2).every((d) => d.last_error === 'ERASED')).toBe(true);
    expect(await store.begin('pm-1', 'k-enroll', 'h')).toMatchObject({
      state: 'replay',
      response: {
        body: '{"data":{"enrollIntern":{"intern":{"name":"Erased intern","email":"erased-intern-ada@erased.invalid"}}}}',
      },
    });

    // Redelivered (or erased again by the retention policy): nothing more changes.
    const snapshot = [await texts(), await deliveries(ADA.id)];
    await deliver(InternErasedV1, {
      internId: ADA.id,
      cohortIds: [COHORT],
      erasedAt: new Date().toISOString(),
      trigger: 'RETENTION_POLICY',
    });
    expect([await texts(), await deliveries(ADA.id)]).toEqual(snapshot);
    await dataSource.transaction(async (tx) => {
      outcome = await erasure.erase(tx, 'INTERN', ADA.id, new Date().toISOString());
    });
    expect(outcome).toEqual({
      first: false,
      cancelledMails: 0,
      notifications: 0,
      deliveryErrors: 0,
      storedResponses: 0,
    });
    expect([await texts(), await deliveries(ADA.id)]).toEqual(snapshot);

    // A replayed enrollment brings nothing back; later notifications name the erased intern and mail nobody.
    await enroll(ADA);
    await deliver(
      InternEnrolledV1,
      internEnrolledData('c-other', ADA.id, { name: ADA.name, email: 'erased-intern-ada@erased.invalid' }),
    );
    await deliver(MilestoneReportSubmittedV1, reportSubmitted(ADA.id, 'r-ada'));
    await deliver(MilestoneDueSoonV1, dueSoon(ADA.id, 'm-ada-3'));
    expect(await findPersonalData(dataSource, [ADA.name, ADA.email])).toEqual([]);
    expect((await texts()).at(-2)?.title).toBe('A milestone report to review: Erased intern');
    expect((await deliveries(ADA.id)).at(-1)).toEqual({ state: 'SKIPPED', address: null, last_error: 'ERASED' });
    expect(await dataSource.query(`SELECT * FROM recipient_emails WHERE user_id = $1`, [ADA.id])).toEqual([]);
    expect(await emails.claim(100).then((c) => c.filter((d) => d.recipient === ADA.id))).toEqual([]);
  });

  it('erases a mentor: their name in every notification, their address, a mail being sent when it happened', async () => {
    await deliver(MilestoneDueSoonV1, dueSoon(ALAN.id, 'm-alan-1'));
    await deliver(CheckInMissedV1, { cohortId: COHORT, internId: ALAN.id, mentorId: GRACE.id, week: 4 });
    await dataSource.query(
      `UPDATE email_deliveries SET state = 'PENDING', next_attempt_at = now() WHERE state = 'SENDING'`,
    );
    // A mail to the mentor is being sent while she is erased: it goes out, its record keeps no address.
    const sending = (await emails.claim(100)).find((d) => d.recipient === GRACE.id);
    expect(sending?.address).toBe(GRACE.email);
    await deliver(MentorErasedV1, { mentorId: GRACE.id, erasedAt: new Date().toISOString(), trigger: 'REQUEST' });
    await emails.markSent(sending!.id, GRACE.email, '<m-2@mentorflow.test>');
    expect(
      await findPersonalData(dataSource, [GRACE.name, GRACE.email, 'Hopper']),
    ).toEqual([]);
    const pm = (await texts()).filter((t) => t.audience === 'role:PROGRAM_MANAGER').map((t) => t.body);
    expect(pm).toEqual([
      'Erased mentor logged no check-in with Erased intern in week 3.',
      'Erased mentor logged no check-in with Alan Turing in week 4.',
    ]);
    // A late profile update (a replay) brings neither name nor address back.
    await deliver(MentorProfileUpdatedV1, {
      mentorId: GRACE.id,
      name: GRACE.name,
      email: GRACE.email,
      team: 'Search',
      expertise: ['nlp'],
      timezone: 'Europe/Berlin',
      capacity: 2,
      cohortIds: null,
      changedFields: ['name', 'email'],
    });
    expect(await dataSource.query(`SELECT name FROM mentor_names WHERE mentor_id = $1`, [GRACE.id])).toEqual([
      { name: 'Erased mentor' },
    ]);
    expect(await findPersonalData(dataSource, [GRACE.name, GRACE.email])).toEqual([]);
    // Alan and his address are still there.
    expect((await findPersonalData(dataSource, [ALAN.name, ALAN.email])).length).toBeGreaterThan(0);
  });
});
