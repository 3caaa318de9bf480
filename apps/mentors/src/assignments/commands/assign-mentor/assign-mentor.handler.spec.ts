import { describe, expect, it } from '@jest/globals';
import { MentorUnassignedV1 } from '#contracts';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import { MentorAtCapacityError } from '../../domain/assignment-policy.js';
import { mentorsFakes } from '../testing/fakes.js';
import { AssignMentorCommand } from './assign-mentor.command.js';
import { AssignMentorHandler } from './assign-mentor.handler.js';

const NOW = new Date('2027-06-08T09:30:00Z');

/** The MentorAssigned.v1 of ada's PRIMARY assignment `assignmentId` in c-1, made NOW. */
const mentorAssigned = (assignmentId: string, mentorId: string) => ({
  type: 'mentorflow.mentors.MentorAssigned.v1',
  subject: 'ada',
  data: { assignmentId, cohortId: 'c-1', internId: 'ada', mentorId, role: 'PRIMARY', assignedAt: NOW.toISOString() },
});

function setup() {
  const f = mentorsFakes(NOW);
  f.db.enroll({ internId: 'ada', cohortId: 'c-1' });
  f.db.enroll({ internId: 'bob', cohortId: 'c-1' });
  f.db.register({ mentorId: 'grace', capacity: 2 });
  f.db.register({ mentorId: 'alan', capacity: 1 });
  f.db.register({ mentorId: 'linus', cohortIds: ['c-2'] });
  const handler = f.build(AssignMentorHandler);
  const assign = (internId: string, mentorId: string, role: string, replace?: boolean) =>
    handler.execute(new AssignMentorCommand({ internId, mentorId, role, replace }, 'pm-1'));
  return { ...f, assign };
}

describe('AssignMentorHandler', () => {
  it('assigns under the intern lock then the mentor lock and appends MentorAssigned.v1', async () => {
    const { db, outbox, dataSource, assign } = setup();

    const created = await assign('  ada ', 'grace', 'PRIMARY');

    expect(created).toMatchObject({ internId: 'ada', mentorId: 'grace', cohortId: 'c-1', role: 'PRIMARY' });
    expect(dataSource.transactions).toBe(1);
    expect(db.locks).toEqual(['intern:ada', 'mentor:grace']);
    expect(db.active()).toEqual([
      {
        id: created.id,
        internId: 'ada',
        mentorId: 'grace',
        cohortId: 'c-1',
        role: 'PRIMARY',
        assignedAt: NOW,
        unassignedAt: null,
        endReason: null,
        assignedBy: 'pm-1',
        unassignedBy: null,
      },
    ]);
    expect(outbox.events).toEqual([mentorAssigned(created.id, 'grace')]);
  });

  it('refuses a PRIMARY over the current one without replace: CONFLICT, changing nothing', async () => {
    const { db, outbox, assign } = setup();
    db.seedAssignment({ internId: 'ada', mentorId: 'grace', cohortId: 'c-1', role: 'PRIMARY' });
    const before = db.tables();

    await expect(assign('ada', 'alan', 'PRIMARY')).rejects.toThrow(
      'intern ada already has a primary mentor (grace): assign with replace: true to replace them',
    );
    await expect(assign('ada', 'alan', 'PRIMARY', false)).rejects.toBeInstanceOf(ConflictError);

    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('with replace, a new PRIMARY replaces the current one: MentorUnassigned then MentorAssigned, in one transaction', async () => {
    const { db, outbox, dataSource, assign } = setup();
    const old = db.seedAssignment({ internId: 'ada', mentorId: 'grace', cohortId: 'c-1', role: 'PRIMARY' });

    const created = await assign('ada', 'alan', 'PRIMARY', true);

    expect(dataSource.transactions).toBe(1);
    expect(db.state.assignments.find((a) => a.id === old.id)).toMatchObject({
      unassignedAt: NOW,
      endReason: 'REPLACED_BY_NEW_PRIMARY',
      unassignedBy: 'pm-1',
    });
    expect(db.active().map((a) => [a.mentorId, a.role])).toEqual([['alan', 'PRIMARY']]);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.mentors.MentorUnassigned.v1',
        subject: 'ada',
        data: {
          assignmentId: old.id,
          cohortId: 'c-1',
          internId: 'ada',
          mentorId: 'grace',
          role: 'PRIMARY',
          reason: 'REPLACED_BY_NEW_PRIMARY',
        },
      },
      mentorAssigned(created.id, 'alan'),
    ]);
  });

  it('makes a co-mentor primary on the place they already hold, even when the mentor is full', async () => {
    const { db, outbox, assign } = setup();
    const co = db.seedAssignment({ internId: 'ada', mentorId: 'alan', cohortId: 'c-1', role: 'CO_MENTOR' });

    await assign('ada', 'alan', 'PRIMARY'); // alan's capacity is 1, and ada is that one

    expect(db.state.assignments.find((a) => a.id === co.id)).toMatchObject({ endReason: 'ROLE_CHANGED' });
    expect(db.active().map((a) => [a.mentorId, a.role])).toEqual([['alan', 'PRIMARY']]);
    expect(outbox.types()).toEqual(['mentorflow.mentors.MentorUnassigned.v1', 'mentorflow.mentors.MentorAssigned.v1']);
    expect(outbox.dataOf(MentorUnassignedV1).map((d) => d.reason)).toEqual(['ROLE_CHANGED']);
  });

  it('refuses bad input before opening a transaction, naming every bad field', async () => {
    const { db, outbox, dataSource, assign } = setup();
    const before = db.tables();

    const error = await assign('  ', '', 'BOSS').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations.map((v) => v.field)).toEqual(['internId', 'mentorId', 'role']);
    expect(dataSource.transactions).toBe(0);
    expect(db.locks).toEqual([]);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a mentor at capacity with CONFLICT, changing nothing', async () => {
    const { db, outbox, assign } = setup();
    db.seedAssignment({ internId: 'bob', mentorId: 'alan', cohortId: 'c-1', role: 'PRIMARY' });
    const before = db.tables();

    const error = await assign('ada', 'alan', 'CO_MENTOR').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MentorAtCapacityError);
    expect((error as ConflictError).code).toBe('CONFLICT');
    expect((error as Error).message).toBe('mentor alan has no free place: 1 of 1 taken');
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a reassignment to a full mentor without ending the current primary', async () => {
    const { db, outbox, assign } = setup();
    db.seedAssignment({ internId: 'ada', mentorId: 'grace', cohortId: 'c-1', role: 'PRIMARY' });
    db.seedAssignment({ internId: 'bob', mentorId: 'alan', cohortId: 'c-1', role: 'PRIMARY' });
    const before = db.tables();

    await expect(assign('ada', 'alan', 'PRIMARY', true)).rejects.toBeInstanceOf(MentorAtCapacityError);

    expect(db.tables()).toEqual(before);
    expect(db.active().find((a) => a.internId === 'ada')?.mentorId).toBe('grace');
    expect(outbox.events).toEqual([]);
  });

  it('refuses the same role twice, a primary demoted to co-mentor, an unavailable mentor and an ended enrollment', async () => {
    const { db, outbox, assign } = setup();
    db.seedAssignment({ internId: 'ada', mentorId: 'grace', cohortId: 'c-1', role: 'PRIMARY' });
    db.enroll({ internId: 'cy', cohortId: 'c-1', status: 'WITHDRAWN' });
    const before = db.tables();

    await expect(assign('ada', 'grace', 'PRIMARY')).rejects.toThrow(
      'mentor grace is already assigned to intern ada as PRIMARY',
    );
    await expect(assign('ada', 'grace', 'CO_MENTOR')).rejects.toThrow(/is intern ada's primary mentor/);
    await expect(assign('bob', 'linus', 'PRIMARY')).rejects.toThrow('mentor linus is not available for cohort c-1');
    await expect(assign('cy', 'grace', 'CO_MENTOR')).rejects.toThrow(
      'intern cy is WITHDRAWN in cohort c-1: their mentors cannot change',
    );

    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown intern or mentor as NOT_FOUND, changing nothing', async () => {
    const { db, outbox, assign } = setup();
    const before = db.tables();

    const noIntern = await assign('nobody', 'grace', 'PRIMARY').catch((e: unknown) => e);
    expect(noIntern).toBeInstanceOf(NotFoundError);
    expect((noIntern as Error).message).toBe('intern nobody was not found');
    expect(db.locks).toEqual(['intern:nobody']); // the mentor's row is not even locked

    const noMentor = await assign('ada', 'nobody', 'PRIMARY').catch((e: unknown) => e);
    expect(noMentor).toBeInstanceOf(NotFoundError);
    expect((noMentor as Error).message).toBe('mentor nobody was not found');

    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a mentor whose personal data was erased with CONFLICT, keeping the assignments they have', async () => {
    const { db, outbox, assign } = setup();
    db.seedAssignment({ internId: 'bob', mentorId: 'grace', cohortId: 'c-1', role: 'PRIMARY' });
    db.state.mentors.find((m) => m.mentorId === 'grace')!.erasedAt = new Date('2027-06-01T00:00:00Z');
    const before = db.tables();

    const error = await assign('ada', 'grace', 'PRIMARY').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe("mentor grace's personal data was erased: they take no new assignments");
    expect(db.tables()).toEqual(before);
    expect(db.active().map((a) => [a.internId, a.mentorId])).toEqual([['bob', 'grace']]);
    expect(outbox.events).toEqual([]);
  });
});
