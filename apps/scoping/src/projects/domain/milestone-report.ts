import { AggregateRoot, ConflictError, Violations } from '#ddd';
import { meetsTarget, type Comparator } from './metric-target.js';
import type { ReportDomainEvent } from './project-events.js';
import type { ScopeVersionState } from './project.js';

export enum ReportStatus {
  /** Awaiting a mentor's review. */
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REVISION_REQUESTED = 'REVISION_REQUESTED',
}

export enum ReviewDecision {
  ACCEPTED = 'ACCEPTED',
  REVISION_REQUESTED = 'REVISION_REQUESTED',
}

export const REPORT_LIMITS = { summary: 10_000, item: 2_000, list: 20, url: 2_000, feedback: 10_000 } as const;

/** A reported value of one of the scope's success metrics, with the target it was measured against. */
export interface MetricResult {
  name: string;
  value: number;
  target: string;
  unit: string;
  comparator: Comparator | null;
  /** null when the target has no comparator. */
  meetsTarget: boolean | null;
}

export interface ReportState {
  id: string;
  projectId: string;
  milestoneId: string;
  internId: string;
  cohortId: string;
  /** The scope version in force when the report was submitted. */
  scopeVersion: number;
  /** 1 for the first report on the milestone, 2 for the resubmission after a revision request, … */
  attempt: number;
  status: ReportStatus;
  summary: string;
  metricResults: MetricResult[];
  links: string[];
  blockers: string[];
  nextSteps: string[];
  /** The milestone's due week in the intern's own calendar when the report came in. */
  dueWeek: number;
  /** The intern's program week when the report came in (0 before the cohort started). */
  submittedWeek: number;
  /** Submitted after the end of its due week. */
  late: boolean;
  submittedBy: string;
  submittedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  feedback: string | null;
}

/** What a client sends (unchecked). */
export interface ReportInput {
  summary: unknown;
  metricResults?: unknown;
  links?: unknown;
  blockers?: unknown;
  nextSteps?: unknown;
}

export interface SubmitReportContext {
  id: string;
  project: { id: string; internId: string; cohortId: string };
  /** The version in force (undefined before the first approval). */
  inForce: ScopeVersionState | undefined;
  milestoneId: string;
  /** The earlier reports on this milestone, any order. */
  previousReports: readonly Pick<ReportState, 'status' | 'attempt'>[];
  /** The milestone's effective due week (the intern's own calendar). */
  dueWeek: number;
  /** The intern's program week now, from the cohort's clock events. */
  currentWeek: number;
  actorId: string;
  now: Date;
}

/** An http(s) URL with a host. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}

function textList(v: Violations, value: unknown, field: string, max: number): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    v.add(field, 'must be a list');
    return [];
  }
  if (value.length > REPORT_LIMITS.list) v.add(field, `takes at most ${REPORT_LIMITS.list} entries`);
  return value.slice(0, REPORT_LIMITS.list).map((item, i) => {
    if (typeof item !== 'string' || !item.trim()) {
      v.add(`${field}[${i}]`, 'must not be empty');
      return '';
    }
    if (item.trim().length > max) v.add(`${field}[${i}]`, `must be at most ${max} characters`);
    return item.trim();
  });
}

/**
 * The checks a report passes on its own, before the project is read: everything MilestoneReport.submit
 * checks of its input except whether each metric result names a success metric of the scope in
 * force (once). Throws one ValidationError with every such violation.
 */
export function checkReportInput(input: ReportInput): void {
  inspectReport(input, undefined).violations.throwIfAny();
}

/**
 * Every rule of a report's input, in one pass (violations in field order). Without the version in
 * force (the input on its own) metric names are not matched against its success metrics.
 */
function inspectReport(input: ReportInput, inForce: Pick<ScopeVersionState, 'successMetrics'> | undefined) {
  const v = new Violations();
  let summary = '';
  if (typeof input.summary !== 'string' || !input.summary.trim()) v.add('summary', 'is required');
  else if (input.summary.trim().length > REPORT_LIMITS.summary) {
    v.add('summary', `must be at most ${REPORT_LIMITS.summary} characters`);
  } else summary = input.summary.trim();

  const metrics = new Map((inForce?.successMetrics ?? []).map((m) => [m.name.toLowerCase(), m]));
  const metricResults: MetricResult[] = [];
  const seen = new Map<string, number>();
  const rawResults = input.metricResults ?? [];
  if (!Array.isArray(rawResults)) v.add('metricResults', 'must be a list');
  else {
    rawResults.forEach((raw: unknown, i) => {
      const at = `metricResults[${i}]`;
      const r = (typeof raw === 'object' && raw !== null ? raw : {}) as { name?: unknown; value?: unknown };
      const name = typeof r.name === 'string' ? r.name.trim() : '';
      const metric = metrics.get(name.toLowerCase());
      if (!name) v.add(`${at}.name`, 'is required');
      else if (inForce) {
        // Which metrics there are is known only with the version in force.
        if (!metric) {
          v.add(
            `${at}.name`,
            `is not a success metric of the scope in force (${inForce.successMetrics.map((m) => `"${m.name}"`).join(', ')})`,
          );
        } else if (seen.has(metric.name)) v.add(`${at}.name`, `repeats metricResults[${seen.get(metric.name)}].name`);
        else seen.set(metric.name, i);
      }
      if (typeof r.value !== 'number' || !Number.isFinite(r.value)) v.add(`${at}.value`, 'must be a number');
      if (metric && typeof r.value === 'number' && Number.isFinite(r.value)) {
        metricResults.push({
          name: metric.name,
          value: r.value,
          target: metric.target,
          unit: metric.unit,
          comparator: metric.comparator,
          meetsTarget: meetsTarget({ comparator: metric.comparator, value: metric.targetValue, suffix: null }, r.value),
        });
      }
    });
  }
  const links = textList(v, input.links, 'links', REPORT_LIMITS.url);
  links.forEach((link, i) => {
    if (link && !isWebUrl(link)) v.add(`links[${i}]`, 'must be a URL starting with http:// or https://');
  });
  const blockers = textList(v, input.blockers, 'blockers', REPORT_LIMITS.item);
  const nextSteps = textList(v, input.nextSteps, 'nextSteps', REPORT_LIMITS.item);
  return { violations: v, summary, metricResults, links, blockers, nextSteps };
}

/**
 * A review's input: ACCEPTED, or REVISION_REQUESTED with feedback (returned trimmed, null when
 * none); else one ValidationError naming `decision` and/or `feedback`.
 */
export function validateReview(
  decision: unknown,
  feedback: unknown,
): { decision: ReviewDecision; feedback: string | null } {
  const v = new Violations();
  const valid = decision === ReviewDecision.ACCEPTED || decision === ReviewDecision.REVISION_REQUESTED;
  if (!valid) v.add('decision', 'must be ACCEPTED or REVISION_REQUESTED');
  let text: string | null = null;
  if (feedback !== undefined && feedback !== null) {
    if (typeof feedback !== 'string') v.add('feedback', 'must be text');
    else if (feedback.trim().length > REPORT_LIMITS.feedback) {
      v.add('feedback', `must be at most ${REPORT_LIMITS.feedback} characters`);
    } else text = feedback.trim() || null;
  }
  if (decision === ReviewDecision.REVISION_REQUESTED && !text) {
    v.add('feedback', 'is required when requesting a revision: say what to change');
  }
  v.throwIfAny();
  return { decision: decision as ReviewDecision, feedback: text };
}

/**
 * A milestone report: submitted by the intern against a milestone of the scope in force, reviewed
 * by one of their mentors (ACCEPTED, or REVISION_REQUESTED with feedback, after which the intern
 * submits a new report: the next attempt).
 */
export class MilestoneReport extends AggregateRoot<ReportDomainEvent> {
  private constructor(private state: ReportState) {
    super();
  }

  static rehydrate(state: ReportState): MilestoneReport {
    return new MilestoneReport({ ...state });
  }

  /**
   * Refused with CONFLICT while the scope has no approved version, for a milestone that is not in
   * the version in force, while an earlier report awaits review, and once one was accepted.
   * Bad input is refused with every violation named: a summary; metric results only for the
   * scope's metrics (each once, a finite number); links as http(s) URLs; no empty entries.
   */
  static submit(input: ReportInput, ctx: SubmitReportContext): MilestoneReport {
    const inForce = ctx.inForce;
    if (!inForce) {
      throw new ConflictError(
        'the scope has no approved version yet: milestone reports come once a version is approved',
      );
    }
    if (!inForce.milestones.some((m) => m.id === ctx.milestoneId)) {
      throw new ConflictError(
        `milestone ${ctx.milestoneId} is not part of the scope in force (version ${inForce.version}): report on its milestones`,
      );
    }
    const last = [...ctx.previousReports].sort((a, b) => a.attempt - b.attempt).at(-1);
    if (ctx.previousReports.some((r) => r.status === ReportStatus.ACCEPTED)) {
      throw new ConflictError(`milestone ${ctx.milestoneId} already has an accepted report`);
    }
    if (last?.status === ReportStatus.SUBMITTED) {
      throw new ConflictError(
        `the report on milestone ${ctx.milestoneId} awaits a mentor's review: resubmit after a revision is requested`,
      );
    }

    const { violations, summary, metricResults, links, blockers, nextSteps } = inspectReport(input, inForce);
    violations.throwIfAny();

    const late = ctx.currentWeek > ctx.dueWeek;
    const report = new MilestoneReport({
      id: ctx.id,
      projectId: ctx.project.id,
      milestoneId: ctx.milestoneId,
      internId: ctx.project.internId,
      cohortId: ctx.project.cohortId,
      scopeVersion: inForce.version,
      attempt: (last?.attempt ?? 0) + 1,
      status: ReportStatus.SUBMITTED,
      summary,
      metricResults,
      links,
      blockers,
      nextSteps,
      dueWeek: ctx.dueWeek,
      submittedWeek: ctx.currentWeek,
      late,
      submittedBy: ctx.actorId,
      submittedAt: ctx.now,
      reviewedBy: null,
      reviewedAt: null,
      feedback: null,
    });
    report.record({
      name: 'MilestoneReportSubmitted',
      ...report.ref(),
      reportId: ctx.id,
      milestoneId: ctx.milestoneId,
      dueWeek: ctx.dueWeek,
      late,
      submittedAt: ctx.now,
    });
    return report;
  }

  get id(): string {
    return this.state.id;
  }
  get status(): ReportStatus {
    return this.state.status;
  }
  get internId(): string {
    return this.state.internId;
  }

  /** SUBMITTED → ACCEPTED or REVISION_REQUESTED (feedback required for a revision). */
  review(decision: unknown, feedback: unknown, reviewerId: string, now: Date): void {
    const { decision: d, feedback: text } = validateReview(decision, feedback);
    if (this.state.status !== ReportStatus.SUBMITTED) {
      throw new ConflictError(
        `report ${this.state.id} is ${this.state.status}: only a SUBMITTED report can be reviewed`,
      );
    }
    this.state = {
      ...this.state,
      status: d === ReviewDecision.ACCEPTED ? ReportStatus.ACCEPTED : ReportStatus.REVISION_REQUESTED,
      reviewedBy: reviewerId,
      reviewedAt: now,
      feedback: text,
    };
    this.record({
      name: 'MilestoneReportReviewed',
      ...this.ref(),
      reportId: this.state.id,
      milestoneId: this.state.milestoneId,
      mentorId: reviewerId,
      dueWeek: this.state.dueWeek,
      decision: d,
    });
  }

  snapshot(): ReportState {
    return { ...this.state, metricResults: this.state.metricResults.map((m) => ({ ...m })) };
  }

  private ref(): { projectId: string; internId: string; cohortId: string } {
    return { projectId: this.state.projectId, internId: this.state.internId, cohortId: this.state.cohortId };
  }
}
