import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  CheckInMissedV1,
  CONTEXTS,
  InternEnrolledV1,
  InternErasedV1,
  MentorErasedV1,
  MentorRegisteredV1,
  OnboardingCompletedV1,
  type Context,
} from '#contracts';
import { createKafka, KeyRing } from '#messaging';
import { eventually, findPersonalData, internEnrolledData, TEST_BROKERS, testLogger } from '#testing';
import { ProgressRebuild } from './progress/rebuild/progress-rebuild.js';
import { evaluationsWorld, token } from './testing/evaluations-world.js';

// An intern's and a mentor's erasure in the evaluations service, against the real Postgres and
// Kafka: after InternErased no name or e-mail of the intern is left in any text column of any
// table (the progress facts and rows, the interns projection, the comments), the reports count
// them as before under "Erased intern", a replayed enrollment brings nothing back, and a rebuild
// of the progress read model from offset zero finds exactly the live tables. Evaluations keeps
// no mentor's name or e-mail at all: MentorErased finds nothing to remove.
const world = evaluationsWorld();
const { run, gql, publish, scheduleCohort, startWeeks, assign, atWeek } = world;

const cohortId = `cohort-erase-${run}`;
const ada = { id: `intern-ada-${run}`, name: 'Ada Lovelace', email: `ada.lovelace.${run}@example.org` };
const alan = { id: `intern-alan-${run}`, name: 'Alan Turing', email: `alan.${run}@example.org` };
const grace = { id: `mentor-grace-${run}`, name: 'Grace Hopper', email: `grace.${run}@example.org` };

const PROGRESS = `query ($c: ID) { internProgress(cohortId: $c) { edges { node {
  internId name riskLevel enrollmentStatus checkIns { missed } } } } }`;
const REPORT = `query ($c: ID!) { cohortReport(cohortId: $c) { interns inProgram checkIns { missed } risk { green amber red } } }`;

const db = () => world.svc.dataSource;
/** Everything but the outbox, which holds what this service publishes (InternRiskChanged, no names): its
 * rows are encrypted, and pruned, by libs/messaging, not by this service's erasure. */
const scan = (needles: string[]) => findPersonalData(db(), needles);

async function progress(): Promise<
  { internId: string; name: string; riskLevel: string; checkIns: { missed: number } }[]
> {
  const res = await gql(PROGRESS, { c: cohortId }, await token('pm-1', 'PROGRAM_MANAGER'));
  expect(res.errors).toBeUndefined();
  return (res.data.internProgress.edges as { node: any }[]).map((e) => e.node);
}

describe('erasure in evaluations', () => {
  beforeAll(async () => {
    await publish(MentorRegisteredV1, grace.id, {
      mentorId: grace.id,
      name: grace.name,
      email: grace.email,
      team: 'Search',
      expertise: ['nlp'],
      timezone: 'Europe/Berlin',
      capacity: 3,
    });
    await scheduleCohort(cohortId);
    for (const p of [ada, alan]) {
      await publish(InternEnrolledV1, cohortId, internEnrolledData(cohortId, p.id, { name: p.name, email: p.email }));
      await assign(cohortId, p.id, grace.id);
      await publish(OnboardingCompletedV1, cohortId, {
        enrollmentId: `enr-${p.id}`,
        cohortId,
        internId: p.id,
        completedAt: '2027-06-08T10:00:00.000Z',
      });
    }
    await startWeeks(cohortId, 1, 3);
    await atWeek(cohortId, 3);
    await publish(CheckInMissedV1, ada.id, { cohortId, internId: ada.id, mentorId: grace.id, week: 2 });
    await eventually(async () =>
      (await progress()).find((p) => p.internId === ada.id)?.checkIns.missed === 1 ? true : undefined,
    );
    // The mentor's comments name the intern (what evaluations' own tables hold of her in free text).
    await db().query(
      `INSERT INTO evaluations (id, cohort_id, intern_id, author_id, kind, cycle, scores, average_score, shared_comments,
         private_comments, submitted_at, updated_at, revision, recorded_by_id, recorded_by_role)
       VALUES (gen_random_uuid(), $1, $2, $3, 'MENTOR', 'MIDPOINT', $4, 3.5, $5, $6, now(), now(), 1, $3, 'MENTOR')`,
      [
        cohortId,
        ada.id,
        grace.id,
        JSON.stringify([{ competency: 'COMMUNICATION', score: 4, comment: 'Ada Lovelace explains clearly' }]),
        'Ada Lovelace ships reliably; pairs well with Alan Turing.',
        'ada lovelace asked for more feedback',
      ],
    );
  }, 120_000);

  it('leaves no name or e-mail of the intern anywhere, and the reports count her as "Erased intern"', async () => {
    expect((await scan([ada.name, ada.email])).map((f) => f.table)).toEqual(
      expect.arrayContaining(['interns', 'progress_facts', 'intern_progress', 'evaluations']),
    );
    const pm = await token('pm-1', 'PROGRAM_MANAGER');
    const before = await gql(REPORT, { c: cohortId }, pm);
    expect(before.errors).toBeUndefined();
    const rowsBefore = await progress();

    await publish(InternErasedV1, ada.id, {
      internId: ada.id,
      cohortIds: [cohortId],
      erasedAt: new Date().toISOString(),
      trigger: 'REQUEST',
    });
    await eventually(async () => ((await progress()).some((p) => p.name === 'Erased intern') ? true : undefined), {
      what: 'the erased intern’s progress row',
    });
    await eventually(async () => ((await scan([ada.name, ada.email, 'Lovelace'])).length === 0 ? true : undefined), {
      what: 'no trace of the intern',
    });
    expect(
      (
        await db().query(`SELECT shared_comments, private_comments, scores FROM evaluations WHERE intern_id = $1`, [
          ada.id,
        ])
      )[0],
    ).toEqual({
      shared_comments: 'Erased intern ships reliably; pairs well with Alan Turing.',
      private_comments: 'Erased intern asked for more feedback',
      scores: [{ competency: 'COMMUNICATION', score: 4, comment: 'Erased intern explains clearly' }],
    });
    // Same counts, same rows, one of them named "Erased intern"; Alan as he was.
    expect((await gql(REPORT, { c: cohortId }, pm)).data).toEqual(before.data);
    const rowsAfter = await progress();
    expect(
      rowsAfter
        .map((r) => (r.internId === ada.id ? { ...r, name: ada.name } : r))
        .sort((a, b) => a.internId.localeCompare(b.internId)),
    ).toEqual([...rowsBefore].sort((a, b) => a.internId.localeCompare(b.internId)));
    expect(rowsAfter.find((r) => r.internId === ada.id)?.name).toBe('Erased intern');
    expect(rowsAfter.find((r) => r.internId === alan.id)?.name).toBe(alan.name);

    // Her enrollment told again (a replay: cleartext here, as the log is before crypto-shredding) brings nothing back.
    await publish(
      InternEnrolledV1,
      cohortId,
      internEnrolledData(cohortId, ada.id, { name: ada.name, email: ada.email }),
    );
    await publish(CheckInMissedV1, ada.id, { cohortId, internId: ada.id, mentorId: grace.id, week: 3 });
    await eventually(async () =>
      (await progress()).find((p) => p.internId === ada.id)?.checkIns.missed === 2 ? true : undefined,
    );
    expect(await scan([ada.name, ada.email, 'Lovelace'])).toEqual([]);
    expect((await progress()).find((p) => p.internId === ada.id)?.name).toBe('Erased intern');
  });

  it('finds nothing of a mentor to erase: evaluations knows mentors by id only', async () => {
    await publish(MentorErasedV1, grace.id, {
      mentorId: grace.id,
      erasedAt: new Date().toISOString(),
      trigger: 'REQUEST',
    });
    expect(await scan([grace.name, grace.email, 'Hopper'])).toEqual([]);
  });

  it('rebuilds the progress read model from offset zero into exactly the live tables', async () => {
    // Let this service's own events (risk changes) be published and consumed back first.
    await eventually(async () =>
      ((await db().query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)) as { n: number }[])[0]!
        .n === 0
        ? true
        : undefined,
    );
    const report = await new ProgressRebuild({
      dataSource: db(),
      kafka: createKafka('evaluations-erasure-rebuild-test', TEST_BROKERS, testLogger()),
      keyRing: world.svc.app.get(KeyRing),
      topics: Object.fromEntries(CONTEXTS.map((c) => [c, world.topicOf(c)])) as Record<Context, string>,
      liveGroupId: world.svc.groupId,
      logger: testLogger(),
      timeoutMs: 60_000,
    }).rebuildAndCompare();
    expect(report.liveCaughtUp).toBe(true);
    expect(report.tables.map((t) => [t.table, t.onlyLive, t.onlyRebuilt, t.different])).toEqual([
      ['intern_progress', [], [], []],
      ['progress_facts', [], [], []],
      ['intern_risk_weeks', [], [], []],
    ]);
    expect(report.identical).toBe(true);
    const [erased] = (await db().query(
      `SELECT count(*)::int AS n FROM progress_facts WHERE intern_id = $1 AND kind = 'ERASED'`,
      [ada.id],
    )) as { n: number }[];
    expect(erased!.n).toBe(1);
  });
});
