import { setTimeout as sleep } from 'node:timers/promises';
import type { Run } from './context.js';
import { allProgress, type Cast, CORRECTED_EXTEND_WEEKS, type Observed, PM_EXTENSION_WEEKS } from './messy.js';
import {
  allPages,
  type CohortStateReport,
  type EnrollmentDetail,
  type EvaluationRecord,
  GQL,
  type NotificationRow,
  type ProgressStateRow,
} from './operations.js';
import { type SimIntern, WEEKS } from './plan.js';
import type { SimulationCheck } from './verify.js';

/** What every service shows at the end of the messy run. */
export interface MessyViews {
  report: CohortStateReport;
  cohort: { name: string; capacity: number } | null;
  enrollments: EnrollmentDetail[];
  progress: ProgressStateRow[];
  /** Scoping's programWeeks of the corrected and over-cap interns' projects. */
  programWeeks: Record<string, number | null>;
  /** Evaluations' FINAL window week of the corrected and over-cap interns. */
  finalWeeks: Record<string, number | null>;
  evaluations: Record<string, EvaluationRecord[]>;
  /** Each person's notifications (the PM's: those about this run's interns). */
  notifications: Record<string, NotificationRow[]>;
}

async function readViews(run: Run, cast: Cast): Promise<MessyViews> {
  const { client, pm, cohortId } = run;
  const { corrected, overCap, late } = cast;
  const report = await client.call('cohortReport', pm, GQL.cohortStateReport, { c: cohortId });
  const cohort = await client.call('cohort', pm, GQL.cohortSettings, { id: cohortId });
  const enrollments = await allPages(async (after) => {
    const c = await client.call('cohort enrollments', pm, GQL.enrollmentDetails, { id: cohortId, after });
    return c?.enrollments ?? { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };
  });
  const progress = await allProgress(run);
  const programWeeks: MessyViews['programWeeks'] = {};
  const finalWeeks: MessyViews['finalWeeks'] = {};
  for (const i of [corrected, overCap]) {
    programWeeks[i.id] =
      (await client.call(`project ${i.projectId}`, pm, GQL.project, { id: i.projectId }))?.programWeeks ?? null;
    const windows = await client.call(`evaluationWindows ${i.id}`, pm, GQL.evaluationWindows, { id: i.id });
    finalWeeks[i.id] = windows.find((w) => w.cycle === 'FINAL')?.week ?? null;
  }
  const evaluations: MessyViews['evaluations'] = {};
  for (const i of [late, corrected, overCap]) {
    evaluations[i.id] =
      (await client.call(`intern ${i.id} evaluations`, pm, GQL.internEvaluations, { id: i.id }))?.evaluations ?? [];
  }
  const ours = new Set(run.plan.interns.map((i) => i.id));
  const feed = async (token: string) =>
    allPages((after) => client.call('notifications', token, GQL.notifications, { after }));
  const notifications: MessyViews['notifications'] = {
    pm: (await feed(pm)).filter((n) => n.internId && ours.has(n.internId)),
  };
  for (const i of run.plan.interns) notifications[i.id] = await feed(i.token);
  for (const m of run.plan.mentors) notifications[m.id] = await feed(run.mentorToken(m.id));
  return { report, cohort, enrollments, progress, programWeeks, finalWeeks, evaluations, notifications };
}

/** The checks of the messy run: every service's view of what happened, against what the run did. */
function messyChecks(run: Run, cast: Cast, seen: Observed, v: MessyViews): SimulationCheck[] {
  const checks: SimulationCheck[] = [];
  const check = (name: string, expected: unknown, actual: unknown) =>
    checks.push({ name, expected, actual, ok: JSON.stringify(expected) === JSON.stringify(actual) });
  const { late, corrected, overCap, returning, rebooker } = cast;
  const interns = run.plan.interns;
  const byId = <T extends { internId: string }>(rows: T[]) => new Map(rows.map((r) => [r.internId, r]));
  const enrollment = byId(v.enrollments);
  const progress = byId(v.progress);
  const all = (value: unknown) => interns.map((i) => `${i.id}: ${String(value)}`);

  // No intern left ACTIVE after the end, in cohorts and in evaluations.
  check(
    'every enrollment COMPLETED after the end (cohorts)',
    all('COMPLETED'),
    interns.map((i) => `${i.id}: ${enrollment.get(i.id)?.status}`),
  );
  check(
    'every intern COMPLETED after the end (evaluations internProgress)',
    all('COMPLETED'),
    interns.map((i) => `${i.id}: ${progress.get(i.id)?.enrollmentStatus}`),
  );
  check(
    'nobody awaiting a final outcome (internProgress)',
    all(false),
    interns.map((i) => `${i.id}: ${progress.get(i.id)?.awaitingFinalOutcome}`),
  );

  // No stale extension: the corrected EXTEND left nothing; the PM's 4 weeks stayed, not 6.
  const calendarOf = (i: SimIntern) => {
    const e = enrollment.get(i.id);
    return e
      ? {
          extensionWeeks: e.extensionWeeks,
          extensions: e.extensions.map((x) => `${x.weeks} ${x.source}`),
          programWeeks: e.calendar.programWeeks,
          calendarExtensionWeeks: e.calendar.extensionWeeks,
        }
      : null;
  };
  check(
    `no extension left from ${corrected.id}'s EXTEND ${CORRECTED_EXTEND_WEEKS} corrected to CONTINUE (cohorts enrollment)`,
    { extensionWeeks: 0, extensions: [], programWeeks: WEEKS, calendarExtensionWeeks: 0 },
    calendarOf(corrected),
  );
  check(
    `${overCap.id} keeps the PM's ${PM_EXTENSION_WEEKS} weeks only, the EXTEND refused (cohorts enrollment)`,
    {
      extensionWeeks: PM_EXTENSION_WEEKS,
      extensions: [`${PM_EXTENSION_WEEKS} PROGRAM_MANAGER`],
      programWeeks: WEEKS + PM_EXTENSION_WEEKS,
      calendarExtensionWeeks: PM_EXTENSION_WEEKS,
    },
    calendarOf(overCap),
  );
  check(
    'extension weeks and midpoint decisions (evaluations internProgress)',
    [`${corrected.id}: 0 CONTINUE null`, `${overCap.id}: ${PM_EXTENSION_WEEKS} CONTINUE null`],
    [corrected, overCap].map((i) => {
      const r = progress.get(i.id);
      return `${i.id}: ${r?.extensionWeeks} ${r?.evaluationResults.midpointDecision} ${r?.evaluationResults.midpointExtensionWeeks}`;
    }),
  );
  check(
    'project programWeeks (scoping)',
    { [corrected.id]: WEEKS, [overCap.id]: WEEKS + PM_EXTENSION_WEEKS },
    v.programWeeks,
  );
  check(
    'FINAL evaluation window week (evaluations)',
    { [corrected.id]: WEEKS, [overCap.id]: WEEKS + PM_EXTENSION_WEEKS },
    v.finalWeeks,
  );

  // The over-cap EXTEND: refused when submitted, naming extensionWeeks (or, found later, told to the mentor and PMs).
  const refusedLater = (audience: string) =>
    (v.notifications[audience] ?? []).some((n) => n.type === 'EXTENSION_REFUSED' && n.internId === overCap.id);
  const refusedAtOnce =
    !!seen.refusal?.codes.includes('BAD_USER_INPUT') && seen.refusal.fields.some((f) => /extensionWeeks/.test(f));
  check(
    `${overCap.id}'s EXTEND over the 5-week total refused: BAD_USER_INPUT naming extensionWeeks, or EXTENSION_REFUSED to the mentor and PMs`,
    true,
    refusedAtOnce || (refusedLater(overCap.mentorId) && refusedLater('pm')),
  );

  // Who recorded what: the PM's late evaluations, the mentor's correction.
  // The mentor evaluation in force: the highest revision (should superseded ones be listed too).
  const mentorEval = (i: SimIntern, cycle: string) =>
    (v.evaluations[i.id] ?? [])
      .filter((e) => e.kind === 'MENTOR' && e.cycle === cycle)
      .sort((a, b) => b.revision - a.revision)[0];
  check(
    `${late.id}'s MIDPOINT and FINAL evaluations recorded late by a PM`,
    ['MIDPOINT CONTINUE PROGRAM_MANAGER', `FINAL ${late.final?.decision} PROGRAM_MANAGER`],
    ['MIDPOINT', 'FINAL'].map((c) => `${c} ${mentorEval(late, c)?.decision} ${mentorEval(late, c)?.recordedBy?.role}`),
  );
  const correction = mentorEval(corrected, 'MIDPOINT');
  check(
    `${corrected.id}'s midpoint decision in force: CONTINUE, revision 2, no extension weeks`,
    'CONTINUE 2 null',
    `${correction?.decision} ${correction?.revision} ${correction?.extensionWeeks}`,
  );
  check(`${late.id} was shown as awaiting their final outcome after the end`, true, seen.awaitingSeen);
  check(
    `FINAL_OUTCOME_AWAITED about ${late.id} for the PMs and ${late.id}'s mentor`,
    [true, true],
    ['pm', late.mentorId].map((a) =>
      (v.notifications[a] ?? []).some((n) => n.type === 'FINAL_OUTCOME_AWAITED' && n.internId === late.id),
    ),
  );

  // The cohort: renamed, capacity raised; its report consistent with the interns' states.
  check(
    'cohort name and capacity (cohorts)',
    { name: seen.renamedTo, capacity: seen.capacity },
    v.cohort && { name: v.cohort.name, capacity: v.cohort.capacity },
  );
  const finals = run.did.finals;
  check(
    'cohortReport counts (evaluations)',
    {
      cohortName: seen.renamedTo,
      interns: interns.length,
      inProgram: 0,
      completed: interns.length,
      terminated: 0,
      withdrawn: 0,
      extended: 1,
      passed: finals.filter((f) => f.decision === 'PASS').length,
      failed: finals.filter((f) => f.decision === 'FAIL').length,
      awaitingFinalOutcome: 0,
    },
    {
      cohortName: v.report.cohortName,
      interns: v.report.interns,
      inProgram: v.report.inProgram,
      completed: v.report.completed,
      terminated: v.report.terminated,
      withdrawn: v.report.withdrawn,
      extended: v.report.extended,
      passed: v.report.passed,
      failed: v.report.failed,
      awaitingFinalOutcome: v.report.awaitingFinalOutcome,
    },
  );

  // Told: the move, the cancellation, the closed slot, the reinstatement, the revoked extension.
  const told = (ids: string[], type: string, subjectId?: string | null) =>
    ids.map(
      (id) =>
        `${id}: ${(v.notifications[id] ?? []).some((n) => n.type === type && (!subjectId || n.subjectId === subjectId))}`,
    );
  const rsvped = (talkId?: string) => (talkId ? (seen.rsvped.get(talkId) ?? []) : []);
  check(
    'TALK_MOVED to every intern who RSVPed to the moved talk',
    rsvped(seen.moved?.id).map((id) => `${id}: true`),
    told(rsvped(seen.moved?.id), 'TALK_MOVED', seen.moved?.id),
  );
  check(
    'TALK_CANCELLED to every intern who RSVPed to the cancelled talk',
    rsvped(seen.cancelled?.id).map((id) => `${id}: true`),
    told(rsvped(seen.cancelled?.id), 'TALK_CANCELLED', seen.cancelled?.id),
  );
  check(
    `SLOT_CLOSED to ${rebooker.id}, who booked another`,
    [`${rebooker.id}: true`],
    told([rebooker.id], 'SLOT_CLOSED', seen.closedSlotId),
  );
  check(`INTERN_REINSTATED to ${returning.id}`, [`${returning.id}: true`], told([returning.id], 'INTERN_REINSTATED'));
  check(`the mentors service gave ${returning.id} their mentor back on reinstatement`, true, seen.mentorsRestored);
  check(`EXTENSION_REVOKED to ${corrected.id}`, [`${corrected.id}: true`], told([corrected.id], 'EXTENSION_REVOKED'));
  return checks;
}

export interface MessyVerdict {
  views: MessyViews;
  checks: SimulationCheck[];
}

/**
 * Every service's view at the end of the messy run, read until the checks pass or nothing has
 * changed for 15 s (or the run's timeout has passed). Every step that failed is a failed check too.
 */
export async function verifyMessy(run: Run, cast: Cast, seen: Observed): Promise<MessyVerdict> {
  let stableSince = Date.now();
  let lastJson = '';
  const deadline = Date.now() + run.timeoutMs;
  let verdict: MessyVerdict;
  for (;;) {
    const views = await readViews(run, cast);
    verdict = { views, checks: messyChecks(run, cast, seen, views) };
    if (verdict.checks.every((c) => c.ok)) break;
    const json = JSON.stringify(views);
    if (json !== lastJson) {
      lastJson = json;
      stableSince = Date.now();
    }
    if (Date.now() > deadline || Date.now() - stableSince > 15_000) break;
    await sleep(1000);
  }
  for (const f of run.failures) {
    verdict.checks.push({ name: `step: ${f.step}`, expected: 'done', actual: 'failed (see above)', ok: false });
  }
  return verdict;
}
