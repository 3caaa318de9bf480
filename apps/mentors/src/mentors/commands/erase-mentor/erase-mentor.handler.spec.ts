import { describe, expect, it } from '@jest/globals';
import { erasedValue, MentorErasedV1 } from '#contracts';
import { NotFoundError, ValidationError } from '#ddd';
import { refusedFields } from '#testing';
import { mentorsFakes } from '../../../assignments/commands/testing/fakes.js';
import { MentorErasedError, type EraseMentorProps } from '../../domain/mentor.js';
import { EraseMentorCommand } from './erase-mentor.command.js';
import { EraseMentorHandler } from './erase-mentor.handler.js';

const PM = { sub: 'pm-kim', roles: ['PROGRAM_MANAGER'] };
const NOW = new Date('2027-06-08T09:00:00Z');
const REGISTERED = new Date('2027-05-01T10:00:00Z');
const ERASED_NAME = erasedValue('mentor', 'name', 'grace');
const ERASED_EMAIL = erasedValue('mentor', 'email', 'grace');

function setup() {
  const f = mentorsFakes(NOW);
  f.db.register({
    mentorId: 'grace',
    name: 'Grace Hopper',
    email: 'grace@example.com',
    team: 'Compilers',
    expertise: ['compilers'],
    capacity: 3,
    registeredAt: REGISTERED,
  });
  f.db.register({ mentorId: 'alan', name: 'Alan Turing' });
  f.db.enroll({ internId: 'ada', cohortId: 'c-1' });
  const assignment = f.db.seedAssignment({ internId: 'ada', mentorId: 'grace', cohortId: 'c-1', role: 'PRIMARY' });
  f.db.state.checkIns.push({
    id: 'check-in-1',
    cohortId: 'c-1',
    internId: 'ada',
    mentorId: 'grace',
    assignmentId: assignment.id,
    occurredOn: '2027-06-03',
    week: 1,
    durationMinutes: 30,
    format: 'video call',
    progress: 'ON_TRACK',
    notes: 'Ada met GRACE HOPPER; write to grace@example.com',
    privateNotes: 'signed: Grace Hopper',
    blockers: ['ask Grace Hopper'],
    actionItems: ['mail Grace@Example.com', 'nothing personal'],
    loggedAt: NOW,
  });
  const handler = f.build(EraseMentorHandler);
  const erase = (input: Partial<EraseMentorProps> = {}, caller = PM) =>
    handler.execute(new EraseMentorCommand({ mentorId: 'grace', reason: 'left the company, asked', ...input }, caller));
  const grace = () => f.db.state.mentors.find((m) => m.mentorId === 'grace')!;
  return { ...f, erase, grace, assignment };
}

describe('EraseMentorHandler', () => {
  it('replaces the name and e-mail, records the erasure without them, destroys the key and appends MentorErased.v1, in one transaction', async () => {
    const { db, outbox, dataSource, erase, grace } = setup();

    const erasure = await erase({ mentorId: ' grace ', reason: '  left the company, asked  ' });

    const expected = {
      mentorId: 'grace',
      erasedAt: NOW,
      erasedBy: 'pm-kim',
      reason: 'left the company, asked',
      trigger: 'REQUEST',
    };
    expect(erasure).toEqual(expected);
    expect(dataSource.transactions).toBe(1);
    expect(db.locks).toEqual(['mentor:grace']);
    expect(grace()).toEqual({
      mentorId: 'grace',
      name: 'Erased mentor',
      email: ERASED_EMAIL,
      team: 'Compilers',
      expertise: ['compilers'],
      timezone: 'Europe/Berlin',
      capacity: 3,
      cohortIds: null,
      workingHours: null,
      registeredAt: REGISTERED,
      erasedAt: NOW,
    });
    expect(db.state.erasures).toEqual([expected]);
    expect(JSON.stringify(db.state.erasures)).not.toMatch(/grace@|hopper/i);
    expect(db.keysErased).toEqual(['mentor:grace']);
    expect(outbox.events).toEqual([
      {
        type: MentorErasedV1.type,
        subject: 'grace',
        data: { mentorId: 'grace', erasedAt: NOW.toISOString(), trigger: 'REQUEST' },
      },
    ]);
  });

  it('keeps assignments, check-ins and other mentors, and takes the name and e-mail out of check-in texts', async () => {
    const { db, erase } = setup();
    const before = db.tables();

    await erase();

    expect(db.state.assignments).toEqual(before.assignments);
    expect(db.state.mentors.find((m) => m.mentorId === 'alan')).toEqual(
      before.mentors.find((m) => m.mentorId === 'alan'),
    );
    expect(db.state.checkIns).toEqual([
      {
        ...before.checkIns[0],
        notes: `Ada met ${ERASED_NAME}; write to ${ERASED_EMAIL}`,
        privateNotes: `signed: ${ERASED_NAME}`,
        blockers: [`ask ${ERASED_NAME}`],
        actionItems: [`mail ${ERASED_EMAIL}`, 'nothing personal'],
      },
    ]);
    expect(JSON.stringify(db.tables())).not.toMatch(/grace hopper|grace@example\.com/i);
  });

  it.each<[string, Partial<EraseMentorProps>, string[]]>([
    ['a blank mentor id', { mentorId: '  ' }, ['mentorId']],
    ['a blank reason', { reason: ' \n ' }, ['reason']],
    ['a reason of 501 characters', { reason: 'x'.repeat(501) }, ['reason']],
    ['no reason and no id', { mentorId: null, reason: null }, ['mentorId', 'reason']],
  ])('refuses %s, naming the field, before any transaction', async (_, input, fields) => {
    const { db, outbox, dataSource, erase } = setup();
    const before = db.tables();

    expect(await refusedFields(erase(input))).toEqual(fields);

    expect(dataSource.transactions).toBe(0);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
    expect(db.keysErased).toEqual([]);
  });

  it('accepts a reason of exactly 500 characters', async () => {
    const { erase } = setup();
    expect((await erase({ reason: 'x'.repeat(500) })).reason).toHaveLength(500);
  });

  it('answers NOT_FOUND for an unknown mentor, changing nothing', async () => {
    const { db, outbox, erase } = setup();
    const before = db.tables();

    const error = await erase({ mentorId: 'nobody' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
    expect(db.keysErased).toEqual([]);
  });

  it('answers CONFLICT for a mentor already erased, changing nothing more', async () => {
    const { db, outbox, erase } = setup();
    await erase();
    const before = db.tables();
    outbox.events = [];

    const error = await erase({ reason: 'again' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MentorErasedError);
    expect((error as MentorErasedError).code).toBe('CONFLICT');
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a reason that is not text, as a ValidationError', async () => {
    const { erase } = setup();
    await expect(erase({ reason: 42 })).rejects.toBeInstanceOf(ValidationError);
  });
});
