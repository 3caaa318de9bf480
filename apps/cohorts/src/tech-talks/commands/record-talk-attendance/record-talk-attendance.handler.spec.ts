import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import {
  PM,
  repositoryFakes,
  scheduledCohort,
  scheduledTalk,
  startCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { RecordTalkAttendanceCommand } from './record-talk-attendance.command.js';
import { RecordTalkAttendanceHandler } from './record-talk-attendance.handler.js';

const TALK = '00000000-0000-4000-8000-00000000b001';
const TALK_STARTS = new Date('2027-06-22T14:00:00Z'); // 16:00 CEST, Tuesday of week 3
const NOW = new Date('2027-06-22T15:30:00Z'); // the talk is on

async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1', 'intern-2', 'intern-3']);
  startCohort(f, cohortId, 3, NOW);
  f.talks.seed(scheduledTalk(cohortId, { id: TALK, startsAt: TALK_STARTS, rsvpCount: 2 }));
  const handler = f.build(RecordTalkAttendanceHandler);
  return { ...f, handler, cohortId };
}

const attended = (cohortId: string, internId: string) => ({
  type: 'mentorflow.cohorts.TechTalkAttended.v1',
  subject: cohortId,
  data: { talkId: TALK, cohortId, internId },
});

describe('RecordTalkAttendanceHandler', () => {
  it('records each intern once under the talk lock, counts them and appends a TechTalkAttended.v1 each', async () => {
    const { handler, talks, outbox, dataSource, cohortId } = await setup();
    const talk = await handler.execute(
      new RecordTalkAttendanceCommand(TALK, ['intern-1', ' intern-2 ', 'intern-1'], PM),
    );
    expect(talk).toMatchObject({ id: TALK, attendanceCount: 2, rsvpCount: 2 });
    expect(talks.talks.get(TALK)).toMatchObject({ attendanceCount: 2, rsvpCount: 2 });
    expect(talks.attendance).toEqual([
      { talkId: TALK, internId: 'intern-1', at: NOW, by: 'pm-1' },
      { talkId: TALK, internId: 'intern-2', at: NOW, by: 'pm-1' },
    ]);
    expect(talks.lockedIds).toEqual([TALK]);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([attended(cohortId, 'intern-1'), attended(cohortId, 'intern-2')]);
  });

  it('skips interns already recorded: only the new ones count and are announced', async () => {
    const { handler, talks, outbox, cohortId } = await setup();
    await handler.execute(new RecordTalkAttendanceCommand(TALK, ['intern-1', 'intern-2'], PM));
    outbox.events = [];
    const talk = await handler.execute(new RecordTalkAttendanceCommand(TALK, ['intern-2', 'intern-3'], PM));
    expect(talk.attendanceCount).toBe(3);
    expect(talks.attendance.map((a) => a.internId)).toEqual(['intern-1', 'intern-2', 'intern-3']);
    expect(outbox.events).toEqual([attended(cohortId, 'intern-3')]);

    await handler.execute(new RecordTalkAttendanceCommand(TALK, ['intern-3'], PM));
    expect(talks.talks.get(TALK)?.attendanceCount).toBe(3);
    expect(outbox.events).toHaveLength(1);
  });

  it('refuses a missing talk id naming the field, before any transaction', async () => {
    const { handler, talks, outbox, dataSource } = await setup();
    expect(await refusedFields(handler.execute(new RecordTalkAttendanceCommand('', ['intern-1'], PM)))).toEqual([
      'talkId',
    ]);
    expect(dataSource.transactions).toBe(0);
    expect(talks.attendance).toEqual([]);
    expect(outbox.events).toEqual([]);
  });

  it('refuses an empty list and a blank id by position before any transaction or lock, even for an unknown talk', async () => {
    const { handler, talks, outbox, dataSource } = await setup();
    for (const id of [TALK, '00000000-0000-4000-8000-00000000dead']) {
      expect(await refusedFields(handler.execute(new RecordTalkAttendanceCommand(id, [], PM)))).toEqual(['internIds']);
      const blank = await handler
        .execute(new RecordTalkAttendanceCommand(id, ['intern-1', 'stranger', ' '], PM))
        .catch((e) => e);
      expect(blank).toBeInstanceOf(ValidationError);
      expect((blank as ValidationError).violations).toEqual([{ field: 'internIds[2]', message: 'is required' }]);
    }
    expect(dataSource.transactions).toBe(0);
    expect(talks.lockedIds).toEqual([]);
    expect(talks.attendance).toEqual([]);
    expect(outbox.events).toEqual([]);
  });

  it('refuses interns not enrolled in the cohort by position, recording no one', async () => {
    const { handler, talks, outbox } = await setup();
    const err = await handler
      .execute(new RecordTalkAttendanceCommand(TALK, ['intern-1', 'stranger', 'intern-2', 'outsider'], PM))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations).toEqual([
      { field: 'internIds[1]', message: "stranger is not enrolled in this talk's cohort" },
      { field: 'internIds[3]', message: "outsider is not enrolled in this talk's cohort" },
    ]);
    expect(talks.attendance).toEqual([]);
    expect(talks.talks.get(TALK)?.attendanceCount).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses before the talk starts (at the cohort program time) and records nothing', async () => {
    const { handler, talks, outbox, clock } = await setup();
    clock.current = new Date(TALK_STARTS.getTime() - 1);
    const err = await handler.execute(new RecordTalkAttendanceCommand(TALK, ['intern-1'], PM)).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(
      'the talk starts at 2027-06-22T14:00:00.000Z: attendance can be recorded once it has started',
    );
    expect(talks.attendance).toEqual([]);
    expect(talks.talks.get(TALK)?.attendanceCount).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown talk as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(new RecordTalkAttendanceCommand('00000000-0000-4000-8000-00000000dead', ['intern-1'], PM)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
