import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { CONTEXTS, InternEnrolledV1, InternErasedV1, type Context } from '#contracts';
import {
  createKafka,
  createMessagingTables,
  KeyRing,
  MessagingModule,
  Outbox,
  outgoing,
  PersonalDataKeys,
  personalDataKeysMigration,
} from '#messaging';
import {
  eventually,
  findPersonalData,
  internEnrolledData,
  TEST_BROKERS,
  testLogger,
  throwawayDatabase,
  type ThrowawayDatabase,
} from '#testing';
import { ProgressRebuild } from './progress/rebuild/progress-rebuild.js';
import { evaluationsWorld, token } from './testing/evaluations-world.js';

// Erasure with the log encrypted (crypto-shredding), against the real Postgres and Kafka: an owner
// of interns' records (as the cohorts service is) publishes their enrollments sealed with each
// intern's key, then erases one intern: destroys the key and publishes InternErased in the same
// transaction. The live evaluations service forgets the name; a rebuild of the progress read model
// from offset zero now opens that enrollment as "Erased intern" and finds exactly the live tables.
const world = evaluationsWorld();
const { run, gql, scheduleCohort } = world;

class OwnerTables1700000000000 implements MigrationInterface {
  name = 'OwnerTables1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q);
  }
  async down(): Promise<void> {}
}

let ownerDb: ThrowawayDatabase;
let owner: INestApplicationContext;

const cohortId = `cohort-crypto-${run}`;
const eve = { id: `intern-eve-${run}`, name: 'Eve Quartermaine', email: `eve.q.${run}@example.org` };
const ivan = { id: `intern-ivan-${run}`, name: 'Ivan Kept', email: `ivan.kept.${run}@example.org` };

const ownerTx = <T>(work: (tx: EntityManager) => Promise<T>) => owner.get(DataSource).transaction(work);

async function names(): Promise<Record<string, string>> {
  const res = await gql(
    `query ($c: ID) { internProgress(cohortId: $c) { edges { node { internId name } } } }`,
    { c: cohortId },
    await token('pm-1', 'PROGRAM_MANAGER'),
  );
  expect(res.errors).toBeUndefined();
  return Object.fromEntries(
    (res.data.internProgress.edges as { node: { internId: string; name: string } }[]).map((e) => [
      e.node.internId,
      e.node.name,
    ]),
  );
}

beforeAll(async () => {
  ownerDb = await throwawayDatabase('eval_erasure_owner');
  @Module({
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: ownerDb.url,
        migrations: [OwnerTables1700000000000, personalDataKeysMigration(1700000000001)],
        migrationsRun: true,
        synchronize: false,
      }),
      MessagingModule.forRoot({
        service: 'sealed-owner',
        publishes: 'cohorts',
        groupId: `sealed-owner-${run}`,
        brokers: TEST_BROKERS,
        logger: testLogger(),
        relayPollIntervalMs: 100,
        monitorIntervalMs: 0,
        topics: { events: world.topicOf, keys: world.keysTopicOf, deadLetter: world.DLT },
      }),
    ],
  })
  class OwnerModule {}
  owner = await NestFactory.createApplicationContext(OwnerModule, { logger: ['error'], abortOnError: false });
  await owner.init();
}, 90_000);

afterAll(async () => {
  await owner?.close().catch(() => undefined);
  await ownerDb?.drop();
});

describe('erasure with the personal fields encrypted in the log', () => {
  it('leaves the live model without the name, and a replay from offset zero builds the same tables', async () => {
    await scheduleCohort(cohortId);
    for (const p of [eve, ivan]) {
      await ownerTx((tx) =>
        owner
          .get(Outbox)
          .append(tx, [
            outgoing(InternEnrolledV1, cohortId, internEnrolledData(cohortId, p.id, { name: p.name, email: p.email })),
          ]),
      );
    }
    await eventually(async () => ((await names())[eve.id] === eve.name ? true : undefined), {
      what: 'the sealed enrollment opened by the live consumer',
    });

    // The owner's erasure: the key destroyed and InternErased published, in one transaction.
    await ownerTx(async (tx) => {
      expect(await owner.get(PersonalDataKeys).erase(tx, eve.id, 'intern')).toBe(true);
      await owner.get(Outbox).append(tx, [
        outgoing(InternErasedV1, eve.id, {
          internId: eve.id,
          cohortIds: [cohortId],
          erasedAt: new Date().toISOString(),
          trigger: 'REQUEST',
        }),
      ]);
    });
    await eventually(async () => ((await names())[eve.id] === 'Erased intern' ? true : undefined), {
      what: 'the erased intern’s row',
    });
    const db = world.svc.dataSource;
    // The outbox holds what evaluations publishes (no names): left to libs/messaging.
    expect(await findPersonalData(db, [eve.name, eve.email, 'Quartermaine'])).toEqual(
      [],
    );
    expect((await names())[ivan.id]).toBe(ivan.name);

    await eventually(async () =>
      ((await db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)) as { n: number }[])[0]!
        .n === 0
        ? true
        : undefined,
    );
    const report = await new ProgressRebuild({
      dataSource: db,
      kafka: createKafka('evaluations-sealed-rebuild-test', TEST_BROKERS, testLogger()),
      keyRing: world.svc.app.get(KeyRing),
      topics: Object.fromEntries(CONTEXTS.map((c) => [c, world.topicOf(c)])) as Record<Context, string>,
      liveGroupId: world.svc.groupId,
      logger: testLogger(),
      timeoutMs: 60_000,
    }).rebuildAndCompare({ keep: true });
    try {
      expect(report.liveCaughtUp).toBe(true);
      expect(report.tables.map((t) => [t.table, t.onlyLive, t.onlyRebuilt, t.different])).toEqual([
        ['intern_progress', [], [], []],
        ['progress_facts', [], [], []],
        ['intern_risk_weeks', [], [], []],
      ]);
      // The replay read Eve's enrollment as erased (her key is gone), Ivan's in clear.
      const rebuilt = (await db.query(
        `SELECT intern_id, data->>'name' AS name FROM "${report.schema}".progress_facts WHERE kind = 'ENROLLED' ORDER BY intern_id`,
      )) as { intern_id: string; name: string }[];
      expect(rebuilt).toEqual([
        { intern_id: eve.id, name: 'Erased intern' },
        { intern_id: ivan.id, name: ivan.name },
      ]);
      expect(
        await findPersonalData(db, [eve.name, eve.email], { schema: report.schema }),
      ).toEqual([]);
    } finally {
      await db.query(`DROP SCHEMA IF EXISTS "${report.schema}" CASCADE`);
    }
  });
});
