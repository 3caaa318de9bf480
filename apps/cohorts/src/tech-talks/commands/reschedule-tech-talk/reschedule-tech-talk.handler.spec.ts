import { TechTalkRescheduledV1 } from '#contracts';
import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import { EnrollmentStatus } from '../../../enrollments/domain/enrollment.js';
import { TechTalkStatus } from '../../domain/tech-talk.js';
import {
  patchEnrollment,
  PM,
  repositoryFakes,
  scheduledCohort,
  scheduledTalk,
  startCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { RescheduleTechTalkCommand } from './reschedule-tech-talk.command.js';
import { RescheduleTechTalkHandler } from './reschedule-tech-talk.handler.js';

const TALK = '00000000-0000-4000-8000-00000000b001';
const TALK_STARTS = new Date('2027-06-22T14:00:00Z'); // 16:00 CEST, Tuesday of week 3
const NOW = new Date('2027-06-15T08:00:00Z'); // week 2
const moveTo = { startsAt: '2027-06-24T10:00:00+02:00', durationMinutes: 90 };

async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1', 'intern-2', 'intern-3']);
  startCohort(f, cohortId, 2, NOW);
  f.talks.seed(scheduledTalk(cohortId, { id: TALK, startsAt: TALK_STARTS, rsvpCount: 3 }));
  f.talks.rsvps = [
    { talkId: TALK, internId: 'intern-2', at: new Date('2027-06-10T09:00:00Z') },
    { talkId: TALK, internId: 'intern-1', at: new Date('2027-06-11T09:00:00Z') },
    { talkId: TALK, internId: 'intern-3', at: new Date('2027-06-12T09:00:00Z') },
  ];
  // intern-3 left the program: their RSVP stays, but they are not told.
  patchEnrollment(f.repo, cohortId, 'intern-3', { status: EnrollmentStatus.WITHDRAWN });
  const handler = f.build(RescheduleTechTalkHandler);
  return { ...f, handler, cohortId };
}

describe('RescheduleTechTalkHandler', () => {
  it('moves the talk (cohort, then talk locked), keeps the RSVPs, raises the sequence and appends TechTalkRescheduled.v1', async () => {
    const { handler, repo, talks, outbox, dataSource, cohortId } = await setup();
    const talk = await handler.execute(new RescheduleTechTalkCommand(TALK, moveTo, PM));
    expect(talk).toMatchObject({
      id: TALK,
      startsAt: new Date('2027-06-24T08:00:00Z'),
      durationMinutes: 90,
      sequence: 1,
      status: TechTalkStatus.SCHEDULED,
      rsvpCount: 3,
    });
    expect(talks.talks.get(TALK)).toMatchObject({
      startsAt: new Date('2027-06-24T08:00:00Z'),
      durationMinutes: 90,
      sequence: 1,
      rsvpCount: 3,
    });
    expect(talks.rsvps).toHaveLength(3);
    expect(repo.lockedIds).toEqual([cohortId]);
    expect(talks.lockedIds).toEqual([TALK]);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.cohorts.TechTalkRescheduled.v1',
        subject: cohortId,
        data: {
          talkId: TALK,
          cohortId,
          title: 'Event sourcing in practice',
          startsAt: '2027-06-24T08:00:00.000Z',
          durationMinutes: 90,
          previousStartsAt: '2027-06-22T14:00:00.000Z',
          sequence: 1,
          attendeeIds: ['intern-2', 'intern-1'],
          rescheduledBy: 'pm-1',
        },
      },
    ]);
  });

  it('raises the sequence on every move', async () => {
    const { handler, talks, outbox } = await setup();
    await handler.execute(new RescheduleTechTalkCommand(TALK, moveTo, PM));
    const again = await handler.execute(
      new RescheduleTechTalkCommand(TALK, { startsAt: '2027-06-25T10:00:00+02:00', durationMinutes: 60 }, PM),
    );
    expect(again.sequence).toBe(2);
    expect(talks.talks.get(TALK)?.sequence).toBe(2);
    expect(outbox.dataOf(TechTalkRescheduledV1).map((d) => d.sequence)).toEqual([1, 2]);
  });

  it('changes nothing when moved to the time it already has', async () => {
    const { handler, talks, outbox } = await setup();
    const talk = await handler.execute(
      new RescheduleTechTalkCommand(TALK, { startsAt: '2027-06-22T16:00:00+02:00', durationMinutes: 60 }, PM),
    );
    expect(talk.sequence).toBe(0);
    expect(talks.talks.get(TALK)?.sequence).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a missing talk id, and a bad time naming every field, before any transaction', async () => {
    const { handler, talks, outbox, dataSource } = await setup();
    expect(await refusedFields(handler.execute(new RescheduleTechTalkCommand(' ', moveTo, PM)))).toEqual(['talkId']);
    expect(
      await refusedFields(
        handler.execute(
          new RescheduleTechTalkCommand(TALK, { startsAt: '2027-06-24T10:00', durationMinutes: 481 }, PM),
        ),
      ),
    ).toEqual(['durationMinutes', 'startsAt']);
    expect(dataSource.transactions).toBe(0);
    expect(talks.talks.get(TALK)?.startsAt).toEqual(TALK_STARTS);
    expect(outbox.events).toEqual([]);
  });

  it("refuses a time outside the cohort's dates, in its past, or ending after the program, and stores nothing", async () => {
    const { handler, talks, outbox } = await setup();
    const refused = async (startsAt: string, durationMinutes = 60) =>
      (
        (await handler
          .execute(new RescheduleTechTalkCommand(TALK, { startsAt, durationMinutes }, PM))
          .catch((e) => e)) as ValidationError
      ).violations;
    expect(await refused('2027-06-06T23:30:00+02:00')).toEqual([
      {
        field: 'startsAt',
        message: "must be inside the cohort's dates (2027-06-07 to the end of week 12, Europe/Berlin)",
      },
    ]);
    expect(await refused('2027-06-14T10:00:00+02:00')).toEqual([
      { field: 'startsAt', message: "must be in the future (the cohort's clock is at 2027-06-15T08:00:00.000Z)" },
    ]);
    expect((await refused('2027-08-29T20:00:00+02:00', 480))[0]?.field).toBe('durationMinutes');
    expect(talks.talks.get(TALK)).toMatchObject({ startsAt: TALK_STARTS, sequence: 0 });
    expect(outbox.events).toEqual([]);
  });

  it('refuses a cancelled talk and one that has started (at the program time) with CONFLICT', async () => {
    const { handler, repo, talks, outbox, cohortId } = await setup();
    talks.seed({ ...talks.talks.get(TALK)!, status: TechTalkStatus.CANCELLED, sequence: 1, cancelledAt: NOW });
    const cancelled = await handler.execute(new RescheduleTechTalkCommand(TALK, moveTo, PM)).catch((e) => e);
    expect(cancelled).toBeInstanceOf(ConflictError);
    expect(cancelled.message).toBe('the talk was cancelled: it can no longer be rescheduled');
    talks.seed({ ...talks.talks.get(TALK)!, status: TechTalkStatus.SCHEDULED, sequence: 0, cancelledAt: null });
    // The cohort's clock was advanced (sandbox) past the talk.
    repo.cohorts.set(cohortId, { ...repo.cohorts.get(cohortId)!, clockAt: TALK_STARTS });
    await expect(handler.execute(new RescheduleTechTalkCommand(TALK, moveTo, PM))).rejects.toThrow(
      'the talk started at 2027-06-22T14:00:00.000Z: it can no longer be rescheduled',
    );
    expect(talks.talks.get(TALK)).toMatchObject({ startsAt: TALK_STARTS, sequence: 0 });
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown talk as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(new RescheduleTechTalkCommand('00000000-0000-4000-8000-00000000dead', moveTo, PM)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
