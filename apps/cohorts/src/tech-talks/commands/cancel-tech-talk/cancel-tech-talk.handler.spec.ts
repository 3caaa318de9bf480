import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError } from '#ddd';
import { TechTalkStatus } from '../../domain/tech-talk.js';
import {
  asIntern,
  PM,
  repositoryFakes,
  scheduledCohort,
  scheduledTalk,
  startCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { RsvpTechTalkCommand } from '../rsvp-tech-talk/rsvp-tech-talk.command.js';
import { RsvpTechTalkHandler } from '../rsvp-tech-talk/rsvp-tech-talk.handler.js';
import { RecordTalkAttendanceCommand } from '../record-talk-attendance/record-talk-attendance.command.js';
import { RecordTalkAttendanceHandler } from '../record-talk-attendance/record-talk-attendance.handler.js';
import { CancelTechTalkCommand } from './cancel-tech-talk.command.js';
import { CancelTechTalkHandler } from './cancel-tech-talk.handler.js';

const TALK = '00000000-0000-4000-8000-00000000b001';
const TALK_STARTS = new Date('2027-06-22T14:00:00Z'); // 16:00 CEST, Tuesday of week 3
const NOW = new Date('2027-06-15T08:00:00Z'); // week 2

async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1', 'intern-2']);
  startCohort(f, cohortId, 2, NOW);
  f.talks.seed(scheduledTalk(cohortId, { id: TALK, startsAt: TALK_STARTS, rsvpCount: 1 }));
  f.talks.rsvps = [{ talkId: TALK, internId: 'intern-1', at: new Date('2027-06-10T09:00:00Z') }];
  const handler = f.build(CancelTechTalkHandler);
  return { ...f, handler, cohortId };
}

describe('CancelTechTalkHandler', () => {
  it('cancels the talk under its lock, raises the sequence and appends TechTalkCancelled.v1 naming who RSVPed', async () => {
    const { handler, talks, outbox, dataSource, cohortId } = await setup();
    const talk = await handler.execute(new CancelTechTalkCommand(TALK, '  Speaker is ill ', PM));
    expect(talk).toMatchObject({
      id: TALK,
      status: TechTalkStatus.CANCELLED,
      sequence: 1,
      cancellationReason: 'Speaker is ill',
      cancelledBy: 'pm-1',
      cancelledAt: NOW,
      startsAt: TALK_STARTS,
    });
    expect(talks.talks.get(TALK)).toMatchObject({ status: TechTalkStatus.CANCELLED, sequence: 1, cancelledAt: NOW });
    expect(talks.lockedIds).toEqual([TALK]);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.cohorts.TechTalkCancelled.v1',
        subject: cohortId,
        data: {
          talkId: TALK,
          cohortId,
          title: 'Event sourcing in practice',
          startsAt: '2027-06-22T14:00:00.000Z',
          reason: 'Speaker is ill',
          sequence: 1,
          attendeeIds: ['intern-1'],
          cancelledBy: 'pm-1',
        },
      },
    ]);
  });

  it('refuses cancelling twice with CONFLICT, changing nothing', async () => {
    const { handler, talks, outbox } = await setup();
    await handler.execute(new CancelTechTalkCommand(TALK, 'Speaker is ill', PM));
    const err = await handler.execute(new CancelTechTalkCommand(TALK, 'again', PM)).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('the talk was cancelled: it cannot be cancelled twice');
    expect(talks.talks.get(TALK)).toMatchObject({ sequence: 1, cancellationReason: 'Speaker is ill' });
    expect(outbox.events).toHaveLength(1);
  });

  it('refuses RSVPs and attendance on a cancelled talk with CONFLICT', async () => {
    const { handler, build, talks, outbox, clock } = await setup();
    await handler.execute(new CancelTechTalkCommand(TALK, 'Speaker is ill', PM));
    outbox.events = [];
    const rsvp = await build(RsvpTechTalkHandler)
      .execute(new RsvpTechTalkCommand(TALK, asIntern('intern-2')))
      .catch((e) => e);
    expect(rsvp).toBeInstanceOf(ConflictError);
    expect(rsvp.message).toBe('the talk was cancelled: RSVPs are closed');
    clock.current = new Date('2027-06-22T15:00:00Z');
    const attendance = await build(RecordTalkAttendanceHandler)
      .execute(new RecordTalkAttendanceCommand(TALK, ['intern-1'], PM))
      .catch((e) => e);
    expect(attendance).toBeInstanceOf(ConflictError);
    expect(attendance.message).toBe('the talk was cancelled: no attendance can be recorded');
    expect(talks.rsvps).toHaveLength(1);
    expect(talks.attendance).toEqual([]);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a missing talk id or a blank reason naming the field, before any transaction', async () => {
    const { handler, talks, outbox, dataSource } = await setup();
    expect(await refusedFields(handler.execute(new CancelTechTalkCommand('', 'ill', PM)))).toEqual(['talkId']);
    expect(await refusedFields(handler.execute(new CancelTechTalkCommand(TALK, '  ', PM)))).toEqual(['reason']);
    expect(await refusedFields(handler.execute(new CancelTechTalkCommand(TALK, 'x'.repeat(1001), PM)))).toEqual([
      'reason',
    ]);
    expect(dataSource.transactions).toBe(0);
    expect(talks.talks.get(TALK)?.status).toBe(TechTalkStatus.SCHEDULED);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a talk that has started (at the program time) with CONFLICT', async () => {
    const { handler, talks, outbox, clock } = await setup();
    clock.current = TALK_STARTS;
    await expect(handler.execute(new CancelTechTalkCommand(TALK, 'too late', PM))).rejects.toThrow(
      'the talk started at 2027-06-22T14:00:00.000Z: it can no longer be cancelled',
    );
    expect(talks.talks.get(TALK)?.status).toBe(TechTalkStatus.SCHEDULED);
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown talk as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(new CancelTechTalkCommand('00000000-0000-4000-8000-00000000dead', 'ill', PM)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
