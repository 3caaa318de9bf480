import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { InternReinstatedV1, MentorAssignedV1, type EventData } from '#contracts';
import type { EventMeta } from '#messaging';
import { FAKE_TX, FakeOutbox } from '#testing';
import { mentorsFakes } from '../../assignments/commands/testing/fakes.js';
import { InternReinstatedConsumer } from './intern-reinstated.consumer.js';

const NOW = new Date('2027-06-20T10:00:00Z');
const COHORT = 'cohort-1';
const INTERN = 'intern-ada';
const meta: EventMeta = {
  id: 'event-1',
  type: InternReinstatedV1.type,
  source: '/mentorflow/cohorts',
  subject: COHORT,
  time: NOW.toISOString(),
  correlationId: 'corr-1',
};
const reinstated: EventData<typeof InternReinstatedV1> = {
  enrollmentId: 'enr-1',
  cohortId: COHORT,
  internId: INTERN,
  reason: 'back from leave',
  reinstatedBy: 'pm-kim',
};

/** Ada had a primary (grace) and a co-mentor (alan); her withdrawal ended both. */
function setup(graceCapacity = 2) {
  const { db, clock } = mentorsFakes(new Date('2027-06-01T09:00:00Z'));
  db.enroll({ internId: INTERN, cohortId: COHORT });
  db.register({ mentorId: 'grace', capacity: graceCapacity });
  db.register({ mentorId: 'alan', capacity: 2 });
  const primary = db.seedAssignment({ internId: INTERN, mentorId: 'grace', cohortId: COHORT, role: 'PRIMARY' });
  const co = db.seedAssignment({ internId: INTERN, mentorId: 'alan', cohortId: COHORT, role: 'CO_MENTOR' });
  clock.current = new Date('2027-06-10T09:00:00Z');
  for (const a of [primary, co]) {
    const row = db.state.assignments.find((x) => x.id === a.id)!;
    row.unassignedAt = clock.now();
    row.endReason = 'INTERN_WITHDRAWN';
  }
  db.state.interns[0]!.status = 'WITHDRAWN';
  const outbox = new FakeOutbox();
  const consumer = new InternReinstatedConsumer(
    db.asInternRepository(),
    db.asMentorRepository(),
    db.asAssignmentRepository(),
    outbox.asOutbox(),
  );
  const handle = (data = reinstated) => consumer.handlers[0]!.handle(data, meta, FAKE_TX);
  return { db, outbox, handle };
}

describe('InternReinstatedConsumer', () => {
  it('makes the intern active again and restores the assignments the withdrawal ended, primary first', async () => {
    const { db, outbox, handle } = setup();
    await handle();
    expect(db.state.interns[0]!.status).toBe('ACTIVE');
    expect(db.active().map((a) => [a.mentorId, a.role, a.assignedBy])).toEqual([
      ['grace', 'PRIMARY', 'pm-kim'],
      ['alan', 'CO_MENTOR', 'pm-kim'],
    ]);
    expect(outbox.dataOf(MentorAssignedV1).map((d) => [d.mentorId, d.role])).toEqual([
      ['grace', 'PRIMARY'],
      ['alan', 'CO_MENTOR'],
    ]);
    expect(outbox.events.every((e) => e.subject === INTERN)).toBe(true);
    // Mentor rows locked in id order.
    expect(db.locks).toEqual(['mentor:alan', 'mentor:grace']);
  });

  it('leaves out a mentor whose freed place was taken meanwhile', async () => {
    const { db, outbox, handle } = setup(1);
    db.enroll({ internId: 'intern-bob', cohortId: COHORT });
    db.seedAssignment({ internId: 'intern-bob', mentorId: 'grace', cohortId: COHORT, role: 'PRIMARY' });
    await handle();
    expect(
      db
        .active()
        .filter((a) => a.internId === INTERN)
        .map((a) => a.mentorId),
    ).toEqual(['alan']);
    expect(outbox.dataOf(MentorAssignedV1).map((d) => d.mentorId)).toEqual(['alan']);
  });

  it('leaves out a mentor whose personal data was erased meanwhile', async () => {
    const { db, outbox, handle } = setup();
    db.state.mentors.find((m) => m.mentorId === 'grace')!.erasedAt = new Date('2027-06-15T00:00:00Z');
    await handle();
    expect(db.active().map((a) => [a.mentorId, a.role])).toEqual([['alan', 'CO_MENTOR']]);
    expect(outbox.dataOf(MentorAssignedV1).map((d) => d.mentorId)).toEqual(['alan']);
  });

  it('changes nothing for an intern who is not withdrawn (terminated, or already back)', async () => {
    const { db, outbox, handle } = setup();
    db.state.interns[0]!.status = 'TERMINATED';
    await handle();
    expect(db.active()).toEqual([]);
    expect(outbox.events).toEqual([]);
  });
});
