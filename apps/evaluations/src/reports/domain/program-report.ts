import { weekEndsOn } from '#calendar';
import { mean } from '../../progress/domain/intern-progress.js';
import { offerCounts, type CohortReport, type OfferDecision } from './cohort-report.js';

export type { OfferDecision, OfferStatus } from './cohort-report.js';

/** The last day (Sunday) of a cohort's own program (its weeks, without any intern's extension). */
export function programEndedOn(cohort: { startDate: string; weeks: number }): string {
  return weekEndsOn(cohort.startDate, cohort.weeks);
}

export interface ProgramReportRow {
  cohortId: string;
  cohortName: string | null;
  endedOn: string;
  interns: number;
  completed: number;
  completionRate: number | null;
  passRate: number | null;
  offersRecommended: number;
  offersExtended: number;
  offersAccepted: number;
  acceptanceRate: number | null;
  nps: number | null;
  mentorFeedbackAverage: number | null;
}

/**
 * One cohort's row of `programReport`: interns, completion, pass rate, recommendations and NPS as
 * its cohort report computes them; offers from the decisions recorded; the mean of every mentor
 * feedback the cohort's interns gave (each intern's feedback of each cycle once), null when none.
 */
export function programReportRow(
  report: Pick<CohortReport, 'cohortId' | 'cohortName' | 'interns' | 'completed' | 'completionRate' | 'passRate'> & {
    returnOffers: { recommended: number };
    programNps: { score: number | null };
  },
  endedOn: string,
  offers: readonly Pick<OfferDecision, 'status'>[],
  feedbackAverages: readonly number[],
): ProgramReportRow {
  const counts = offerCounts(offers);
  return {
    cohortId: report.cohortId,
    cohortName: report.cohortName,
    endedOn,
    interns: report.interns,
    completed: report.completed,
    completionRate: report.completionRate,
    passRate: report.passRate,
    offersRecommended: report.returnOffers.recommended,
    offersExtended: counts.extended,
    offersAccepted: counts.accepted,
    acceptanceRate: counts.acceptanceRate,
    nps: report.programNps.score,
    mentorFeedbackAverage: mean(feedbackAverages),
  };
}
