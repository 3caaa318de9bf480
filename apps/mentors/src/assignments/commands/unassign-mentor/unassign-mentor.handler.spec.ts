import { describe, expect, it } from '@jest/globals';
import { NotFoundError, ValidationError } from '#ddd';
import { mentorsFakes } from '../testing/fakes.js';
import { UnassignMentorCommand } from './unassign-mentor.command.js';
import { UnassignMentorHandler } from './unassign-mentor.handler.js';

const ASSIGNED = new Date('2027-06-08T09:00:00Z');
const NOW = new Date('2027-06-20T15:00:00Z');

function setup() {
  const f = mentorsFakes(ASSIGNED);
  f.db.enroll({ internId: 'ada', cohortId: 'c-1' });
  f.db.enroll({ internId: 'bob', cohortId: 'c-1' });
  const primary = f.db.seedAssignment({ internId: 'ada', mentorId: 'grace', cohortId: 'c-1', role: 'PRIMARY' });
  const co = f.db.seedAssignment({ internId: 'ada', mentorId: 'alan', cohortId: 'c-1', role: 'CO_MENTOR' });
  f.db.seedAssignment({ internId: 'bob', mentorId: 'linus', cohortId: 'c-1', role: 'PRIMARY' });
  f.clock.current = NOW;
  const handler = f.build(UnassignMentorHandler);
  const unassign = (internId: string, mentorId: string) =>
    handler.execute(new UnassignMentorCommand({ internId, mentorId }, 'pm-2'));
  return { ...f, primary, co, unassign };
}

describe('UnassignMentorHandler', () => {
  it('ends the pair’s active assignment under the intern lock and appends MentorUnassigned.v1', async () => {
    const { db, outbox, dataSource, co, unassign } = setup();

    const ended = await unassign(' ada ', ' alan ');

    expect(ended).toEqual({
      id: co.id,
      internId: 'ada',
      mentorId: 'alan',
      cohortId: 'c-1',
      role: 'CO_MENTOR',
      assignedAt: ASSIGNED,
      unassignedAt: NOW,
      endReason: 'UNASSIGNED',
    });
    expect(dataSource.transactions).toBe(1);
    expect(db.locks).toEqual(['intern:ada']);
    expect(db.state.assignments.find((a) => a.id === co.id)).toMatchObject({
      unassignedAt: NOW,
      endReason: 'UNASSIGNED',
      unassignedBy: 'pm-2',
    });
    expect(db.active().map((a) => `${a.internId}/${a.mentorId}`)).toEqual(['ada/grace', 'bob/linus']);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.mentors.MentorUnassigned.v1',
        subject: 'ada',
        data: {
          assignmentId: co.id,
          cohortId: 'c-1',
          internId: 'ada',
          mentorId: 'alan',
          role: 'CO_MENTOR',
          reason: 'UNASSIGNED',
        },
      },
    ]);
  });

  it('refuses blank ids before opening a transaction', async () => {
    const { db, outbox, dataSource, unassign } = setup();
    const before = db.tables();

    const error = await unassign(' ', '').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations.map((v) => v.field)).toEqual(['internId', 'mentorId']);
    expect(dataSource.transactions).toBe(0);
    expect(db.locks).toEqual([]);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('reports a pair with no active assignment as NOT_FOUND, changing nothing', async () => {
    const { db, outbox, unassign } = setup();
    const before = db.tables();

    // linus mentors bob, not ada; nobody is not an intern at all
    const notTheirs = await unassign('ada', 'linus').catch((e: unknown) => e);
    expect(notTheirs).toBeInstanceOf(NotFoundError);
    expect((notTheirs as Error).message).toBe('active assignment of mentor linus to intern ada was not found');
    await expect(unassign('nobody', 'grace')).rejects.toBeInstanceOf(NotFoundError);

    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('cannot end the same assignment twice', async () => {
    const { db, outbox, primary, unassign } = setup();
    await unassign('ada', 'grace');
    const after = db.tables();

    await expect(unassign('ada', 'grace')).rejects.toBeInstanceOf(NotFoundError);

    expect(db.tables()).toEqual(after);
    expect(db.state.assignments.find((a) => a.id === primary.id)?.endReason).toBe('UNASSIGNED');
    expect(outbox.events).toHaveLength(1);
  });
});
