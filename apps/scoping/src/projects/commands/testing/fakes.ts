import type { EntityManager } from 'typeorm';
import { expect } from '@jest/globals';
import type { EventContract } from '#contracts';
import { CLOCK, ConflictError, ValidationError } from '#ddd';

import type { Identity } from '#platform';
import { FAKE_TX, FakeClock, handlerFakes, SnapshotStore, type Constructible } from '#testing';
import type { AssignmentRepository } from '../../../assignments/persistence/assignment.repository.js';
import type { InternOrmEntity } from '../../../program/persistence/intern.orm-entity.js';
import { programKey, type InternProgram, ProgramRepository } from '../../../program/persistence/program.repository.js';
import { NO_MENTORS, type InternMentors } from '../../domain/access.js';
import { MilestoneReport, type ReportState } from '../../domain/milestone-report.js';
import { Project, type ProjectState, primaryMentorDecides } from '../../domain/project.js';
import { aScope } from '../../domain/testing/scope-fixtures.js';
import { MilestoneReportRepository } from '../../persistence/milestone-report.repository.js';
import { isUuid, ProjectRepository } from '../../persistence/project.repository.js';
import { ProjectContextLoader } from '../project-context.js';
import { ProjectsUnitOfWork } from '../unit-of-work.js';

/** In-memory stand-ins for the scoping command handlers' collaborators (handler specs only). */

export const INTERN_ID = 'intern-ada';
export const COHORT_ID = 'cohort-summer';
export const ENROLLMENT_ID = 'enrollment-ada';
export const PRIMARY_ID = 'mentor-grace';
export const CO_MENTOR_ID = 'mentor-alan';

/** Who calls the commands: Ada, another intern, Ada's primary mentor and co-mentor, someone else's mentor. */
export const callers = {
  intern: { sub: INTERN_ID, roles: ['INTERN'] },
  otherIntern: { sub: 'intern-bob', roles: ['INTERN'] },
  primary: { sub: PRIMARY_ID, roles: ['MENTOR'] },
  coMentor: { sub: CO_MENTOR_ID, roles: ['MENTOR'] },
  stranger: { sub: 'mentor-linus', roles: ['MENTOR'] },
  pm: { sub: 'pm-kim', roles: ['PROGRAM_MANAGER'] },
} satisfies Record<string, Identity>;

/** Deterministic UUIDs (the repositories treat anything else as not found). */
export const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
export const PROJECT_ID = uuid(1);

/** Milestone ids uuid(101), uuid(102), … */
export function milestoneIds(): () => string {
  let n = 100;
  return () => uuid(++n);
}

function inTransaction(tx: EntityManager): void {
  if (tx !== FAKE_TX) throw new Error('repository called outside the command transaction');
}

/** Projects as committed snapshots; `save` checks the revision it was loaded at, as the real one does. */
export class FakeProjectRepository extends SnapshotStore<Map<string, ProjectState>> {
  /** Ids locked FOR UPDATE, in order. */
  readonly locked: string[] = [];
  constructor() {
    super(new Map(), (m) => new Map(m));
  }
  get projects(): ReadonlyMap<string, ProjectState> {
    return this.state;
  }
  /** Puts a project in place as earlier, committed commands left it. */
  seed(project: Project): void {
    project.pullDomainEvents();
    this.state.set(project.id, project.snapshot());
  }
  async findById(tx: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<Project | null> {
    inTransaction(tx);
    if (!isUuid(id)) return null;
    if (options.forUpdate) this.locked.push(id);
    const s = this.state.get(id);
    return s ? Project.rehydrate(s) : null;
  }
  async findByIntern(
    tx: EntityManager,
    internId: string,
    cohortId: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Project | null> {
    inTransaction(tx);
    const s = [...this.state.values()].find((p) => p.internId === internId && p.cohortId === cohortId);
    if (s && options.forUpdate) this.locked.push(s.id);
    return s ? Project.rehydrate(s) : null;
  }
  async projectIdOfMilestone(tx: EntityManager, milestoneId: string): Promise<string | null> {
    inTransaction(tx);
    if (!isUuid(milestoneId)) return null;
    const s = [...this.state.values()].find((p) =>
      p.versions.some((v) => v.milestones.some((m) => m.id === milestoneId)),
    );
    return s?.id ?? null;
  }
  async insert(tx: EntityManager, project: Project): Promise<void> {
    inTransaction(tx);
    const s = project.snapshot();
    if ([...this.state.values()].some((p) => p.internId === s.internId && p.cohortId === s.cohortId)) {
      throw new ConflictError('a project for this intern and cohort was created meanwhile');
    }
    this.state.set(s.id, s);
  }
  async save(tx: EntityManager, project: Project): Promise<void> {
    inTransaction(tx);
    if (this.state.get(project.id)?.revision !== project.revisionWhenLoaded) {
      throw new ConflictError(`project ${project.id} was changed meanwhile`);
    }
    this.state.set(project.id, project.snapshot());
  }
  asRepository(): ProjectRepository {
    return this as unknown as ProjectRepository;
  }
}

/** Milestone reports as committed snapshots. */
export class FakeMilestoneReportRepository extends SnapshotStore<Map<string, ReportState>> {
  constructor() {
    super(new Map(), (m) => new Map(m));
  }
  get reports(): ReadonlyMap<string, ReportState> {
    return this.state;
  }
  seed(report: MilestoneReport): void {
    report.pullDomainEvents();
    this.state.set(report.id, report.snapshot());
  }
  async findById(tx: EntityManager, id: string, _options: { forUpdate?: boolean } = {}) {
    inTransaction(tx);
    if (!isUuid(id)) return null;
    const s = this.state.get(id);
    return s ? MilestoneReport.rehydrate(s) : null;
  }
  async forMilestone(tx: EntityManager, milestoneId: string): Promise<ReportState[]> {
    inTransaction(tx);
    return [...this.state.values()].filter((r) => r.milestoneId === milestoneId).sort((a, b) => a.attempt - b.attempt);
  }
  async insert(tx: EntityManager, report: MilestoneReport): Promise<void> {
    inTransaction(tx);
    this.state.set(report.id, report.snapshot());
  }
  async update(tx: EntityManager, report: MilestoneReport): Promise<void> {
    inTransaction(tx);
    this.state.set(report.id, report.snapshot());
  }
  asRepository(): MilestoneReportRepository {
    return this as unknown as MilestoneReportRepository;
  }
}

/** Scoping's read-only projections of the other contexts: enrollments with their program, and assignments. */
export class FakeProjections {
  /** Keyed by programKey, in enrollment order. */
  readonly programs = new Map<string, InternProgram>();
  /** Keyed by programKey. */
  readonly mentors = new Map<string, InternMentors>();

  enroll(over: Partial<InternProgram> = {}): InternProgram {
    const program: InternProgram = {
      internId: INTERN_ID,
      cohortId: COHORT_ID,
      enrollmentId: ENROLLMENT_ID,
      status: 'ENROLLED',
      cohort: { cohortId: COHORT_ID, startDate: '2027-06-07', weeks: 12, timezone: 'Europe/Berlin', currentWeek: 1 },
      grants: [],
      programWeeks: 12,
      ...over,
    };
    this.programs.set(programKey(program.internId, program.cohortId), program);
    return program;
  }
  assign(mentors: InternMentors, internId = INTERN_ID, cohortId = COHORT_ID): void {
    this.mentors.set(programKey(internId, cohortId), mentors);
  }
  /** Changes the intern's program (status, clock, extensions) as a consumed event would. */
  update(over: Partial<InternProgram>, internId = INTERN_ID, cohortId = COHORT_ID): void {
    const key = programKey(internId, cohortId);
    this.programs.set(key, { ...this.programs.get(key)!, ...over });
  }
  /** The cohort's clock reached `currentWeek`. */
  atWeek(currentWeek: number, internId = INTERN_ID, cohortId = COHORT_ID): void {
    const program = this.programs.get(programKey(internId, cohortId))!;
    this.update({ cohort: { ...program.cohort, currentWeek } }, internId, cohortId);
  }

  async latestEnrollment(tx: EntityManager, internId: string): Promise<InternOrmEntity | null> {
    inTransaction(tx);
    const p = [...this.programs.values()].filter((x) => x.internId === internId).at(-1);
    if (!p) return null;
    return {
      internId: p.internId,
      cohortId: p.cohortId,
      enrollmentId: p.enrollmentId,
      name: p.internId,
      enrolledAt: new Date(0),
      status: p.status,
      endedAt: null,
    };
  }
  async program(tx: EntityManager, internId: string, cohortId: string): Promise<InternProgram | null> {
    inTransaction(tx);
    return this.programs.get(programKey(internId, cohortId)) ?? null;
  }
  async mentorsOf(tx: EntityManager, internId: string, cohortId: string): Promise<InternMentors> {
    inTransaction(tx);
    return this.mentors.get(programKey(internId, cohortId)) ?? NO_MENTORS;
  }
  asProgramRepository(): ProgramRepository {
    return this as unknown as ProgramRepository;
  }
  asAssignmentRepository(): AssignmentRepository {
    return this as unknown as AssignmentRepository;
  }
}

/**
 * Everything a scoping handler is given, around intern Ada of one cohort with Grace as primary
 * mentor and Alan as co-mentor. `context` is the real ProjectContextLoader over the projections.
 */
export function scopingFakes(now: Date) {
  const projects = new FakeProjectRepository();
  const reports = new FakeMilestoneReportRepository();
  const projections = new FakeProjections();
  projections.enroll();
  projections.assign({ primaryMentorId: PRIMARY_ID, mentorIds: [PRIMARY_ID, CO_MENTOR_ID] });
  const clock = new FakeClock(now);
  const context = new ProjectContextLoader(projections.asProgramRepository(), projections.asAssignmentRepository());
  return {
    projects,
    reports,
    projections,
    clock,
    context,
    ...handlerFakes(
      ProjectsUnitOfWork,
      [projects, reports],
      [
        [ProjectRepository, projects.asRepository()],
        [MilestoneReportRepository, reports.asRepository()],
        [ProgramRepository, projections.asProgramRepository()],
        [ProjectContextLoader, context],
        [CLOCK, clock],
      ],
    ),
  };
}

export type ProjectStage = 'DRAFT' | 'SUBMITTED' | 'APPROVED';

/**
 * A handler of a project's scope (submit, approve, request changes) over fresh fakes, with Ada's
 * project at `stage`: the fakes, the handler, and the project as stored before the call.
 */
export function scopeHandler<H>(Handler: Constructible<H>, stage: ProjectStage, at: Date, now: Date) {
  const f = scopingFakes(now);
  f.projects.seed(adasProject(stage, at));
  const handler = f.build(Handler);
  const before = f.projects.projects.get(PROJECT_ID);
  /** The command is refused naming `fields`, before any transaction: project and outbox as they were. */
  const expectRefusedInput = async (execution: Promise<unknown>, fields: string[]) => {
    const err = await execution.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations.map((v) => v.field)).toEqual(fields);
    expect(f.projects.projects.get(PROJECT_ID)).toBe(before);
    expect(f.outbox.events).toEqual([]);
    expect(f.dataSource.transactions).toBe(0);
  };
  return { ...f, handler, before, expectRefusedInput };
}

/** Ada's project (PROJECT_ID, scope from aScope: milestones uuid(101) due week 4 and uuid(102) due week 8) at `stage`. */
export function adasProject(stage: ProjectStage, at: Date): Project {
  const p = Project.start(
    { id: PROJECT_ID, internId: INTERN_ID, cohortId: COHORT_ID, enrollmentId: ENROLLMENT_ID },
    aScope(),
    { programWeeks: 12, extensionGrants: 0, newId: milestoneIds() },
    INTERN_ID,
    at,
  );
  if (stage === 'DRAFT') return p;
  p.submit(INTERN_ID, at, undefined, PRIMARY_ID);
  if (stage === 'SUBMITTED') return p;
  p.approve(primaryMentorDecides(PRIMARY_ID), at, undefined, []);
  return p;
}

/** The outbox entry of a `contract` event about version 1 of Ada's project; `data` is the rest of its data. */
export function adasScopeEvent<T extends object>(
  contract: EventContract<T>,
  data: Omit<T, keyof typeof ADAS_VERSION_1>,
) {
  return { type: contract.type, subject: PROJECT_ID, data: { ...ADAS_VERSION_1, ...data } };
}
const ADAS_VERSION_1 = { projectId: PROJECT_ID, cohortId: COHORT_ID, internId: INTERN_ID, version: 1 };
