import type { Run } from './context.js';
import { GQL, type ScopeInput } from './operations.js';
import { MILESTONE_WEEKS, type SimIntern } from './plan.js';
import { brief, SimulationStepError } from './support.js';

/** The scoping service has consumed CohortWeekStarted(week): a project's programWeek shows it. */
export function scopingSees(run: Run, week: number): Promise<true> {
  const probe = run.inProgram().find((i) => i.projectId);
  if (!probe) throw new SimulationStepError(`week ${week}`, '  no intern in the program has a project');
  return run.poll(
    `the scoping service to consume CohortWeekStarted week ${week} (project ${probe.projectId} programWeek)`,
    GQL.project,
    { id: probe.projectId },
    (project) => ((project?.programWeek ?? 0) >= week ? true : undefined),
  );
}

const scope = (i: SimIntern, title: string): ScopeInput => ({
  title,
  problemStatement: `Recommendations for ${i.focusAreas.join(' and ')} ignore what the user did in the session.`,
  objectives: ['Model the session', 'Run an A/B test'],
  successMetrics: [
    { name: 'Recall@20', target: '≥ 0.25', unit: '' },
    { name: 'CTR uplift', target: '≥ 2%', unit: '%' },
  ],
  deliverables: ['A model behind a feature flag', 'A write-up'],
  milestones: MILESTONE_WEEKS.map((dueWeek, k) => ({
    title: ['Baseline', 'Session model', 'A/B test'][k],
    dueWeek,
    acceptanceCriteria: [['Baseline recall measured', 'Beats the baseline offline', 'Test ran for a week'][k]],
  })),
});

const submit = async (run: Run, i: SimIntern, what: string, expectedRevision: number) => {
  const submitted = await run.client.call(what, i.token, GQL.submitProjectScope, {
    input: { projectId: i.projectId, expectedRevision },
  });
  i.revision = submitted.revision;
};

const waitingForAssignment = (i: SimIntern) => `MentorAssigned of ${i.mentorId} → ${i.id} in the scoping service`;

/**
 * Week 1: every intern drafts (once scoping knows the enrollment) and submits a scope; the primary
 * mentor sends back those the plan says. Gives the interns sent back.
 */
export async function draftScopes(run: Run): Promise<SimIntern[]> {
  const { client, plan } = run;
  await run.all(plan.interns, async (i) => {
    const drafted = await client.callWhen(
      `draftProjectScope ${i.id}`,
      `InternEnrolled of ${i.id} in the scoping service`,
      i.token,
      GQL.draftProjectScope,
      { input: scope(i, `Session-aware recommendations (${i.id})`) },
    );
    i.projectId = drafted.id;
    await submit(run, i, `submitProjectScope ${i.id}`, drafted.revision);
  });
  const sentBack = plan.interns.filter((i) => i.changesRequested);
  for (const i of sentBack) {
    const what = `requestScopeChanges ${i.projectId}`;
    const res = await client.callWhen(
      what,
      waitingForAssignment(i),
      run.mentorToken(i.mentorId),
      GQL.requestScopeChanges,
      {
        input: {
          projectId: i.projectId,
          feedback: 'Make the CTR target per cohort of users',
          expectedRevision: i.revision,
        },
      },
    );
    if (res.status !== 'CHANGES_REQUESTED') throw new SimulationStepError(what, `  answer: ${brief(res)}`);
    i.revision = res.revision;
  }
  run.log(
    `• week 1: ${plan.interns.length} scopes drafted and submitted; changes requested on ${sentBack.map((i) => i.id).join(', ')}`,
  );
  return sentBack;
}

/** Week 2: the scopes sent back are edited and submitted again; every primary mentor approves their mentee's. */
export async function approveScopes(run: Run, sentBack: SimIntern[]): Promise<void> {
  const { client, plan } = run;
  for (const i of sentBack) {
    const edited = await client.call(`draftProjectScope (edit) ${i.id}`, i.token, GQL.draftProjectScope, {
      input: { ...scope(i, `Session-aware recommendations, per-cohort CTR (${i.id})`), expectedRevision: i.revision },
    });
    await submit(run, i, `submitProjectScope (again) ${i.id}`, edited.revision);
  }
  await run.all(plan.interns, async (i) => {
    const what = `approveProjectScope ${i.projectId}`;
    const approved = await client.callWhen(
      `${what} by ${i.mentorId}`,
      waitingForAssignment(i),
      run.mentorToken(i.mentorId),
      GQL.approveProjectScope,
      { input: { projectId: i.projectId, expectedRevision: i.revision } },
    );
    if (approved.status !== 'APPROVED') throw new SimulationStepError(what, `  answer: ${brief(approved)}`);
    i.milestones = approved.milestones.map(({ id, title, dueWeek }) => ({ id, title, dueWeek }));
    const weeks = i.milestones.map((m) => m.dueWeek).join(',');
    if (weeks !== MILESTONE_WEEKS.join(',')) {
      throw new SimulationStepError(what, `  milestones due in weeks ${weeks}, not ${MILESTONE_WEEKS.join(',')}`);
    }
  });
}
