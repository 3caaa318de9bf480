import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Admin } from 'kafkajs';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InternEnrolledV1, type EventData } from '#contracts';
import {
  eventually,
  KafkaProbe,
  TEST_BROKERS,
  testKafka,
  testLogger,
  throwawayDatabase,
  type ThrowawayDatabase,
} from '#testing';
import { on, type ConsumesEvents } from '../event-handler.js';
import { createMessagingTables } from '../messaging-tables.js';
import { MessagingModule } from '../messaging.module.js';
import type { MessagingOptions } from '../messaging-options.js';
import { Outbox, outgoing } from '../outbox.js';
import { isSealed } from './cipher.js';
import { KeyRing } from './key-ring.js';
import { PERSONAL_DATA_KEY_ROW } from './keys-topic.js';
import { PersonalDataErased, PersonalDataKeys } from './personal-data-keys.js';
import { personalDataKeysMigration } from './personal-data-tables.js';

// Crypto-shredding end to end on the real Postgres and broker: an owner that publishes interns'
// enrollments, consumers that read them, an erasure, and a replay after it. The topics are this file's own.
const run = randomBytes(4).toString('hex');
const EVENTS = `test.pd.${run}.cohorts.events`;
const KEYS = `test.pd.${run}.cohorts.personal-data-keys`;
const DLT = `test.pd.${run}.dead-letter`;
const topics: MessagingOptions['topics'] = { events: () => EVENTS, keys: () => KEYS, deadLetter: DLT };

class Tables1700000000000 implements MigrationInterface {
  name = 'Tables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q);
  }
  async down(): Promise<void> {}
}

type Enrolled = EventData<typeof InternEnrolledV1>;

@Injectable()
class Received implements ConsumesEvents {
  readonly seen: Enrolled[] = [];
  readonly handlers = [on(InternEnrolledV1, async (d) => void this.seen.push(d))];
}

async function application(
  db: ThrowawayDatabase,
  options: Partial<MessagingOptions> & { service: string },
  migrations: (new () => MigrationInterface)[],
  providers: (new () => unknown)[] = [],
): Promise<INestApplicationContext> {
  @Module({
    imports: [
      TypeOrmModule.forRoot({ type: 'postgres', url: db.url, migrations, migrationsRun: true, synchronize: false }),
      MessagingModule.forRoot({
        brokers: TEST_BROKERS,
        logger: testLogger(),
        relayPollIntervalMs: 100,
        monitorIntervalMs: 0,
        topics,
        ...options,
      }),
    ],
    providers,
  })
  class TestModule {}
  const app = await NestFactory.createApplicationContext(TestModule, { logger: ['error'], abortOnError: false });
  await app.init();
  return app;
}

function enrolment(internId: string, name: string): Enrolled {
  return {
    enrollmentId: randomUUID(),
    cohortId: 'c-1',
    internId,
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`,
    university: `University of ${name}`,
    degreeLevel: 'MASTERS',
    focusAreas: ['data'],
    timezone: 'UTC',
  };
}

let admin: Admin;
let ownerDb: ThrowawayDatabase;
let readerDb: ThrowawayDatabase;
let replayDb: ThrowawayDatabase;
let owner: INestApplicationContext;
let reader: INestApplicationContext;
let probe: KafkaProbe;
const apps: INestApplicationContext[] = [];

async function publish(data: Enrolled): Promise<void> {
  await owner.get(DataSource).transaction((tx) => owner.get(Outbox).append(tx, [outgoing(InternEnrolledV1, data.internId, data)]));
}

async function erase(subjectId: string): Promise<boolean> {
  return owner.get(DataSource).transaction((tx) => owner.get(PersonalDataKeys).erase(tx, subjectId));
}

beforeAll(async () => {
  admin = testKafka().admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: EVENTS, numPartitions: 3 },
      { topic: KEYS, numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
      { topic: DLT, numPartitions: 1 },
    ],
  });
  probe = await KafkaProbe.start([EVENTS, KEYS]);
  [ownerDb, readerDb, replayDb] = await Promise.all([
    throwawayDatabase('pd_owner'),
    throwawayDatabase('pd_reader'),
    throwawayDatabase('pd_replay'),
  ]);
  owner = await application(ownerDb, { service: 'pdowner', publishes: 'cohorts', groupId: `pd-owner-${run}` }, [
    Tables1700000000000,
    personalDataKeysMigration(1700000000001),
  ]);
  reader = await application(readerDb, { service: 'pdreader', groupId: `pd-reader-${run}` }, [Tables1700000000000], [Received]);
  apps.push(owner, reader);
}, 90_000);

afterAll(async () => {
  for (const app of apps) await app.close().catch(() => undefined);
  await probe?.stop();
  await admin?.deleteTopics({ topics: [EVENTS, KEYS, DLT] }).catch(() => undefined);
  await admin?.disconnect();
  await Promise.all([ownerDb, readerDb, replayDb].map((d) => d?.drop()));
});

describe('personal data in events (crypto-shredding)', () => {
  const ada = enrolment(`intern-ada-${run}`, 'Ada Lovelace');
  const grace = enrolment(`intern-grace-${run}`, 'Grace Hopper');

  it('travels encrypted with the person’s key, which goes to the keys topic first, and reaches consumers in clear', async () => {
    await publish(ada);
    const [event] = await probe.waitFor((m) => m.topic === EVENTS && m.key === ada.internId);
    const [key] = await probe.waitFor((m) => m.topic === KEYS && m.key === ada.internId);
    expect(event!.value).not.toContain('Ada');
    expect(event!.value).not.toContain(ada.email);
    expect(event!.value).not.toContain('University of');
    const data = event!.json as Enrolled;
    expect([data.name, data.email, data.university].every(isSealed)).toBe(true);
    expect(data).toMatchObject({ internId: ada.internId, timezone: 'UTC', degreeLevel: 'MASTERS' });
    expect(Number(key!.offset)).toBeGreaterThanOrEqual(0);
    // The owner's outbox holds the same ciphertext, never the clear text.
    const envelopes = (await owner.get(DataSource).query(`SELECT envelope::text AS e FROM outbox WHERE event_type = $1`, [
      InternEnrolledV1.type,
    ])) as { e: string }[];
    expect(envelopes.map((r) => r.e).join('\n')).not.toMatch(/Ada|example\.org/);

    const received = reader.get(Received);
    await eventually(() => received.seen.find((s) => s.internId === ada.internId), { what: 'Ada at the reader' });
    expect(received.seen.find((s) => s.internId === ada.internId)).toEqual(ada);
  });

  it('is unreadable everywhere once the key is erased: live consumers, a replay from offset zero, the owner', async () => {
    await publish(grace);
    const received = reader.get(Received);
    await eventually(() => received.seen.find((s) => s.internId === grace.internId), { what: 'Grace at the reader' });
    const [sealed] = await probe.waitFor((m) => m.topic === EVENTS && m.key === ada.internId);
    const sealedData = sealed!.json as Enrolled;

    expect(await erase(ada.internId)).toBe(true);
    expect(await erase(ada.internId)).toBe(false); // already erased
    await probe.waitFor((m) => m.topic === KEYS && m.key === ada.internId && m.value === null);
    const ownerRows = (await owner.get(DataSource).query(
      `SELECT envelope IS NULL AS tombstone FROM outbox WHERE event_type = $1 AND message_key = $2`,
      [PERSONAL_DATA_KEY_ROW, ada.internId],
    )) as { tombstone: boolean }[];
    expect(ownerRows).toEqual([{ tombstone: true }]);
    const [stored] = (await owner.get(DataSource).query(`SELECT key, erased_at FROM personal_data_keys WHERE subject_id = $1`, [
      ada.internId,
    ])) as { key: Buffer | null; erased_at: Date | null }[];
    expect(stored!.key).toBeNull();
    expect(stored!.erased_at).toBeInstanceOf(Date);

    // The running reader forgot the key: the same event now opens as erased.
    await eventually(
      async () => ((await reader.get(KeyRing).open(InternEnrolledV1, sealedData)) as Enrolled).name === 'Erased intern',
      { what: 'the reader’s key ring to drop the erased key' },
    );

    // A new consumer group replays the topic from offset zero: Ada erased, Grace in clear.
    const replay = await application(
      replayDb,
      { service: 'pdreplay', groupId: `pd-replay-${run}` },
      [Tables1700000000000],
      [Received],
    );
    apps.push(replay);
    const replayed = replay.get(Received);
    await eventually(() => replayed.seen.length >= 2 || undefined, { what: 'the replay of both enrolments' });
    expect(replayed.seen.find((s) => s.internId === grace.internId)).toEqual(grace);
    expect(replayed.seen.find((s) => s.internId === ada.internId)).toEqual({
      ...ada,
      name: 'Erased intern',
      email: expect.stringMatching(/@erased\.invalid$/),
      university: '',
    });

    // Nothing of Ada's is ever published again.
    await expect(publish(ada)).rejects.toBeInstanceOf(PersonalDataErased);
  });
});
