import type { EntityManager } from 'typeorm';
import { CLOCK } from '#ddd';
import { FAKE_TX, FakeClock, handlerFakes, SnapshotStore } from '#testing';
import { EvaluationsDb } from '../../../evaluations/commands/testing/fakes.js';
import { EvaluationsUnitOfWork } from '../../../evaluations/commands/unit-of-work.js';
import { ProgramRepository } from '../../../program/persistence/program.repository.js';
import type { EvaluationCycle } from '../../../evaluations/domain/evaluation-window.js';
import type { MentorFeedbackRecord } from '../../domain/mentor-feedback.js';
import { MentorFeedbackRepository } from '../../persistence/mentor-feedback.repository.js';

/** The `mentor_feedback` table in memory (handler specs only); a failed transaction keeps none of its writes. */
export class FeedbackStore extends SnapshotStore<{ feedback: MentorFeedbackRecord[] }> {
  constructor() {
    super({ feedback: [] }, (s) => structuredClone(s));
  }

  readonly repository = {
    findForUpdate: async (
      tx: EntityManager,
      key: { cohortId: string; internId: string; cycle: EvaluationCycle },
    ): Promise<MentorFeedbackRecord | null> => {
      if (tx !== FAKE_TX) throw new Error('outside the command transaction');
      const row = this.state.feedback.find(
        (f) => f.cohortId === key.cohortId && f.internId === key.internId && f.cycle === key.cycle,
      );
      return row ? structuredClone(row) : null;
    },
    save: async (tx: EntityManager, f: MentorFeedbackRecord): Promise<void> => {
      if (tx !== FAKE_TX) throw new Error('outside the command transaction');
      this.state.feedback = [...this.state.feedback.filter((x) => x.id !== f.id), structuredClone(f)];
    },
  };
}

/**
 * Cohort c-1 (12 weeks from 2027-06-07) in `week`, interns ada, bob and cy enrolled with grace as
 * their primary mentor (dan has none), and the fakes to build SubmitMentorFeedbackHandler.
 */
export function feedbackFakes(now: Date, week = 6) {
  const clock = new FakeClock(now);
  const db = new EvaluationsDb();
  const store = new FeedbackStore();
  db.clock({ cohortId: 'c-1', startDate: '2027-06-07', weeks: 12, currentWeek: week });
  for (const internId of ['ada', 'bob', 'cy', 'dan']) db.enroll({ internId, cohortId: 'c-1' });
  for (const internId of ['ada', 'bob', 'cy']) db.assign({ internId, cohortId: 'c-1', mentorId: 'grace' });
  const setWeek = (w: number) => (db.state.clocks[0]!.currentWeek = w);
  return {
    clock,
    db,
    store,
    setWeek,
    ...handlerFakes(
      EvaluationsUnitOfWork,
      [db, store],
      [
        [ProgramRepository, db.program],
        [MentorFeedbackRepository, store.repository],
        [CLOCK, clock],
      ],
    ),
  };
}
