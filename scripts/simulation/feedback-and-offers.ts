import type { Run } from './context.js';
import { type Cycle, FEEDBACK_CRITERIA, type FeedbackRating, GQL, type OfferStatus } from './operations.js';
import type { SimIntern } from './plan.js';

/**
 * The ratings intern `i` gives their primary mentor: 3 to 5 per criterion, the same at both
 * cycles (so that any weighting of cycles or interns gives the same averages but for the intern
 * terminated at the midpoint, who gives MIDPOINT feedback only), varying with the intern.
 */
export function feedbackRatings(run: Run, i: SimIntern): FeedbackRating[] {
  const n = run.plan.interns.indexOf(i);
  return FEEDBACK_CRITERIA.map((criterion, k) => ({ criterion, score: 3 + ((n + 2 * k) % 3) }));
}

/** A CONFLICT because the intern's feedback window for the cycle has not opened yet in the evaluations service. */
const feedbackNotYetOpen = (res: { errors?: { message: string; extensions?: { code?: string } }[] }): boolean =>
  (res.errors ?? []).some(
    (e) =>
      e.extensions?.code === 'NOT_FOUND' ||
      (e.extensions?.code === 'CONFLICT' && /opens with|not opened|not known/.test(e.message)),
  );

/**
 * Each intern of `group` rates their primary mentor for `cycle` (submitMentorFeedback), once their
 * evaluation window of the cycle is open (after their self-evaluation).
 */
export async function mentorFeedback(run: Run, group: SimIntern[], cycle: Cycle): Promise<void> {
  await run.all(group, async (i) => {
    const ratings = feedbackRatings(run, i);
    const given = await run.client.callWhen(
      `submitMentorFeedback ${cycle} ${i.id} on ${i.mentorId}`,
      `the ${cycle} feedback window of ${i.id}`,
      i.token,
      GQL.submitMentorFeedback,
      { input: { cycle, ratings, comments: `${cycle === 'MIDPOINT' ? 'Halfway' : 'At the end'}: helpful reviews.` } },
      feedbackNotYetOpen,
    );
    const byCriterion = new Map(given.ratings.map((r) => [r.criterion, r.score]));
    run.did.mentorFeedback.push({
      internId: i.id,
      mentorId: i.mentorId,
      cycle,
      scores: FEEDBACK_CRITERIA.map((c) => byCriterion.get(c) ?? Number.NaN),
    });
  });
}

/**
 * After the finals: a return offer EXTENDED to every intern who passed with a recommendation
 * (STRONG_YES or YES), then ACCEPTED by all but every third of them, who DECLINED.
 */
export async function recordOffers(run: Run): Promise<string> {
  const { client, pm, cohortId, did } = run;
  const offered = did.finals.filter((f) => f.decision === 'PASS' && (f.offer === 'STRONG_YES' || f.offer === 'YES'));
  await run.all(offered, async (f, k) => {
    const final: OfferStatus = k % 3 === 2 ? 'DECLINED' : 'ACCEPTED';
    for (const status of ['EXTENDED', final] as const) {
      const enrollment = await client.call(`recordOfferDecision ${status} ${f.internId}`, pm, GQL.recordOfferDecision, {
        input: { cohortId, internId: f.internId, status },
      });
      const offer = enrollment.returnOffer;
      if (offer?.status !== status || offer.recommendation !== f.offer || !offer.decidedAt) {
        did.wrongOfferAnswers.push(`${f.internId} ${status}: ${JSON.stringify(offer)} (recommended ${f.offer})`);
      }
    }
    did.offers.push({ internId: f.internId, recommendation: f.offer, status: final });
  });
  const accepted = did.offers.filter((o) => o.status === 'ACCEPTED').length;
  return `offers: ${did.offers.length} extended, ${accepted} accepted, ${did.offers.length - accepted} declined`;
}
