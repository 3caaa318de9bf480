import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventsTopic, ReturnOfferDecidedV1, type EventContract } from '#contracts';
import { encodeCloudEvent, newCloudEvent } from '#messaging';
import { expectLabelled, testKafka } from '#testing';
import { headerOf } from '../../scripts/lib/mail-catcher.js';
import { eventually, gql, signIn, type GraphQLResponse } from './support/client.js';
import { aCohort, aMentor, anIntern } from './support/factories.js';
import { inject } from './support/system.js';

// Email end to end: the gateway started with SMTP_URL pointing at a real SMTP server (the local
// catcher of global-setup.js, which writes each mail it accepts as a .eml file); the mails of
// notifications from the real operations and from events on Kafka, read as they arrived; a user's
// opt-out through the gateway.

const PREFERENCES = `{ notificationPreferences { email } }`;
const SET_PREFERENCES = `mutation ($input: SetNotificationPreferencesInput!) {
  setNotificationPreferences(input: $input) { email } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { type title } } } }`;

interface Arrived {
  to: string;
  subject: string;
  messageId: string;
  raw: string;
}

/** Every mail the SMTP server has accepted so far. */
function arrived(): Arrived[] {
  const dir = inject('mailDir');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .map((raw) => ({
      raw,
      to: headerOf(raw, 'To') ?? '',
      subject: headerOf(raw, 'Subject') ?? '',
      messageId: headerOf(raw, 'Message-ID') ?? '',
    }));
}

const mailsTo = (address: string, subject?: string) =>
  arrived().filter((m) => m.to.includes(address) && (subject === undefined || m.subject === subject));

let producer: Producer;

async function publish<T>(contract: EventContract<T>, subject: string, data: T): Promise<void> {
  const event = newCloudEvent({
    type: contract.type,
    source: '/mentorflow/e2e',
    subject,
    data: contract.schema.parse(data),
  });
  await producer.send({ topic: eventsTopic(contract.context), messages: [encodeCloudEvent(event, subject)] });
}

function ok<T = any>(response: GraphQLResponse<T>, what: string): T {
  expectLabelled(response.errors, `${what}: ${JSON.stringify(response.errors)}`).toBeUndefined();
  return response.data as T;
}

beforeAll(async () => {
  producer = testKafka('mentorflow-e2e-email').producer();
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
});

describe('email through SMTP', () => {
  it('mails notifications to the addresses of the events and PM tokens, once each, and honours an opt-out', async () => {
    const pmId = `pm-${randomUUID().slice(0, 8)}`;
    const pm = await signIn(pmId, 'PROGRAM_MANAGER'); // its token carries `${pmId}@example.com`
    const cohort = ok(
      await gql(
        `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`,
        { input: aCohort() },
        { token: pm },
      ),
      'scheduleCohort',
    ).scheduleCohort;
    const internInput = anIntern(cohort.id, { name: 'Farid Haddad' });
    const internId = internInput.internId as string;
    const internEmail = internInput.email as string;
    ok(
      await gql(
        `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id } }`,
        { input: internInput },
        { token: pm },
      ),
      'enroll',
    );
    const [primaryInput, coInput] = [aMentor({ name: 'Grace Hopper' }), aMentor({ name: 'Alan Turing' })];
    for (const input of [primaryInput, coInput]) {
      ok(
        await gql(
          `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`,
          { input },
          { token: pm },
        ),
        'register',
      );
    }
    const assign = (mentorId: unknown, role: string) =>
      eventually(
        async () => {
          const r = await gql(
            `mutation ($input: AssignMentorInput!) { assignMentor(input: $input) { id } }`,
            { input: { internId, mentorId, role } },
            { token: pm },
          );
          return r.errors ? undefined : true;
        },
        { timeoutMs: 30_000, what: `assignMentor ${role}` },
      );
    await assign(primaryInput.mentorId, 'PRIMARY');

    // The intern and the mentor, at the addresses their enrollment and registration carry.
    const [toIntern] = await eventually(
      () => mailsTo(internEmail, 'You have a new primary mentor').length === 1 && mailsTo(internEmail),
      {
        timeoutMs: 60_000,
        what: "the intern's mail",
      },
    );
    expect(toIntern!.raw).toContain('Grace Hopper was assigned to you as primary mentor.');
    expect(toIntern!.messageId).toMatch(/^<[0-9a-f-]{36}\.[0-9a-f]{16}@/);
    await eventually(
      () => mailsTo(primaryInput.email as string).filter((m) => m.subject.endsWith('primary mentor')).length === 1,
      {
        timeoutMs: 60_000,
        what: "the mentor's mail",
      },
    );

    // The PM audience: to the program managers the gateway has seen (this one, from its token).
    await publish(ReturnOfferDecidedV1, internId, {
      enrollmentId: `en-${internId}`,
      cohortId: cohort.id,
      internId,
      status: 'EXTENDED',
      recommendation: 'YES',
      decidedAt: new Date().toISOString(),
      decidedBy: pmId,
    });
    await eventually(() => mailsTo(`${pmId}@example.com`, 'Return offer extended: Farid Haddad').length === 1, {
      timeoutMs: 60_000,
      what: "the PM's mail",
    });
    await eventually(() => mailsTo(internEmail, 'You have a return offer').length === 1, {
      timeoutMs: 60_000,
      what: "the intern's offer mail",
    });

    // The intern opts out: their notifications go on, their mails stop.
    const intern = await signIn(internId, 'INTERN');
    expect(ok(await gql(PREFERENCES, {}, { token: intern }), 'preferences').notificationPreferences).toEqual({
      email: true,
    });
    expect(
      ok(await gql(SET_PREFERENCES, { input: { email: false } }, { token: intern }), 'opt out')
        .setNotificationPreferences,
    ).toEqual({ email: false });
    expect(ok(await gql(PREFERENCES, {}, { token: intern }), 'preferences').notificationPreferences).toEqual({
      email: false,
    });
    await assign(coInput.mentorId, 'CO_MENTOR');
    await eventually(
      () => mailsTo(coInput.email as string).filter((m) => m.subject.endsWith('co-mentor')).length === 1,
      {
        timeoutMs: 60_000,
        what: "the co-mentor's mail",
      },
    );
    await eventually(
      async () => {
        const r = await gql(NOTIFICATIONS, {}, { token: intern });
        return r.data?.notifications.edges.some((e: any) => e.node.title === 'You have a new co-mentor')
          ? true
          : undefined;
      },
      { timeoutMs: 30_000, what: "the intern's co-mentor notification" },
    );
    await new Promise((r) => setTimeout(r, 1_500));
    expect(mailsTo(internEmail, 'You have a new co-mentor')).toHaveLength(0);
    // Nothing was mailed twice.
    const ids = mailsTo(internEmail).map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);

    // A refused input names the field; nothing changed.
    const bad = await gql(SET_PREFERENCES, { input: { email: null } }, { token: intern });
    expect(bad.errors?.length).toBeGreaterThan(0);
    expect(ok(await gql(PREFERENCES, {}, { token: intern }), 'preferences').notificationPreferences).toEqual({
      email: false,
    });
  });
});
