import { setTimeout as sleep } from 'node:timers/promises';
import type { Did, Run } from './context.js';
import { feedbackRatings } from './feedback-and-offers.js';
import {
  allPages,
  type CohortReport,
  FEEDBACK_CRITERIA,
  GQL,
  type InternProgressRow,
  type MentorFeedbackSummary,
  type ProgramReportRow,
  type RubricAverage,
} from './operations.js';
import { EXTENSION_WEEKS, type Plan, type SimIntern, WEEKS } from './plan.js';
import { addDays, mean, ratio, sum } from './support.js';

export interface SimulationCheck {
  name: string;
  expected: unknown;
  actual: unknown;
  ok: boolean;
}

type Averages = Record<string, number | null>;

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** A mentor's feedback summary as one comparable line (figures to two decimals), or null. */
export function summaryLine(s: MentorFeedbackSummary | null): string | null {
  if (!s) return null;
  const by = new Map(s.averages.map((a) => [a.criterion, a.average]));
  const figures = FEEDBACK_CRITERIA.map((c) => `${c} ${by.get(c)?.toFixed(2) ?? '-'}`);
  return `${s.interns} interns: ${figures.join(', ')}; overall ${s.overall.toFixed(2)}`;
}

/**
 * What mentorFeedbackSummary must show for each mentor who got feedback: null below three
 * distinct interns; else the mean of every rating per criterion and overall (each feedback of
 * each cycle counted once).
 */
export function expectedSummaries(did: Did): Map<string, string | null> {
  const byMentor = new Map<string, Did['mentorFeedback']>();
  for (const f of did.mentorFeedback) byMentor.set(f.mentorId, [...(byMentor.get(f.mentorId) ?? []), f]);
  const out = new Map<string, string | null>();
  for (const [mentorId, list] of [...byMentor].sort(([a], [b]) => a.localeCompare(b))) {
    const interns = new Set(list.map((f) => f.internId)).size;
    if (interns < 3) {
      out.set(mentorId, null);
      continue;
    }
    out.set(
      mentorId,
      summaryLine({
        interns,
        averages: FEEDBACK_CRITERIA.map((criterion, k) => ({
          criterion,
          average: round2(mean(list.map((f) => f.scores[k]!))!),
        })),
        overall: round2(mean(list.flatMap((f) => f.scores))!),
      }),
    );
  }
  return out;
}

/** What the cohort report must show, computed from what the run did (never from the report). */
function expectations(plan: Plan, did: Did) {
  const n = plan.interns.length;
  const finals = did.finals;
  const passed = finals.filter((f) => f.decision === 'PASS').length;
  const failed = finals.filter((f) => f.decision === 'FAIL').length;
  const offers = (o: string) => finals.filter((f) => f.offer === o).length;
  const nps = did.selfFinals.map((s) => s.nps);
  const promoters = nps.filter((x) => x >= 9).length;
  const detractors = nps.filter((x) => x <= 6).length;
  const missedByIntern = new Map(plan.interns.map((i) => [i.id, [...i.skipWeeks].sort((a, b) => a - b)]));
  const missed = sum([...missedByIntern.values()].map((w) => w.length));
  const competencyMeans = (list: { scores: [string, number][] }[]): Averages => {
    const by = new Map<string, number[]>();
    for (const e of list) for (const [c, s] of e.scores) by.set(c, [...(by.get(c) ?? []), s]);
    return Object.fromEntries([...by].map(([c, s]) => [c, mean(s)]));
  };
  const withRole = (role: SimIntern['role']) => plan.interns.filter((i) => i.role === role).map((i) => i.id);
  const completed = did.completed.size;
  const accepted = did.offers.filter((o) => o.status === 'ACCEPTED').length;
  const declined = did.offers.filter((o) => o.status === 'DECLINED').length;
  const feedbackOf = (cycle: string) => did.mentorFeedback.filter((f) => f.cycle === cycle).length;
  return {
    interns: n,
    completed,
    completionRate: ratio(completed, n),
    terminated: withRole('TERMINATE'),
    extended: withRole('EXTEND'),
    passed,
    failed,
    passRate: ratio(passed, passed + failed),
    returnOffers: {
      strongYes: offers('STRONG_YES'),
      yes: offers('YES'),
      no: offers('NO'),
      recommended: offers('STRONG_YES') + offers('YES'),
    },
    offers: {
      extended: did.offers.length,
      accepted,
      declined,
      acceptanceRate: ratio(accepted, accepted + declined),
    },
    feedback: {
      // Every intern in the program at the midpoint, and each final evaluated.
      given: [plan.interns.length, finals.length],
      recorded: [feedbackOf('MIDPOINT'), feedbackOf('FINAL')],
      // programReport: the mean of each feedback's average (two decimals each).
      average: mean(did.mentorFeedback.map((f) => round2(mean(f.scores)!))),
      summaries: expectedSummaries(did),
    },
    programNps: {
      score: nps.length ? ((promoters - detractors) / nps.length) * 100 : null,
      responses: nps.length,
      promoters,
      detractors,
    },
    checkIns: { logged: did.checkIns, missed, rate: ratio(did.checkIns, did.checkIns + missed) },
    missedByIntern,
    milestoneReports: {
      onTime: did.reports.onTime,
      late: did.reports.late,
      missing: 0,
      onTimeRate: ratio(did.reports.onTime, did.reports.onTime + did.reports.late),
    },
    panelScores: did.panelScores,
    averages: {
      midpointAverage: competencyMeans(did.midpoints),
      finalAverage: competencyMeans(finals),
      selfAverage: competencyMeans(did.selfEvaluations),
    } satisfies Record<keyof Omit<RubricAverage, 'competency' | 'count'>, Averages>,
    reviews: { ...did.reviews },
    talks: {
      rsvped: sum([...did.rsvps.values()]),
      attended: sum([...did.attended.values()]),
      held: did.talksHeld,
    },
  };
}

type Expected = ReturnType<typeof expectations>;

/** The report and every intern's progress row, compared with what the run did. */
function runChecks(
  x: Expected,
  report: CohortReport,
  rows: InternProgressRow[],
  byId: Map<string, SimIntern>,
  did: Did,
  programRow: ProgramReportRow | null,
  summaries: Map<string, string | null>,
  ratingsOf: (i: SimIntern) => number[],
): SimulationCheck[] {
  const checks: SimulationCheck[] = [];
  const check = (name: string, expected: unknown, actual: unknown) =>
    checks.push({ name, expected, actual, ok: JSON.stringify(expected) === JSON.stringify(actual) });
  /**
   * A figure the report rounds to `decimals`: the expected value is computed exactly from what the
   * run did; the report's must be within half a unit of its last decimal (it is that value, rounded).
   */
  const close = (name: string, exact: number | null, actual: number | null, decimals: number) => {
    const ok =
      exact === null || actual === null ? exact === actual : Math.abs(exact - actual) <= 0.5 * 10 ** -decimals + 1e-9;
    checks.push({ name, expected: exact === null ? null : Number(exact.toFixed(decimals + 2)), actual, ok });
  };
  const row = new Map(rows.map((r) => [r.internId, r]));
  const total = (f: (r: InternProgressRow) => number) => sum(rows.map(f));

  check('interns in the report', x.interns, report.interns);
  check('completed', x.completed, report.completed);
  close('completion rate', x.completionRate, report.completionRate, 3);
  check('passed / failed', [x.passed, x.failed], [report.passed, report.failed]);
  close('pass rate', x.passRate, report.passRate, 3);
  const ro = report.returnOffers;
  check(
    'return offers (strongYes, yes, no)',
    [x.returnOffers.strongYes, x.returnOffers.yes, x.returnOffers.no],
    [ro.strongYes, ro.yes, ro.no],
  );
  check('return offers recommended', x.returnOffers.recommended, ro.recommended);
  // Offers recorded (recordOfferDecision → ReturnOfferDecided → the evaluations read model).
  check(
    'return offers extended / accepted / declined (recordOfferDecision)',
    [x.offers.extended, x.offers.accepted, x.offers.declined],
    [ro.extended, ro.accepted, ro.declined],
  );
  close('offer acceptance rate (accepted of decided)', x.offers.acceptanceRate, ro.acceptanceRate, 3);
  check(
    'recordOfferDecision answers (Enrollment.returnOffer recommendation, status, decidedAt)',
    [],
    did.wrongOfferAnswers,
  );
  // Mentor feedback (submitMentorFeedback at MIDPOINT and FINAL).
  check('mentor feedback given (MIDPOINT, FINAL)', x.feedback.given, x.feedback.recorded);
  check(
    'submitMentorFeedback answers the ratings given',
    [],
    did.mentorFeedback
      .filter((f) => JSON.stringify(f.scores) !== JSON.stringify(ratingsOf(byId.get(f.internId)!)))
      .map((f) => `${f.internId} ${f.cycle}: ${f.scores.join(',')}`),
  );
  check(
    'mentorFeedbackSummary per mentor (null below three interns)',
    [...x.feedback.summaries].map(([m, line]) => `${m}: ${line}`),
    [...x.feedback.summaries.keys()].map((m) => `${m}: ${summaries.get(m) ?? null}`),
  );
  // The cohort's row of programReport.
  check('programReport has the cohort', true, programRow !== null);
  if (programRow) {
    check('programReport interns / completed', [x.interns, x.completed], [programRow.interns, programRow.completed]);
    close('programReport completion rate', x.completionRate, programRow.completionRate, 3);
    close('programReport pass rate', x.passRate, programRow.passRate, 3);
    check(
      'programReport offers recommended / extended / accepted',
      [x.returnOffers.recommended, x.offers.extended, x.offers.accepted],
      [programRow.offersRecommended, programRow.offersExtended, programRow.offersAccepted],
    );
    close('programReport acceptance rate', x.offers.acceptanceRate, programRow.acceptanceRate, 3);
    close('programReport NPS', x.programNps.score, programRow.nps, 1);
    close('programReport mentor feedback average', x.feedback.average, programRow.mentorFeedbackAverage, 2);
  }
  const nps = report.programNps;
  close('program NPS (%9–10 − %0–6 of the final self-evaluations)', x.programNps.score, nps.score, 1);
  check(
    'NPS responses / promoters / detractors',
    [x.programNps.responses, x.programNps.promoters, x.programNps.detractors],
    [nps.responses, nps.promoters, nps.detractors],
  );
  check('check-ins logged', x.checkIns.logged, report.checkIns.logged);
  check('check-ins missed (CheckInMissed)', x.checkIns.missed, report.checkIns.missed);
  close('check-in rate', x.checkIns.rate, report.checkIns.rate, 3);
  const mr = report.milestoneReports;
  check(
    'milestone reports on time / late / missing',
    [x.milestoneReports.onTime, x.milestoneReports.late, x.milestoneReports.missing],
    [mr.onTime, mr.late, mr.missing],
  );
  close('on-time report rate', x.milestoneReports.onTimeRate, mr.onTimeRate, 3);
  check('late flags returned by submitMilestoneReport', [], did.reports.wrongLateFlag);
  check('terminated (count)', x.terminated.length, report.terminated);
  check(
    'terminated intern(s)',
    x.terminated.map((id) => `${id}: TERMINATED after TERMINATE`),
    rows
      .filter((r) => r.enrollmentStatus === 'TERMINATED')
      .map((r) => `${r.internId}: ${r.enrollmentStatus} after ${r.evaluationResults.midpointDecision}`),
  );
  check('extended (count)', x.extended.length, report.extended);
  check(
    'extended intern(s)',
    x.extended.map((id) => `${id}: +${EXTENSION_WEEKS} weeks after EXTEND`),
    rows
      .filter((r) => r.extensionWeeks > 0)
      .map((r) => `${r.internId}: +${r.extensionWeeks} weeks after ${r.evaluationResults.midpointDecision}`),
  );
  // CheckInMissed per pair: the weeks each intern's progress shows missed are exactly the weeks skipped.
  const skipped = [...x.missedByIntern]
    .filter(([, w]) => w.length)
    .map(([id, w]) => `${id}: ${w.join(',')}`)
    .sort();
  const seen = rows
    .filter((r) => r.checkIns.missedWeeks.length)
    .map((r) => `${r.internId}: ${r.checkIns.missedWeeks.join(',')}`)
    .sort();
  check(
    `CheckInMissed per pair (internProgress missedWeeks) vs the ${x.checkIns.missed} weeks ${skipped.length} pair(s) skipped`,
    skipped,
    seen,
  );
  const loggedRows = [...byId.keys()].filter(
    (id) => (row.get(id)?.checkIns.logged ?? -1) !== (did.checkInsByIntern.get(id) ?? 0),
  );
  check('check-ins logged per intern (internProgress)', [], loggedRows);
  check('presentation panel scorings', x.panelScores, report.presentation.panelCount);
  for (const [cycle, exact] of Object.entries(x.averages) as [keyof Expected['averages'], Averages][]) {
    const actual = Object.fromEntries(report.rubricAverages.map((a) => [a.competency, a[cycle]]));
    for (const competency of Object.keys(exact)) {
      close(`rubric ${cycle} ${competency}`, exact[competency], actual[competency] ?? null, 2);
    }
  }
  check(
    'talk RSVPs / attendance (internProgress)',
    [x.talks.rsvped, x.talks.attended],
    [total((r) => r.talks.rsvped), total((r) => r.talks.attended)],
  );
  check(
    'talks held (attendance recorded), on every intern’s row',
    [x.talks.held],
    [...new Set(rows.map((r) => r.talks.held))],
  );
  check(
    'milestone reviews accepted / revision requested (internProgress)',
    [x.reviews.accepted, x.reviews.revisionRequested],
    [total((r) => r.milestoneReports.accepted), total((r) => r.milestoneReports.revisionRequested)],
  );
  return checks;
}

export interface Verdict {
  report: CohortReport;
  rows: InternProgressRow[];
  /** The cohort's row of programReport, null when it has none. */
  programRow: ProgramReportRow | null;
  checks: SimulationCheck[];
}

/**
 * The cohort report and the interns' progress checked against what the run did. The report is a
 * read model fed by events: read until it agrees, or has stopped changing for 15 s (or the run's
 * timeout has passed). Every step that failed is a failed check too.
 */
export async function verify(run: Run): Promise<Verdict> {
  const { client, pm, cohortId } = run;
  const expected = expectations(run.plan, run.did);
  const read = async (): Promise<Verdict> => {
    const report = await client.call('cohortReport', pm, GQL.cohortReport, { c: cohortId });
    const rows = await allPages((after) =>
      client.call('internProgress', pm, GQL.internProgress, { c: cohortId, after }),
    );
    // The cohort's program ends on the Sunday of its last week.
    const start = run.cohort.startDate;
    const programRows = await client.call('programReport', pm, GQL.programReport, {
      from: start,
      to: addDays(start, WEEKS * 7),
    });
    const programRow = programRows.find((r) => r.cohortId === cohortId) ?? null;
    const summaries = new Map<string, string | null>();
    for (const mentorId of expected.feedback.summaries.keys()) {
      const summary = await client.call(`mentorFeedbackSummary ${mentorId}`, pm, GQL.mentorFeedbackSummary, {
        mentorId,
      });
      summaries.set(mentorId, summaryLine(summary));
    }
    const ratingsOf = (i: SimIntern) => feedbackRatings(run, i).map((r) => r.score);
    return {
      report,
      rows,
      programRow,
      checks: runChecks(expected, report, rows, run.byId, run.did, programRow, summaries, ratingsOf),
    };
  };
  let stableSince = Date.now();
  let lastJson = '';
  const deadline = Date.now() + run.timeoutMs;
  let verdict: Verdict;
  for (;;) {
    verdict = await read();
    if (verdict.checks.every((c) => c.ok)) break;
    const json = JSON.stringify([verdict.report, verdict.rows, verdict.programRow]);
    if (json !== lastJson) {
      lastJson = json;
      stableSince = Date.now();
    }
    if (Date.now() > deadline || Date.now() - stableSince > 15_000) break;
    await sleep(500);
  }
  for (const f of run.failures) {
    verdict.checks.push({ name: `step: ${f.step}`, expected: 'done', actual: 'failed (see above)', ok: false });
  }
  return verdict;
}
