import { expect } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { CLOCK, ConflictError, ValidationError } from '#ddd';
import { FAKE_TX, FakeClock, handlerFakes, SnapshotStore } from '#testing';
import type { PresentationScoreOrmEntity } from '../../../presentations/persistence/presentation-score.orm-entity.js';
import { PresentationScoreRepository } from '../../../presentations/persistence/presentation-score.repository.js';
import type { InternOrmEntity } from '../../../program/persistence/intern.orm-entity.js';
import type { MentorAssignmentOrmEntity } from '../../../program/persistence/mentor-assignment.orm-entity.js';
import type { PresentationSlotOrmEntity } from '../../../program/persistence/presentation-slot.orm-entity.js';
import { ProgramRepository, type CohortClockRow } from '../../../program/persistence/program.repository.js';
import { defaultRubric } from '../../../rubrics/domain/default-rubrics.js';
import type { Rubric, RubricKind } from '../../../rubrics/domain/rubric.js';
import { RubricRepository, type EffectiveRubric } from '../../../rubrics/persistence/rubric.repository.js';
import { Evaluation, type EvaluationKind, type EvaluationSnapshot } from '../../domain/evaluation.js';
import type { EvaluationCycle } from '../../domain/evaluation-window.js';
import { EvaluationRepository } from '../../persistence/evaluation.repository.js';
import { EvaluationsUnitOfWork } from '../unit-of-work.js';

/**
 * In-memory stand-ins for the evaluations service's repositories (handler specs only). Every table
 * lives in one SnapshotStore, so a FakeDataSource transaction that fails keeps none of its writes.
 */

export interface TailoredRubricRow {
  cohortId: string;
  kind: RubricKind;
  rubric: Rubric;
  tailoredBy: string;
  tailoredAt: Date;
}

export interface EvaluationsTables {
  clocks: CohortClockRow[];
  interns: InternOrmEntity[];
  assignments: MentorAssignmentOrmEntity[];
  slots: PresentationSlotOrmEntity[];
  rubrics: TailoredRubricRow[];
  evaluations: EvaluationSnapshot[];
  presentationScores: PresentationScoreOrmEntity[];
}

export class EvaluationsDb extends SnapshotStore<EvaluationsTables> {
  /** Rows locked, in order (`clock:<cohortId>`, `slot:<slotId>`, `evaluation:<cycle>`): never rolled back. */
  readonly locks: string[] = [];

  constructor() {
    super(
      { clocks: [], interns: [], assignments: [], slots: [], rubrics: [], evaluations: [], presentationScores: [] },
      (s) => structuredClone(s),
    );
  }

  private requireTx(tx: EntityManager | undefined): void {
    if (tx !== FAKE_TX) throw new Error('a repository call ran outside the command transaction');
  }

  /** Records the row lock `name`, taken in the command transaction, then reads the row. */
  private lock<T>(tx: EntityManager, name: string, read: () => Promise<T>): Promise<T> {
    this.requireTx(tx);
    this.locks.push(name);
    return read();
  }

  /** A deep copy of every table, to compare before and after a refused command. */
  tables(): EvaluationsTables {
    return structuredClone(this.state);
  }

  // ---- seeding (outside any transaction) ----

  clock(row: Partial<CohortClockRow> & Pick<CohortClockRow, 'cohortId'>): void {
    this.state.clocks.push({
      name: row.cohortId,
      startDate: '2027-06-07',
      weeks: 12,
      timezone: 'Europe/Berlin',
      currentWeek: 6,
      status: 'IN_PROGRESS',
      ...row,
    });
  }

  enroll(row: Partial<InternOrmEntity> & Pick<InternOrmEntity, 'internId' | 'cohortId'>): void {
    this.state.interns.push({
      enrollmentId: `enrollment-${row.internId}`,
      name: row.internId,
      enrolledAt: new Date('2027-05-20T08:00:00Z'),
      status: 'ENROLLED',
      extensions: [],
      endedAt: null,
      ...row,
    });
  }

  assign(
    row: Partial<MentorAssignmentOrmEntity> & Pick<MentorAssignmentOrmEntity, 'internId' | 'cohortId' | 'mentorId'>,
  ): void {
    this.state.assignments.push({
      assignmentId: `assignment-${row.internId}-${row.mentorId}`,
      role: 'PRIMARY',
      assignedAt: new Date('2027-06-01T08:00:00Z'),
      unassigned: false,
      ...row,
    });
  }

  // ---- ProgramRepository ----

  readonly program = {
    lockClock: (tx: EntityManager, cohortId: string) =>
      this.lock(tx, `clock:${cohortId}`, () => this.program.clock(cohortId, tx)),
    clock: async (cohortId: string, tx?: EntityManager): Promise<CohortClockRow | null> => {
      this.requireTx(tx);
      const row = this.state.clocks.find((c) => c.cohortId === cohortId);
      return row ? { ...row } : null;
    },
    /** The running enrollment, else the latest one. */
    currentEnrollment: async (internId: string, tx?: EntityManager): Promise<InternOrmEntity | null> => {
      this.requireTx(tx);
      const rows = this.state.interns
        .filter((i) => i.internId === internId)
        .sort((a, b) => b.enrolledAt.getTime() - a.enrolledAt.getTime());
      const row = rows.find((r) => r.status === 'ENROLLED') ?? rows[0];
      return row ? structuredClone(row) : null;
    },
    internsOfCohort: async (tx: EntityManager, cohortId: string): Promise<InternOrmEntity[]> => {
      this.requireTx(tx);
      return structuredClone(this.state.interns.filter((i) => i.cohortId === cohortId));
    },
    /** The latest active primary mentor of the intern in the cohort. */
    primaryMentor: async (cohortId: string, internId: string, tx?: EntityManager): Promise<string | null> => {
      this.requireTx(tx);
      const primaries = this.state.assignments
        .filter((a) => a.cohortId === cohortId && a.internId === internId && a.role === 'PRIMARY' && !a.unassigned)
        .sort((a, b) => b.assignedAt.getTime() - a.assignedAt.getTime());
      return primaries[0]?.mentorId ?? null;
    },
    everMentored: async (cohortId: string, internId: string, mentorId: string, tx?: EntityManager) => {
      this.requireTx(tx);
      return this.state.assignments.some(
        (a) => a.cohortId === cohortId && a.internId === internId && a.mentorId === mentorId,
      );
    },
    lockSlot: (tx: EntityManager, slotId: string) =>
      this.lock(tx, `slot:${slotId}`, () => this.program.slot(slotId, tx)),
    slot: async (slotId: string, tx?: EntityManager): Promise<PresentationSlotOrmEntity | null> => {
      this.requireTx(tx);
      const row = this.state.slots.find((s) => s.slotId === slotId);
      return row ? structuredClone(row) : null;
    },
  };

  // ---- RubricRepository ----

  readonly rubrics = {
    cohortHasEvaluations: async (tx: EntityManager, cohortId: string): Promise<boolean> => {
      this.requireTx(tx);
      return this.state.evaluations.some((e) => e.cohortId === cohortId);
    },
    effective: async (cohortId: string | null | undefined, kind: RubricKind, tx?: EntityManager) => {
      this.requireTx(tx);
      const row = this.state.rubrics.find((r) => r.cohortId === cohortId && r.kind === kind);
      const found: EffectiveRubric = row
        ? { rubric: structuredClone(row.rubric), cohortId: row.cohortId, tailored: true }
        : { rubric: defaultRubric(kind), cohortId: cohortId ?? null, tailored: false };
      return found;
    },
    save: async (tx: EntityManager, cohortId: string, rubric: Rubric, tailoredBy: string, now: Date) => {
      this.requireTx(tx);
      const row: TailoredRubricRow = {
        cohortId,
        kind: rubric.kind,
        rubric: structuredClone(rubric),
        tailoredBy,
        tailoredAt: now,
      };
      const i = this.state.rubrics.findIndex((r) => r.cohortId === cohortId && r.kind === rubric.kind);
      if (i >= 0) this.state.rubrics[i] = row;
      else this.state.rubrics.push(row);
    },
  };

  // ---- EvaluationRepository ----

  readonly evaluations = {
    findForUpdate: async (
      tx: EntityManager,
      key: { cohortId: string; internId: string; kind: EvaluationKind; cycle: EvaluationCycle },
    ): Promise<Evaluation | null> => {
      this.requireTx(tx);
      this.locks.push(`evaluation:${key.kind}/${key.cycle}`);
      const row = this.state.evaluations.find(
        (e) =>
          e.cohortId === key.cohortId && e.internId === key.internId && e.kind === key.kind && e.cycle === key.cycle,
      );
      return row ? Evaluation.fromSnapshot(structuredClone(row)) : null;
    },
    /** Mirrors the unique key (cohort, intern, kind, cycle). */
    insert: async (tx: EntityManager, evaluation: Evaluation): Promise<void> => {
      this.requireTx(tx);
      const s = evaluation.snapshot();
      if (
        this.state.evaluations.some(
          (e) => e.cohortId === s.cohortId && e.internId === s.internId && e.kind === s.kind && e.cycle === s.cycle,
        )
      ) {
        throw new ConflictError(`duplicate ${s.kind} ${s.cycle} evaluation of intern ${s.internId}`);
      }
      this.state.evaluations.push(s);
    },
    update: async (tx: EntityManager, evaluation: Evaluation): Promise<void> => {
      this.requireTx(tx);
      const s = evaluation.snapshot();
      const i = this.state.evaluations.findIndex((e) => e.id === s.id);
      if (i < 0) throw new Error(`update of an evaluation that is not stored: ${s.id}`);
      this.state.evaluations[i] = s;
    },
  };

  // ---- PresentationScoreRepository ----

  readonly presentationScores = {
    find: async (
      tx: EntityManager,
      key: { slotId: string; internId: string; mentorId: string },
    ): Promise<PresentationScoreOrmEntity | null> => {
      this.requireTx(tx);
      const row = this.state.presentationScores.find(
        (r) => r.slotId === key.slotId && r.internId === key.internId && r.mentorId === key.mentorId,
      );
      return row ? structuredClone(row) : null;
    },
    save: async (tx: EntityManager, row: PresentationScoreOrmEntity): Promise<void> => {
      this.requireTx(tx);
      const i = this.state.presentationScores.findIndex(
        (r) => r.slotId === row.slotId && r.internId === row.internId && r.mentorId === row.mentorId,
      );
      if (i >= 0) this.state.presentationScores[i] = structuredClone(row);
      else this.state.presentationScores.push(structuredClone(row));
    },
  };
}

export function evaluationsFakes(now: Date) {
  const clock = new FakeClock(now);
  const db = new EvaluationsDb();
  const fakes = {
    clock,
    db,
    ...handlerFakes(
      EvaluationsUnitOfWork,
      [db],
      [
        // Each fake stands in for the repository class the handlers are given.
        [ProgramRepository, db.program],
        [RubricRepository, db.rubrics],
        [EvaluationRepository, db.evaluations],
        [PresentationScoreRepository, db.presentationScores],
        [CLOCK, clock],
      ],
    ),
  };
  /** A refusal before any transaction: none opened, no row locked, the tables as `before`, no event. */
  const expectNoTransaction = (before: EvaluationsTables) => {
    expect(fakes.dataSource.transactions).toBe(0);
    expect(db.locks).toEqual([]);
    expect(db.tables()).toEqual(before);
    expect(fakes.outbox.events).toEqual([]);
  };
  return { ...fakes, expectNoTransaction };
}

/** Cohort c-1 (12 weeks from 2027-06-07) in its midpoint week 6, Ada enrolled with Grace as her primary mentor. */
export function midpointFakes(now: Date) {
  const f = evaluationsFakes(now);
  f.db.clock({ cohortId: 'c-1', startDate: '2027-06-07', weeks: 12, currentWeek: 6 });
  f.db.enroll({ internId: 'ada', cohortId: 'c-1' });
  f.db.assign({ internId: 'ada', cohortId: 'c-1', mentorId: 'grace' });
  const setWeek = (week: number) => (f.db.state.clocks[0]!.currentWeek = week);
  return { ...f, setWeek };
}

/** The fields a refused command names: it must fail with a ValidationError. */
export async function refusedFields(attempt: Promise<unknown>): Promise<string[]> {
  const error = await attempt.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).violations.map((v) => v.field);
}
