import {
  CheckInMissedV1,
  EvaluationDueV1,
  FinalOutcomeRecordedV1,
  InternRiskChangedV1,
  MentorAssignedV1,
  MidpointDecisionMadeV1,
  MilestoneOverdueV1,
  MilestoneReportReviewedV1,
  MilestoneReportSubmittedV1,
  PresentationSlotBookedV1,
  ProjectScopeApprovedV1,
  ProjectScopeChangesRequestedV1,
  ProjectScopeOverdueV1,
  ProjectScopeSubmittedV1,
  eventTable,
} from '#contracts';

/** Who reads a notification: one user (their `sub`), or every program manager. */
export type Audience = { user: string } | { role: 'PROGRAM_MANAGER' };

export const PM_AUDIENCE = 'role:PROGRAM_MANAGER';

export function audienceKey(audience: Audience): string {
  return 'user' in audience ? `user:${audience.user}` : `role:${audience.role}`;
}

/** The audiences a signed-in person reads: their own, plus the program managers' when they are one. */
export function audiencesOf(identity: { sub: string; roles: readonly string[] }): string[] {
  return [`user:${identity.sub}`, ...(identity.roles.includes('PROGRAM_MANAGER') ? [PM_AUDIENCE] : [])];
}

export const NOTIFICATION_TYPES = [
  'MENTOR_ASSIGNED',
  'SCOPE_TO_APPROVE',
  'SCOPE_APPROVED',
  'SCOPE_CHANGES_REQUESTED',
  'SCOPE_OVERDUE',
  'REPORT_TO_REVIEW',
  'REPORT_REVIEWED',
  'MILESTONE_OVERDUE',
  'CHECK_IN_MISSED',
  'EVALUATION_DUE',
  'MIDPOINT_DECISION',
  'FINAL_OUTCOME',
  'INTERN_AT_RISK',
  'PRESENTATION_BOOKED',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface NotificationDraft {
  audience: Audience;
  type: NotificationType;
  title: string;
  body: string;
  cohortId?: string;
  internId?: string;
  /** The thing to open: a project, a report, an evaluation, a slot. */
  subjectId?: string;
}

/** What routing needs to know of people, from the gateway's own projections. */
export interface Directory {
  /** The intern's current mentors. */
  mentorsOf(internId: string): Promise<{ mentorId: string; role: 'PRIMARY' | 'CO_MENTOR' }[]>;
  internName(internId: string): Promise<string | undefined>;
}

export interface RoutableEvent {
  type: string;
  data: unknown;
}

const TITLE_MAX = 200;
const BODY_MAX = 1000;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const user = (id: string): Audience => ({ user: id });

/** What a notification is about: the intern's cohort, the intern, and the thing to open (when there is one). */
const about = (d: { cohortId: string; internId: string }, subjectId?: string | null) => ({
  cohortId: d.cohortId,
  internId: d.internId,
  ...(subjectId ? { subjectId } : {}),
});
const PMS: Audience = { role: 'PROGRAM_MANAGER' };

/** The same notice to each user named (none for a recipient not known). */
const toEach = (
  userIds: (string | null | undefined)[],
  notice: Omit<NotificationDraft, 'audience'>,
): NotificationDraft[] => userIds.filter((id): id is string => !!id).map((id) => ({ audience: user(id), ...notice }));

/**
 * The notifications one consumed event becomes, one per recipient: a scope to approve for the
 * primary mentor, a report to review for the intern's mentors, decisions and reviews for the
 * intern, an intern turning RED for every program manager (and their mentors), and so on.
 * Events nobody needs to act on become none.
 */
export async function routeEvent(event: RoutableEvent, directory: Directory): Promise<NotificationDraft[]> {
  const drafts = await route(event, directory);
  // One per recipient and type, even when a person holds two roles in the event.
  const seen = new Set<string>();
  return drafts
    .filter((d) => {
      const key = `${audienceKey(d.audience)}|${d.type}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((d) => ({ ...d, title: clip(d.title, TITLE_MAX), body: clip(d.body, BODY_MAX) }));
}

/** What an entry of the routing table may ask: the directory, and an intern's name (their id when unknown). */
interface RouteContext {
  directory: Directory;
  nameOf(internId: string): Promise<string>;
  /** The intern's primary mentor in the gateway's projection, when they have one. */
  primaryOf(internId: string): Promise<string | undefined>;
}

/** The events that notify someone: one entry each in ROUTES, checked by the compiler. */
type RoutedContract =
  | typeof MentorAssignedV1
  | typeof ProjectScopeSubmittedV1
  | typeof ProjectScopeApprovedV1
  | typeof ProjectScopeChangesRequestedV1
  | typeof ProjectScopeOverdueV1
  | typeof MilestoneReportSubmittedV1
  | typeof MilestoneReportReviewedV1
  | typeof MilestoneOverdueV1
  | typeof CheckInMissedV1
  | typeof EvaluationDueV1
  | typeof MidpointDecisionMadeV1
  | typeof FinalOutcomeRecordedV1
  | typeof InternRiskChangedV1
  | typeof PresentationSlotBookedV1;

const ROUTES = eventTable<RoutedContract, [RouteContext], Promise<NotificationDraft[]>>({
  [MentorAssignedV1.type]: async (d, { nameOf }) => {
    const role = d.role === 'PRIMARY' ? 'primary mentor' : 'co-mentor';
    return [
      {
        audience: user(d.mentorId),
        type: 'MENTOR_ASSIGNED',
        title: `You are now ${await nameOf(d.internId)}'s ${role}`,
        body: `You were assigned to ${await nameOf(d.internId)} as ${role}.`,
        ...about(d, d.assignmentId),
      },
      {
        audience: user(d.internId),
        type: 'MENTOR_ASSIGNED',
        title: `You have a new ${role}`,
        body: `Mentor ${d.mentorId} was assigned to you as ${role}.`,
        ...about(d, d.assignmentId),
      },
    ];
  },
  [ProjectScopeSubmittedV1.type]: async (d, { nameOf, primaryOf }) => {
    const primary = d.primaryMentorId ?? (await primaryOf(d.internId));
    if (!primary) return [];
    return [
      {
        audience: user(primary),
        type: 'SCOPE_TO_APPROVE',
        title: `A project scope to approve: ${await nameOf(d.internId)}`,
        body: `${await nameOf(d.internId)} submitted version ${d.version} of their project scope for your approval.`,
        ...about(d, d.projectId),
      },
    ];
  },
  [ProjectScopeApprovedV1.type]: async (d) => {
    return [
      {
        audience: user(d.internId),
        type: 'SCOPE_APPROVED',
        title: 'Your project scope was approved',
        body: `Version ${d.version} of your project scope was approved, with ${d.milestones.length} milestone(s).`,
        ...about(d, d.projectId),
      },
    ];
  },
  [ProjectScopeChangesRequestedV1.type]: async (d) => {
    return [
      {
        audience: user(d.internId),
        type: 'SCOPE_CHANGES_REQUESTED',
        title: 'Changes requested on your project scope',
        body: `Your mentor asked for changes to version ${d.version}: ${d.feedback}`,
        ...about(d, d.projectId),
      },
    ];
  },
  [ProjectScopeOverdueV1.type]: async (d, { nameOf, primaryOf }) => {
    const news = {
      type: 'SCOPE_OVERDUE',
      body: `No project scope was approved by the end of week ${d.dueWeek}.`,
      ...about(d, d.projectId),
    } as const;
    return [
      ...toEach([d.internId], { ...news, title: 'Your project scope is overdue' }),
      ...toEach([await primaryOf(d.internId)], {
        ...news,
        title: `${await nameOf(d.internId)}'s project scope is overdue`,
      }),
    ];
  },
  [MilestoneReportSubmittedV1.type]: async (d, { directory, nameOf }) => {
    const name = await nameOf(d.internId);
    return (await directory.mentorsOf(d.internId)).map((m) => ({
      audience: user(m.mentorId),
      type: 'REPORT_TO_REVIEW' as const,
      title: `A milestone report to review: ${name}`,
      body: `${name} submitted the report for the milestone due in week ${d.dueWeek}${d.late ? ' (late)' : ''}.`,
      ...about(d, d.reportId),
    }));
  },
  [MilestoneReportReviewedV1.type]: async (d) => {
    const accepted = d.decision === 'ACCEPTED';
    return [
      {
        audience: user(d.internId),
        type: 'REPORT_REVIEWED',
        title: accepted ? 'Your milestone report was accepted' : 'A revision of your milestone report was requested',
        body: `Your report for the milestone due in week ${d.dueWeek} was reviewed: ${accepted ? 'accepted' : 'revision requested'}.`,
        ...about(d, d.reportId),
      },
    ];
  },
  [MilestoneOverdueV1.type]: async (d, { directory, nameOf }) => {
    const news = {
      type: 'MILESTONE_OVERDUE',
      body: `The milestone due in week ${d.dueWeek} has no accepted report.`,
      ...about(d, d.milestoneId),
    } as const;
    const mentors = (await directory.mentorsOf(d.internId)).map((m) => m.mentorId);
    return [
      ...toEach([d.internId], { ...news, title: 'A milestone is overdue' }),
      ...toEach(mentors, { ...news, title: `${await nameOf(d.internId)}'s milestone is overdue` }),
    ];
  },
  [CheckInMissedV1.type]: async (d, { nameOf }) => {
    const name = await nameOf(d.internId);
    return [
      {
        audience: user(d.mentorId),
        type: 'CHECK_IN_MISSED',
        title: `Missed check-in with ${name}`,
        body: `No check-in with ${name} was logged in week ${d.week}.`,
        ...about(d),
      },
      {
        audience: PMS,
        type: 'CHECK_IN_MISSED',
        title: `Missed check-in: ${name}`,
        body: `Mentor ${d.mentorId} logged no check-in with ${name} in week ${d.week}.`,
        ...about(d),
      },
    ];
  },
  [EvaluationDueV1.type]: async (d, { nameOf, primaryOf }) => {
    // The intern's own window (moved by their extensions), for the intern and the mentor who writes it.
    const cycle = d.cycle === 'MIDPOINT' ? 'midpoint' : 'final';
    const by = d.endsOn ? ` by ${d.endsOn}` : '';
    const name = await nameOf(d.internId);
    return [
      ...toEach([d.internId], {
        type: 'EVALUATION_DUE',
        title: `Your ${cycle} self-evaluation is due`,
        body: `Week ${d.week}: your ${cycle} evaluation window is open. Write your self-evaluation${by}.`,
        ...about(d),
      }),
      ...toEach([d.mentorId ?? (await primaryOf(d.internId))], {
        type: 'EVALUATION_DUE',
        title: `A ${cycle} evaluation is due: ${name}`,
        body: `Week ${d.week}: write the ${cycle} evaluation of ${name}${by}.`,
        ...about(d),
      }),
    ];
  },
  [MidpointDecisionMadeV1.type]: async (d, { nameOf }) => {
    const decision = d.decision === 'EXTEND' ? `EXTEND by ${d.extensionWeeks ?? '?'} week(s)` : d.decision;
    return [
      {
        audience: user(d.internId),
        type: 'MIDPOINT_DECISION',
        title: `Midpoint decision: ${decision}`,
        body: `Your mentor's midpoint decision is ${decision}.`,
        ...about(d, d.evaluationId),
      },
      ...(d.decision === 'CONTINUE'
        ? []
        : [
            {
              audience: PMS,
              type: 'MIDPOINT_DECISION' as const,
              title: `Midpoint decision for ${await nameOf(d.internId)}: ${decision}`,
              body: `Mentor ${d.mentorId} decided ${decision} for ${await nameOf(d.internId)}.`,
              ...about(d, d.evaluationId),
            },
          ]),
    ];
  },
  [FinalOutcomeRecordedV1.type]: async (d) => {
    return [
      {
        audience: user(d.internId),
        type: 'FINAL_OUTCOME',
        title: `Your final outcome: ${d.outcome}`,
        body: `Your final evaluation was recorded: ${d.outcome}.`,
        ...about(d, d.evaluationId),
      },
    ];
  },
  [InternRiskChangedV1.type]: async (d, { directory, nameOf }) => {
    if (d.level !== 'RED' || d.previousLevel === 'RED') return [];
    const name = await nameOf(d.internId);
    const reasons = d.reasons.length ? `: ${d.reasons.join('; ')}` : '';
    const draft = (audience: Audience): NotificationDraft => ({
      audience,
      type: 'INTERN_AT_RISK',
      title: `${name} is at risk (RED)`,
      body: `${name} turned RED${reasons}.`,
      ...about(d),
    });
    // Reasons are for program managers and mentors only: never addressed to the intern.
    return [draft(PMS), ...(await directory.mentorsOf(d.internId)).map((m) => draft(user(m.mentorId)))];
  },
  [PresentationSlotBookedV1.type]: async (d, { nameOf }) => {
    const name = await nameOf(d.internId);
    return d.panelMentorIds.map((mentorId) => ({
      audience: user(mentorId),
      type: 'PRESENTATION_BOOKED' as const,
      title: `${name} booked a presentation on your panel`,
      body: `${name} presents at ${d.startsAt}.`,
      ...about(d, d.slotId),
    }));
  },
});

async function route(event: RoutableEvent, directory: Directory): Promise<NotificationDraft[]> {
  const nameOf = async (internId: string) => (await directory.internName(internId)) ?? internId;
  const primaryOf = async (internId: string) =>
    (await directory.mentorsOf(internId)).find((m) => m.role === 'PRIMARY')?.mentorId;
  return (await ROUTES.entry(event.type)?.(event.data, { directory, nameOf, primaryOf })) ?? [];
}

/** One line on the cohort's activity feed (program managers only). */
export interface ActivityDraft {
  cohortId: string;
  internId?: string;
  summary: string;
}

const SUMMARY_FIELDS = [
  'internId',
  'mentorId',
  'week',
  'phase',
  'role',
  'decision',
  'outcome',
  'level',
  'version',
  'dueWeek',
  'title',
];

/**
 * The cohort an event belongs to and a one-line summary of it, or undefined for events outside
 * any cohort (a mentor's profile). Built from the event's public data only.
 */
export function describeActivity(event: RoutableEvent & { name: string }): ActivityDraft | undefined {
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (typeof data.cohortId !== 'string') return undefined;
  const parts = SUMMARY_FIELDS.filter(
    (k) => data[k] !== undefined && data[k] !== null && typeof data[k] !== 'object',
  ).map((k) => `${k} ${String(data[k])}`);
  return {
    cohortId: data.cohortId,
    ...(typeof data.internId === 'string' ? { internId: data.internId } : {}),
    summary: clip(parts.length ? `${event.name}: ${parts.join(', ')}` : event.name, 300),
  };
}
