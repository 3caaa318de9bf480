import { extensionCheckIns } from './check-ins.js';
import type { Run } from './context.js';
import { evaluationWindow } from './evaluations.js';
import { finalEvaluation, finals } from './final.js';
import { GQL } from './operations.js';
import { type SimIntern, WEEKS } from './plan.js';
import { panelScores, scorePanels } from './presentations.js';
import { brief } from './support.js';

/**
 * After the cohort's completion: the extended intern's later weeks (their FINAL window and
 * presentations week come after the cohort's clock): check-ins, panel scores and final
 * evaluations. What cannot be done is recorded as a failed step (the run goes on to its checks).
 */
export async function extendedIntern(run: Run): Promise<void> {
  const { client, pm, cohortId } = run;
  const i = run.withRole('EXTEND');
  const step = `the extended intern ${i.id}: presentation and final evaluations in their week ${i.finalWeek}`;
  const fail = (detail: string) => {
    run.failures.push({ step, detail });
    run.log(`✗ STEP FAILED: ${step}\n${detail}`);
  };
  await run.poll(
    `the evaluations service to consume CohortCompleted (cohortReport currentWeek ${WEEKS + 1})`,
    GQL.cohortReportWeek,
    { c: cohortId },
    (report) => ((report?.currentWeek ?? 0) > WEEKS ? true : undefined),
  );
  for (let week = WEEKS + 1; week <= i.finalWeek; week++) {
    const res = await client.send(pm, GQL.advanceCohortClock, { input: { cohortId, toWeek: week } });
    if (!res.errors?.length || week <= WEEKS + 1) continue;
    const windows = await client.send(pm, GQL.evaluationWindows, { id: i.id });
    const window = (windows.value ?? []).find((x) => x.cycle === 'FINAL');
    if (window?.status !== 'OPEN') return fail(await whatTheyGet(run, i, week, res.errors, window));
  }
  try {
    await evaluationWindow(run, i, 'FINAL');
    await extensionCheckIns(run, i, WEEKS + 1);
    await scorePanels(run, [i]);
    await finals(run, [i]);
    run.log(`• ${i.id}: presentation scored, final evaluations in week ${i.finalWeek}, enrollment COMPLETED`);
  } catch (err) {
    fail((err as Error).message);
  }
}

/** When the clock cannot move the extended intern's weeks: what the panel and the mentor get when they try anyway. */
async function whatTheyGet(run: Run, i: SimIntern, week: number, errors: unknown, window: unknown): Promise<string> {
  const { client, cohortId } = run;
  const slot = i.slot ?? { id: '', panel: [i.mentorId] };
  const mentorId = slot.panel[0];
  const score = { slotId: slot.id, scores: panelScores(run, () => 4), comments: 'Extension presentation' };
  const scored = await client.send(run.mentorToken(mentorId), GQL.scorePresentation, { input: score });
  const evaluation = { ...finalEvaluation(run, i), sharedComments: 'Finished the extended project' };
  const evaluated = await client.send(run.mentorToken(i.mentorId), GQL.submitMentorEvaluation, { input: evaluation });
  return (
    `  The cohort clock ends at week ${WEEKS + 1} (completion); nothing moves the extended intern's own weeks past it.\n` +
    `  request:  advanceCohortClock(input: ${brief({ cohortId, toWeek: week })}) as PM\n` +
    `  response: ${brief({ errors })}\n` +
    `  evaluationWindows(internId: "${i.id}") FINAL: ${brief(window)}\n` +
    `  request:  scorePresentation(input: ${brief(score, 300)}) as panel mentor ${mentorId}\n` +
    `  response: ${brief({ errors: scored.errors, data: scored.data })}\n` +
    `  request:  submitMentorEvaluation(input: {internId: "${i.id}", cycle: "FINAL", decision: "${evaluation.decision}", returnOffer: "${evaluation.returnOffer}", …}) as primary mentor ${i.mentorId}\n` +
    `  response: ${brief({ errors: evaluated.errors, data: evaluated.data })}`
  );
}
