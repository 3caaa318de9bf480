import { describe, expect, it } from '@jest/globals';
import { MilestoneReport, ReviewDecision } from '../domain/milestone-report.js';
import { Project, primaryMentorDecides } from '../domain/project.js';
import { aScope, draftContext } from '../domain/testing/scope-fixtures.js';
import { toIntegrationEvents } from './integration-events.js';

const now = new Date('2027-06-08T09:00:00Z');
const ids = {
  id: '6f1c2a4e-0000-4000-8000-000000000001',
  internId: 'intern-1',
  cohortId: 'cohort-1',
  enrollmentId: 'e-1',
};

/** Every event the outbox would write, parsed by its contract as the outbox does. */
function written(events: Parameters<typeof toIntegrationEvents>[0]) {
  return toIntegrationEvents(events).map((e) => ({
    type: e.contract.type,
    key: e.subject,
    data: e.contract.schema.parse(e.data),
  }));
}

describe('integration events of the scoping context', () => {
  it('announce new versions, submissions, change requests and approvals, keyed by the project', () => {
    const p = Project.start(ids, aScope(), draftContext(), 'intern-1', now);
    p.draft(aScope({ title: 'Edited' }), draftContext(), 'intern-1', now, 1);
    p.submit('intern-1', now, undefined, null);
    p.requestChanges(primaryMentorDecides('mentor-1'), 'More', now, undefined);
    p.submit('intern-1', now, undefined, 'mentor-1');
    p.approve(primaryMentorDecides('mentor-1'), now, undefined, []);
    p.draft(aScope({ title: 'v2' }), draftContext(), 'intern-1', now, p.revision);
    const events = written(p.pullDomainEvents());
    expect(events.map((e) => [e.type.split('.')[2], e.key])).toEqual([
      ['ProjectScopeDrafted', ids.id],
      // the edit of version 1 stays inside the service
      ['ProjectScopeSubmitted', ids.id],
      ['ProjectScopeChangesRequested', ids.id],
      ['ProjectScopeSubmitted', ids.id],
      ['ProjectScopeApproved', ids.id],
      ['ProjectScopeDrafted', ids.id],
    ]);
    expect(events[0]!.data).toEqual({
      projectId: ids.id,
      cohortId: 'cohort-1',
      internId: 'intern-1',
      version: 1,
      title: 'Session-aware recommendations',
    });
    expect(events[1]!.data).toMatchObject({ version: 1, primaryMentorId: null });
    expect(events[2]!.data).toMatchObject({ mentorId: 'mentor-1', feedback: 'More' });
    expect(events[5]!.data).toMatchObject({ version: 2, title: 'v2' });
  });

  it('announce milestone reports and their reviews', () => {
    const p = Project.start(ids, aScope(), draftContext(), 'intern-1', now);
    p.submit('intern-1', now, undefined, 'mentor-1');
    p.approve(primaryMentorDecides('mentor-1'), now, undefined, []);
    const report = MilestoneReport.submit(
      { summary: 'Done' },
      {
        id: '6f1c2a4e-0000-4000-8000-000000000002',
        project: { id: ids.id, internId: 'intern-1', cohortId: 'cohort-1' },
        inForce: p.inForce,
        milestoneId: 'm-1',
        previousReports: [],
        dueWeek: 4,
        currentWeek: 6,
        actorId: 'intern-1',
        now,
      },
    );
    report.review(ReviewDecision.ACCEPTED, null, 'mentor-2', now);
    /** What both events say about the report. */
    const reportRef = {
      reportId: '6f1c2a4e-0000-4000-8000-000000000002',
      milestoneId: 'm-1',
      projectId: ids.id,
      cohortId: 'cohort-1',
      internId: 'intern-1',
    };
    expect(written(report.pullDomainEvents())).toEqual([
      {
        type: 'mentorflow.scoping.MilestoneReportSubmitted.v1',
        key: ids.id,
        data: {
          ...reportRef,
          dueWeek: 4,
          late: true,
          submittedAt: now.toISOString(),
        },
      },
      {
        type: 'mentorflow.scoping.MilestoneReportReviewed.v1',
        key: ids.id,
        data: {
          ...reportRef,
          mentorId: 'mentor-2',
          dueWeek: 4,
          decision: 'ACCEPTED',
        },
      },
    ]);
  });
});
