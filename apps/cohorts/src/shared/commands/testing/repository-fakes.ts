import { randomUUID } from 'node:crypto';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { CLOCK } from '#ddd';
import { FAKE_TX, FakeClock, handlerFakes, testLogger, type TransactionalStore } from '#testing';
import { COHORTS_LOGGER } from '../../tokens.js';
import { phaseOfWeek } from '#calendar';
import { CohortStatus, type ScheduleCohortProps } from '../../../cohorts/domain/cohort.js';
import { COHORT } from '../../domain/testing/cohort-fixtures.js';
import {
  DegreeLevel,
  Enrollment,
  EnrollmentStatus,
  ONGOING_STATUSES,
  type EnrollInternProps,
  type EnrollmentSnapshot,
  type ExtensionRecord,
} from '../../../enrollments/domain/enrollment.js';
import { PresentationSlot, type PresentationSlotSnapshot } from '../../../presentations/domain/presentation-slot.js';
import { TechTalk, TechTalkStatus, type TechTalkSnapshot } from '../../../tech-talks/domain/tech-talk.js';
import type { AppliedDecision } from '../../../enrollments/domain/applied-decisions.js';
import { CohortRepository } from '../../../cohorts/persistence/cohort.repository.js';
import { EnrollmentRepository } from '../../../enrollments/persistence/enrollment.repository.js';
import { PresentationSlotRepository } from '../../../presentations/persistence/presentation-slot.repository.js';
import { RegisteredMentorRepository } from '../../../mentors/persistence/registered-mentor.repository.js';
import { TechTalkRepository } from '../../../tech-talks/persistence/tech-talk.repository.js';
import { EnrollInternCommand } from '../../../enrollments/commands/enroll-intern/enroll-intern.command.js';
import { EnrollInternHandler } from '../../../enrollments/commands/enroll-intern/enroll-intern.handler.js';
import { ScheduleCohortCommand } from '../../../cohorts/commands/schedule-cohort/schedule-cohort.command.js';
import { ScheduleCohortHandler } from '../../../cohorts/commands/schedule-cohort/schedule-cohort.handler.js';
import { CohortsUnitOfWork } from '../unit-of-work.js';
import { FakeCohortRepository } from './fakes.js';
import { PersonalDataKeys } from '#messaging';
import { PersonalDataRepository } from '../../../personal-data/persistence/personal-data.repository.js';
import {
  FakePersonalDataKeys,
  FakePersonalDataRepository,
} from '../../../personal-data/commands/testing/personal-data-fakes.js';

export { COHORT };

/**
 * In-memory stand-ins for the enrollment, presentation-slot, tech-talk and registered-mentor
 * repositories (handler specs only), next to `FakeCohortRepository`. Each write replaces whole
 * values, so that a FakeDataSource transaction that fails leaves them as they were; each asserts
 * it is given the transaction's `tx`.
 */

function inTx(tx: EntityManager): void {
  if (tx !== FAKE_TX) throw new Error('repository called outside the command transaction');
}

/** The Postgres error a unique index raises, as TypeORM wraps it. */
export function uniqueViolation(): QueryFailedError {
  return new QueryFailedError('UPDATE', [], Object.assign(new Error('duplicate key value'), { code: '23505' }));
}

/** Enrollments live in the cohort fake (`insertEnrollment`); this one reads and updates them there. */
export class FakeEnrollmentRepository implements TransactionalStore {
  /** enrollmentId → taskId → completedAt */
  completions = new Map<string, ReadonlyMap<string, Date>>();
  extensions: ExtensionRecord[] = [];
  /** `enrollmentId/evaluationId` → the evaluation decision applied. */
  decisions = new Map<string, AppliedDecision>();
  /** `cohortId/internId` of every enrollment read FOR UPDATE. */
  lockedKeys: string[] = [];
  private saved:
    | {
        completions: Map<string, ReadonlyMap<string, Date>>;
        extensions: ExtensionRecord[];
        decisions: Map<string, AppliedDecision>;
      }
    | undefined;

  constructor(private readonly cohorts: FakeCohortRepository) {}

  begin(): void {
    this.saved = {
      completions: new Map(this.completions),
      extensions: [...this.extensions],
      decisions: this.decisions,
    };
  }
  commit(): void {
    this.saved = undefined;
  }
  rollback(): void {
    if (this.saved)
      ({ completions: this.completions, extensions: this.extensions, decisions: this.decisions } = this.saved);
    this.saved = undefined;
  }

  async find(
    tx: EntityManager,
    cohortId: string,
    internId: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Enrollment | null> {
    inTx(tx);
    if (options.forUpdate) this.lockedKeys.push(`${cohortId}/${internId}`);
    const s = this.cohorts.enrollments.find((e) => e.cohortId === cohortId && e.internId === internId);
    return s ? Enrollment.rehydrate(s) : null;
  }
  async update(tx: EntityManager, enrollment: Enrollment): Promise<void> {
    inTx(tx);
    const s = enrollment.toSnapshot();
    this.cohorts.enrollments = this.cohorts.enrollments.map((e) => (e.id === s.id ? s : e));
  }
  async internIdsOf(tx: EntityManager, cohortId: string): Promise<Set<string>> {
    inTx(tx);
    return new Set(this.cohorts.enrollments.filter((e) => e.cohortId === cohortId).map((e) => e.internId));
  }
  async completedTasks(tx: EntityManager, enrollmentId: string): Promise<Set<string>> {
    inTx(tx);
    return new Set(this.completions.get(enrollmentId)?.keys() ?? []);
  }
  async insertCompletion(tx: EntityManager, enrollmentId: string, taskId: string, at: Date): Promise<void> {
    inTx(tx);
    const done = new Map(this.completions.get(enrollmentId) ?? []);
    if (!done.has(taskId)) done.set(taskId, at); // ON CONFLICT DO NOTHING
    this.completions.set(enrollmentId, done);
  }
  async extensionsOf(tx: EntityManager, enrollmentId: string): Promise<ExtensionRecord[]> {
    inTx(tx);
    return this.extensions.filter((x) => x.enrollmentId === enrollmentId);
  }
  async insertExtension(tx: EntityManager, record: ExtensionRecord): Promise<boolean> {
    inTx(tx);
    if (record.sourceRef !== null && this.extensions.some((x) => x.sourceRef === record.sourceRef)) return false;
    this.extensions = [...this.extensions, { ...record }];
    return true;
  }
  async hasExtensionFrom(tx: EntityManager, sourceRef: string): Promise<boolean> {
    inTx(tx);
    return this.extensions.some((x) => x.sourceRef === sourceRef);
  }
  async extendedOf(tx: EntityManager, cohortId: string): Promise<Map<string, ExtensionRecord[]>> {
    inTx(tx);
    const ongoing = new Set(
      this.cohorts.enrollments
        .filter((e) => e.cohortId === cohortId && ONGOING_STATUSES.includes(e.status))
        .map((e) => e.id),
    );
    const byEnrollment = new Map<string, ExtensionRecord[]>();
    for (const x of this.extensions.filter((r) => ongoing.has(r.enrollmentId))) {
      byEnrollment.set(x.enrollmentId, [...(byEnrollment.get(x.enrollmentId) ?? []), x]);
    }
    return byEnrollment;
  }
  async deleteExtension(tx: EntityManager, id: string): Promise<void> {
    inTx(tx);
    this.extensions = this.extensions.filter((x) => x.id !== id);
  }
  async appliedDecision(
    tx: EntityManager,
    enrollmentId: string,
    evaluationId: string,
  ): Promise<AppliedDecision | null> {
    inTx(tx);
    return this.decisions.get(`${enrollmentId}/${evaluationId}`) ?? null;
  }
  async recordDecision(tx: EntityManager, d: AppliedDecision): Promise<void> {
    inTx(tx);
    this.decisions = new Map(this.decisions).set(`${d.enrollmentId}/${d.evaluationId}`, { ...d });
  }
  asRepository(): EnrollmentRepository {
    return this as unknown as EnrollmentRepository;
  }
}

/**
 * Slots by id. `claim` and `release` are conditional like the real UPDATEs, and a second booking
 * of one intern in a cohort breaks the (fake) partial unique index. `concurrent` holds slot rows
 * another transaction commits just before this one's next claim or release (a race): they stay
 * whether this transaction commits or not.
 */
export class FakePresentationSlotRepository implements TransactionalStore {
  slots = new Map<string, PresentationSlotSnapshot>();
  concurrent: PresentationSlotSnapshot[] = [];
  private saved: Map<string, PresentationSlotSnapshot> | undefined;

  begin(): void {
    this.saved = new Map(this.slots);
  }
  commit(): void {
    this.saved = undefined;
  }
  rollback(): void {
    if (this.saved) this.slots = this.saved;
    this.saved = undefined;
  }

  /** Puts a slot in place, as if opened earlier. */
  seed(snapshot: PresentationSlotSnapshot): void {
    this.slots.set(snapshot.id, { ...snapshot, panelMentorIds: [...snapshot.panelMentorIds] });
  }

  async find(tx: EntityManager, id: string): Promise<PresentationSlot | null> {
    inTx(tx);
    const s = this.slots.get(id);
    return s ? PresentationSlot.rehydrate(s) : null;
  }
  async ofCohort(tx: EntityManager, cohortId: string): Promise<PresentationSlotSnapshot[]> {
    inTx(tx);
    return [...this.slots.values()]
      .filter((s) => s.cohortId === cohortId)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
  }
  async bookingOf(tx: EntityManager, cohortId: string, internId: string): Promise<PresentationSlot | null> {
    inTx(tx);
    const s = [...this.slots.values()].find((x) => x.cohortId === cohortId && x.bookedBy === internId);
    return s ? PresentationSlot.rehydrate(s) : null;
  }
  async insertMany(tx: EntityManager, slots: readonly PresentationSlot[]): Promise<void> {
    inTx(tx);
    for (const slot of slots) {
      const s = slot.toSnapshot();
      if (this.slots.has(s.id)) throw new Error(`slot ${s.id} inserted twice`);
      this.slots.set(s.id, s);
    }
  }
  async claim(tx: EntityManager, slot: PresentationSlot): Promise<boolean> {
    inTx(tx);
    this.race();
    const s = slot.toSnapshot();
    const stored = this.slots.get(s.id);
    if (!stored || stored.bookedBy !== null || stored.closedAt !== null) return false;
    if ([...this.slots.values()].some((x) => x.cohortId === s.cohortId && x.bookedBy === s.bookedBy)) {
      throw uniqueViolation();
    }
    this.slots.set(s.id, { ...stored, bookedBy: s.bookedBy, bookedAt: s.bookedAt });
    return true;
  }
  async release(tx: EntityManager, slotId: string, internId: string): Promise<boolean> {
    inTx(tx);
    this.race();
    const stored = this.slots.get(slotId);
    if (!stored || stored.bookedBy !== internId) return false;
    this.slots.set(slotId, { ...stored, bookedBy: null, bookedAt: null });
    return true;
  }
  async close(tx: EntityManager, slot: PresentationSlot, bookedBy: string | null): Promise<boolean> {
    inTx(tx);
    this.race();
    const s = slot.toSnapshot();
    const stored = this.slots.get(s.id);
    if (!stored || stored.closedAt !== null || stored.bookedBy !== bookedBy) return false;
    this.slots.set(s.id, {
      ...stored,
      bookedBy: null,
      bookedAt: null,
      closedAt: s.closedAt,
      closedBy: s.closedBy,
      closeReason: s.closeReason,
    });
    return true;
  }
  private race(): void {
    for (const s of this.concurrent.splice(0)) {
      this.slots.set(s.id, s);
      this.saved?.set(s.id, s);
    }
  }
  asRepository(): PresentationSlotRepository {
    return this as unknown as PresentationSlotRepository;
  }
}

export interface FakeRsvp {
  talkId: string;
  internId: string;
  at: Date;
}
export interface FakeAttendance extends FakeRsvp {
  by: string;
}

/** Talks by id, with their RSVP and attendance rows (each unique per talk and intern, as in Postgres). */
export class FakeTechTalkRepository implements TransactionalStore {
  talks = new Map<string, TechTalkSnapshot>();
  rsvps: FakeRsvp[] = [];
  attendance: FakeAttendance[] = [];
  lockedIds: string[] = [];
  private saved: { talks: Map<string, TechTalkSnapshot>; rsvps: FakeRsvp[]; attendance: FakeAttendance[] } | undefined;

  /** `enrollments`: the stored enrollments (the cohort fake's), for the RSVPs of interns still in the program. */
  constructor(private readonly enrollments: () => readonly EnrollmentSnapshot[] = () => []) {}

  begin(): void {
    this.saved = { talks: new Map(this.talks), rsvps: [...this.rsvps], attendance: [...this.attendance] };
  }
  commit(): void {
    this.saved = undefined;
  }
  rollback(): void {
    if (this.saved) ({ talks: this.talks, rsvps: this.rsvps, attendance: this.attendance } = this.saved);
    this.saved = undefined;
  }

  /** Puts a talk in place, as if scheduled earlier. */
  seed(snapshot: TechTalkSnapshot): void {
    this.talks.set(snapshot.id, { ...snapshot });
  }

  async find(tx: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<TechTalk | null> {
    inTx(tx);
    if (options.forUpdate) this.lockedIds.push(id);
    const s = this.talks.get(id);
    return s ? TechTalk.rehydrate(s) : null;
  }
  async insert(tx: EntityManager, talk: TechTalk): Promise<void> {
    inTx(tx);
    const s = talk.toSnapshot();
    if (this.talks.has(s.id)) throw uniqueViolation();
    this.talks.set(s.id, s);
  }
  async updateCounts(tx: EntityManager, talk: TechTalk): Promise<void> {
    inTx(tx);
    const s = talk.toSnapshot();
    const stored = this.talks.get(s.id);
    if (stored) this.talks.set(s.id, { ...stored, rsvpCount: s.rsvpCount, attendanceCount: s.attendanceCount });
  }
  async update(tx: EntityManager, talk: TechTalk): Promise<void> {
    inTx(tx);
    const s = talk.toSnapshot();
    const stored = this.talks.get(s.id);
    if (stored) {
      const { startsAt, durationMinutes, status, sequence, cancellationReason, cancelledBy, cancelledAt } = s;
      this.talks.set(s.id, {
        ...stored,
        ...{ startsAt, durationMinutes, status, sequence, cancellationReason, cancelledBy, cancelledAt },
      });
    }
  }
  async rsvpedInterns(tx: EntityManager, talkId: string): Promise<string[]> {
    inTx(tx);
    const talk = this.talks.get(talkId);
    const ongoing = new Set(
      this.enrollments()
        .filter((e) => e.cohortId === talk?.cohortId && ONGOING_STATUSES.includes(e.status))
        .map((e) => e.internId),
    );
    return this.rsvps
      .filter((r) => r.talkId === talkId && ongoing.has(r.internId))
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.internId.localeCompare(b.internId))
      .map((r) => r.internId);
  }
  async hasRsvp(tx: EntityManager, talkId: string, internId: string): Promise<boolean> {
    inTx(tx);
    return this.rsvps.some((r) => r.talkId === talkId && r.internId === internId);
  }
  async insertRsvp(tx: EntityManager, talkId: string, internId: string, at: Date): Promise<void> {
    inTx(tx);
    if (this.rsvps.some((r) => r.talkId === talkId && r.internId === internId)) throw uniqueViolation();
    this.rsvps = [...this.rsvps, { talkId, internId, at }];
  }
  async attendees(tx: EntityManager, talkId: string): Promise<Set<string>> {
    inTx(tx);
    return new Set(this.attendance.filter((a) => a.talkId === talkId).map((a) => a.internId));
  }
  async insertAttendance(
    tx: EntityManager,
    talkId: string,
    internIds: readonly string[],
    at: Date,
    by: string,
  ): Promise<void> {
    inTx(tx);
    for (const internId of internIds) {
      if (this.attendance.some((a) => a.talkId === talkId && a.internId === internId)) throw uniqueViolation();
    }
    this.attendance = [...this.attendance, ...internIds.map((internId) => ({ talkId, internId, at, by }))];
  }
  asRepository(): TechTalkRepository {
    return this as unknown as TechTalkRepository;
  }
}

/** The MentorRegistered projection: read only in commands. */
export class FakeRegisteredMentorRepository {
  mentorIds = new Set<string>();
  async registered(tx: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    inTx(tx);
    return new Set(ids.filter((id) => this.mentorIds.has(id)));
  }
  asRepository(): RegisteredMentorRepository {
    return this as unknown as RegisteredMentorRepository;
  }
}

export const PM = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };
export const asIntern = (sub: string) => ({ sub, roles: ['INTERN'] });

export const internProps = (internId: string): EnrollInternProps => ({
  internId,
  name: `Intern ${internId}`,
  email: `${internId}@example.com`,
  university: 'TU Berlin',
  degreeLevel: DegreeLevel.MASTERS,
  focusAreas: ['ml'],
  timezone: 'Europe/Berlin',
});

/** Every fake a cohorts command handler is given, over one FakeDataSource. */
export function repositoryFakes(now: Date) {
  const repo = new FakeCohortRepository();
  const enrollments = new FakeEnrollmentRepository(repo);
  const slots = new FakePresentationSlotRepository();
  const talks = new FakeTechTalkRepository(() => repo.enrollments);
  const mentors = new FakeRegisteredMentorRepository();
  const personalData = new FakePersonalDataRepository(repo, enrollments);
  const keys = new FakePersonalDataKeys();
  repo.isErased = (internId) => personalData.isErased('INTERN', internId);
  const clock = new FakeClock(now);
  return {
    repo,
    enrollments,
    slots,
    talks,
    mentors,
    personalData,
    keys,
    clock,
    ...handlerFakes(
      CohortsUnitOfWork,
      [repo, enrollments, slots, talks, personalData, keys],
      [
        [CohortRepository, repo.asRepository()],
        [EnrollmentRepository, enrollments.asRepository()],
        [PresentationSlotRepository, slots.asRepository()],
        [TechTalkRepository, talks.asRepository()],
        [RegisteredMentorRepository, mentors.asRepository()],
        [PersonalDataRepository, personalData.asRepository()],
        [PersonalDataKeys, keys.asKeys()],
        [CLOCK, clock],
        [COHORTS_LOGGER, testLogger()],
      ],
    ),
  };
}

export type RepositoryFakes = ReturnType<typeof repositoryFakes>;

/**
 * Schedules `COHORT` and enrolls `internIds` through the real handlers, then forgets their events,
 * transactions and locks: what a spec sees is its own handler's doing.
 */
export async function scheduledCohort(
  f: RepositoryFakes,
  internIds: readonly string[] = [],
  cohortProps: Partial<ScheduleCohortProps> = {},
): Promise<string> {
  const cohort = await f
    .build(ScheduleCohortHandler)
    .execute(new ScheduleCohortCommand({ ...COHORT, ...cohortProps }, PM));
  const enroll = f.build(EnrollInternHandler);
  for (const internId of internIds) {
    await enroll.execute(new EnrollInternCommand(cohort.id, internProps(internId), PM));
  }
  f.outbox.events = [];
  f.dataSource.transactions = 0;
  f.repo.lockedIds = [];
  return cohort.id;
}

/**
 * What the program clock does at the cohort's start, and on to `week`: the cohort IN_PROGRESS,
 * its ENROLLED interns ONBOARDING, and the clock at `at` (inside that week).
 */
export function startCohort(f: RepositoryFakes, cohortId: string, week: number, at: Date): void {
  const cohort = f.repo.cohorts.get(cohortId)!;
  f.repo.cohorts.set(cohortId, {
    ...cohort,
    status: CohortStatus.IN_PROGRESS,
    currentWeek: week,
    currentPhase: phaseOfWeek(week, cohort.weeks),
    clockAt: null,
  });
  f.repo.enrollments = f.repo.enrollments.map((e) =>
    e.cohortId === cohortId && e.status === EnrollmentStatus.ENROLLED
      ? { ...e, status: EnrollmentStatus.ONBOARDING }
      : e,
  );
  f.clock.current = at;
}

/** The stored enrollment of an intern (throws when there is none, so a spec fails clearly). */
export function enrollmentOf(repo: FakeCohortRepository, cohortId: string, internId: string): EnrollmentSnapshot {
  const e = repo.enrollments.find((x) => x.cohortId === cohortId && x.internId === internId);
  if (!e) throw new Error(`no enrollment of ${internId} in ${cohortId}`);
  return e;
}

/** Changes a stored enrollment, as an earlier command would have. */
export function patchEnrollment(
  repo: FakeCohortRepository,
  cohortId: string,
  internId: string,
  changes: Partial<EnrollmentSnapshot>,
): EnrollmentSnapshot {
  const changed = { ...enrollmentOf(repo, cohortId, internId), ...changes };
  repo.enrollments = repo.enrollments.map((e) => (e.id === changed.id ? changed : e));
  return changed;
}

/** An extension granted earlier by the PM, to put in `FakeEnrollmentRepository.extensions`. */
export function grantedExtension(enrollmentId: string, weeks: number, afterWeek: number): ExtensionRecord {
  return {
    id: randomUUID(),
    enrollmentId,
    weeks,
    afterWeek,
    reason: 'caught up on a delayed dataset',
    source: 'PROGRAM_MANAGER',
    sourceRef: null,
    grantedBy: PM.sub,
    grantedAt: new Date('2027-06-30T10:00:00Z'),
  };
}

/** A slot as opened earlier by the PM (free unless `bookedBy` is given), to `seed` a slot fake. */
export function openedSlot(
  cohortId: string,
  over: Partial<PresentationSlotSnapshot> & Pick<PresentationSlotSnapshot, 'id' | 'startsAt'>,
): PresentationSlotSnapshot {
  return {
    cohortId,
    durationMinutes: 30,
    panelMentorIds: ['mentor-1'],
    bookedBy: null,
    bookedAt: null,
    openedBy: PM.sub,
    openedAt: new Date('2027-05-01T09:00:00Z'),
    closedAt: null,
    closedBy: null,
    closeReason: null,
    ...over,
  };
}

/** A talk as scheduled earlier by the PM, to `seed` a talk fake. */
export function scheduledTalk(
  cohortId: string,
  over: Partial<TechTalkSnapshot> & Pick<TechTalkSnapshot, 'id' | 'startsAt'>,
): TechTalkSnapshot {
  return {
    cohortId,
    title: 'Event sourcing in practice',
    speaker: 'Grace Hopper',
    abstract: null,
    durationMinutes: 60,
    joinUrl: null,
    scheduledBy: PM.sub,
    scheduledAt: new Date('2027-05-01T09:00:00Z'),
    rsvpCount: 0,
    attendanceCount: 0,
    status: TechTalkStatus.SCHEDULED,
    sequence: 0,
    cancellationReason: null,
    cancelledBy: null,
    cancelledAt: null,
    ...over,
  };
}

/** PresentationBookingCancelled.v1 as the outbox keeps it: the booking of `slotId` by `internId` freed. */
export const bookingCancelled = (slotId: string, cohortId: string, internId = 'intern-1') => ({
  type: 'mentorflow.cohorts.PresentationBookingCancelled.v1',
  subject: cohortId,
  data: { slotId, cohortId, internId },
});
