import type { EntityManager } from 'typeorm';
import { ConflictError } from '#ddd';
import { Cohort, type CohortSnapshot } from '../../../cohorts/domain/cohort.js';
import type { Enrollment, EnrollmentSnapshot } from '../../../enrollments/domain/enrollment.js';
import type { OnboardingTask } from '../../../onboarding/domain/onboarding.js';
import { ClockEventKind, extendedWeekEvents, type DueClockEvent } from '../../../program-clock/domain/program-clock.js';
import type { CohortRepository } from '../../../cohorts/persistence/cohort.repository.js';

/** In-memory stand-ins for the command handlers' collaborators (handler specs only). */

export class FakeCohortRepository {
  cohorts = new Map<string, CohortSnapshot>();
  enrollments: EnrollmentSnapshot[] = [];
  clockEvents = new Map<string, DueClockEvent[]>();
  checklists = new Map<string, OnboardingTask[]>();
  lockedIds: string[] = [];
  private saved:
    | {
        cohorts: Map<string, CohortSnapshot>;
        enrollments: EnrollmentSnapshot[];
        clockEvents: Map<string, DueClockEvent[]>;
        checklists: Map<string, OnboardingTask[]>;
      }
    | undefined;

  begin(): void {
    this.saved = {
      cohorts: new Map(this.cohorts),
      enrollments: [...this.enrollments],
      clockEvents: new Map(this.clockEvents),
      checklists: new Map(this.checklists),
    };
  }
  commit(): void {
    this.saved = undefined;
  }
  rollback(): void {
    if (this.saved)
      ({
        cohorts: this.cohorts,
        enrollments: this.enrollments,
        clockEvents: this.clockEvents,
        checklists: this.checklists,
      } = this.saved);
  }

  async findById(
    _tx: EntityManager,
    id: string,
    options: { forUpdate?: boolean; interns?: readonly string[] } = {},
  ): Promise<Cohort | null> {
    if (options.forUpdate) this.lockedIds.push(id);
    const s = this.cohorts.get(id);
    if (!s) return null;
    return Cohort.rehydrate(
      s,
      this.enrollments.filter((e) => e.cohortId === id && options.interns?.includes(e.internId)).map((e) => e.internId),
    );
  }
  async insert(_tx: EntityManager, cohort: Cohort): Promise<void> {
    this.cohorts.set(cohort.id, cohort.toSnapshot());
  }
  async update(_tx: EntityManager, cohort: Cohort): Promise<void> {
    this.cohorts.set(cohort.id, cohort.toSnapshot());
  }
  async insertClockEvents(_tx: EntityManager, cohortId: string, events: readonly DueClockEvent[]): Promise<void> {
    this.clockEvents.set(cohortId, [...events]);
  }
  async deleteUnfiredClockEvents(_tx: EntityManager, cohortId: string): Promise<void> {
    this.clockEvents.delete(cohortId);
  }
  /** As the SQL: adds the extended weeks the clock lacks, after its other events. */
  async scheduleExtendedWeeks(_tx: EntityManager, cohort: CohortSnapshot, extensionWeeks: number): Promise<number> {
    const events = this.clockEvents.get(cohort.id) ?? [];
    const have = new Set(events.filter((e) => e.kind === ClockEventKind.EXTENDED_WEEK_STARTED).map((e) => e.week));
    let seq = Math.max(0, ...events.map((e) => e.seq));
    const added = extendedWeekEvents(cohort.startDate, cohort.weeks, cohort.timezone, extensionWeeks)
      .filter((w) => !have.has(w.week))
      .map((w) => ({
        seq: ++seq,
        kind: ClockEventKind.EXTENDED_WEEK_STARTED,
        week: w.week,
        phase: null,
        previousPhase: null,
        dueAt: w.dueAt,
      }));
    this.clockEvents.set(cohort.id, [...events, ...added]);
    return added.length;
  }
  /** As the SQL (the fake keeps no fired flag: every event counts as unfired). */
  async trimExtendedWeeks(_tx: EntityManager, cohort: CohortSnapshot, extensionWeeks: number): Promise<void> {
    const last = cohort.weeks + (extensionWeeks > 0 ? extensionWeeks + 1 : 0);
    const events = this.clockEvents.get(cohort.id) ?? [];
    this.clockEvents.set(
      cohort.id,
      events.filter((e) => e.kind !== ClockEventKind.EXTENDED_WEEK_STARTED || e.week <= last),
    );
  }
  async replaceChecklist(_tx: EntityManager, cohortId: string, tasks: readonly OnboardingTask[]): Promise<void> {
    this.checklists.set(cohortId, [...tasks]);
  }
  async checklist(_tx: EntityManager, cohortId: string): Promise<OnboardingTask[]> {
    return [...(this.checklists.get(cohortId) ?? [])];
  }
  /** Whether an intern was erased (`personal_data_erasures`): the real repository refuses to enroll them again. */
  isErased: (internId: string) => boolean = () => false;
  async insertEnrollment(_tx: EntityManager, enrollment: Enrollment): Promise<void> {
    if (this.isErased(enrollment.internId)) {
      throw new ConflictError(
        `intern ${enrollment.internId} was erased: an erased person's id is not reused, enroll them under a new id`,
      );
    }
    this.enrollments.push(enrollment.toSnapshot());
  }
  asRepository(): CohortRepository {
    return this as unknown as CohortRepository;
  }
}
