import type { EntityManager } from 'typeorm';
import { CLOCK, ConflictError, redactPersonalText, type PersonalNeedle } from '#ddd';
import { PersonalDataKeys } from '#messaging';
import { FAKE_TX, FakeClock, handlerFakes, SnapshotStore } from '#testing';
import type { CheckIn } from '../../../check-ins/domain/check-in.js';
import { CheckInRepository, type StoredCheckIn } from '../../../check-ins/persistence/check-in.repository.js';
import type { CohortCalendar } from '../../../cohorts/domain/cohort-calendar.js';
import { CohortProjectionRepository } from '../../../cohorts/persistence/cohort-projection.repository.js';
import type { InternProjectionOrmEntity } from '../../../interns/persistence/intern-projection.orm-entity.js';
import { InternProjectionRepository } from '../../../interns/persistence/intern-projection.repository.js';
import { Mentor, type MentorErasure, type MentorState } from '../../../mentors/domain/mentor.js';
import { MentorRepository } from '../../../mentors/persistence/mentor.repository.js';
import type { EndReason } from '../../domain/assignment-policy.js';
import type { AssignmentRole } from '../../domain/assignment-role.js';
import { AssignmentRepository, type AssignmentView } from '../../persistence/assignment.repository.js';
import { MentorsUnitOfWork } from '../../../mentors/commands/unit-of-work.js';
import { defaultPreferences, type MatchingPreferences } from '../../../matching/domain/preferences.js';
import { MatchingPreferencesRepository } from '../../../matching/persistence/matching-preferences.repository.js';

/**
 * In-memory stand-ins for the mentors service's repositories (handler specs only). Every table
 * lives in one SnapshotStore, so a FakeDataSource transaction that fails keeps none of its writes.
 */

export interface StoredAssignment extends AssignmentView {
  assignedBy: string;
  unassignedBy: string | null;
}

export interface MentorsTables {
  interns: InternProjectionOrmEntity[];
  mentors: MentorState[];
  assignments: StoredAssignment[];
  cohorts: CohortCalendar[];
  checkIns: StoredCheckIn[];
  preferences: (MatchingPreferences & { updatedBy: string })[];
  erasures: MentorErasure[];
  internErasures: { internId: string; erasedAt: Date; trigger: string }[];
}

function requireTx(tx: EntityManager | undefined): void {
  if (tx !== FAKE_TX) throw new Error('a repository write or locking read ran outside the command transaction');
}

export class MentorsDb extends SnapshotStore<MentorsTables> {
  /** Rows locked, in order (`intern:<id>`, `mentor:<id>`): observations only, never rolled back. */
  readonly locks: string[] = [];
  /** Like a Postgres sequence, not rolled back. */
  private nextId = 1;

  constructor(private readonly clock: FakeClock) {
    super(
      {
        interns: [],
        mentors: [],
        assignments: [],
        cohorts: [],
        checkIns: [],
        preferences: [],
        erasures: [],
        internErasures: [],
      },
      (s) => structuredClone(s),
    );
  }

  // ---- seeding (outside any transaction) ----

  enroll(row: Partial<InternProjectionOrmEntity> & Pick<InternProjectionOrmEntity, 'internId' | 'cohortId'>): void {
    const at = row.enrolledAt ?? this.clock.now();
    this.state.interns.push({
      enrollmentId: `enrollment-${row.internId}-${row.cohortId}`,
      name: row.internId,
      focusAreas: ['ml'],
      timezone: 'Europe/Berlin',
      status: 'ENROLLED',
      extensionWeeks: 0,
      enrolledAt: at,
      lastEventAt: at,
      knownSince: at,
      updatedAt: at,
      ...row,
    });
  }

  register(mentor: Partial<MentorState> & Pick<MentorState, 'mentorId'>): void {
    this.state.mentors.push({
      name: mentor.mentorId,
      email: `${mentor.mentorId}@example.com`,
      team: 'Platform',
      expertise: ['ml'],
      timezone: 'Europe/Berlin',
      capacity: 2,
      cohortIds: null,
      registeredAt: new Date('2025-01-01T00:00:00Z'),
      ...mentor,
      workingHours: mentor.workingHours ?? null,
      erasedAt: mentor.erasedAt ?? null,
    });
  }

  schedule(cohort: Partial<CohortCalendar> & Pick<CohortCalendar, 'cohortId' | 'startDate'>): void {
    this.state.cohorts.push({
      name: cohort.cohortId,
      weeks: 12,
      timezone: 'Europe/Berlin',
      status: 'IN_PROGRESS',
      currentWeek: null,
      currentWeekStartsOn: null,
      currentWeekEndsOn: null,
      ...cohort,
    });
  }

  /** An active assignment, as if made earlier. */
  seedAssignment(a: { internId: string; mentorId: string; cohortId: string; role: AssignmentRole }): StoredAssignment {
    const row: StoredAssignment = {
      id: `assignment-${this.nextId++}`,
      ...a,
      assignedAt: this.clock.now(),
      unassignedAt: null,
      endReason: null,
      assignedBy: 'pm-seed',
      unassignedBy: null,
    };
    this.state.assignments.push(row);
    return row;
  }

  /** A deep copy of every table, to compare before and after a refused command. */
  tables(): MentorsTables {
    return structuredClone(this.state);
  }

  active(): StoredAssignment[] {
    return this.state.assignments.filter((a) => a.unassignedAt === null);
  }

  // ---- InternProjectionRepository ----

  readonly interns = {
    lockLatest: async (tx: EntityManager, internId: string): Promise<InternProjectionOrmEntity | null> => {
      requireTx(tx);
      this.locks.push(`intern:${internId}`);
      const rows = this.state.interns.filter((i) => i.internId === internId);
      rows.sort((a, b) => b.enrolledAt.getTime() - a.enrolledAt.getTime());
      return rows[0] ? structuredClone(rows[0]) : null;
    },
    recordReinstated: async (
      tx: EntityManager,
      e: { internId: string; cohortId: string; at: Date },
    ): Promise<boolean> => {
      requireTx(tx);
      const row = this.state.interns.find(
        (i) => i.internId === e.internId && i.cohortId === e.cohortId && i.status === 'WITHDRAWN',
      );
      if (!row) return false;
      row.status = 'ACTIVE';
      return true;
    },
    enrolledInCohort: async (
      tx: EntityManager,
      cohortId: string,
      internIds: readonly string[],
    ): Promise<Set<string>> => {
      requireTx(tx);
      return new Set(
        this.state.interns
          .filter((i) => i.cohortId === cohortId && internIds.includes(i.internId))
          .map((i) => i.internId),
      );
    },
    eraseName: async (tx: EntityManager, internId: string, erasedName: string): Promise<string[]> => {
      requireTx(tx);
      const former = new Set<string>();
      for (const row of this.state.interns.filter((i) => i.internId === internId && i.name !== erasedName)) {
        former.add(row.name);
        row.name = erasedName;
      }
      return [...former];
    },
    recordErasure: async (
      tx: EntityManager,
      e: { internId: string; erasedAt: Date; trigger: string },
    ): Promise<void> => {
      requireTx(tx);
      if (!this.state.internErasures.some((x) => x.internId === e.internId)) this.state.internErasures.push({ ...e });
    },
    findEnrollment: async (internId: string, cohortId: string): Promise<InternProjectionOrmEntity | null> => {
      const row = this.state.interns.find((i) => i.internId === internId && i.cohortId === cohortId);
      return row ? structuredClone(row) : null;
    },
  };

  // ---- MentorRepository ----

  readonly mentors = {
    exists: async (tx: EntityManager, mentorId: string): Promise<boolean> => {
      requireTx(tx);
      return this.state.mentors.some((m) => m.mentorId === mentorId);
    },
    insert: async (tx: EntityManager, mentor: Mentor): Promise<void> => {
      requireTx(tx);
      this.state.mentors.push(structuredClone(mentor.snapshot()));
    },
    lockForUpdate: async (tx: EntityManager, mentorId: string): Promise<Mentor | null> => {
      requireTx(tx);
      this.locks.push(`mentor:${mentorId}`);
      const state = this.state.mentors.find((m) => m.mentorId === mentorId);
      return state ? Mentor.restore(structuredClone(state)) : null;
    },
    registeredIds: async (tx: EntityManager, mentorIds: readonly string[]): Promise<Set<string>> => {
      requireTx(tx);
      return new Set(this.state.mentors.filter((m) => mentorIds.includes(m.mentorId)).map((m) => m.mentorId));
    },
    saveProfile: async (tx: EntityManager, mentor: Mentor): Promise<void> => {
      requireTx(tx);
      const s = mentor.snapshot();
      const i = this.state.mentors.findIndex((m) => m.mentorId === s.mentorId);
      if (i < 0) throw new Error(`saveProfile of a mentor that is not stored: ${s.mentorId}`);
      // Every column but when the mentor registered and was erased, as the real UPDATE does.
      const { registeredAt, erasedAt } = this.state.mentors[i]!;
      this.state.mentors[i] = { ...s, registeredAt, erasedAt };
    },
    saveErasure: async (tx: EntityManager, mentor: Mentor, erasure: MentorErasure): Promise<void> => {
      requireTx(tx);
      const { mentorId, name, email, erasedAt } = mentor.snapshot();
      const row = this.state.mentors.find((m) => m.mentorId === mentorId);
      if (!row) throw new Error(`saveErasure of a mentor that is not stored: ${mentorId}`);
      Object.assign(row, { name, email, erasedAt });
      if (this.state.erasures.some((e) => e.mentorId === mentorId)) throw new Error('duplicate erasure record');
      this.state.erasures.push(structuredClone(erasure));
    },
  };

  // ---- AssignmentRepository ----

  readonly assignments = {
    activeForInternTx: async (tx: EntityManager, internId: string): Promise<AssignmentView[]> => {
      requireTx(tx);
      return this.active()
        .filter((a) => a.internId === internId)
        .sort((a, b) => a.assignedAt.getTime() - b.assignedAt.getTime())
        .map(view);
    },
    countActiveForMentor: async (tx: EntityManager, mentorId: string): Promise<number> => {
      requireTx(tx);
      return this.active().filter((a) => a.mentorId === mentorId).length;
    },
    /** Mirrors the partial unique indexes: one active assignment per pair, one active primary per intern. */
    insert: async (
      tx: EntityManager,
      a: { internId: string; mentorId: string; cohortId: string; role: AssignmentRole; assignedBy: string },
    ): Promise<AssignmentView> => {
      requireTx(tx);
      const active = this.active().filter((x) => x.internId === a.internId);
      if (a.role === 'PRIMARY' && active.some((x) => x.role === 'PRIMARY')) {
        throw new ConflictError(`intern ${a.internId} already has a primary mentor`);
      }
      if (active.some((x) => x.mentorId === a.mentorId)) {
        throw new ConflictError(`mentor ${a.mentorId} is already assigned to intern ${a.internId}`);
      }
      const row: StoredAssignment = {
        id: `assignment-${this.nextId++}`,
        internId: a.internId,
        mentorId: a.mentorId,
        cohortId: a.cohortId,
        role: a.role,
        assignedAt: this.clock.now(),
        unassignedAt: null,
        endReason: null,
        assignedBy: a.assignedBy,
        unassignedBy: null,
      };
      this.state.assignments.push(row);
      return view(row);
    },
    end: async (
      tx: EntityManager,
      assignmentIds: readonly string[],
      reason: EndReason,
      by: string | null,
    ): Promise<AssignmentView[]> => {
      requireTx(tx);
      const ended: AssignmentView[] = [];
      for (const row of this.state.assignments) {
        if (!assignmentIds.includes(row.id) || row.unassignedAt !== null) continue;
        const now = this.clock.now();
        row.unassignedAt = now > row.assignedAt ? now : new Date(row.assignedAt);
        row.endReason = reason;
        row.unassignedBy = by;
        ended.push(view(row));
      }
      return ended;
    },
  };

  // ---- AssignmentRepository (reinstatement) ----

  /** Mirrors the SQL: the rows the latest INTERN_WITHDRAWN end closed, primary first. */
  private endedByLatestWithdrawal = async (tx: EntityManager, internId: string, cohortId: string) => {
    requireTx(tx);
    const ended = this.state.assignments.filter(
      (a) => a.internId === internId && a.cohortId === cohortId && a.endReason === 'INTERN_WITHDRAWN',
    );
    const latest = Math.max(...ended.map((a) => a.unassignedAt!.getTime()));
    return ended
      .filter((a) => a.unassignedAt!.getTime() === latest)
      .sort((a, b) => (a.role === 'PRIMARY' ? 0 : 1) - (b.role === 'PRIMARY' ? 0 : 1))
      .map(view);
  };

  // ---- CohortProjectionRepository ----

  readonly cohorts = {
    findById: async (cohortId: string, manager?: EntityManager): Promise<CohortCalendar | null> => {
      requireTx(manager);
      const row = this.state.cohorts.find((c) => c.cohortId === cohortId);
      return row ? structuredClone(row) : null;
    },
  };

  // ---- MatchingPreferencesRepository ----

  readonly preferences = {
    replace: async (tx: EntityManager, p: MatchingPreferences, by: string): Promise<void> => {
      requireTx(tx);
      this.state.preferences = this.state.preferences.filter((x) => x.cohortId !== p.cohortId);
      this.state.preferences.push({ ...structuredClone(p), updatedBy: by });
    },
    forCohort: async (cohortId: string): Promise<MatchingPreferences> => {
      const row = this.state.preferences.find((x) => x.cohortId === cohortId);
      if (!row) return defaultPreferences(cohortId);
      return { cohortId: row.cohortId, weights: { ...row.weights }, exclusions: structuredClone(row.exclusions) };
    },
  };

  // ---- CheckInRepository ----

  readonly checkIns = {
    insert: async (tx: EntityManager, checkIn: CheckIn): Promise<StoredCheckIn> => {
      requireTx(tx);
      const { checkInId, ...rest } = checkIn.snapshot();
      const stored: StoredCheckIn = { id: checkInId, ...rest, loggedAt: this.clock.now() };
      this.state.checkIns.push(stored);
      return structuredClone(stored);
    },
    /** As the SQL finds the rows, then `redactPersonalText` on each text. */
    redactPersonalText: async (tx: EntityManager, needles: readonly PersonalNeedle[]): Promise<void> => {
      requireTx(tx);
      const edit = (v: string) => redactPersonalText(v, needles);
      for (const c of this.state.checkIns) {
        Object.assign(c, {
          format: edit(c.format),
          notes: edit(c.notes),
          privateNotes: c.privateNotes === null ? null : edit(c.privateNotes),
          blockers: c.blockers.map(edit),
          actionItems: c.actionItems.map(edit),
        });
      }
    },
  };

  // ---- PersonalDataKeys ----

  /** Subjects whose key was erased, in order (observations: a rolled-back erasure keeps its entry). */
  readonly keysErased: string[] = [];
  readonly keys = {
    erase: async (tx: EntityManager, subjectId: string, person?: 'intern' | 'mentor'): Promise<boolean> => {
      requireTx(tx);
      this.keysErased.push(`${person ?? '?'}:${subjectId}`);
      return true;
    },
  };

  asInternRepository(): InternProjectionRepository {
    return this.interns as unknown as InternProjectionRepository;
  }
  asMentorRepository(): MentorRepository {
    return this.mentors as unknown as MentorRepository;
  }
  asAssignmentRepository(): AssignmentRepository {
    return {
      ...this.assignments,
      endedByLatestWithdrawal: this.endedByLatestWithdrawal,
    } as unknown as AssignmentRepository;
  }
  asCohortRepository(): CohortProjectionRepository {
    return this.cohorts as unknown as CohortProjectionRepository;
  }
  asPreferencesRepository(): MatchingPreferencesRepository {
    return this.preferences as unknown as MatchingPreferencesRepository;
  }
  asCheckInRepository(): CheckInRepository {
    return this.checkIns as unknown as CheckInRepository;
  }
}

function view(a: StoredAssignment): AssignmentView {
  return {
    id: a.id,
    internId: a.internId,
    mentorId: a.mentorId,
    cohortId: a.cohortId,
    role: a.role,
    assignedAt: new Date(a.assignedAt),
    unassignedAt: a.unassignedAt ? new Date(a.unassignedAt) : null,
    endReason: a.endReason,
  };
}

export function mentorsFakes(now: Date) {
  const clock = new FakeClock(now);
  const db = new MentorsDb(clock);
  return {
    clock,
    db,
    ...handlerFakes(
      MentorsUnitOfWork,
      [db],
      [
        [InternProjectionRepository, db.asInternRepository()],
        [MentorRepository, db.asMentorRepository()],
        [AssignmentRepository, db.asAssignmentRepository()],
        [CohortProjectionRepository, db.asCohortRepository()],
        [CheckInRepository, db.asCheckInRepository()],
        [MatchingPreferencesRepository, db.asPreferencesRepository()],
        [PersonalDataKeys, db.keys as unknown as PersonalDataKeys],
        [CLOCK, clock],
      ],
    ),
  };
}
