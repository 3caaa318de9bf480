import { mutation, query } from './client.js';
import type { MentorPlan, SimIntern } from './plan.js';

/**
 * The operations the simulation sends through the gateway (the shapes the services build; see
 * test/e2e/*.e2e-spec.ts), with the types of what it sends and reads back.
 */

export interface Connection<Node> {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Node }[];
}

/** Every node of a connection, page after page. */
export async function allPages<Node>(page: (after: string | null) => Promise<Connection<Node>>): Promise<Node[]> {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const connection: Connection<Node> = await page(after);
    nodes.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage) return nodes;
    after = connection.pageInfo.endCursor;
  }
}

export type Cycle = 'MIDPOINT' | 'FINAL';
export type MidpointDecision = 'CONTINUE' | 'EXTEND' | 'TERMINATE';
export type FinalDecision = 'PASS' | 'FAIL';
export type ReturnOffer = 'STRONG_YES' | 'YES' | 'NO';
export interface CompetencyScore {
  competency: string;
  score: number;
  comment: string | null;
}
export interface Milestone {
  id: string;
  title: string;
  dueWeek: number;
}
interface ScopeRevision {
  id: string;
  revision: number;
  status: string;
}
export interface ScopeInput {
  title: string;
  problemStatement: string;
  objectives: string[];
  successMetrics: { name: string; target: string; unit: string }[];
  deliverables: string[];
  milestones: { title: string; dueWeek: number; acceptanceCriteria: string[] }[];
}
export interface EvaluationWindow {
  cycle: Cycle;
  week: number;
  status: string;
}
export interface EnrollmentRow {
  internId: string;
  status: string;
  extensionWeeks: number;
  outcome: string | null;
}
export interface InternProgressRow {
  internId: string;
  enrollmentStatus: string;
  extensionWeeks: number;
  primaryMentorId: string | null;
  checkIns: { logged: number; missed: number; missedWeeks: number[] };
  milestoneReports: { onTime: number; late: number; missing: number; accepted: number; revisionRequested: number };
  talks: { scheduled: number; held: number; attended: number; rsvped: number };
  presentation: { scoreCount: number; averageScore: number | null };
  evaluationResults: {
    midpointDecision: MidpointDecision | null;
    midpointExtensionWeeks: number | null;
    finalOutcome: string | null;
    returnOffer: ReturnOffer | null;
  };
}
export interface RubricAverage {
  competency: string;
  midpointAverage: number | null;
  finalAverage: number | null;
  selfAverage: number | null;
  count: number;
}

/** The report's counts of interns (and the week it has reached). */
type ReportCounts = Record<
  'currentWeek' | 'interns' | 'inProgram' | 'completed' | 'terminated' | 'withdrawn' | 'extended' | 'passed' | 'failed',
  number
>;
export interface CohortReport extends ReportCounts {
  cohortId: string;
  cohortName: string | null;
  completionRate: number | null;
  passRate: number | null;
  returnOffers: {
    strongYes: number;
    yes: number;
    no: number;
    recommended: number;
    recommendationRate: number | null;
    /** Offers recorded (recordOfferDecision): made (EXTENDED, whatever became of them), accepted, declined. */
    extended: number;
    accepted: number;
    declined: number;
    /** Accepted of the offers decided (accepted + declined), 0–1. */
    acceptanceRate: number | null;
  };
  rubricAverages: RubricAverage[];
  presentation: { averageScore: number | null; panelCount: number };
  mentorCalibration: {
    cohortMean: number | null;
    mentors: { mentorId: string; meanScore: number; difference: number; tendency: string }[];
  };
  programNps: { score: number | null; responses: number; promoters: number; passives: number; detractors: number };
  checkIns: { logged: number; missed: number; rate: number | null };
  milestoneReports: { onTime: number; late: number; missing: number; onTimeRate: number | null };
  risk: { green: number; amber: number; red: number };
}

export type InternCalendar = {
  enrollments: {
    cohortId: string;
    calendar: { programWeeks: number; keyDates: { presentationsWeek: { startsOn: string; endsOn: string } } };
  }[];
} | null;

/** An enrollment with its extensions and the intern's own calendar (the messy scenario's stale-extension check). */
export interface EnrollmentDetail extends EnrollmentRow {
  extensions: { weeks: number; source: string }[];
  calendar: { programWeeks: number; extensionWeeks: number };
}

/** What the messy scenario reads of an intern's progress (evaluations' view). */
export interface ProgressStateRow {
  internId: string;
  enrollmentStatus: string;
  extensionWeeks: number;
  awaitingFinalOutcome: boolean;
  evaluationResults: {
    midpointDecision: MidpointDecision | null;
    midpointExtensionWeeks: number | null;
    finalOutcome: string | null;
  };
}

/** The cohort report's counts of interns by state, with those awaiting their final outcome. */
export type CohortStateReport = Record<
  | 'currentWeek'
  | 'interns'
  | 'inProgram'
  | 'completed'
  | 'terminated'
  | 'withdrawn'
  | 'extended'
  | 'passed'
  | 'failed'
  | 'awaitingFinalOutcome',
  number
> & { cohortName: string | null };

/** One evaluation as a program manager reads it: the decision in force, its revision and who recorded it. */
export interface EvaluationRecord {
  kind: 'MENTOR' | 'SELF';
  cycle: Cycle;
  decision: string | null;
  extensionWeeks: number | null;
  revision: number;
  recordedBy: { id: string; role: string } | null;
}

export type OfferStatus = 'EXTENDED' | 'ACCEPTED' | 'DECLINED';
export type FeedbackCriterion = 'COMMUNICATION' | 'AVAILABILITY' | 'GUIDANCE';
export const FEEDBACK_CRITERIA: readonly FeedbackCriterion[] = ['COMMUNICATION', 'AVAILABILITY', 'GUIDANCE'];
export interface FeedbackRating {
  criterion: FeedbackCriterion;
  score: number;
}

/** A mentor's feedback averages (null below three interns). */
export interface MentorFeedbackSummary {
  interns: number;
  averages: { criterion: FeedbackCriterion; average: number }[];
  overall: number;
}

/** One cohort of `programReport(from, to)`. */
export interface ProgramReportRow {
  cohortId: string;
  cohortName: string | null;
  endedOn: string;
  interns: number;
  completed: number;
  completionRate: number | null;
  passRate: number | null;
  offersRecommended: number;
  offersExtended: number;
  offersAccepted: number;
  acceptanceRate: number | null;
  nps: number | null;
  mentorFeedbackAverage: number | null;
}

export interface NotificationRow {
  type: string;
  title: string;
  internId: string | null;
  subjectId: string | null;
}

export const GQL = {
  rubrics: query<{ cohortId: string }, { kind: string; criteria: { key: string }[] }[]>(
    'rubrics',
    `query ($cohortId: ID) { rubrics(cohortId: $cohortId) { kind criteria { key } } }`,
  ),
  scheduleCohort: mutation<
    Record<'name' | 'startDate' | 'timezone' | 'location' | 'workMode', string> & Record<'weeks' | 'capacity', number>,
    Record<'id' | 'startDate' | 'status', string> & {
      weeks: number;
      onboardingChecklist: { id: string; title: string }[];
    }
  >('scheduleCohort', 'id startDate weeks status onboardingChecklist { id title }'),
  registerMentor: mutation<
    Omit<MentorPlan, 'id'> & { mentorId: string; email: string; cohortIds: string[] },
    { id: string; capacity: number }
  >('registerMentor', 'id capacity'),
  enrollIntern: mutation<
    Pick<SimIntern, 'name' | 'university' | 'degreeLevel' | 'focusAreas' | 'timezone'> &
      Record<'cohortId' | 'internId' | 'email', string>,
    { id: string; status: string }
  >('enrollIntern', 'id status'),
  advanceCohortClock: mutation<
    { cohortId: string; toWeek: number },
    { status: string; currentWeek: number; currentPhase: string }
  >('advanceCohortClock', 'status currentWeek currentPhase'),
  completeOnboardingTask: mutation<
    { cohortId: string; taskId: string },
    { status: string; onboarding: { completedCount: number; totalCount: number } }
  >('completeOnboardingTask', 'status onboarding { completedCount totalCount }'),
  scheduleTechTalk: mutation<
    Record<'cohortId' | 'title' | 'speaker' | 'abstract' | 'startsAt' | 'joinUrl', string> & {
      durationMinutes: number;
    },
    { id: string; title: string; startsAt: string }
  >('scheduleTechTalk', 'id title startsAt'),
  rsvpTechTalk: mutation<{ talkId: string }, { id: string; rsvpedByMe: boolean }>('rsvpTechTalk', 'id rsvpedByMe'),
  recordTalkAttendance: mutation<
    { talkId: string; internIds: string[] },
    { id: string; rsvpCount: number; attendanceCount: number }
  >('recordTalkAttendance', 'id rsvpCount attendanceCount'),
  matchSuggestions: query<
    { cohortId: string },
    { intern: { id: string }; mentor: { id: string } | null; role: string; score: number }[]
  >(
    'matchSuggestions',
    `query ($cohortId: ID!) { matchSuggestions(cohortId: $cohortId) { intern { id } mentor { id } role score } }`,
  ),
  assignMentor: mutation<
    { internId: string; mentorId: string; role: string },
    { id: string; role: string; active: boolean; mentor: { id: string } }
  >('assignMentor', 'id role active mentor { id }'),
  checkInStatus: query<
    { id: string; week: number },
    { id: string; checkInStatus: { week: number; state: string } } | null
  >('intern', `query ($id: ID!, $week: Int!) { intern(id: $id) { id checkInStatus(week: $week) { week state } } }`),
  logCheckIn: mutation<
    Record<'internId' | 'occurredOn' | 'format' | 'progress' | 'notes', string> & {
      durationMinutes: number;
      privateNotes?: string;
      blockers?: string[];
      actionItems?: string[];
    },
    { id: string; week: number }
  >('logCheckIn', 'id week'),
  draftProjectScope: mutation<ScopeInput & { expectedRevision?: number }, ScopeRevision>(
    'draftProjectScope',
    'id revision status',
  ),
  submitProjectScope: mutation<{ projectId: string; expectedRevision: number }, ScopeRevision>(
    'submitProjectScope',
    'id revision status',
  ),
  requestScopeChanges: mutation<{ projectId: string; feedback: string; expectedRevision: number }, ScopeRevision>(
    'requestScopeChanges',
    'id revision status',
  ),
  approveProjectScope: mutation<
    { projectId: string; expectedRevision: number },
    ScopeRevision & { versionInForce: number | null; milestones: Milestone[] }
  >('approveProjectScope', 'id revision status versionInForce milestones { id title dueWeek }'),
  project: query<
    { id: string },
    {
      id: string;
      status: string;
      programWeek: number;
      programWeeks: number;
      milestones: (Milestone & { plannedDueWeek: number })[];
    } | null
  >(
    'project',
    `query ($id: ID!) { project(id: $id) { id status programWeek programWeeks milestones { id title dueWeek plannedDueWeek } } }`,
  ),
  submitMilestoneReport: mutation<
    { milestoneId: string; summary: string; metricResults: { name: string; value: number }[] } & Record<
      'links' | 'blockers' | 'nextSteps',
      string[]
    >,
    { id: string; attempt: number; status: string; late: boolean; dueWeek: number; submittedWeek: number }
  >('submitMilestoneReport', 'id attempt status late dueWeek submittedWeek'),
  reviewMilestoneReport: mutation<
    { reportId: string; decision: 'ACCEPTED' | 'REVISION_REQUESTED'; feedback: string },
    { id: string; status: string }
  >('reviewMilestoneReport', 'id status'),
  evaluationWindows: query<{ id: string }, EvaluationWindow[]>(
    'evaluationWindows',
    `query ($id: ID!) { evaluationWindows(internId: $id) { cycle week status } }`,
  ),
  submitMentorEvaluation: mutation<
    {
      internId: string;
      cycle: Cycle;
      scores: CompetencyScore[];
      sharedComments: string;
      privateComments?: string;
      decision: MidpointDecision | FinalDecision;
      extensionWeeks?: number | null;
      returnOffer?: ReturnOffer;
    },
    {
      id: string;
      cycle: Cycle;
      decision: MidpointDecision | FinalDecision;
      extensionWeeks: number | null;
      returnOffer: ReturnOffer | null;
      averageScore: number;
    }
  >('submitMentorEvaluation', 'id cycle decision extensionWeeks returnOffer averageScore'),
  submitSelfEvaluation: mutation<
    { cycle: Cycle; scores: CompetencyScore[]; reflections: string; programNps?: number },
    { id: string; cycle: Cycle; programNps: number | null }
  >('submitSelfEvaluation', 'id cycle programNps'),
  enrollments: query<
    { id: string; after: string | null },
    { currentWeek: number; status: string; enrollments: Connection<EnrollmentRow> } | null
  >(
    'cohort',
    `query ($id: ID!, $after: String) { cohort(id: $id) { currentWeek status enrollments(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { internId status extensionWeeks outcome } } } } }`,
  ),
  internCalendar: query<{ id: string }, InternCalendar>(
    'intern',
    `query ($id: ID!) { intern(id: $id) { enrollments { cohortId
    calendar { programWeeks keyDates { presentationsWeek { startsOn endsOn } } } } } }`,
  ),
  openPresentationSlots: mutation<
    { cohortId: string; slots: { startsAt: string; durationMinutes: number; panelMentorIds: string[] }[] },
    { id: string; startsAt: string; panelMentorIds: string[] }[]
  >('openPresentationSlots', 'id startsAt panelMentorIds'),
  bookPresentationSlot: mutation<{ slotId: string }, { id: string; booked: boolean; bookedByMe: boolean }>(
    'bookPresentationSlot',
    'id booked bookedByMe',
  ),
  scorePresentation: mutation<
    { slotId: string; scores: { criterion: string; score: number }[]; comments: string },
    { slotId: string; mentorId: string; averageScore: number }
  >('scorePresentation', 'slotId mentorId averageScore'),
  internProgress: query<{ c: string; after: string | null }, Connection<InternProgressRow>>(
    'internProgress',
    `query ($c: ID, $after: String) { internProgress(cohortId: $c, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node {
      internId enrollmentStatus extensionWeeks primaryMentorId
      checkIns { logged missed missedWeeks }
      milestoneReports { onTime late missing accepted revisionRequested }
      talks { scheduled held attended rsvped }
      presentation { scoreCount averageScore }
      evaluationResults { midpointDecision midpointExtensionWeeks finalOutcome returnOffer } } } } }`,
  ),
  cohortReport: query<{ c: string }, CohortReport>(
    'cohortReport',
    `query ($c: ID!) { cohortReport(cohortId: $c) {
    cohortId cohortName currentWeek interns inProgram completed terminated withdrawn extended passed failed
    completionRate passRate
    returnOffers { strongYes yes no recommended recommendationRate extended accepted declined acceptanceRate }
    rubricAverages { competency midpointAverage finalAverage selfAverage count }
    presentation { averageScore panelCount }
    mentorCalibration { cohortMean mentors { mentorId meanScore difference tendency } }
    programNps { score responses promoters passives detractors }
    checkIns { logged missed rate }
    milestoneReports { onTime late missing onTimeRate }
    risk { green amber red } } }`,
  ),
  // ---- offers and mentor feedback (SPEC 7) ------------------------------------------------------
  recordOfferDecision: mutation<
    { cohortId: string; internId: string; status: OfferStatus },
    {
      internId: string;
      status: string;
      returnOffer: { recommendation: ReturnOffer | null; status: OfferStatus | null; decidedAt: string | null } | null;
    }
  >('recordOfferDecision', 'internId status returnOffer { recommendation status decidedAt }'),
  submitMentorFeedback: mutation<
    { cycle: Cycle; ratings: FeedbackRating[]; comments: string },
    { cycle: Cycle; ratings: FeedbackRating[] }
  >('submitMentorFeedback', 'cycle ratings { criterion score }'),
  mentorFeedbackSummary: query<{ mentorId: string }, MentorFeedbackSummary | null>(
    'mentorFeedbackSummary',
    `query ($mentorId: ID!) { mentorFeedbackSummary(mentorId: $mentorId) {
    interns averages { criterion average } overall } }`,
  ),
  programReport: query<{ from: string; to: string }, ProgramReportRow[]>(
    'programReport',
    `query ($from: Date!, $to: Date!) { programReport(from: $from, to: $to) {
    cohortId cohortName endedOn interns completed completionRate passRate
    offersRecommended offersExtended offersAccepted acceptanceRate nps mentorFeedbackAverage } }`,
  ),
  // ---- the messy scenario (SPEC 7: off the happy path) -------------------------------------------
  updateCohort: mutation<
    { cohortId: string; name?: string; capacity?: number },
    { id: string; name: string; capacity: number; status: string }
  >('updateCohort', 'id name capacity status'),
  cohortSettings: query<{ id: string }, { id: string; name: string; capacity: number; status: string } | null>(
    'cohort',
    `query ($id: ID!) { cohort(id: $id) { id name capacity status } }`,
  ),
  rescheduleTechTalk: mutation<
    { talkId: string; startsAt: string; durationMinutes: number },
    { id: string; startsAt: string; durationMinutes: number; status: string }
  >('rescheduleTechTalk', 'id startsAt durationMinutes status'),
  cancelTechTalk: mutation<{ talkId: string; reason: string }, { id: string; status: string }>(
    'cancelTechTalk',
    'id status',
  ),
  closePresentationSlot: mutation<{ slotId: string; reason: string }, { id: string; status: string; booked: boolean }>(
    'closePresentationSlot',
    'id status booked',
  ),
  withdrawIntern: mutation<{ cohortId: string; internId: string; reason: string }, { id: string; status: string }>(
    'withdrawIntern',
    'id status',
  ),
  reinstateIntern: mutation<{ cohortId: string; internId: string; reason: string }, { id: string; status: string }>(
    'reinstateIntern',
    'id status',
  ),
  extendInternship: mutation<
    { cohortId: string; internId: string; weeks: number; reason: string },
    { id: string; status: string; extensionWeeks: number }
  >('extendInternship', 'id status extensionWeeks'),
  internMentors: query<{ id: string }, { id: string; mentors: { id: string }[] } | null>(
    'intern',
    `query ($id: ID!) { intern(id: $id) { id mentors { id } } }`,
  ),
  internEvaluations: query<{ id: string }, { id: string; evaluations: EvaluationRecord[] } | null>(
    'intern',
    `query ($id: ID!) { intern(id: $id) { id evaluations {
    kind cycle decision extensionWeeks revision recordedBy { id role } } } }`,
  ),
  enrollmentDetails: query<{ id: string; after: string | null }, { enrollments: Connection<EnrollmentDetail> } | null>(
    'cohort',
    `query ($id: ID!, $after: String) { cohort(id: $id) { enrollments(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { internId status extensionWeeks outcome
      extensions { weeks source } calendar { programWeeks extensionWeeks } } } } } }`,
  ),
  progressStates: query<{ c: string; after: string | null }, Connection<ProgressStateRow>>(
    'internProgress',
    `query ($c: ID, $after: String) { internProgress(cohortId: $c, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node {
      internId enrollmentStatus extensionWeeks awaitingFinalOutcome
      evaluationResults { midpointDecision midpointExtensionWeeks finalOutcome } } } } }`,
  ),
  cohortStateReport: query<{ c: string }, CohortStateReport>(
    'cohortReport',
    `query ($c: ID!) { cohortReport(cohortId: $c) {
    cohortName currentWeek interns inProgram completed terminated withdrawn extended passed failed awaitingFinalOutcome } }`,
  ),
  notifications: query<{ after: string | null }, Connection<NotificationRow>>(
    'notifications',
    `query ($after: String) { notifications(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { type title internId subjectId } } } }`,
  ),
  cohortReportWeek: query<{ c: string }, { currentWeek: number }>(
    'cohortReport',
    `query ($c: ID!) { cohortReport(cohortId: $c) { currentWeek } }`,
  ),
};
