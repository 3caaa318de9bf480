import { registerEnumType } from '@nestjs/graphql';
import { Comparator } from '../domain/metric-target.js';
import { ReportStatus, ReviewDecision } from '../domain/milestone-report.js';
import { MilestoneStatus } from '../domain/milestone-status.js';
import { ScopeAction, ScopeStatus } from '../domain/project.js';

registerEnumType(ScopeStatus, {
  name: 'ScopeStatus',
  description:
    'DRAFT → SUBMITTED → CHANGES_REQUESTED → SUBMITTED → APPROVED; an approved version is SUPERSEDED by the next approved one',
});
registerEnumType(ScopeAction, { name: 'ScopeAction', description: 'What happened to a scope version' });
registerEnumType(ReportStatus, { name: 'MilestoneReportStatus' });
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });
registerEnumType(Comparator, { name: 'MetricComparator', description: 'LT <, LTE ≤, GT >, GTE ≥, EQ =' });
registerEnumType(MilestoneStatus, {
  name: 'MilestoneStatus',
  description: 'Where a milestone stands, from its latest report',
});

export { Comparator, MilestoneStatus, ReportStatus, ReviewDecision, ScopeAction, ScopeStatus };
