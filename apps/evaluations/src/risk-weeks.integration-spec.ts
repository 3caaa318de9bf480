import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { CheckInMissedV1, InternEnrolledV1, OnboardingCompletedV1 } from '#contracts';
import { eventually } from '#testing';
import { enrolled, evaluationsWorld, token } from './testing/evaluations-world.js';

// The progress read model's risk per program week (intern_risk_weeks), against real Postgres and
// Kafka: an intern goes through weeks 1–5, AMBER from week 3 and RED from week 5, read through
// GraphQL as InternProgress.riskByWeek (weeks without a change carry the previous level).
const world = evaluationsWorld();
const { run, gql, publish, scheduleCohort, startWeeks, assign, atWeek } = world;

const QUERY = `query ($c: ID) { internProgress(cohortId: $c) { edges { node {
  internId currentWeek riskLevel checkIns { missed } riskByWeek { week level } } } } }`;

describe('risk by week', () => {
  const cohortId = `cohort-weeks-${run}`;
  const internId = `intern-weeks-${run}`;
  const mentorId = `mentor-weeks-${run}`;

  const missed = (week: number) => publish(CheckInMissedV1, internId, { cohortId, internId, mentorId, week });
  const progress = async (caller: string) => {
    const res = await gql(QUERY, { c: cohortId }, caller);
    expect(res.errors).toBeUndefined();
    return (res.data.internProgress.edges as { node: any }[])[0]?.node;
  };

  beforeAll(async () => {
    await scheduleCohort(cohortId);
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, internId, 'Wes Weeks'));
    await assign(cohortId, internId, mentorId);
    await publish(OnboardingCompletedV1, cohortId, {
      enrollmentId: `enr-${internId}`,
      cohortId,
      internId,
      completedAt: '2027-06-08T10:00:00.000Z',
    });
    await startWeeks(cohortId, 1, 3);
    await atWeek(cohortId, 3);
    await missed(2);
    await startWeeks(cohortId, 4, 4);
    await atWeek(cohortId, 4);
    await missed(3);
    await startWeeks(cohortId, 5, 5);
    await atWeek(cohortId, 5);
    await missed(4);
  });

  it('keeps each week’s last level, carried forward through the weeks without a change', async () => {
    const pm = await token('pm-1', 'PROGRAM_MANAGER');
    const row = await eventually(async () => {
      const r = await progress(pm);
      return r?.currentWeek === 5 && r.checkIns.missed === 3 ? r : undefined;
    });
    expect(row.riskLevel).toBe('RED');
    const levels = [
      { week: 1, level: 'GREEN' },
      { week: 2, level: 'GREEN' },
      { week: 3, level: 'AMBER' },
      { week: 4, level: 'AMBER' },
      { week: 5, level: 'RED' },
    ];
    expect(row.riskByWeek).toEqual(levels);
    // The intern sees their own weeks, as they see their own level.
    expect((await progress(await token(internId, 'INTERN'))).riskByWeek).toEqual(levels);
    // Only the changes are stored.
    const stored = (await world.svc.dataSource.query(
      `SELECT week, level FROM intern_risk_weeks WHERE cohort_id = $1 AND intern_id = $2 ORDER BY week`,
      [cohortId, internId],
    )) as { week: number; level: string }[];
    expect(stored).toEqual([
      { week: 1, level: 'GREEN' },
      { week: 3, level: 'AMBER' },
      { week: 5, level: 'RED' },
    ]);
  });
});
