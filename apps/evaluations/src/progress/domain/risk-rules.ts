import type { ProgressWithoutRisk, RiskLevel } from './intern-progress.js';

/**
 * The risk rules (documented for program managers; every reason is one sentence in words).
 *
 * While the intern is in the program (ENROLLED, ONBOARDING, ACTIVE):
 *
 * RED when any of
 *  - 3 or more check-ins missed (a missed week for which a check-in is logged later no longer counts);
 *  - 2 or more check-ins missed and at least one milestone report overdue;
 *  - 2 or more milestone reports overdue (due, no report);
 *  - the project scope is overdue and still not approved from week 4 on;
 *  - the last two check-ins both rated the intern OFF_TRACK;
 *  - the primary mentor's latest evaluation averages below 2.5 of 5;
 *  - the midpoint decision was TERMINATE.
 *
 * AMBER when any of (and no RED rule holds for the same signal)
 *  - 1 or 2 check-ins missed;
 *  - 1 milestone report overdue;
 *  - 2 or more milestone reports submitted late;
 *  - the project scope is overdue and not approved (before week 4);
 *  - the latest check-in rated the intern OFF_TRACK or AT_RISK;
 *  - onboarding not completed once week 2 has started;
 *  - no primary mentor once week 2 has started;
 *  - fewer than half of the tech talks held (at least 2) attended;
 *  - the primary mentor's latest evaluation averages below 3 of 5;
 *  - the internship was extended at the midpoint (EXTEND).
 *
 * GREEN otherwise.
 *
 * Once the enrollment has ended the level shows the outcome: COMPLETED with PASS is GREEN,
 * COMPLETED with FAIL and TERMINATED are RED, WITHDRAWN is AMBER.
 *
 * Everything is read from the row, which is derived from events only (the cohort clock's week,
 * never the wall clock), so the same events always give the same level and reasons.
 */
export interface RiskAssessment {
  level: RiskLevel;
  reasons: string[];
}

interface Signal {
  level: Exclude<RiskLevel, 'GREEN'>;
  reason: string;
}

const RANK: Record<RiskLevel, number> = { GREEN: 0, AMBER: 1, RED: 2 };

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function weeksList(weeks: number[]): string {
  return weeks.length === 1 ? `week ${weeks[0]}` : `weeks ${weeks.slice(0, -1).join(', ')} and ${weeks.at(-1)}`;
}

function milestoneList(p: ProgressWithoutRisk): string {
  return p.milestoneReports.missingMilestones
    .map((m) => `${m.title ? `“${m.title}”` : `milestone ${m.milestoneId}`} (due week ${m.dueWeek})`)
    .join(', ');
}

function endedOutcome(p: ProgressWithoutRisk): RiskAssessment | undefined {
  switch (p.enrollmentStatus) {
    case 'COMPLETED':
      return p.evaluations.finalOutcome === 'FAIL'
        ? { level: 'RED', reasons: ['completed the program with the final outcome FAIL'] }
        : { level: 'GREEN', reasons: [] };
    case 'TERMINATED':
      return { level: 'RED', reasons: ['the internship was terminated'] };
    case 'WITHDRAWN':
      return { level: 'AMBER', reasons: ['withdrew from the program'] };
    default:
      return undefined;
  }
}

function signals(p: ProgressWithoutRisk): Signal[] {
  const out: Signal[] = [];
  const week = p.cohort.currentWeek;
  const { missed, missedWeeks, recentProgress } = p.checkIns;
  const overdue = p.milestoneReports.missing;

  if (p.evaluations.midpointDecision === 'TERMINATE') {
    out.push({ level: 'RED', reason: 'the primary mentor decided to TERMINATE the internship at the midpoint' });
  }
  if (p.evaluations.finalOutcome === 'FAIL') {
    out.push({ level: 'RED', reason: 'the primary mentor recorded the final outcome FAIL' });
  }

  if (missed > 0) {
    const red = missed >= 3 || (missed >= 2 && overdue >= 1);
    out.push({
      level: red ? 'RED' : 'AMBER',
      reason: `${plural(missed, 'check-in')} missed (${weeksList(missedWeeks)})`,
    });
  }
  if (overdue > 0) {
    const red = overdue >= 2 || missed >= 2;
    out.push({
      level: red ? 'RED' : 'AMBER',
      reason: `${plural(overdue, 'milestone report')} overdue: ${milestoneList(p)}`,
    });
  }
  if (p.milestoneReports.late >= 2) {
    out.push({ level: 'AMBER', reason: `${plural(p.milestoneReports.late, 'milestone report')} submitted late` });
  }
  if (p.scope.overdue) {
    out.push(
      week >= 4
        ? {
            level: 'RED',
            reason: `the project scope was due at the end of week 2 and is still not approved in week ${week}`,
          }
        : { level: 'AMBER', reason: 'the project scope is overdue (due at the end of week 2) and not approved yet' },
    );
  }
  if (recentProgress.length >= 2 && recentProgress[0] === 'OFF_TRACK' && recentProgress[1] === 'OFF_TRACK') {
    out.push({ level: 'RED', reason: 'the last two check-ins rated the intern OFF_TRACK' });
  } else if (recentProgress[0] === 'OFF_TRACK' || recentProgress[0] === 'AT_RISK') {
    out.push({
      level: 'AMBER',
      reason: `the latest check-in${p.checkIns.lastWeek ? ` (week ${p.checkIns.lastWeek})` : ''} rated the intern ${recentProgress[0]}`,
    });
  }
  if (!p.onboarding.done && week >= 2) {
    out.push({
      level: 'AMBER',
      reason: `onboarding not completed in week ${week} (${plural(p.onboarding.tasksCompleted, 'task')} done)`,
    });
  }
  if (!p.primaryMentorId && week >= 2 && (p.cohort.weeks === null || week <= p.cohort.weeks)) {
    out.push({ level: 'AMBER', reason: `no primary mentor assigned in week ${week}` });
  }
  const { held, attended } = p.talks;
  if (held >= 2 && attended * 2 < held) {
    out.push({ level: 'AMBER', reason: `attended ${attended} of ${plural(held, 'tech talk')} held` });
  }
  const latestMentor = p.evaluations.mentorFinalAverage ?? p.evaluations.mentorMidpointAverage;
  if (latestMentor !== null && latestMentor < 3) {
    const cycle = p.evaluations.mentorFinalAverage !== null ? 'final' : 'midpoint';
    out.push({
      level: latestMentor < 2.5 ? 'RED' : 'AMBER',
      reason: `the primary mentor's ${cycle} evaluation averages ${latestMentor} of 5`,
    });
  }
  const refused = p.evaluations.extensionRefused;
  if (refused) {
    out.push({
      level: 'AMBER',
      reason: `the midpoint extension by ${plural(refused.requestedWeeks, 'week')} was not applied: ${refused.reason}`,
    });
  }
  if (p.awaitingFinalOutcome) {
    out.push({ level: 'AMBER', reason: 'the program has ended and the final outcome is not recorded' });
  }
  if (p.evaluations.midpointDecision === 'EXTEND' && !refused) {
    const weeks = p.evaluations.midpointExtensionWeeks;
    out.push({
      level: 'AMBER',
      reason: `the internship was extended at the midpoint${weeks ? ` by ${plural(weeks, 'week')}` : ''}`,
    });
  }
  return out;
}

/** The intern's risk level and its reasons (RED reasons first). Pure: the same row gives the same answer. */
export function assessRisk(p: ProgressWithoutRisk): RiskAssessment {
  const ended = endedOutcome(p);
  if (ended) return ended;
  const found = signals(p);
  const level = found.reduce<RiskLevel>((lvl, s) => (RANK[s.level] > RANK[lvl] ? s.level : lvl), 'GREEN');
  const reasons = [...found.filter((s) => s.level === 'RED'), ...found.filter((s) => s.level === 'AMBER')].map(
    (s) => s.reason,
  );
  return { level, reasons };
}
