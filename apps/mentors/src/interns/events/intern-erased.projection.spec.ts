import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { InternErasedV1, type EventData } from '#contracts';
import type { EventMeta } from '#messaging';
import { FAKE_TX } from '#testing';
import { mentorsFakes } from '../../assignments/commands/testing/fakes.js';
import { InternErasedProjection } from './intern-erased.projection.js';

const NOW = new Date('2027-06-20T10:00:00Z');
const meta: EventMeta = {
  id: 'event-1',
  type: InternErasedV1.type,
  source: '/mentorflow/cohorts',
  subject: 'ada',
  time: NOW.toISOString(),
  correlationId: 'corr-1',
};
const erased: EventData<typeof InternErasedV1> = {
  internId: 'ada',
  cohortIds: ['c-1', 'c-2'],
  erasedAt: NOW.toISOString(),
  trigger: 'REQUEST',
};

function setup() {
  const { db } = mentorsFakes(new Date('2027-06-01T09:00:00Z'));
  db.enroll({ internId: 'ada', cohortId: 'c-1', name: 'Ada Lovelace', status: 'WITHDRAWN' });
  db.enroll({ internId: 'ada', cohortId: 'c-2', name: 'Ada Lovelace', status: 'ACTIVE' });
  db.enroll({ internId: 'bob', cohortId: 'c-2', name: 'Bob Kahn' });
  db.register({ mentorId: 'grace' });
  const a = db.seedAssignment({ internId: 'ada', mentorId: 'grace', cohortId: 'c-2', role: 'PRIMARY' });
  db.state.checkIns.push({
    id: 'check-in-1',
    cohortId: 'c-2',
    internId: 'ada',
    mentorId: 'grace',
    assignmentId: a.id,
    occurredOn: '2027-06-03',
    week: 1,
    durationMinutes: 30,
    format: 'video call',
    progress: 'ON_TRACK',
    notes: 'ada lovelace shipped it; Bob Kahn helped',
    privateNotes: null,
    blockers: ['Ada Lovelace waits for GPUs'],
    actionItems: [],
    loggedAt: NOW,
  });
  const projection = new InternErasedProjection(db.asInternRepository(), db.asCheckInRepository());
  const handle = () => projection.handlers[0]!.handle(erased, meta, FAKE_TX);
  return { db, handle };
}

describe('InternErasedProjection', () => {
  it('gives every enrollment of the intern the erased name, scrubs check-in texts and records the erasure; the rest stays', async () => {
    const { db, handle } = setup();
    const before = db.tables();

    await handle();

    expect(db.state.interns.map((i) => [i.internId, i.cohortId, i.name, i.status])).toEqual([
      ['ada', 'c-1', 'Erased intern', 'WITHDRAWN'],
      ['ada', 'c-2', 'Erased intern', 'ACTIVE'],
      ['bob', 'c-2', 'Bob Kahn', 'ENROLLED'],
    ]);
    expect(db.state.checkIns).toEqual([
      {
        ...before.checkIns[0],
        notes: 'Erased intern shipped it; Bob Kahn helped',
        blockers: ['Erased intern waits for GPUs'],
      },
    ]);
    expect(db.state.assignments).toEqual(before.assignments);
    expect(db.state.internErasures).toEqual([{ internId: 'ada', erasedAt: NOW, trigger: 'REQUEST' }]);
    expect(JSON.stringify(db.tables())).not.toMatch(/lovelace/i);
  });

  it('changes nothing more when the event is delivered again', async () => {
    const { db, handle } = setup();
    await handle();
    const after = db.tables();

    await handle();

    expect(db.tables()).toEqual(after);
  });
});
