import type { Run } from './context.js';
import { GQL, type Milestone } from './operations.js';
import type { SimIntern } from './plan.js';

/**
 * The milestone reports due in `week` (a late one the week after its due week), each reviewed by
 * the primary mentor: ACCEPTED, after one REVISION_REQUESTED where the plan says. Gives how many.
 */
export async function milestoneReports(run: Run, week: number): Promise<number> {
  const work: { i: SimIntern; m: Milestone; index: number; late: boolean }[] = [];
  for (const i of run.inProgram()) {
    i.milestones.forEach((m, index) => {
      const late = i.lateMilestones.has(index);
      if ((late ? m.dueWeek + 1 : m.dueWeek) === week) work.push({ i, m, index, late });
    });
  }
  const { client, did } = run;
  await run.all(work, async ({ i, m, index, late }) => {
    const submit = (attempt: number) =>
      client.call(
        `submitMilestoneReport ${i.id} “${m.title}” (attempt ${attempt}, week ${week})`,
        i.token,
        GQL.submitMilestoneReport,
        {
          input: {
            milestoneId: m.id,
            summary: `${m.title}: done (attempt ${attempt})`,
            metricResults: [{ name: 'Recall@20', value: 0.2 + 0.05 * index + 0.01 * attempt }],
            links: [`https://git.example.com/${i.id}/pull/${10 + index}`],
            blockers: [],
            nextSteps: ['Next milestone'],
          },
        },
      );
    const review = (reportId: string, decision: 'ACCEPTED' | 'REVISION_REQUESTED', feedback: string) =>
      client.call(
        `reviewMilestoneReport ${decision} ${reportId}`,
        run.mentorToken(i.mentorId),
        GQL.reviewMilestoneReport,
        {
          input: { reportId, decision, feedback },
        },
      );
    let report = await submit(1);
    if (report.late !== late) {
      did.reports.wrongLateFlag.push({ intern: i.id, milestone: m.title, week, dueWeek: m.dueWeek, late: report.late });
    }
    if (late) did.reports.late++;
    else did.reports.onTime++;
    if (i.revisionOn === index) {
      await review(report.id, 'REVISION_REQUESTED', 'Add the offline evaluation');
      did.reviews.revisionRequested++;
      report = await submit(2);
    }
    await review(report.id, 'ACCEPTED', 'Good work');
    did.reviews.accepted++;
  });
  return work.length;
}
