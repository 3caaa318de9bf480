import { describe, expect, it } from '@jest/globals';
import { MentorProfileUpdatedV1 } from '#contracts';
import { ForbiddenError, NotFoundError, ValidationError } from '#ddd';
import { refusedFields } from '#testing';
import { mentorsFakes } from '../../../assignments/commands/testing/fakes.js';
import { CapacityBelowLoadError, MentorErasedError, type UpdateMentorProps } from '../../domain/mentor.js';
import { UpdateMentorProfileCommand } from './update-mentor-profile.command.js';
import { UpdateMentorProfileHandler } from './update-mentor-profile.handler.js';

const PM = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };
const GRACE = { sub: 'grace', roles: ['MENTOR'] };
const ALAN = { sub: 'alan', roles: ['MENTOR'] };
const REGISTERED = new Date('2027-05-01T10:00:00Z');

function setup() {
  const f = mentorsFakes(new Date('2027-06-08T09:00:00Z'));
  f.db.register({
    mentorId: 'grace',
    name: 'Grace Hopper',
    email: 'grace@example.com',
    team: 'Compilers',
    expertise: ['compilers'],
    timezone: 'America/New_York',
    capacity: 3,
    cohortIds: null,
    registeredAt: REGISTERED,
  });
  f.db.register({ mentorId: 'alan' });
  f.db.seedAssignment({ internId: 'ada', mentorId: 'grace', cohortId: 'c-1', role: 'PRIMARY' });
  f.db.seedAssignment({ internId: 'bob', mentorId: 'grace', cohortId: 'c-1', role: 'CO_MENTOR' });
  const handler = f.build(UpdateMentorProfileHandler);
  const update = (mentorId: string, changes: UpdateMentorProps, caller = PM) =>
    handler.execute(new UpdateMentorProfileCommand(mentorId, changes, caller));
  const grace = () => f.db.state.mentors.find((m) => m.mentorId === 'grace');
  return { ...f, update, grace };
}

describe('UpdateMentorProfileHandler', () => {
  it('saves the changed profile under the mentor lock and appends MentorProfileUpdated.v1 naming the changed fields', async () => {
    const { db, outbox, dataSource, update, grace } = setup();

    const mentor = await update(' grace ', {
      team: ' Languages ',
      capacity: 2, // exactly the interns she has: allowed
      cohortIds: ['c-1', 'c-2'],
      timezone: 'America/New_York', // unchanged: not listed
    });

    expect(mentor.snapshot()).toMatchObject({ team: 'Languages', capacity: 2, cohortIds: ['c-1', 'c-2'] });
    expect(dataSource.transactions).toBe(1);
    expect(db.locks).toEqual(['mentor:grace']);
    const profile = {
      mentorId: 'grace',
      name: 'Grace Hopper',
      email: 'grace@example.com',
      team: 'Languages',
      expertise: ['compilers'],
      timezone: 'America/New_York',
      capacity: 2,
      cohortIds: ['c-1', 'c-2'],
    };
    expect(grace()).toEqual({ ...profile, workingHours: null, registeredAt: REGISTERED, erasedAt: null });
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.mentors.MentorProfileUpdated.v1',
        subject: 'grace',
        data: { ...profile, changedFields: ['team', 'capacity', 'cohortIds'] },
      },
    ]);
  });

  it('lets a mentor change their own profile', async () => {
    const { outbox, update, grace } = setup();

    await update('grace', { expertise: ['compilers', 'COBOL'] }, GRACE);

    expect(grace()!.expertise).toEqual(['compilers', 'COBOL']);
    expect(outbox.dataOf(MentorProfileUpdatedV1).map((d) => d.changedFields)).toEqual([['expertise']]);
  });

  it('saves working hours without announcing them (no other service keeps them), and with other fields names only those', async () => {
    const { outbox, update, grace } = setup();
    const mentor = await update('grace', { workingHours: { start: '07:30', end: '15:30' } }, GRACE);
    expect(mentor.snapshot().workingHours).toEqual({ start: '07:30', end: '15:30' });
    expect(grace()!.workingHours).toEqual({ start: '07:30', end: '15:30' });
    expect(outbox.events).toEqual([]);
    await update('grace', { workingHours: null, team: 'Languages' });
    expect(grace()!.workingHours).toBeNull();
    expect(outbox.dataOf(MentorProfileUpdatedV1).map((d) => d.changedFields)).toEqual([['team']]);
  });

  it('refuses working hours that are malformed or end before they start, naming the field, before any transaction', async () => {
    const { db, dataSource, update } = setup();
    const before = db.tables();
    expect(await refusedFields(update('grace', { workingHours: { start: '9', end: '17:00' } }))).toEqual([
      'workingHours.start',
    ]);
    expect(await refusedFields(update('grace', { workingHours: { start: '18:00', end: '09:00' } }))).toEqual([
      'workingHours.end',
    ]);
    expect(dataSource.transactions).toBe(0);
    expect(db.tables()).toEqual(before);
  });

  it('appends nothing when nothing changes', async () => {
    const { db, outbox, update } = setup();
    const before = db.tables();

    const mentor = await update('grace', { team: 'Compilers', expertise: ['compilers'] });

    expect(mentor.snapshot().team).toBe('Compilers');
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a blank mentor id before opening a transaction', async () => {
    const { db, outbox, dataSource, update } = setup();
    const before = db.tables();

    const error = await update('  ', { team: 'Languages' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations).toEqual([{ field: 'mentorId', message: 'must not be empty' }]);
    expect(dataSource.transactions).toBe(0);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses bad fields, naming each, before opening a transaction, and keeps the profile as it was', async () => {
    const { db, outbox, dataSource, update } = setup();
    const before = db.tables();

    const error = await update('grace', { name: null, email: 'grace', capacity: 11, expertise: [] }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations.map((v) => v.field)).toEqual([
      'name',
      'email',
      'expertise',
      'capacity',
    ]);
    expect(dataSource.transactions).toBe(0);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it.each<[string, UpdateMentorProps, { field: string; message: string }]>([
    ['email', { email: 'grace@' }, { field: 'email', message: 'must be a valid email address' }],
    ['capacity', { capacity: 0 }, { field: 'capacity', message: 'must be a whole number from 1 to 10' }],
    ['capacity', { capacity: 2.5 }, { field: 'capacity', message: 'must be a whole number from 1 to 10' }],
    [
      'timezone',
      { timezone: 'Mars/Base' },
      { field: 'timezone', message: 'must be an IANA time zone such as Europe/Berlin' },
    ],
    [
      'cohortIds',
      { cohortIds: [] },
      { field: 'cohortIds', message: expect.stringMatching(/^must name 1 to 50 cohorts/) as unknown as string },
    ],
    ['team', { team: null }, { field: 'team', message: 'must not be null (leave it out to keep it)' }],
  ])('refuses a bad %s on its own before opening a transaction', async (_, changes, violation) => {
    const { db, outbox, dataSource, update } = setup();
    const before = db.tables();

    const error = await update('grace', changes, GRACE).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations).toEqual([violation]);
    expect(dataSource.transactions).toBe(0);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses bad fields for an unknown mentor the same way, before opening a transaction', async () => {
    const { dataSource, update } = setup();

    const error = await update('nobody', { email: 'nobody', capacity: 11 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations.map((v) => v.field)).toEqual(['email', 'capacity']);
    expect(dataSource.transactions).toBe(0);
  });

  it('forbids a mentor another mentor’s profile, the same whether or not it exists, before any transaction', async () => {
    const { db, outbox, dataSource, update } = setup();
    const before = db.tables();

    const other = await update('grace', { team: 'Mine now' }, ALAN).catch((e: unknown) => e);
    const unknown = await update('nobody', { team: 'Mine now' }, ALAN).catch((e: unknown) => e);

    expect(other).toBeInstanceOf(ForbiddenError);
    expect(unknown).toBeInstanceOf(ForbiddenError);
    expect((unknown as Error).message).toBe((other as Error).message);
    expect(dataSource.transactions).toBe(0);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a capacity below the interns the mentor has with CONFLICT (under the lock), changing nothing', async () => {
    const { db, outbox, dataSource, update, grace } = setup();
    const before = db.tables();

    const error = await update('grace', { capacity: 1, team: 'Languages' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CapacityBelowLoadError);
    expect((error as CapacityBelowLoadError).code).toBe('CONFLICT');
    expect((error as Error).message).toMatch(/^mentor grace mentors 2 interns now/);
    expect(dataSource.transactions).toBe(1);
    expect(db.locks).toEqual(['mentor:grace']);
    expect(grace()!.team).toBe('Compilers');
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown mentor to a program manager as NOT_FOUND', async () => {
    const { db, outbox, update } = setup();
    const before = db.tables();

    await expect(update('nobody', { team: 'Languages' })).rejects.toBeInstanceOf(NotFoundError);

    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses any change to an erased mentor with CONFLICT (under the lock), changing nothing', async () => {
    const { db, outbox, update, grace } = setup();
    Object.assign(grace()!, { name: 'Erased mentor', erasedAt: new Date('2027-06-01T00:00:00Z') });
    const before = db.tables();

    const error = await update('grace', { name: 'Grace Hopper' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MentorErasedError);
    expect((error as MentorErasedError).code).toBe('CONFLICT');
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });
});
