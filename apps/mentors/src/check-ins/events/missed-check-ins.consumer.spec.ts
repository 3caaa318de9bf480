import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { CheckInMissedV2, CohortCompletedV1, CohortWeekStartedV1, type EventData } from '#contracts';
import type { EventMeta } from '#messaging';
import { FAKE_TX, FakeOutbox } from '#testing';
import type { CohortProjectionRepository } from '../../cohorts/persistence/cohort-projection.repository.js';
import type { CheckInRepository, DetectedMiss } from '../persistence/check-in.repository.js';
import { MissedCheckInsConsumer } from './missed-check-ins.consumer.js';

const COHORT = 'cohort-1';
const meta = (type: string): EventMeta => ({
  id: 'event-1',
  type,
  source: '/mentorflow/cohorts',
  subject: COHORT,
  time: '2027-06-21T00:00:00Z',
  correlationId: 'corr-1',
});

function setup(misses: DetectedMiss[]) {
  const asked: { cohortId: string; week: number; weekEndedAt: Date }[] = [];
  const checkIns = {
    recordMissed: async (_tx: unknown, w: { cohortId: string; week: number; weekEndedAt: Date }) => {
      asked.push(w);
      return misses;
    },
  } as unknown as CheckInRepository;
  const cohorts = {
    findById: async () => ({ cohortId: COHORT, timezone: 'Europe/Berlin', startDate: '2027-06-07', weeks: 2 }),
  } as unknown as CohortProjectionRepository;
  const outbox = new FakeOutbox();
  const consumer = new MissedCheckInsConsumer(cohorts, checkIns, outbox.asOutbox());
  /** The handler of `type`, fed that event's data (the handlers list mixes contracts). */
  const handlerOf = (type: string) => {
    const h = consumer.handlers.find((x) => x.contract.type === type)!;
    return { handle: (data: object, m: EventMeta, tx: typeof FAKE_TX) => h.handle(data as never, m, tx) };
  };
  return { asked, outbox, handlerOf };
}

const ben = { cohortId: COHORT, internId: 'intern-ben', week: 1, mentorIds: ['yuki', 'zoe'], primaryMentorId: 'yuki' };

describe('MissedCheckInsConsumer', () => {
  it('closes week − 1 when a week starts (at local midnight) and announces one CheckInMissed v2 per intern', async () => {
    const { asked, outbox, handlerOf } = setup([ben]);
    const week2: EventData<typeof CohortWeekStartedV1> = {
      cohortId: COHORT,
      week: 2,
      startsOn: '2027-06-14',
      endsOn: '2027-06-20',
      phase: 'SCOPING',
      weeks: 2,
    };
    await handlerOf(CohortWeekStartedV1.type).handle(week2, meta(CohortWeekStartedV1.type), FAKE_TX);
    expect(asked).toEqual([{ cohortId: COHORT, week: 1, weekEndedAt: new Date('2027-06-13T22:00:00Z') }]);
    expect(outbox.events).toEqual([{ type: CheckInMissedV2.type, subject: 'intern-ben', data: ben }]);
  });

  it('closes the cohort’s last week on CohortCompleted, which no CohortWeekStarted follows', async () => {
    const { asked, outbox, handlerOf } = setup([{ ...ben, week: 2, mentorIds: ['yuki'], primaryMentorId: 'yuki' }]);
    const completed: EventData<typeof CohortCompletedV1> = {
      cohortId: COHORT,
      completedAt: '2027-06-20T22:00:00.000Z',
      weeks: 2,
    };
    await handlerOf(CohortCompletedV1.type).handle(completed, meta(CohortCompletedV1.type), FAKE_TX);
    expect(asked).toEqual([{ cohortId: COHORT, week: 2, weekEndedAt: new Date('2027-06-20T22:00:00Z') }]);
    expect(outbox.dataOf(CheckInMissedV2)).toEqual([
      { cohortId: COHORT, internId: 'intern-ben', week: 2, mentorIds: ['yuki'], primaryMentorId: 'yuki' },
    ]);
  });

  it('checks nothing when week 1 starts, and announces nothing when every intern is recorded already', async () => {
    const { asked, outbox, handlerOf } = setup([]);
    const handle = handlerOf(CohortWeekStartedV1.type);
    const week = (n: number): EventData<typeof CohortWeekStartedV1> => ({
      cohortId: COHORT,
      week: n,
      startsOn: '2027-06-07',
      endsOn: '2027-06-13',
      phase: 'ONBOARDING',
      weeks: 2,
    });
    await handle.handle(week(1), meta(CohortWeekStartedV1.type), FAKE_TX);
    expect(asked).toEqual([]);
    await handle.handle(week(3), meta(CohortWeekStartedV1.type), FAKE_TX);
    expect(asked.map((a) => a.week)).toEqual([2]);
    expect(outbox.events).toEqual([]);
  });
});
