import { checkIns, mentorsSee } from './check-ins.js';
import { makeClient } from './client.js';
import { extendedIntern } from './extension.js';
import { matchAndAssign } from './matching.js';
import {
  castOf,
  cancelTalk,
  lateFinal,
  lateMidpoint,
  messyFinals,
  messyMidpoint,
  moveTalk,
  newObserved,
  talkAttendance,
  updateCohort,
  withdrawAndReinstate,
} from './messy.js';
import { milestoneReports } from './milestone-reports.js';
import { onboard } from './onboarding.js';
import { makePlan, MIDPOINT_WEEK, WEEKS } from './plan.js';
import type { SimulationOptions } from './run-simulation.js';
import { approveScopes, draftScopes, scopingSees } from './scoping.js';
import { setUp } from './setup.js';
import { rsvp, scheduleTalks } from './tech-talks.js';
import type { SimulationCheck } from './verify.js';
import { type MessyViews, verifyMessy } from './verify-messy.js';

export interface MessySimulationResult {
  /** Every check passed and every step ran. */
  ok: boolean;
  cohortId: string;
  runTag: string;
  checks: SimulationCheck[];
  failures: { step: string; detail: string }[];
  /** Every service's view at the end (what the checks read). */
  views: MessyViews;
  timings: { phase: string; ms: number }[];
  requests: number;
  wallMs: number;
}

const fmt = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The messy scenario (SPEC 7, off the happy path) through the gateway at `url` on the sandbox clock:
 * a small cohort (default 6 interns, 3 mentors) renamed with its capacity raised; a talk moved and
 * another cancelled after their RSVPs; an intern withdrawn and reinstated; a midpoint EXTEND
 * corrected to CONTINUE; an intern extended 4 weeks by the PM whose midpoint EXTEND of 2 is
 * refused; a mentor who misses both evaluation windows of one intern, a PM recording both late;
 * a presentation slot closed under its intern, who books another. Then every service's view is
 * checked: nobody ACTIVE after the end, no stale extension, the report consistent, people told.
 */
export async function runMessySimulation(options: SimulationOptions): Promise<MessySimulationResult> {
  const { url, seed = 1, log = (m) => console.log(m), concurrency = 8, timeoutMs = 60_000 } = options;
  if (!url) throw new Error('runMessySimulation needs the gateway url');
  const runTag = options.runTag ?? `m${String(seed).replace(/[^a-z0-9]/gi, '')}${Date.now().toString(36).slice(-5)}`;
  const plan = makePlan({ interns: options.interns ?? 6, mentors: options.mentors ?? 3, seed, runTag });
  const cast = castOf(plan);
  const seen = newObserved();
  const client = makeClient(url, { waitTimeoutMs: timeoutMs });
  const started = Date.now();
  const timings: MessySimulationResult['timings'] = [];
  let phaseStart = Date.now();
  const phase = (name: string, notes: string[] = []) => {
    const now = Date.now();
    timings.push({ phase: name, ms: now - phaseStart });
    log(`• ${name}${notes.length ? `: ${notes.join('; ')}` : ''} (${((now - phaseStart) / 1000).toFixed(1)} s)`);
    phaseStart = now;
  };

  const run = await setUp(plan, client, { log, concurrency, timeoutMs });
  log(
    `messy cast: late evaluations ${cast.late.id}, EXTEND corrected ${cast.corrected.id}, over-cap ${cast.overCap.id}, withdrawn and reinstated ${cast.returning.id}, slot closed ${cast.rebooker.id}`,
  );
  phase('week 0 (schedule, register, enroll)');

  await run.advance(1);
  await onboard(run);
  const renamed = await updateCohort(run, seen);
  const talks = await scheduleTalks(run);
  await matchAndAssign(run);
  await mentorsSee(run, 1);
  await checkIns(run, 1);
  const sentBack = await draftScopes(run);
  phase('week 1', [renamed]);

  await run.advance(2);
  await mentorsSee(run, 2);
  await checkIns(run, 2);
  await approveScopes(run, sentBack);
  await rsvp(run, talks, 0, plan.interns);
  const moved = await moveTalk(run, talks[0], seen);
  phase('week 2', [moved]);

  for (let week = 3; week <= WEEKS; week++) {
    await run.advance(week);
    await mentorsSee(run, week);
    await scopingSees(run, week);
    const notes: string[] = [];
    if (week === 3) notes.push(await withdrawAndReinstate(run, cast.returning, seen));
    notes.push(`${await checkIns(run, week)} check-ins`, `${await milestoneReports(run, week)} milestone reports`);
    if (week === 4) notes.push(await talkAttendance(run, talks[0]));
    if (week === MIDPOINT_WEEK) notes.push(await messyMidpoint(run, cast, seen));
    if (week === MIDPOINT_WEEK + 1) notes.push(await lateMidpoint(run, cast.late), await cancelTalk(run, talks, seen));
    if (week === WEEKS) notes.push(await messyFinals(run, cast, seen));
    phase(`week ${week}`, notes);
  }

  const completion = await run.advance(WEEKS + 1);
  const late = await lateFinal(run, cast.late, seen);
  phase(`week ${WEEKS + 1}`, [`the cohort is ${completion.status}`, late]);
  await extendedIntern(run);
  phase(`after week ${WEEKS} (the over-cap intern's later weeks)`);

  const { views, checks } = await verifyMessy(run, cast, seen);
  phase('every service’s view (checks)');
  const wallMs = Date.now() - started;
  log('\nchecks (expected vs actual):');
  for (const c of checks) log(`  ${c.ok ? '✓' : '✗'} ${c.name}: expected ${fmt(c.expected)}, actual ${fmt(c.actual)}`);
  for (const f of run.failures) log(`\n✗ STEP FAILED: ${f.step}\n${f.detail}`);
  const failed = checks.filter((c) => !c.ok);
  log(
    `\n${checks.length - failed.length}/${checks.length} checks passed; ${client.requests} GraphQL requests in ${(wallMs / 1000).toFixed(1)} s`,
  );
  return {
    ok: failed.length === 0,
    cohortId: run.cohortId,
    runTag,
    checks,
    failures: run.failures,
    views,
    timings,
    requests: client.requests,
    wallMs,
  };
}
