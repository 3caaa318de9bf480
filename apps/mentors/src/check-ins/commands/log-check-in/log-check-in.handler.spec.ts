import { describe, expect, it } from '@jest/globals';
import { CheckInLoggedV1 } from '#contracts';
import { ForbiddenError, ValidationError } from '#ddd';
import { mentorsFakes } from '../../../assignments/commands/testing/fakes.js';
import type { LogCheckInProps } from '../../domain/check-in.js';
import { LogCheckInCommand } from './log-check-in.command.js';
import { LogCheckInHandler } from './log-check-in.handler.js';

// The handler reads the wall clock (a check-in may not be in the future): every date here is in the past.
const LOGGED_AT = new Date('2025-06-18T16:00:00Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup() {
  const f = mentorsFakes(LOGGED_AT);
  f.db.schedule({ cohortId: 'c-1', startDate: '2025-06-02', weeks: 12 }); // a Monday
  f.db.enroll({ internId: 'ada', cohortId: 'c-1', enrolledAt: new Date('2025-05-20T08:00:00Z') });
  f.db.enroll({ internId: 'bob', cohortId: 'c-1', enrolledAt: new Date('2025-05-20T08:00:00Z') });
  const pair = f.db.seedAssignment({ internId: 'ada', mentorId: 'grace', cohortId: 'c-1', role: 'PRIMARY' });
  f.db.seedAssignment({ internId: 'ada', mentorId: 'alan', cohortId: 'c-1', role: 'CO_MENTOR' });
  f.db.seedAssignment({ internId: 'bob', mentorId: 'linus', cohortId: 'c-1', role: 'PRIMARY' });
  const handler = f.build(LogCheckInHandler);
  const log = (input: Partial<LogCheckInProps> = {}, mentorId = 'grace') =>
    handler.execute(
      new LogCheckInCommand(
        {
          internId: 'ada',
          occurredOn: '2025-06-18', // week 3
          durationMinutes: 45,
          format: ' video call ',
          progress: 'ON_TRACK',
          notes: 'Shipped the data loader',
          privateNotes: 'Needs a nudge on tests',
          blockers: ['GPU quota', 'flaky CI'],
          actionItems: ['Ask infra for quota'],
          ...input,
        },
        mentorId,
      ),
    );
  return { ...f, pair, log };
}

describe('LogCheckInHandler', () => {
  it('stores the check-in in its program week and appends CheckInLogged.v1 without any notes', async () => {
    const { db, outbox, dataSource, pair, log } = setup();

    const stored = await log();

    expect(stored.id).toMatch(UUID);
    expect(dataSource.transactions).toBe(1);
    expect(db.state.checkIns).toEqual([
      {
        id: stored.id,
        cohortId: 'c-1',
        internId: 'ada',
        mentorId: 'grace',
        assignmentId: pair.id,
        occurredOn: '2025-06-18',
        week: 3,
        durationMinutes: 45,
        format: 'video call',
        progress: 'ON_TRACK',
        notes: 'Shipped the data loader',
        privateNotes: 'Needs a nudge on tests',
        blockers: ['GPU quota', 'flaky CI'],
        actionItems: ['Ask infra for quota'],
        loggedAt: LOGGED_AT,
      },
    ]);
    expect(stored).toEqual(db.state.checkIns[0]);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.mentors.CheckInLogged.v1',
        subject: 'ada',
        data: {
          checkInId: stored.id,
          cohortId: 'c-1',
          internId: 'ada',
          mentorId: 'grace',
          occurredOn: '2025-06-18',
          week: 3,
          durationMinutes: 45,
          format: 'video call',
          progress: 'ON_TRACK',
          blockerCount: 2,
        },
      },
    ]);
    expect(JSON.stringify(outbox.events)).not.toMatch(/data loader|nudge|quota/);
  });

  it('a co-mentor logs too; the intern’s own extension counts weeks past the cohort’s last', async () => {
    const { db, outbox, log } = setup();
    db.state.interns.find((i) => i.internId === 'ada')!.extensionWeeks = 2;

    const stored = await log({ occurredOn: '2025-08-27' }, 'alan'); // cohort week 13: the intern's first extra week

    expect(stored).toMatchObject({ mentorId: 'alan', week: 13 });
    expect(outbox.dataOf(CheckInLoggedV1).map((d) => d.week)).toEqual([13]);
  });

  it('refuses a blank intern id before opening a transaction', async () => {
    const { db, outbox, dataSource, log } = setup();
    const before = db.tables();

    const error = await log({ internId: '   ' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations).toEqual([{ field: 'internId', message: 'must not be empty' }]);
    expect(dataSource.transactions).toBe(0);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses bad fields from a mentor of the intern, naming each, writing nothing', async () => {
    const { db, outbox, log } = setup();
    const before = db.tables();

    const error = await log({
      occurredOn: '2025-05-01', // before the enrollment
      durationMinutes: 0,
      progress: 'FINE',
      blockers: ['ok', ' '],
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations.map((v) => v.field)).toEqual([
      'occurredOn',
      'durationMinutes',
      'progress',
      'blockers[1]',
    ]);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('forbids anyone but a mentor of the intern, the same for an unknown intern, before judging any field', async () => {
    const { db, outbox, log } = setup();
    const before = db.tables();

    const stranger = await log({}, 'linus').catch((e: unknown) => e);
    expect(stranger).toBeInstanceOf(ForbiddenError);
    expect((stranger as Error).message).toBe('only a mentor assigned to intern ada may log their check-ins');

    const unknown = await log({ internId: 'nobody' }, 'linus').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ForbiddenError);
    expect((unknown as Error).message).toBe((stranger as Error).message.replace('ada', 'nobody'));

    await expect(log({ durationMinutes: -1 }, 'linus')).rejects.toBeInstanceOf(ForbiddenError);

    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('forbids a mentor whose assignment has ended', async () => {
    const { db, outbox, pair, log } = setup();
    db.state.assignments.find((a) => a.id === pair.id)!.unassignedAt = new Date('2025-06-10T00:00:00Z');
    const before = db.tables();

    await expect(log()).rejects.toBeInstanceOf(ForbiddenError);

    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });
});
