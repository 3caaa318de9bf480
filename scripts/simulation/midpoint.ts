import { windowNotYetOpen } from './client.js';
import type { Run } from './context.js';
import { evaluationWindow, pairsOf, scoresFrom, selfEvaluations } from './evaluations.js';
import { mentorFeedback } from './feedback-and-offers.js';
import { GQL } from './operations.js';
import { EXTENSION_WEEKS, WEEKS } from './plan.js';

/**
 * Week 6: every intern in the program self-evaluates, then their primary mentor evaluates them
 * (one TERMINATE, one EXTEND by two weeks, the rest CONTINUE); then the run waits for the cohorts
 * service to apply the decisions and for scoping and evaluations to move the extended intern's
 * milestones and FINAL window.
 */
export async function midpoint(run: Run): Promise<string> {
  const { client, did } = run;
  const everyone = run.inProgram();
  await evaluationWindow(run, everyone[0], 'MIDPOINT');
  // Self-evaluations first: a TERMINATE ends the enrollment, and self-evaluations with it.
  await selfEvaluations(run, everyone, 'MIDPOINT', 'Halfway: the baseline works, the session model is next.');
  // Feedback on their primary mentor too, while every intern is still in the program.
  if (run.giveMentorFeedback) await mentorFeedback(run, everyone, 'MIDPOINT');
  await run.all(everyone, async (i) => {
    const { decision } = i.midpoint;
    const scores = scoresFrom(run, i.midpoint.score);
    const evaluated = await client.callWhen(
      `submitMentorEvaluation MIDPOINT ${decision} ${i.id} by ${i.mentorId}`,
      `the MIDPOINT window of ${i.id}`,
      run.mentorToken(i.mentorId),
      GQL.submitMentorEvaluation,
      {
        input: {
          internId: i.id,
          cycle: 'MIDPOINT',
          scores,
          sharedComments: `Midpoint: ${decision.toLowerCase()}`,
          privateComments: `Private midpoint note on ${i.id}`,
          decision,
          extensionWeeks: decision === 'EXTEND' ? EXTENSION_WEEKS : null,
        },
      },
      windowNotYetOpen,
    );
    did.midpoints.push({ internId: i.id, decision: evaluated.decision, scores: pairsOf(scores) });
  });
  // The cohorts service applies the decisions (MidpointDecisionMade) before the clock moves on.
  const terminated = run.withRole('TERMINATE');
  const extended = run.withRole('EXTEND');
  await run.until(
    `the cohorts service to apply the midpoint decisions (TERMINATED ${terminated.id}, +${EXTENSION_WEEKS} weeks for ${extended.id})`,
    async (seen) => {
      const e = await run.enrollments();
      const t = e.get(terminated.id);
      const x = e.get(extended.id);
      seen({ [terminated.id]: t?.status, [extended.id]: x?.extensionWeeks });
      return t?.status === 'TERMINATED' && x?.extensionWeeks === EXTENSION_WEEKS ? true : undefined;
    },
  );
  terminated.terminated = true;
  // Scoping moves the extended intern's later milestones (InternshipExtended).
  extended.milestones = await run.poll(
    `the scoping service to move ${extended.id}'s milestones by the extension (InternshipExtended)`,
    GQL.project,
    { id: extended.projectId },
    (p) =>
      p?.programWeeks === WEEKS + EXTENSION_WEEKS
        ? p.milestones.map(({ id, title, dueWeek }) => ({ id, title, dueWeek }))
        : undefined,
  );
  const finalWindow = await evaluationWindow(
    run,
    extended,
    'FINAL',
    (w) => w.week === WEEKS + EXTENSION_WEEKS,
    `the evaluations service to move ${extended.id}'s FINAL window (InternshipExtended)`,
  );
  extended.finalWeek = finalWindow.week;
  return `midpoint: ${everyone.length} self-evaluations, ${everyone.length} feedbacks on mentors, ${everyone.length} mentor evaluations (TERMINATE ${terminated.id}, EXTEND ${extended.id} by ${EXTENSION_WEEKS} weeks: milestones now due in weeks ${extended.milestones.map((m) => m.dueWeek).join(', ')}, final window week ${extended.finalWeek})`;
}
