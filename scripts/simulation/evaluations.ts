import { windowNotYetOpen } from './client.js';
import type { Run } from './context.js';
import { type CompetencyScore, type Cycle, type EvaluationWindow, GQL } from './operations.js';
import { finalOf, type Score, type SimIntern } from './plan.js';

/** The scores of every competency of the PROGRAM rubric. */
export const scoresFrom = (run: Run, score: Score): CompetencyScore[] =>
  run.cohort.competencies.map((competency, k) => ({ competency, score: score(k), comment: null }));

export const pairsOf = (scores: CompetencyScore[]): [string, number][] => scores.map((s) => [s.competency, s.score]);

/** The intern's window of `cycle` once `accept` holds for it (by default: it is OPEN). */
export function evaluationWindow(
  run: Run,
  intern: SimIntern,
  cycle: Cycle,
  accept = (w: EvaluationWindow) => w.status === 'OPEN',
  waitingFor = `the evaluations service to open the ${cycle} window of ${intern.id}`,
): Promise<EvaluationWindow> {
  return run.poll(waitingFor, GQL.evaluationWindows, { id: intern.id }, (windows) => {
    const w = (windows ?? []).find((x) => x.cycle === cycle);
    return w && accept(w) ? w : undefined;
  });
}

/** Each intern of `group` self-evaluates for `cycle` (the FINAL one with the program NPS), once their window is open. */
export async function selfEvaluations(run: Run, group: SimIntern[], cycle: Cycle, reflections: string): Promise<void> {
  await run.all(group, async (i) => {
    const final = cycle === 'FINAL' ? finalOf(i) : null;
    const scores = scoresFrom(run, final ? final.self : i.midpoint.self);
    await run.client.callWhen(
      `submitSelfEvaluation ${cycle} ${i.id}`,
      `the ${cycle} window of ${i.id}`,
      i.token,
      GQL.submitSelfEvaluation,
      { input: { cycle, scores, reflections, ...(final ? { programNps: final.nps } : {}) } },
      windowNotYetOpen,
    );
    if (final) run.did.selfFinals.push({ internId: i.id, nps: final.nps });
    run.did.selfEvaluations.push({ internId: i.id, scores: pairsOf(scores) });
  });
}
