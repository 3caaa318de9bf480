import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, ForbiddenError, NotFoundError } from '#ddd';
import { CohortStatus } from '../../../cohorts/domain/cohort.js';
import { EnrollmentStatus } from '../../../enrollments/domain/enrollment.js';
import {
  asIntern,
  patchEnrollment,
  repositoryFakes,
  scheduledCohort,
  scheduledTalk,
  startCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { RsvpTechTalkCommand } from './rsvp-tech-talk.command.js';
import { RsvpTechTalkHandler } from './rsvp-tech-talk.handler.js';

const TALK = '00000000-0000-4000-8000-00000000b001';
const TALK_STARTS = new Date('2027-06-22T14:00:00Z'); // 16:00 CEST, Tuesday of week 3
const NOW = new Date('2027-06-15T08:00:00Z'); // week 2

async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1', 'intern-2']);
  startCohort(f, cohortId, 2, NOW);
  f.talks.seed(scheduledTalk(cohortId, { id: TALK, startsAt: TALK_STARTS }));
  const handler = f.build(RsvpTechTalkHandler);
  return { ...f, handler, cohortId };
}

describe('RsvpTechTalkHandler', () => {
  it('stores the RSVP, counts it (enrollment, then talk locked) and appends TechTalkRsvped.v1 keyed by the cohort', async () => {
    const { handler, talks, enrollments, outbox, dataSource, cohortId } = await setup();
    const talk = await handler.execute(new RsvpTechTalkCommand(TALK, asIntern('intern-1')));
    expect(talk).toMatchObject({ id: TALK, rsvpCount: 1, attendanceCount: 0 });
    expect(talks.talks.get(TALK)?.rsvpCount).toBe(1);
    expect(talks.rsvps).toEqual([{ talkId: TALK, internId: 'intern-1', at: NOW }]);
    expect(enrollments.lockedKeys).toEqual([`${cohortId}/intern-1`]);
    expect(talks.lockedIds).toEqual([TALK]);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.cohorts.TechTalkRsvped.v1',
        subject: cohortId,
        data: { talkId: TALK, cohortId, internId: 'intern-1' },
      },
    ]);
  });

  it('changes nothing on a second RSVP of one intern', async () => {
    const { handler, talks, outbox } = await setup();
    await handler.execute(new RsvpTechTalkCommand(TALK, asIntern('intern-1')));
    const talk = await handler.execute(new RsvpTechTalkCommand(TALK, asIntern('intern-1')));
    expect(talk.rsvpCount).toBe(1);
    expect(talks.rsvps).toHaveLength(1);
    expect(outbox.events).toHaveLength(1);
    await handler.execute(new RsvpTechTalkCommand(TALK, asIntern('intern-2')));
    expect(talks.talks.get(TALK)?.rsvpCount).toBe(2);
  });

  it('refuses a missing talk id naming the field, before any transaction', async () => {
    const { handler, talks, outbox, dataSource } = await setup();
    expect(await refusedFields(handler.execute(new RsvpTechTalkCommand(' ', asIntern('intern-1'))))).toEqual([
      'talkId',
    ]);
    expect(dataSource.transactions).toBe(0);
    expect(talks.rsvps).toEqual([]);
    expect(outbox.events).toEqual([]);
  });

  it("forbids an intern not enrolled in the talk's cohort", async () => {
    const { handler, talks, outbox } = await setup();
    await expect(handler.execute(new RsvpTechTalkCommand(TALK, asIntern('stranger')))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(talks.rsvps).toEqual([]);
    expect(talks.talks.get(TALK)?.rsvpCount).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses once the talk has started, and an intern no longer in the program, counting nothing', async () => {
    const { handler, repo, talks, outbox, clock, cohortId } = await setup();
    clock.current = TALK_STARTS;
    const started = await handler.execute(new RsvpTechTalkCommand(TALK, asIntern('intern-1'))).catch((e) => e);
    expect(started).toBeInstanceOf(ConflictError);
    expect(started.message).toBe('the talk started at 2027-06-22T14:00:00.000Z: RSVPs are closed');
    clock.current = NOW;
    patchEnrollment(repo, cohortId, 'intern-2', { status: EnrollmentStatus.WITHDRAWN });
    await expect(handler.execute(new RsvpTechTalkCommand(TALK, asIntern('intern-2')))).rejects.toThrow(
      'your enrollment is WITHDRAWN: you can no longer RSVP to talks',
    );
    expect(talks.rsvps).toEqual([]);
    expect(talks.talks.get(TALK)?.rsvpCount).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown talk as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(new RsvpTechTalkCommand('00000000-0000-4000-8000-00000000dead', asIntern('intern-1'))),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses an intern of a cancelled cohort with CONFLICT', async () => {
    const { handler, repo, talks, outbox, cohortId } = await setup();
    repo.cohorts.set(cohortId, { ...repo.cohorts.get(cohortId)!, status: CohortStatus.CANCELLED });
    const err = await handler.execute(new RsvpTechTalkCommand(TALK, asIntern('intern-1'))).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(`cohort ${cohortId} was cancelled: RSVPs are closed`);
    expect(talks.rsvps).toEqual([]);
    expect(outbox.events).toEqual([]);
  });
});
