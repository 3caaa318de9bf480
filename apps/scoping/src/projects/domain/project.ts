import { AggregateRoot, ConflictError, ValidationError } from '#ddd';
import { shiftWeek } from '#calendar';
import type { ExtensionGrant } from '../../program/domain/program-calendar.js';
import type { ProjectDomainEvent, ScopeDeciderRef } from './project-events.js';
import { validateScope, type MilestonePlan, type ScopeContent, type ScopeInput } from './scope-content.js';

/**
 * The status of one scope version. The latest version moves
 * DRAFT → SUBMITTED → (CHANGES_REQUESTED → SUBMITTED)* → APPROVED; an approved version stays in
 * force until a later one is approved, which makes it SUPERSEDED.
 */
export enum ScopeStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  APPROVED = 'APPROVED',
  SUPERSEDED = 'SUPERSEDED',
}

/** What happened to a version, in its history. */
export enum ScopeAction {
  DRAFTED = 'DRAFTED',
  EDITED = 'EDITED',
  SUBMITTED = 'SUBMITTED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  APPROVED = 'APPROVED',
  SUPERSEDED = 'SUPERSEDED',
}

export interface HistoryEntry {
  version: number;
  action: ScopeAction;
  actorId: string;
  at: Date;
  /** The mentor's feedback with CHANGES_REQUESTED. */
  feedback: string | null;
}

export interface ScopeVersionState extends ScopeContent {
  version: number;
  status: ScopeStatus;
  /**
   * How many of the intern's extensions were known when the milestones were last written: the
   * planned due weeks are weeks of that calendar, later extensions move them (see effectiveDueWeek).
   */
  extensionGrantsSeen: number;
  draftedBy: string;
  draftedAt: Date;
  updatedAt: Date;
  submittedBy: string | null;
  submittedAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  feedback: string | null;
}

/**
 * Who decides on a submitted version (approve, request changes): the intern's primary mentor, or
 * a program manager when the intern has none (see access.ts); `primaryMentorId` is the intern's
 * primary mentor at the time (null when there is none), carried by the events.
 */
export interface ScopeDecider extends ScopeDeciderRef {
  primaryMentorId: string | null;
}

/** The intern's primary mentor deciding. */
export function primaryMentorDecides(mentorId: string): ScopeDecider {
  return { id: mentorId, role: 'MENTOR', primaryMentorId: mentorId };
}

export interface ProjectState {
  id: string;
  internId: string;
  cohortId: string;
  enrollmentId: string;
  /** Bumped by every change: the optimistic concurrency token clients send back as expectedRevision. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  /** Oldest first; version numbers are 1, 2, … */
  versions: ScopeVersionState[];
  history: HistoryEntry[];
}

/** What drafting needs to know of the intern's program. */
export interface DraftContext {
  /** The intern's program length: the cohort's weeks plus their extension. */
  programWeeks: number;
  /** How many extensions of the intern are known now. */
  extensionGrants: number;
  newId: () => string;
}

export type DraftOutcome = 'CREATED' | 'EDITED' | 'NEW_VERSION';

const EDITABLE = new Set([ScopeStatus.DRAFT, ScopeStatus.CHANGES_REQUESTED]);
const MAX_FEEDBACK = 10_000;

/** The week a milestone of a version is due in the intern's current calendar. */
export function effectiveDueWeek(
  milestone: Pick<MilestonePlan, 'dueWeek'>,
  version: Pick<ScopeVersionState, 'extensionGrantsSeen'>,
  grants: readonly ExtensionGrant[],
): number {
  return shiftWeek(milestone.dueWeek, grants.slice(version.extensionGrantsSeen));
}

/**
 * The input's own check of an expectedRevision: left out (undefined or null, where a command
 * allows that) or a whole number ≥ 0, else a ValidationError on `expectedRevision`. Whether it is
 * stale is the project's to say (a CONFLICT).
 */
export function validateExpectedRevision(expected: unknown): number | undefined {
  if (expected === undefined || expected === null) return undefined;
  if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 0) {
    throw ValidationError.field('expectedRevision', 'must be a whole number: the revision you last read');
  }
  return expected;
}

/** The primary mentor's feedback when sending a scope back: required, returned trimmed. */
export function validateScopeFeedback(feedback: unknown): string {
  const text = typeof feedback === 'string' ? feedback.trim() : '';
  if (!text) throw ValidationError.field('feedback', 'is required: say what should change');
  if (text.length > MAX_FEEDBACK) throw ValidationError.field('feedback', `must be at most ${MAX_FEEDBACK} characters`);
  return text;
}

function cloneVersion(v: ScopeVersionState): ScopeVersionState {
  return {
    ...v,
    objectives: [...v.objectives],
    deliverables: [...v.deliverables],
    successMetrics: v.successMetrics.map((m) => ({ ...m })),
    milestones: v.milestones.map((m) => ({ ...m, acceptanceCriteria: [...m.acceptanceCriteria] })),
  };
}

/**
 * An intern's project in one cohort: its versioned scope. Who may act is decided before these
 * methods are called (see access.ts); they enforce the state machine, the version rules and
 * optimistic concurrency, and record domain events.
 */
export class Project extends AggregateRoot<ProjectDomainEvent> {
  /** Versions changed since the aggregate was loaded (to save). */
  readonly touchedVersions = new Set<number>();
  /** History entries recorded since the aggregate was loaded (to append). */
  readonly newHistory: HistoryEntry[] = [];
  private readonly loadedRevision: number;

  private constructor(private state: ProjectState) {
    super();
    this.loadedRevision = state.revision;
  }

  static rehydrate(state: ProjectState): Project {
    return new Project({ ...state, versions: state.versions.map(cloneVersion), history: [...state.history] });
  }

  /** The intern's first draft: the project with version 1 in DRAFT. */
  static start(
    ids: { id: string; internId: string; cohortId: string; enrollmentId: string },
    input: ScopeInput,
    ctx: DraftContext,
    actorId: string,
    now: Date,
  ): Project {
    const content = validateScope(input, {
      programWeeks: ctx.programWeeks,
      knownMilestoneIds: new Set(),
      baseMilestones: [],
      newId: ctx.newId,
    });
    const project = new Project({
      ...ids,
      revision: 0,
      createdAt: now,
      updatedAt: now,
      versions: [],
      history: [],
    });
    project.openVersion(content, ctx.extensionGrants, actorId, now);
    project.bump(now);
    return project;
  }

  get id(): string {
    return this.state.id;
  }
  get internId(): string {
    return this.state.internId;
  }
  get cohortId(): string {
    return this.state.cohortId;
  }
  get revision(): number {
    return this.state.revision;
  }
  /** The revision the aggregate had when it was loaded (0 for a new one): the repository's guard. */
  get revisionWhenLoaded(): number {
    return this.loadedRevision;
  }
  get latest(): ScopeVersionState {
    return this.state.versions[this.state.versions.length - 1]!;
  }
  /** The version in force: the approved one, if any. */
  get inForce(): ScopeVersionState | undefined {
    return this.state.versions.find((v) => v.status === ScopeStatus.APPROVED);
  }
  get status(): ScopeStatus {
    return this.latest.status;
  }
  version(n: number): ScopeVersionState | undefined {
    return this.state.versions.find((v) => v.version === n);
  }

  /**
   * Drafting again: edits the latest version while it is DRAFT or CHANGES_REQUESTED (its status
   * stays), or opens version N+1 when the latest is APPROVED (the approved one stays in force
   * until N+1 is approved). A SUBMITTED version awaits its review: CONFLICT.
   */
  draft(input: ScopeInput, ctx: DraftContext, actorId: string, now: Date, expectedRevision: unknown): DraftOutcome {
    this.checkRevision(expectedRevision);
    const latest = this.latest;
    if (latest.status === ScopeStatus.SUBMITTED) {
      throw new ConflictError(
        `version ${latest.version} of the scope is SUBMITTED and awaits the primary mentor's review: it cannot be edited now`,
      );
    }
    const editing = EDITABLE.has(latest.status);
    // An edit builds on the version being edited, a revision on the version in force.
    const base = editing ? latest : (this.inForce ?? latest);
    const content = validateScope(input, {
      programWeeks: ctx.programWeeks,
      knownMilestoneIds: new Set(this.state.versions.flatMap((v) => v.milestones.map((m) => m.id))),
      baseMilestones: base.milestones,
      newId: ctx.newId,
    });
    if (editing) {
      Object.assign(latest, content, { extensionGrantsSeen: ctx.extensionGrants, updatedAt: now });
      this.touchedVersions.add(latest.version);
      this.addHistory(latest.version, ScopeAction.EDITED, actorId, now);
      this.record({
        name: 'ProjectScopeDrafted',
        ...this.ref(),
        version: latest.version,
        title: latest.title,
        edited: true,
      });
      this.bump(now);
      return 'EDITED';
    }
    this.openVersion(content, ctx.extensionGrants, actorId, now);
    this.bump(now);
    return 'NEW_VERSION';
  }

  /** DRAFT or CHANGES_REQUESTED → SUBMITTED, for the primary mentor's review. */
  submit(actorId: string, now: Date, expectedRevision: unknown, primaryMentorId: string | null): void {
    this.checkRevision(expectedRevision);
    const latest = this.latest;
    if (!EDITABLE.has(latest.status)) {
      throw new ConflictError(
        `version ${latest.version} of the scope is ${latest.status}: only a DRAFT or CHANGES_REQUESTED version can be submitted`,
      );
    }
    latest.status = ScopeStatus.SUBMITTED;
    latest.submittedBy = actorId;
    latest.submittedAt = now;
    latest.updatedAt = now;
    this.touchedVersions.add(latest.version);
    this.addHistory(latest.version, ScopeAction.SUBMITTED, actorId, now);
    this.record({ name: 'ProjectScopeSubmitted', ...this.ref(), version: latest.version, primaryMentorId });
    this.bump(now);
  }

  /** SUBMITTED → CHANGES_REQUESTED with the decider's feedback (required). */
  requestChanges(decider: ScopeDecider, feedback: unknown, now: Date, expectedRevision: unknown): void {
    const actorId = decider.id;
    const text = validateScopeFeedback(feedback);
    this.checkRevision(expectedRevision);
    const latest = this.requireSubmitted('request changes to');
    latest.status = ScopeStatus.CHANGES_REQUESTED;
    latest.decidedBy = actorId;
    latest.decidedAt = now;
    latest.feedback = text;
    latest.updatedAt = now;
    this.touchedVersions.add(latest.version);
    this.addHistory(latest.version, ScopeAction.CHANGES_REQUESTED, actorId, now, text);
    this.record({
      name: 'ProjectScopeChangesRequested',
      ...this.ref(),
      version: latest.version,
      mentorId: decider.primaryMentorId,
      requestedBy: { id: decider.id, role: decider.role },
      feedback: text,
    });
    this.bump(now);
  }

  /** SUBMITTED → APPROVED: the version comes into force and the one in force before is SUPERSEDED. */
  approve(decider: ScopeDecider, now: Date, expectedRevision: unknown, grants: readonly ExtensionGrant[]): void {
    const actorId = decider.id;
    this.checkRevision(expectedRevision);
    const latest = this.requireSubmitted('approve');
    const previous = this.inForce;
    if (previous) {
      previous.status = ScopeStatus.SUPERSEDED;
      previous.updatedAt = now;
      this.touchedVersions.add(previous.version);
      this.addHistory(previous.version, ScopeAction.SUPERSEDED, actorId, now);
    }
    latest.status = ScopeStatus.APPROVED;
    latest.decidedBy = actorId;
    latest.decidedAt = now;
    latest.feedback = null;
    latest.updatedAt = now;
    this.touchedVersions.add(latest.version);
    this.addHistory(latest.version, ScopeAction.APPROVED, actorId, now);
    this.record({
      name: 'ProjectScopeApproved',
      ...this.ref(),
      version: latest.version,
      mentorId: decider.primaryMentorId,
      approvedBy: { id: decider.id, role: decider.role },
      milestones: latest.milestones.map((m) => ({
        milestoneId: m.id,
        title: m.title,
        dueWeek: effectiveDueWeek(m, latest, grants),
      })),
    });
    this.bump(now);
  }

  snapshot(): ProjectState {
    return {
      ...this.state,
      versions: this.state.versions.map(cloneVersion),
      history: this.state.history.map((h) => ({ ...h })),
    };
  }

  private openVersion(content: ScopeContent, extensionGrants: number, actorId: string, now: Date): void {
    const version = this.state.versions.length + 1;
    this.state.versions.push({
      ...content,
      version,
      status: ScopeStatus.DRAFT,
      extensionGrantsSeen: extensionGrants,
      draftedBy: actorId,
      draftedAt: now,
      updatedAt: now,
      submittedBy: null,
      submittedAt: null,
      decidedBy: null,
      decidedAt: null,
      feedback: null,
    });
    this.touchedVersions.add(version);
    this.addHistory(version, ScopeAction.DRAFTED, actorId, now);
    this.record({ name: 'ProjectScopeDrafted', ...this.ref(), version, title: content.title, edited: false });
  }

  private ref(): { projectId: string; internId: string; cohortId: string } {
    return { projectId: this.state.id, internId: this.state.internId, cohortId: this.state.cohortId };
  }

  private requireSubmitted(what: string): ScopeVersionState {
    const latest = this.latest;
    if (latest.status !== ScopeStatus.SUBMITTED) {
      throw new ConflictError(
        `version ${latest.version} of the scope is ${latest.status}: only a SUBMITTED version can be ${what === 'approve' ? 'approved' : 'sent back with changes requested'}`,
      );
    }
    return latest;
  }

  /** A stale expectedRevision is a CONFLICT; leaving it out (where allowed) skips the check. */
  private checkRevision(input: unknown): void {
    const expected = validateExpectedRevision(input);
    if (expected === undefined) return;
    if (expected !== this.state.revision) {
      throw new ConflictError(
        `stale revision: you sent expectedRevision ${expected}, but the project is at revision ${this.state.revision}; reload it and apply your change again`,
      );
    }
  }

  private addHistory(
    version: number,
    action: ScopeAction,
    actorId: string,
    at: Date,
    feedback: string | null = null,
  ): void {
    const entry = { version, action, actorId, at, feedback };
    this.state.history.push(entry);
    this.newHistory.push(entry);
  }

  private bump(now: Date): void {
    this.state.revision += 1;
    this.state.updatedAt = now;
  }
}
