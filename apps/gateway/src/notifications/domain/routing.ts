import {
  CheckInMissedV1,
  CheckInMissedV2,
  EvaluationDueV1,
  EvaluationOverdueV1,
  EvaluationWindowClosingV1,
  FinalOutcomeAwaitedV1,
  FinalOutcomeRecordedV1,
  InternReinstatedV1,
  InternRiskChangedV1,
  InternshipExtendedV1,
  InternshipExtensionRefusedV1,
  InternshipExtensionRevokedV1,
  MentorAssignedV1,
  MidpointDecisionMadeV1,
  MilestoneDueSoonV1,
  MilestoneOverdueV1,
  MilestoneReportReviewedV1,
  MilestoneReportSubmittedV1,
  PresentationSlotBookedV1,
  PresentationSlotClosedV1,
  ProjectScopeApprovedV1,
  ProjectScopeApprovedV2,
  ProjectScopeChangesRequestedV1,
  ProjectScopeChangesRequestedV2,
  ProjectScopeDueSoonV1,
  ProjectScopeOverdueV1,
  ProjectScopeSubmittedV1,
  ReturnOfferDecidedV1,
  TechTalkCancelledV1,
  TechTalkRescheduledV1,
  TechTalkScheduledV1,
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
  'SLOT_CLOSED',
  'TALK_SCHEDULED',
  'TALK_MOVED',
  'TALK_CANCELLED',
  'INTERN_REINSTATED',
  'EXTENSION_REVOKED',
  'EXTENSION_REFUSED',
  'FINAL_OUTCOME_AWAITED',
  'SCOPE_DUE_SOON',
  'MILESTONE_DUE_SOON',
  'EVALUATION_WINDOW_CLOSING',
  'EVALUATION_OVERDUE',
  'INTERNSHIP_EXTENDED',
  'RETURN_OFFER_DECIDED',
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
  /** The mentors whose assignment ended when the intern was withdrawn from that cohort (not since reassigned). */
  mentorsAtWithdrawal(internId: string, cohortId: string): Promise<string[]>;
  internName(internId: string): Promise<string | undefined>;
  mentorName(mentorId: string): Promise<string | undefined>;
  /** The interns of a cohort who are in it now (enrolled, not withdrawn, terminated or completed). */
  internsOf(cohortId: string): Promise<string[]>;
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

/** Who acted, as the intern reads it: their mentor, or a program manager (v2 scope events). */
const actor = (by: { role: 'MENTOR' | 'PROGRAM_MANAGER' }) =>
  by.role === 'PROGRAM_MANAGER' ? 'A program manager' : 'Your mentor';

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
  /** A mentor's name, else "mentor <id>". */
  mentorNameOf(mentorId: string): Promise<string>;
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
  | typeof PresentationSlotBookedV1
  | typeof PresentationSlotClosedV1
  | typeof TechTalkScheduledV1
  | typeof TechTalkRescheduledV1
  | typeof TechTalkCancelledV1
  | typeof InternReinstatedV1
  | typeof InternshipExtensionRevokedV1
  | typeof InternshipExtensionRefusedV1
  | typeof FinalOutcomeAwaitedV1
  | typeof CheckInMissedV2
  | typeof ProjectScopeApprovedV2
  | typeof ProjectScopeChangesRequestedV2
  | typeof ProjectScopeDueSoonV1
  | typeof MilestoneDueSoonV1
  | typeof EvaluationWindowClosingV1
  | typeof EvaluationOverdueV1
  | typeof InternshipExtendedV1
  | typeof ReturnOfferDecidedV1;

/** A scope approved (v1 by the primary mentor; v2 by them or a program manager), told to the intern. */
const scopeApproved = (
  d: { projectId: string; cohortId: string; internId: string; version: number; milestones: unknown[] },
  by: string,
): NotificationDraft[] => [
  {
    audience: user(d.internId),
    type: 'SCOPE_APPROVED',
    title: 'Your project scope was approved',
    body: `${by} approved version ${d.version} of your project scope, with ${d.milestones.length} milestone(s).`,
    ...about(d, d.projectId),
  },
];

/** Changes asked for on a scope (v1 by the primary mentor; v2 by them or a program manager), told to the intern. */
const scopeChangesRequested = (
  d: { projectId: string; cohortId: string; internId: string; version: number; feedback: string },
  by: string,
): NotificationDraft[] => [
  {
    audience: user(d.internId),
    type: 'SCOPE_CHANGES_REQUESTED',
    title: 'Changes requested on your project scope',
    body: `${by} asked for changes to version ${d.version}: ${d.feedback}`,
    ...about(d, d.projectId),
  },
];

/** The same notice to each intern named, each about themself (a talk's attendees). */
const toInterns = (
  internIds: string[],
  notice: Omit<NotificationDraft, 'audience' | 'internId'>,
): NotificationDraft[] => internIds.map((internId) => ({ audience: user(internId), ...notice, internId }));

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A time as people read it in a notification: `2026-03-02 14:00 UTC`. */
const when = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

/** The routing table: one entry per RoutedContract. */
const ROUTES = eventTable<RoutedContract, [RouteContext], Promise<NotificationDraft[]>>({
  [MentorAssignedV1.type]: async (d, { nameOf, mentorNameOf }) => {
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
        body: `${capitalised(await mentorNameOf(d.mentorId))} was assigned to you as ${role}.`,
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
  [ProjectScopeApprovedV1.type]: async (d) => scopeApproved(d, 'Your mentor'),
  [ProjectScopeApprovedV2.type]: async (d) => scopeApproved(d, actor(d.approvedBy)),
  [ProjectScopeChangesRequestedV1.type]: async (d) => scopeChangesRequested(d, 'Your mentor'),
  [ProjectScopeChangesRequestedV2.type]: async (d) => scopeChangesRequested(d, actor(d.requestedBy)),
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
  [CheckInMissedV1.type]: async (d, { nameOf, mentorNameOf }) => {
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
        body: `${capitalised(await mentorNameOf(d.mentorId))} logged no check-in with ${name} in week ${d.week}.`,
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
  [MidpointDecisionMadeV1.type]: async (d, { nameOf, mentorNameOf }) => {
    const decision = d.decision === 'EXTEND' ? `EXTEND by ${d.extensionWeeks ?? '?'} week(s)` : d.decision;
    // A correction (revision 2 and later) is news to PMs whatever it now is (an EXTEND become CONTINUE).
    const corrected = (d.revision ?? 1) > 1;
    const byPm = d.recordedBy?.role === 'PROGRAM_MANAGER' ? ' (recorded by a program manager)' : '';
    return [
      {
        audience: user(d.internId),
        type: 'MIDPOINT_DECISION',
        title: `Midpoint decision${corrected ? ' corrected' : ''}: ${decision}`,
        body: `Your mentor's midpoint decision is ${decision}${byPm}.`,
        ...about(d, d.evaluationId),
      },
      ...(d.decision === 'CONTINUE' && !corrected
        ? []
        : [
            {
              audience: PMS,
              type: 'MIDPOINT_DECISION' as const,
              title: `Midpoint decision${corrected ? ' corrected' : ''} for ${await nameOf(d.internId)}: ${decision}`,
              body: `${capitalised(await mentorNameOf(d.mentorId))} decided ${decision} for ${await nameOf(d.internId)}${byPm}.`,
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
      body: `${name} presents at ${when(d.startsAt)}.`,
      ...about(d, d.slotId),
    }));
  },
  [PresentationSlotClosedV1.type]: async (d, { nameOf }) => {
    const at = when(d.startsAt);
    const booked = d.bookedInternId;
    const name = booked ? await nameOf(booked) : undefined;
    const news = { type: 'SLOT_CLOSED', cohortId: d.cohortId, subjectId: d.slotId } as const;
    return [
      ...toInterns(booked ? [booked] : [], {
        ...news,
        title: 'Your presentation slot was closed: book another',
        body: `The presentation slot you booked at ${at} was closed (${d.reason}). Your booking is released: book another slot.`,
      }),
      ...toEach(d.panelMentorIds, {
        ...news,
        ...(booked ? { internId: booked } : {}),
        title: name ? `${name}'s presentation slot was closed` : 'A presentation slot on your panel was closed',
        body: `The presentation slot at ${at}${name ? `, booked by ${name},` : ''} was closed (${d.reason}).${name ? ` ${name} will book another.` : ''}`,
      }),
    ];
  },
  [TechTalkScheduledV1.type]: async (d, { directory }) =>
    toInterns(await directory.internsOf(d.cohortId), {
      type: 'TALK_SCHEDULED',
      cohortId: d.cohortId,
      subjectId: d.talkId,
      title: `New tech talk: “${d.title}”`,
      body: `${d.speaker} gives “${d.title}” at ${when(d.startsAt)} (${d.durationMinutes} min). RSVP to be told of any change.`,
    }),
  [TechTalkRescheduledV1.type]: async (d) =>
    toInterns(d.attendeeIds, {
      type: 'TALK_MOVED',
      cohortId: d.cohortId,
      subjectId: d.talkId,
      title: `“${d.title}” was moved`,
      body: `The tech talk “${d.title}” you RSVPed to moved from ${when(d.previousStartsAt)} to ${when(d.startsAt)} (${d.durationMinutes} min). Your RSVP is kept.`,
    }),
  [TechTalkCancelledV1.type]: async (d) =>
    toInterns(d.attendeeIds, {
      type: 'TALK_CANCELLED',
      cohortId: d.cohortId,
      subjectId: d.talkId,
      title: `“${d.title}” was cancelled`,
      body: `The tech talk “${d.title}” you RSVPed to, at ${when(d.startsAt)}, was cancelled: ${d.reason}`,
    }),
  [InternReinstatedV1.type]: async (d, { directory, nameOf }) => {
    const name = await nameOf(d.internId);
    // Their mentors now, and those whose assignment the withdrawal ended (whether or not the
    // mentors service has restored it yet).
    const mentors = [
      ...(await directory.mentorsOf(d.internId)).map((m) => m.mentorId),
      ...(await directory.mentorsAtWithdrawal(d.internId, d.cohortId)),
    ];
    const news = { type: 'INTERN_REINSTATED', ...about(d, d.enrollmentId) } as const;
    return [
      ...toEach([d.internId], {
        ...news,
        title: 'You are back in the program',
        body: `You were reinstated in your cohort: ${d.reason}`,
      }),
      ...toEach([...new Set(mentors)], {
        ...news,
        title: `${name} is back in the program`,
        body: `${name} was reinstated after their withdrawal: ${d.reason}`,
      }),
    ];
  },
  [InternshipExtensionRevokedV1.type]: async (d) => {
    const left = d.totalExtensionWeeks ? ` (${d.totalExtensionWeeks} week(s) of extension remain)` : '';
    const why = d.reason ? ` ${d.reason}.` : '';
    return [
      {
        audience: user(d.internId),
        type: 'EXTENSION_REVOKED',
        title: `Your ${d.revokedWeeks}-week extension was withdrawn`,
        body: `Your extension of ${d.revokedWeeks} week(s) was withdrawn.${why} Your program now ends on ${d.newEndDate}${left}; final evaluations are due by ${d.finalEvaluationsDue}.`,
        ...about(d, d.enrollmentId),
      },
    ];
  },
  [InternshipExtensionRefusedV1.type]: async (d, { nameOf }) => {
    // A refusal found after the fact (cohorts' own rule): the mentor and PMs must correct the decision.
    const name = await nameOf(d.internId);
    const news = {
      type: 'EXTENSION_REFUSED',
      title: `Extension refused for ${name}`,
      body: `The midpoint EXTEND by ${d.requestedWeeks} week(s) for ${name} was not applied: ${d.reason}. ${name} has ${d.totalExtensionWeeks} week(s) of extension already (5 at most in total). Correct the midpoint decision.`,
      ...about(d, d.evaluationId),
    } as const;
    return [...toEach([d.mentorId], news), { audience: PMS, ...news }];
  },
  [FinalOutcomeAwaitedV1.type]: async (d, { nameOf, primaryOf }) => {
    const name = await nameOf(d.internId);
    const news = {
      type: 'FINAL_OUTCOME_AWAITED',
      title: `Final outcome awaited: ${name}${d.reminder > 1 ? ` (reminder ${d.reminder})` : ''}`,
      body: `${name}'s program ended on ${d.programEndedOn} and no final outcome is recorded yet (reminder ${d.reminder}). Record the final evaluation.`,
      ...about(d),
    } as const;
    return [...toEach([d.mentorId ?? (await primaryOf(d.internId))], news), { audience: PMS, ...news }];
  },
  [CheckInMissedV2.type]: async (d, { nameOf, mentorNameOf }) => {
    // One event per intern and week: one notice to each mentor who could have logged it, one to PMs.
    const name = await nameOf(d.internId);
    return [
      ...toEach(d.mentorIds, {
        type: 'CHECK_IN_MISSED',
        title: `Missed check-in with ${name}`,
        body: `None of ${name}'s mentors logged a check-in in week ${d.week}.`,
        ...about(d),
      }),
      {
        audience: PMS,
        type: 'CHECK_IN_MISSED',
        title: `Missed check-in: ${name}`,
        body: `No mentor of ${name} (${(await Promise.all(d.mentorIds.map(mentorNameOf))).join(', ')}) logged a check-in in week ${d.week}.`,
        ...about(d),
      },
    ];
  },
  [ProjectScopeDueSoonV1.type]: async (d, { nameOf, primaryOf }) => {
    // Two days before the intern's own scope deadline, no scope approved yet.
    const name = await nameOf(d.internId);
    const primary = d.awaitingApproval ? (d.primaryMentorId ?? (await primaryOf(d.internId))) : undefined;
    const news = { type: 'SCOPE_DUE_SOON', ...about(d, d.projectId) } as const;
    return [
      ...toEach([d.internId], {
        ...news,
        title: `Your project scope is due on ${d.dueOn}`,
        body: d.awaitingApproval
          ? `Your project scope is due on ${d.dueOn} (end of week ${d.dueWeek}); it awaits your mentor's approval.`
          : `Your project scope must be approved by ${d.dueOn} (end of week ${d.dueWeek}): submit it for approval.`,
      }),
      ...toEach([primary], {
        ...news,
        title: `${name}'s project scope awaits your approval`,
        body: `${name}'s project scope is due on ${d.dueOn} (end of week ${d.dueWeek}) and awaits your approval.`,
      }),
    ];
  },
  [MilestoneDueSoonV1.type]: async (d, { directory, nameOf }) => {
    const name = await nameOf(d.internId);
    const mentors = d.awaitingReview ? (await directory.mentorsOf(d.internId)).map((m) => m.mentorId) : [];
    const news = { type: 'MILESTONE_DUE_SOON', ...about(d, d.milestoneId) } as const;
    return [
      ...toEach([d.internId], {
        ...news,
        title: `Milestone “${d.title}” is due on ${d.dueOn}`,
        body: d.awaitingReview
          ? `Your milestone “${d.title}” is due on ${d.dueOn} (end of week ${d.dueWeek}); your report awaits review.`
          : `Your milestone “${d.title}” is due on ${d.dueOn} (end of week ${d.dueWeek}) and has no accepted report yet.`,
      }),
      ...toEach(mentors, {
        ...news,
        title: `A milestone report to review before ${d.dueOn}: ${name}`,
        body: `${name}'s report for the milestone “${d.title}”, due on ${d.dueOn}, awaits your review.`,
      }),
    ];
  },
  [EvaluationWindowClosingV1.type]: async (d, { nameOf, primaryOf }) => {
    const cycle = d.cycle === 'MIDPOINT' ? 'midpoint' : 'final';
    const name = await nameOf(d.internId);
    const news = { type: 'EVALUATION_WINDOW_CLOSING', ...about(d) } as const;
    return [
      ...(d.missing.includes('SELF')
        ? toEach([d.internId], {
            ...news,
            title: `Your ${cycle} self-evaluation is due by ${d.closesOn}`,
            body: `Your ${cycle} evaluation window closes on ${d.closesOn} and your self-evaluation is missing.`,
          })
        : []),
      ...(d.missing.includes('MENTOR')
        ? toEach([d.mentorId ?? (await primaryOf(d.internId))], {
            ...news,
            title: `${capitalised(cycle)} evaluation of ${name} due by ${d.closesOn}`,
            body: `${name}'s ${cycle} evaluation window closes on ${d.closesOn} and your evaluation of ${name} is missing.`,
          })
        : []),
    ];
  },
  [EvaluationOverdueV1.type]: async (d, { nameOf, mentorNameOf, primaryOf }) => {
    const cycle = d.cycle === 'MIDPOINT' ? 'midpoint' : 'final';
    const name = await nameOf(d.internId);
    const mentorId = d.mentorId ?? (await primaryOf(d.internId));
    const closed = d.endsOn ? `closed on ${d.endsOn}` : `closed (week ${d.week})`;
    const news = { type: 'EVALUATION_OVERDUE', ...about(d) } as const;
    const missing = [
      ...(d.missing.includes('MENTOR')
        ? [`the evaluation by ${mentorId ? await mentorNameOf(mentorId) : 'the primary mentor'}`]
        : []),
      ...(d.missing.includes('SELF') ? [`${name}'s self-evaluation`] : []),
    ];
    return [
      ...(d.missing.includes('SELF')
        ? toEach([d.internId], {
            ...news,
            title: `Your ${cycle} self-evaluation is overdue`,
            body: `Your ${cycle} evaluation window ${closed} without your self-evaluation.`,
          })
        : []),
      ...(d.missing.includes('MENTOR')
        ? toEach([mentorId], {
            ...news,
            title: `Your ${cycle} evaluation of ${name} is overdue`,
            body: `${name}'s ${cycle} evaluation window ${closed} without your evaluation.`,
          })
        : []),
      {
        audience: PMS,
        ...news,
        title: `${capitalised(cycle)} evaluation overdue: ${name}`,
        body: `${name}'s ${cycle} evaluation window ${closed}; missing: ${missing.join(' and ')}.`,
      },
    ];
  },
  [InternshipExtendedV1.type]: async (d, { directory, nameOf }) => {
    const name = await nameOf(d.internId);
    const mentors = (await directory.mentorsOf(d.internId)).map((m) => m.mentorId);
    const finalDue = d.finalEvaluationsDue ? `; final evaluations are due by ${d.finalEvaluationsDue}` : '';
    const news = { type: 'INTERNSHIP_EXTENDED', ...about(d, d.enrollmentId) } as const;
    return [
      ...toEach([d.internId], {
        ...news,
        title: `Your internship was extended by ${d.weeks} week(s)`,
        body: `Your internship was extended by ${d.weeks} week(s) (${d.totalExtensionWeeks} in total): it now ends on ${d.newEndDate}${finalDue}. ${d.reason}`,
      }),
      ...toEach(mentors, {
        ...news,
        title: `${name}'s internship was extended by ${d.weeks} week(s)`,
        body: `${name}'s internship was extended by ${d.weeks} week(s) (${d.totalExtensionWeeks} in total): it now ends on ${d.newEndDate}${finalDue}. ${d.reason}`,
      }),
    ];
  },
  [ReturnOfferDecidedV1.type]: async (d, { nameOf }) => {
    const name = await nameOf(d.internId);
    const recommended = d.recommendation ? ` (recommendation: ${d.recommendation})` : '';
    const news = { type: 'RETURN_OFFER_DECIDED', ...about(d, d.enrollmentId) } as const;
    const internSide = {
      EXTENDED: { title: 'You have a return offer', body: 'A return offer was extended to you.' },
      ACCEPTED: { title: 'Your return offer is accepted', body: 'Your acceptance of the return offer was recorded.' },
      DECLINED: {
        title: 'Your return offer is declined',
        body: 'Your decision to decline the return offer was recorded.',
      },
    }[d.status];
    return [
      ...toEach([d.internId], { ...news, ...internSide }),
      {
        audience: PMS,
        ...news,
        title: `Return offer ${d.status.toLowerCase()}: ${name}`,
        body: `The return offer for ${name} is ${d.status}${recommended}, recorded on ${when(d.decidedAt)}.`,
      },
    ];
  },
});

async function route(event: RoutableEvent, directory: Directory): Promise<NotificationDraft[]> {
  const nameOf = async (internId: string) => (await directory.internName(internId)) ?? internId;
  const mentorNameOf = async (mentorId: string) => (await directory.mentorName(mentorId)) ?? `mentor ${mentorId}`;
  const primaryOf = async (internId: string) =>
    (await directory.mentorsOf(internId)).find((m) => m.role === 'PRIMARY')?.mentorId;
  return (await ROUTES.entry(event.type)?.(event.data, { directory, nameOf, mentorNameOf, primaryOf })) ?? [];
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
