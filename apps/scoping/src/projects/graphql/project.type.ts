import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Comparator, ReportStatus, ScopeAction, ScopeStatus } from './enums.js';

@ObjectType('SuccessMetric')
export class SuccessMetricType {
  @Field() name: string;
  @Field({ description: 'As written, e.g. "≤ 0.85" or "≥ 2%"' }) target: string;
  @Field() unit: string;
  @Field(() => Comparator, { nullable: true, description: 'null for a plain number with a unit' })
  comparator: Comparator | null;
  @Field(() => Float, { description: 'The number of the target' }) targetValue: number;
}

@ObjectType('ScopeHistoryEntry', { description: 'Who did what to a scope version, and when' })
export class ScopeHistoryEntryType {
  @Field(() => Int) version: number;
  @Field(() => ScopeAction) action: ScopeAction;
  @Field(() => ID, { description: 'The user id (sub) of who did it' }) actorId: string;
  @Field() at: Date;
  @Field(() => String, { nullable: true, description: 'The mentor’s feedback, with CHANGES_REQUESTED' })
  feedback: string | null;
}

@ObjectType('MetricResult')
export class MetricResultType {
  @Field() name: string;
  @Field(() => Float) value: number;
  @Field({ description: 'The target in force when the result was reported' }) target: string;
  @Field() unit: string;
  @Field(() => Comparator, { nullable: true }) comparator: Comparator | null;
  @Field(() => Boolean, { nullable: true, description: 'null when the target has no comparator' })
  meetsTarget: boolean | null;
}

@ObjectType('MilestoneReport')
export class MilestoneReportType {
  @Field(() => ID) id: string;
  @Field(() => ID) milestoneId: string;
  @Field(() => ID) projectId: string;
  @Field(() => ID) internId: string;
  @Field(() => Int, { description: 'The scope version in force when it was submitted' }) scopeVersion: number;
  @Field(() => Int, { description: '1 for the first report on the milestone, 2 for the resubmission, …' })
  attempt: number;
  @Field(() => ReportStatus) status: ReportStatus;
  @Field() summary: string;
  @Field(() => [MetricResultType]) metricResults: MetricResultType[];
  @Field(() => [String]) links: string[];
  @Field(() => [String]) blockers: string[];
  @Field(() => [String]) nextSteps: string[];
  @Field(() => Int, { description: 'The milestone’s due week (the intern’s own calendar) when it was submitted' })
  dueWeek: number;
  @Field(() => Int, { description: 'The intern’s program week when it was submitted (0 before the cohort started)' })
  submittedWeek: number;
  @Field({ description: 'Submitted after the end of its due week' }) late: boolean;
  @Field(() => ID) submittedBy: string;
  @Field() submittedAt: Date;
  @Field(() => ID, { nullable: true }) reviewedBy: string | null;
  @Field(() => Date, { nullable: true }) reviewedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The reviewer’s feedback' }) feedback: string | null;
}

@ObjectType('Milestone')
export class MilestoneType {
  @Field(() => ID, { description: 'Stays the same across scope versions that keep the milestone' }) id: string;
  @Field(() => ID) projectId: string;
  @Field(() => Int, { description: 'The scope version this view of the milestone belongs to' }) version: number;
  @Field() title: string;
  @Field(() => Int, {
    description: 'The week of the intern’s own program it is due at the end of (moved by later extensions)',
  })
  dueWeek: number;
  @Field(() => Int, { description: 'The due week as the scope version planned it' }) plannedDueWeek: number;
  @Field(() => [String]) acceptanceCriteria: string[];
  // internal: for field resolvers
  internId: string;
  cohortId: string;
}

@ObjectType('ScopeVersion', { description: 'One version of a project scope, with its history' })
export class ScopeVersionType {
  @Field(() => Int) version: number;
  @Field(() => ScopeStatus) status: ScopeStatus;
  @Field({ description: 'The version in force: the approved one' }) inForce: boolean;
  @Field() title: string;
  @Field() problemStatement: string;
  @Field(() => [String]) objectives: string[];
  @Field(() => [SuccessMetricType]) successMetrics: SuccessMetricType[];
  @Field(() => [String]) deliverables: string[];
  @Field(() => ID) draftedBy: string;
  @Field() draftedAt: Date;
  @Field() updatedAt: Date;
  @Field(() => ID, { nullable: true }) submittedBy: string | null;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'The mentor who approved it or asked for changes' })
  decidedBy: string | null;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The feedback with the latest request for changes' })
  feedback: string | null;
  @Field(() => [ScopeHistoryEntryType], { description: 'Oldest first' }) history: ScopeHistoryEntryType[];
  // internal: for field resolvers
  projectId: string;
  internId: string;
  cohortId: string;
  extensionGrantsSeen: number;
  plannedMilestones: { id: string; title: string; dueWeek: number; acceptanceCriteria: string[] }[];
}

@ObjectType('Project', { description: 'An intern’s project in a cohort: its versioned scope, milestones and reports' })
@Directive('@key(fields: "id")')
export class ProjectType {
  @Field(() => ID) id: string;
  @Field(() => ID) internId: string;
  @Field(() => ID) cohortId: string;
  @Field(() => Int, {
    description: 'Bumped by every change of the scope: send it back as expectedRevision; a stale one is a CONFLICT',
  })
  revision: number;
  @Field(() => ScopeStatus, { description: 'The status of the latest version' }) status: ScopeStatus;
  @Field(() => Int) latestVersion: number;
  @Field(() => Int, { nullable: true, description: 'The approved version in force, if any' }) versionInForce:
    number | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}
