import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { FinalOutcomeRecordedV1, EvaluationSubmittedV1, MidpointDecisionMadeV1 } from '#contracts';
import { ConflictError, ForbiddenError, ValidationError } from '#ddd';
import type { Outbox, OutgoingEvent } from '#messaging';
import type { Clock } from '#ddd';
import type { InternOrmEntity } from '../../../program/persistence/intern.orm-entity.js';
import type { CohortClockRow, ProgramRepository } from '../../../program/persistence/program.repository.js';
import { PROGRAM_RUBRIC } from '../../../rubrics/domain/default-rubrics.js';
import type { RubricRepository } from '../../../rubrics/persistence/rubric.repository.js';
import { Evaluation } from '../../domain/evaluation.js';
import type { EvaluationRepository } from '../../persistence/evaluation.repository.js';
import { SubmitMentorEvaluationCommand } from './submit-mentor-evaluation.command.js';
import { SubmitMentorEvaluationHandler } from './submit-mentor-evaluation.handler.js';
import { EvaluationsUnitOfWork } from '../unit-of-work.js';

/** A store whose writes are kept only when the transaction's callback succeeds, like Postgres would. */
class FakeStore {
  evaluations = new Map<string, Evaluation>();
  outbox: OutgoingEvent<unknown>[] = [];
  transactions = 0;
  clock: CohortClockRow = {
    cohortId: 'c-1',
    name: 'Summer',
    startDate: '2027-06-07',
    weeks: 12,
    timezone: 'Europe/Berlin',
    currentWeek: 6,
    status: 'IN_PROGRESS',
  };
  intern: InternOrmEntity = {
    internId: 'ada',
    cohortId: 'c-1',
    enrollmentId: 'e-1',
    name: 'Ada',
    enrolledAt: new Date(0),
    status: 'ENROLLED',
    extensions: [],
    endedAt: null,
  };
  primary: string | null = 'grace';

  dataSource = {
    transaction: async <T>(work: (tx: EntityManager) => Promise<T>): Promise<T> => {
      this.transactions++;
      const evaluations = new Map(this.evaluations);
      const outbox = [...this.outbox];
      try {
        return await work({} as EntityManager);
      } catch (err) {
        this.evaluations = evaluations;
        this.outbox = outbox;
        throw err;
      }
    },
  } as unknown as DataSource;

  program = {
    currentEnrollment: async (internId: string) => (internId === this.intern.internId ? this.intern : null),
    primaryMentor: async () => this.primary,
    everMentored: async (_c: string, _i: string, mentorId: string) => mentorId === 'grace',
    lockClock: async () => this.clock,
  } as unknown as ProgramRepository;

  rubrics = {
    effective: async () => ({ rubric: PROGRAM_RUBRIC, cohortId: 'c-1', tailored: false }),
  } as unknown as RubricRepository;

  repository = {
    findForUpdate: async (_tx: EntityManager, key: { cycle: string }) => {
      const found = this.evaluations.get(key.cycle);
      return found ? Evaluation.fromSnapshot(found.snapshot()) : null;
    },
    insert: async (_tx: EntityManager, e: Evaluation) => void this.evaluations.set(e.snapshot().cycle, e),
    update: async (_tx: EntityManager, e: Evaluation) => void this.evaluations.set(e.snapshot().cycle, e),
  } as unknown as EvaluationRepository;

  outboxWriter = {
    append: async (_tx: EntityManager, events: OutgoingEvent<unknown>[]) => {
      for (const e of events) e.contract.schema.parse(e.data);
      this.outbox.push(...events);
      return [];
    },
  } as unknown as Outbox;

  now: Clock = { now: () => new Date('2027-07-13T10:00:00Z') };

  handler = new SubmitMentorEvaluationHandler(
    new EvaluationsUnitOfWork(this.dataSource, this.outboxWriter),
    this.program,
    this.rubrics,
    this.repository,
    this.now,
  );

  submit(input: Record<string, unknown> = {}, mentorId = 'grace', internId = 'ada') {
    return this.handler.execute(
      new SubmitMentorEvaluationCommand(
        internId,
        {
          cycle: 'MIDPOINT',
          scores: PROGRAM_RUBRIC.criteria.map((c) => ({ competency: c.key, score: 4 })),
          sharedComments: 'Keep going',
          privateComments: 'Strong hire signal',
          decision: 'EXTEND',
          extensionWeeks: 2,
          ...input,
        },
        mentorId,
      ),
    );
  }
}

describe('SubmitMentorEvaluationHandler', () => {
  it('saves the evaluation and appends EvaluationSubmitted and MidpointDecisionMade in one transaction', async () => {
    const store = new FakeStore();
    const saved = await store.submit();
    expect(saved).toMatchObject({
      cohortId: 'c-1',
      internId: 'ada',
      authorId: 'grace',
      decision: 'EXTEND',
      extensionWeeks: 2,
      averageScore: 4,
    });
    expect(store.transactions).toBe(1);
    expect(store.outbox.map((e) => e.contract)).toEqual([EvaluationSubmittedV1, MidpointDecisionMadeV1]);
    expect(store.outbox[1]!.data).toEqual({
      evaluationId: saved.id,
      cohortId: 'c-1',
      internId: 'ada',
      mentorId: 'grace',
      decision: 'EXTEND',
      extensionWeeks: 2,
    });
    expect(store.outbox.every((e) => e.subject === 'ada')).toBe(true);
    expect(JSON.stringify(store.outbox)).not.toContain('Strong hire signal');
  });

  it('publishes FinalOutcomeRecorded with the return offer at the final evaluation', async () => {
    const store = new FakeStore();
    store.clock = { ...store.clock, currentWeek: 12 };
    await store.submit({ cycle: 'FINAL', decision: 'PASS', extensionWeeks: null, returnOffer: 'STRONG_YES' });
    expect(store.outbox.map((e) => e.contract)).toEqual([EvaluationSubmittedV1, FinalOutcomeRecordedV1]);
    expect(store.outbox[1]!.data).toMatchObject({ outcome: 'PASS', returnOffer: 'STRONG_YES' });
  });

  it('an edit while the window is open publishes EvaluationSubmitted only; the decision cannot change', async () => {
    const store = new FakeStore();
    await store.submit();
    // The cohorts service applied the extension meanwhile: it is not counted twice against the 5 weeks.
    store.intern = {
      ...store.intern,
      extensions: [
        { eventId: 'x', weeks: 2, afterWeek: 6 },
        { eventId: 'y', weeks: 3, afterWeek: 7 },
      ],
    };
    const edited = await store.submit({
      scores: PROGRAM_RUBRIC.criteria.map((c) => ({ competency: c.key, score: 5 })),
    });
    expect(edited).toMatchObject({ revision: 2, averageScore: 5 });
    expect(store.outbox.map((e) => e.contract)).toEqual([
      EvaluationSubmittedV1,
      MidpointDecisionMadeV1,
      EvaluationSubmittedV1,
    ]);
    await expect(store.submit({ decision: 'CONTINUE', extensionWeeks: null })).rejects.toBeInstanceOf(ConflictError);
    expect(store.outbox).toHaveLength(3);
  });

  it('refuses anyone but the primary mentor, an unknown intern and bad input, writing nothing', async () => {
    const store = new FakeStore();
    const stranger = await store.submit({}, 'alan').catch((e: unknown) => e);
    expect(stranger).toBeInstanceOf(ForbiddenError);
    // An intern who does not exist, or has no primary mentor yet, answers exactly the same: no probing.
    const unknown = await store.submit({}, 'grace', 'nobody').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ForbiddenError);
    expect((unknown as Error).message).toBe((stranger as Error).message.replace('ada', 'nobody'));
    store.primary = null;
    const noPrimary = await store.submit().catch((e: unknown) => e);
    expect(noPrimary).toBeInstanceOf(ForbiddenError);
    expect((noPrimary as Error).message).toBe((stranger as Error).message);
    store.primary = 'grace';
    const bad = await store.submit({ extensionWeeks: 6, returnOffer: 'YES' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).violations.map((v) => v.field)).toEqual(['extensionWeeks', 'returnOffer']);
    expect(store.evaluations.size).toBe(0);
    expect(store.outbox).toHaveLength(0);
  });

  it('refuses an evaluation outside the window, or of an ended enrollment, with CONFLICT', async () => {
    const store = new FakeStore();
    store.clock = { ...store.clock, currentWeek: 5 };
    await expect(store.submit()).rejects.toThrow(
      /the MIDPOINT evaluation window \(week 6, 2027-07-12 – 2027-07-18\) of intern ada has not opened yet/,
    );
    store.clock = { ...store.clock, currentWeek: 7 };
    await expect(store.submit()).rejects.toThrow(/has closed/);
    store.clock = { ...store.clock, currentWeek: 6 };
    store.intern = { ...store.intern, status: 'TERMINATED' };
    store.primary = null; // the mentors service ends the assignment with the enrollment
    await expect(store.submit()).rejects.toThrow(/is TERMINATED: there is nothing left to evaluate/);
    expect(store.outbox).toHaveLength(0);
  });
});
