import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  CheckInLoggedV1,
  CheckInMissedV1,
  InternEnrolledV1,
  InternRiskChangedV1,
  MilestoneOverdueV1,
  MilestoneReportSubmittedV1,
  OnboardingCompletedV1,
  PresentationScoredV1,
  PresentationSlotBookedV1,
  PresentationSlotOpenedV1,
  ProjectScopeApprovedV1,
  TechTalkAttendedV1,
  TechTalkScheduledV1,
  CONTEXTS,
  type Context,
} from '#contracts';
import { createKafka, KeyRing, newCloudEvent, type CloudEvent } from '#messaging';
import { eventually, ofType, TEST_BROKERS, testLogger } from '#testing';
import { ProgressRebuild } from './progress/rebuild/progress-rebuild.js';
import { enrolled, evaluationsWorld, SCORES, token } from './testing/evaluations-world.js';

// The evaluations service (see evaluations-world.ts): its migrations, the InternEnrolled
// projection, the rubrics, presentation scores, and the progress read model with its rebuild from
// offset zero, which replays the whole world of the file (the cohorts, interns and clock events of
// the describes before it). Evaluation windows: evaluation-windows.integration-spec.ts.
const world = evaluationsWorld();
const { run, gql, publish, scheduleCohort, startWeeks, assign, atWeek } = world;

describe('evaluations service (real Postgres and Kafka)', () => {
  it('ran its migrations: messaging tables, projections, evaluations and the read model exist', async () => {
    const tables = (await world.svc.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )) as { tablename: string }[];
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining([
        'inbox',
        'outbox',
        'interns',
        'eval_cohorts',
        'mentor_assignments',
        'presentation_slots',
        'evaluations',
        'presentation_scores',
        'cohort_rubrics',
        'evaluation_windows',
        'progress_facts',
        'intern_progress',
      ]),
    );
  });

  it('projects InternEnrolled into interns, and applies a redelivered event once', async () => {
    const cohortId = `cohort-enr-${run}`;
    const enrollment = newCloudEvent({
      type: InternEnrolledV1.type,
      source: '/mentorflow/cohorts',
      subject: cohortId,
      data: enrolled(cohortId, `ada-${run}`, 'Ada'),
    });
    const send = (e: CloudEvent) => world.svc.send(world.topicOf('cohorts'), e, cohortId);
    const row = async (internId: string) =>
      (
        (await world.svc.dataSource.query(`SELECT name, cohort_id, enrolled_at FROM interns WHERE intern_id = $1`, [
          internId,
        ])) as {
          name: string;
          cohort_id: string;
          enrolled_at: Date;
        }[]
      )[0];
    await send(enrollment);
    const ada = await eventually(() => row(`ada-${run}`));
    expect(ada).toMatchObject({ name: 'Ada', cohort_id: cohortId });
    expect(ada.enrolled_at.toISOString()).toBe(enrollment.time);
    // The same event (same id) again, carrying different data: the inbox must stop it.
    await send({ ...enrollment, data: { ...enrollment.data, name: 'Ada (redelivered)' } });
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, `grace-${run}`, 'Grace'));
    await eventually(() => row(`grace-${run}`));
    expect((await row(`ada-${run}`))!.name).toBe('Ada');
  });

  it('serves both rubrics to every role, and refuses anonymous callers', async () => {
    for (const role of ['PROGRAM_MANAGER', 'MENTOR', 'INTERN'] as const) {
      const res = await gql(
        `
          {
            rubrics {
              kind
              tailored
              cohortId
              criteria {
                key
                levels {
                  score
                }
              }
            }
          }
        `,
        {},
        await token('x', role),
      );
      expect(res.errors).toBeUndefined();
      const [program, presentation] = res.data.rubrics;
      expect(program).toMatchObject({ kind: 'PROGRAM', tailored: false, cohortId: null });
      expect(program.criteria.map((c: { key: string }) => c.key)).toEqual(SCORES.map((s) => s.competency));
      expect(presentation.criteria.map((c: { key: string }) => c.key)).toEqual([
        'CLARITY',
        'TECHNICAL_DEPTH',
        'IMPACT',
        'HANDLING_QUESTIONS',
      ]);
    }
    const anonymous = await gql(`
      {
        rubrics {
          kind
        }
      }
    `);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('presentation scores', () => {
  const cohortId = `cohort-pres-${run}`;
  const internId = `intern-pres-${run}`;
  const slotId = `slot-${run}`;
  const SCORE = `mutation ($input: ScorePresentationInput!) {
    scorePresentation(input: $input) { slotId internId mentorId averageScore scores { criterion score } } }`;
  const criteria = (...values: number[]) =>
    ['CLARITY', 'TECHNICAL_DEPTH', 'IMPACT', 'HANDLING_QUESTIONS'].map((criterion, i) => ({
      criterion,
      score: values[i],
    }));

  beforeAll(async () => {
    await scheduleCohort(cohortId);
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, internId, 'Pia Presenter'));
    await publish(PresentationSlotOpenedV1, cohortId, {
      slotId,
      cohortId,
      startsAt: '2027-08-23T09:00:00.000Z',
      durationMinutes: 30,
      panelMentorIds: ['panel-a', 'panel-b'],
    });
    await startWeeks(cohortId, 1, 11);
    await atWeek(cohortId, 11);
  });

  it('lets only the panel of a booked slot score it, from the slot’s week, averaged per intern and criterion', async () => {
    const a = await token('panel-a', 'MENTOR');
    const notBooked = await gql(SCORE, { input: { slotId, scores: criteria(4, 4, 4, 4) } }, a);
    expect(notBooked.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await publish(PresentationSlotBookedV1, cohortId, {
      slotId,
      cohortId,
      internId,
      startsAt: '2027-08-23T09:00:00.000Z',
      panelMentorIds: ['panel-a', 'panel-b'],
    });
    await eventually(async () =>
      (
        (await world.svc.dataSource.query(`SELECT intern_id FROM presentation_slots WHERE slot_id = $1`, [slotId])) as {
          intern_id: string | null;
        }[]
      )[0]?.intern_id
        ? true
        : undefined,
    );
    const early = await gql(SCORE, { input: { slotId, scores: criteria(4, 4, 4, 4) } }, a);
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(early.errors?.[0]?.message).toContain('it can be scored from week 12');
    await startWeeks(cohortId, 12, 12);
    await atWeek(cohortId, 12);

    const outsider = await gql(
      SCORE,
      {
        input: { slotId, scores: criteria(5, 5, 5, 5) },
      },
      await token('panel-z', 'MENTOR'),
    );
    // off the panel reads exactly like an unknown slot
    expect(outsider.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await gql(SCORE, { input: { slotId, scores: criteria(4, 4, 4, 9) } }, a);
    expect(bad.errors?.[0]?.extensions?.fields).toEqual([
      { field: 'scores[3].score', message: 'must be a whole number from 1 to 5' },
    ]);
    const first = await gql(SCORE, { input: { slotId, scores: criteria(5, 4, 4, 3) } }, a);
    expect(first.data.scorePresentation).toMatchObject({ slotId, internId, mentorId: 'panel-a', averageScore: 4 });
    await gql(SCORE, { input: { slotId, scores: criteria(3, 2, 3, 4) } }, await token('panel-b', 'MENTOR'));
    const [scored] = await world.svc.probe.waitFor(ofType(PresentationScoredV1.type, internId));
    expect(scored!.json).toMatchObject({ slotId, cohortId, internId, mentorId: 'panel-a', averageScore: 4 });

    const result = await gql(
      `
        query ($r: [_Any!]!) {
          _entities(representations: $r) {
            ... on Intern {
              presentation {
                averageScore
                panelCount
                criteria {
                  criterion
                  average
                  count
                }
              }
            }
          }
        }
      `,
      { r: [{ __typename: 'Intern', id: internId }] },
      await token(internId, 'INTERN'),
    );
    expect(result.data._entities[0].presentation).toEqual({
      averageScore: 3.5,
      panelCount: 2,
      criteria: [
        { criterion: 'CLARITY', average: 4, count: 2 },
        { criterion: 'TECHNICAL_DEPTH', average: 3, count: 2 },
        { criterion: 'IMPACT', average: 3.5, count: 2 },
        { criterion: 'HANDLING_QUESTIONS', average: 3.5, count: 2 },
      ],
    });
  });
});

describe('the progress read model', () => {
  const cohortId = `cohort-risk-${run}`;
  const red = `intern-red-${run}`;
  const fine = `intern-fine-${run}`;
  const mentorId = `mentor-risk-${run}`;
  const early = `intern-early-${run}`;

  beforeAll(async () => {
    await scheduleCohort(cohortId);
    // Facts about an intern may arrive (from other topics) before their enrollment does.
    await publish(CheckInMissedV1, early, { cohortId, internId: early, mentorId, week: 2 });
    await assign(cohortId, early, mentorId);
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, red, 'Rita Red'));
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, fine, 'Finn Fine'));
    await startWeeks(cohortId, 1, 5);
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, early, 'Eve Early'));
    await publish(TechTalkScheduledV1, cohortId, {
      cohortId,
      talkId: `talk-${run}`,
      title: 'Feature stores',
      speaker: 'Ana',
      startsAt: '2027-06-10T15:00:00.000Z',
      durationMinutes: 60,
    });
    await publish(TechTalkAttendedV1, cohortId, { cohortId, internId: fine, talkId: `talk-${run}` });
    for (const internId of [red, fine]) {
      await assign(cohortId, internId, mentorId);
      await publish(OnboardingCompletedV1, cohortId, {
        enrollmentId: `enr-${internId}`,
        cohortId,
        internId,
        completedAt: '2027-06-08T10:00:00.000Z',
      });
      await publish(ProjectScopeApprovedV1, `project-${internId}`, {
        projectId: `project-${internId}`,
        cohortId,
        internId,
        version: 1,
        mentorId,
        milestones: [{ milestoneId: `ms-${internId}`, title: 'Baseline model', dueWeek: 4 }],
      });
    }
    await publish(CheckInLoggedV1, fine, {
      checkInId: `ci-${fine}`,
      cohortId,
      internId: fine,
      mentorId,
      occurredOn: '2027-06-29',
      week: 4,
      durationMinutes: 30,
      format: 'VIDEO',
      progress: 'ON_TRACK',
      blockerCount: 0,
    });
    await publish(MilestoneReportSubmittedV1, `project-${fine}`, {
      reportId: `rep-${fine}`,
      milestoneId: `ms-${fine}`,
      projectId: `project-${fine}`,
      cohortId,
      internId: fine,
      dueWeek: 4,
      late: false,
      submittedAt: '2027-07-02T10:00:00.000Z',
    });
    await publish(CheckInMissedV1, red, { cohortId, internId: red, mentorId, week: 3 });
    await publish(CheckInMissedV1, red, { cohortId, internId: red, mentorId, week: 4 });
    await publish(MilestoneOverdueV1, `project-${red}`, {
      milestoneId: `ms-${red}`,
      projectId: `project-${red}`,
      cohortId,
      internId: red,
      dueWeek: 4,
    });
  });

  async function progressOf(internId: string, tokenOf: string) {
    const res = await gql(
      `
        query ($c: ID) {
          internProgress(cohortId: $c, first: 10) {
            totalCount
            edges {
              node {
                internId
                name
                enrollmentStatus
                currentWeek
                riskLevel
                riskReasons
                primaryMentorId
                checkIns {
                  logged
                  missed
                  missedWeeks
                }
                milestoneReports {
                  onTime
                  late
                  missing
                  overdueMilestones {
                    title
                    dueWeek
                  }
                }
                talks {
                  held
                  attended
                }
                scope {
                  status
                  overdue
                }
                onboarding {
                  done
                }
              }
            }
          }
        }
      `,
      { c: cohortId },
      tokenOf,
    );
    expect(res.errors).toBeUndefined();
    return (res.data.internProgress.edges as { node: any }[]).map((e) => e.node).find((n) => n.internId === internId);
  }

  it('turns an intern with two missed check-ins and an overdue milestone RED, publishing InternRiskChanged', async () => {
    const pm = await token('pm-1', 'PROGRAM_MANAGER');
    const row = await eventually(async () => {
      const r = await progressOf(red, pm);
      // Events of several topics arrive in any order: wait until all of them are in.
      return r?.riskLevel === 'RED' && r.onboarding?.done && r.enrollmentStatus === 'ACTIVE' ? r : undefined;
    });
    expect(row).toMatchObject({
      name: 'Rita Red',
      enrollmentStatus: 'ACTIVE',
      currentWeek: 5,
      primaryMentorId: mentorId,
      checkIns: { logged: 0, missed: 2, missedWeeks: [3, 4] },
      milestoneReports: {
        onTime: 0,
        late: 0,
        missing: 1,
        overdueMilestones: [{ title: 'Baseline model', dueWeek: 4 }],
      },
      scope: { status: 'APPROVED', overdue: false },
      onboarding: { done: true },
    });
    expect(row.riskReasons).toEqual([
      '2 check-ins missed (weeks 3 and 4)',
      '1 milestone report overdue: “Baseline model” (due week 4)',
    ]);
    const changed = await world.svc.probe.waitFor(
      (m) => ofType(InternRiskChangedV1.type, red)(m) && (m.json as { level: string }).level === 'RED',
    );
    expect(changed[0]!.json).toMatchObject({ cohortId, internId: red, level: 'RED' });

    const green = await eventually(async () => {
      const r = await progressOf(fine, pm);
      return r?.checkIns.logged === 1 && r.milestoneReports.onTime === 1 ? r : undefined;
    });
    expect(green).toMatchObject({ riskLevel: 'GREEN', riskReasons: [], talks: { held: 1, attended: 1 } });

    const late = await eventually(() => progressOf(early, pm));
    expect(late).toMatchObject({
      primaryMentorId: mentorId,
      checkIns: { missed: 1, missedWeeks: [2] },
      riskLevel: 'AMBER',
    });
    expect(late.riskReasons).toEqual(
      expect.arrayContaining(['1 check-in missed (week 2)', 'onboarding not completed in week 5 (0 tasks done)']),
    );
  });

  it('shows a mentor their mentees, an intern only themself', async () => {
    const mine = await gql(
      `
        {
          internProgress(first: 50) {
            edges {
              node {
                internId
              }
            }
          }
        }
      `,
      {},
      await token(mentorId, 'MENTOR'),
    );
    expect(mine.data.internProgress.edges.map((e: any) => e.node.internId).sort()).toEqual([early, fine, red].sort());
    const self = await gql(
      `
        {
          internProgress(first: 50) {
            totalCount
            edges {
              node {
                internId
                riskLevel
                riskReasons
              }
            }
          }
        }
      `,
      {},
      await token(red, 'INTERN'),
    );
    // Why they are at risk is for program managers and mentors: never the intern's to read.
    expect(self.data.internProgress).toEqual({
      totalCount: 1,
      edges: [{ node: { internId: red, riskLevel: 'RED', riskReasons: [] } }],
    });
    const reds = await gql(
      `
        query ($c: ID) {
          internProgress(cohortId: $c, riskLevel: RED) {
            edges {
              node {
                internId
              }
            }
          }
        }
      `,
      { c: cohortId },
      await token('pm-1', 'PROGRAM_MANAGER'),
    );
    expect(reds.data.internProgress.edges).toEqual([{ node: { internId: red } }]);
  });

  it('rebuilds from offset zero into the same rows as the live model, and can swap it in', async () => {
    // An enrollment forged onto another context's topic: the live consumer dead-letters it, and
    // the rebuild must not apply it either, or the two models would differ by this intern.
    const forged = newCloudEvent({
      type: InternEnrolledV1.type,
      source: '/mentorflow/cohorts',
      subject: cohortId,
      data: enrolled(cohortId, `forged-${run}`, 'Fay Forged'),
    });
    await world.svc.send(world.topicOf('mentors'), forged, cohortId);
    const [dead] = await world.svc.probe.waitFor((m) => m.topic === world.DLT && m.headers['ce_id'] === forged.id);
    expect(dead!.headers['dlt-reason']).toMatch(/does not belong to topic/);
    // Let this service's own events (reminders, risk changes) be published and consumed back first.
    await eventually(async () =>
      (
        (await world.svc.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)) as {
          n: number;
        }[]
      )[0]!.n === 0
        ? true
        : undefined,
    );
    const rebuild = () =>
      new ProgressRebuild({
        dataSource: world.svc.dataSource,
        kafka: createKafka('evaluations-rebuild-test', TEST_BROKERS, testLogger()),
        keyRing: world.svc.app.get(KeyRing),
        topics: Object.fromEntries(CONTEXTS.map((c) => [c, world.topicOf(c)])) as Record<Context, string>,
        liveGroupId: world.svc.groupId,
        logger: testLogger(),
        timeoutMs: 60_000,
      });
    const started = Date.now();
    const report = await rebuild().rebuildAndCompare();
    expect(report.liveCaughtUp).toBe(true);
    expect(report.tables.map((t) => [t.table, t.onlyLive, t.onlyRebuilt, t.different])).toEqual([
      ['intern_progress', [], [], []],
      ['progress_facts', [], [], []],
      ['intern_risk_weeks', [], [], []],
    ]);
    expect(report.identical).toBe(true);
    expect(report.applied).toBeGreaterThan(30);
    const live = (await world.svc.dataSource.query(`SELECT count(*)::int AS n FROM intern_progress`)) as {
      n: number;
    }[];
    expect(report.tables[0]!.live).toBe(live[0]!.n);
    expect(report.tables[0]!.rebuilt).toBeGreaterThanOrEqual(5);
    expect(Date.now() - started).toBeLessThan(60_000);

    // A live row that drifted is found by the comparison and put right by a swap.
    await world.svc.dataSource.query(
      `UPDATE intern_progress SET risk_level = 'GREEN', details = jsonb_set(details, '{risk,level}', '"GREEN"') WHERE intern_id = $1`,
      [red],
    );
    const drifted = await rebuild().rebuildAndCompare();
    expect(drifted.identical).toBe(false);
    expect(drifted.tables[0]!.different.map((d) => d.key)).toEqual([`${cohortId} / ${red}`]);
    const swapped = await rebuild().rebuildAndSwap();
    expect(swapped).toMatchObject({ swapped: true, identical: true });
    const [row] = (await world.svc.dataSource.query(`SELECT risk_level FROM intern_progress WHERE intern_id = $1`, [
      red,
    ])) as {
      risk_level: string;
    }[];
    expect(row!.risk_level).toBe('RED');
    const schemas = (await world.svc.dataSource.query(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'progress_rebuild_%'`,
    )) as unknown[];
    expect(schemas).toEqual([]);
  });
});
