import type { Run } from './context.js';
import { evaluationWindow, pairsOf, scoresFrom, selfEvaluations } from './evaluations.js';
import { mentorFeedback } from './feedback-and-offers.js';
import { GQL, type InternCalendar } from './operations.js';
import { finalOf, type SimIntern, WEEKS } from './plan.js';
import { openAndBook, scorePanels } from './presentations.js';
import { addDays, SimulationStepError } from './support.js';

/** The mentor's FINAL evaluation of `i` as the plan has it (PASS or FAIL, the return offer). */
export const finalEvaluation = (run: Run, i: SimIntern) => {
  const final = finalOf(i);
  return {
    internId: i.id,
    cycle: 'FINAL' as const,
    scores: scoresFrom(run, final.score),
    decision: final.decision,
    returnOffer: final.offer,
  };
};

/**
 * The FINAL evaluations of `group`: each intern's own self-evaluation (with the program NPS) and
 * (in the happy run) their feedback on their primary mentor first, since the mentor's decision completes the
 * enrollment; then the mentor's; then the run waits for
 * the cohorts service to complete the enrollments (FinalOutcomeRecorded → InternCompleted).
 */
export async function finals(run: Run, group: SimIntern[]): Promise<void> {
  const { client, did } = run;
  await selfEvaluations(run, group, 'FINAL', 'I learned to ship a model end to end.');
  if (run.giveMentorFeedback) await mentorFeedback(run, group, 'FINAL');
  await run.all(group, async (i) => {
    const input = finalEvaluation(run, i);
    const evaluated = await client.call(
      `submitMentorEvaluation FINAL ${input.decision} ${i.id} by ${i.mentorId}`,
      run.mentorToken(i.mentorId),
      GQL.submitMentorEvaluation,
      {
        input: {
          ...input,
          sharedComments: input.decision === 'PASS' ? 'Shipped the project' : 'The project fell short of its scope',
          privateComments: `Return offer: ${input.returnOffer}`,
        },
      },
    );
    did.finals.push({
      internId: i.id,
      decision: evaluated.decision,
      offer: evaluated.returnOffer,
      scores: pairsOf(input.scores),
    });
  });
  await run.until(
    `the cohorts service to complete ${group.length} enrollment(s) (FinalOutcomeRecorded → InternCompleted)`,
    async (seen) => {
      const e = await run.enrollments();
      const open = group
        .filter((i) => e.get(i.id)?.status !== 'COMPLETED')
        .map((i) => `${i.id}: ${e.get(i.id)?.status}`);
      seen(open.slice(0, 5));
      return open.length === 0 ? true : undefined;
    },
  );
  for (const i of group) did.completed.add(i.id);
}

/** The start of the extended intern's own presentations week, from their calendar. */
export async function presentationsWeekOf(run: Run, i: SimIntern): Promise<string> {
  const intern: InternCalendar = await run.client.call(`intern ${i.id} calendar`, run.pm, GQL.internCalendar, {
    id: i.id,
  });
  const enrollment = intern?.enrollments.find((x) => x.cohortId === run.cohortId);
  if (!enrollment) throw new SimulationStepError(`intern ${i.id} calendar`, `  no enrollment in ${run.cohortId}`);
  return enrollment.calendar.keyDates.presentationsWeek.startsOn;
}

/**
 * Week 12: presentation slots with panels for everyone in the program (20 a day from Tuesday,
 * 07:00–16:30 UTC), the extended intern's in their own presentations week; panel scores; the
 * final evaluations of all but the extended intern.
 */
export async function presentationsAndFinals(run: Run): Promise<string> {
  const extended = run.withRole('EXTEND');
  const presenters = run.inProgram().filter((i) => i !== extended);
  await evaluationWindow(run, presenters[0], 'FINAL');
  const monday = run.weekStart(WEEKS);
  const opened = await openAndBook(run, presenters, (k) => {
    const minutes = 7 * 60 + (k % 20) * 30;
    return {
      day: addDays(monday, 1 + Math.floor(k / 20)),
      time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
    };
  });
  const ownWeek = await presentationsWeekOf(run, extended);
  await openAndBook(run, [extended], () => ({ day: addDays(ownWeek, 1), time: '10:00' }));
  const scored = await scorePanels(run, presenters);
  await finals(run, presenters);
  return `presentations: ${opened} slots opened and booked (and ${extended.id}'s in their week from ${ownWeek}), ${scored} panel scores; ${presenters.length} final self- and mentor evaluations and feedbacks on mentors; ${presenters.length} enrollments COMPLETED`;
}
