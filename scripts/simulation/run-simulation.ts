import { checkIns, mentorsSee } from './check-ins.js';
import { makeClient, type Latency } from './client.js';
import { extendedIntern } from './extension.js';
import { recordOffers } from './feedback-and-offers.js';
import { presentationsAndFinals } from './final.js';
import { matchAndAssign } from './matching.js';
import { midpoint } from './midpoint.js';
import { milestoneReports } from './milestone-reports.js';
import { onboard } from './onboarding.js';
import type { CohortReport, InternProgressRow, ProgramReportRow } from './operations.js';
import { makePlan, MIDPOINT_WEEK, WEEKS } from './plan.js';
import { approveScopes, draftScopes, scopingSees } from './scoping.js';
import { setUp } from './setup.js';
import { brief, SimulationStepError } from './support.js';
import { rsvp, scheduleTalks, talksOfWeek } from './tech-talks.js';
import { type SimulationCheck, verify } from './verify.js';

export interface SimulationOptions {
  /** The gateway's GraphQL endpoint. */
  url: string;
  interns?: number;
  mentors?: number;
  seed?: number | string;
  log?: (message: string) => void;
  /** Requests in flight at a time. */
  concurrency?: number;
  /** Part of every id the run creates (default: from the seed and the time). */
  runTag?: string;
  /** How long to wait for one asynchronous effect (default 60 s). */
  timeoutMs?: number;
}

export interface SimulationResult {
  /** Every check passed and every step ran. */
  ok: boolean;
  cohortId: string;
  runTag: string;
  checks: SimulationCheck[];
  /** Steps that could not be carried out (the run went on without them), with the request and the answer. */
  failures: { step: string; detail: string }[];
  report: CohortReport;
  /** The cohort's row of programReport (null when it has none). */
  programReport: ProgramReportRow | null;
  progress: InternProgressRow[];
  timings: { phase: string; ms: number }[];
  latencies: Latency[];
  waits: { waitingFor: string; ms: number }[];
  requests: number;
  wallMs: number;
}

const fmt = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Runs a whole cohort through the gateway at `url` (sandbox clock) and checks the cohort report
 * against what it did. Throws SimulationStepError when a step fails in a way the run cannot go on from.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const { url, seed = 1, log = (m) => console.log(m), concurrency = 8, timeoutMs = 60_000 } = options;
  if (!url) throw new Error('runSimulation needs the gateway url');
  const runTag = options.runTag ?? `${String(seed).replace(/[^a-z0-9]/gi, '')}${Date.now().toString(36).slice(-5)}`;
  const plan = makePlan({ interns: options.interns ?? 60, mentors: options.mentors ?? 30, seed, runTag });
  const client = makeClient(url, { waitTimeoutMs: timeoutMs });
  const started = Date.now();
  const timings: SimulationResult['timings'] = [];
  let phaseStart = Date.now();
  const phase = (name: string) => {
    const now = Date.now();
    timings.push({ phase: name, ms: now - phaseStart });
    log(`  ${name}: ${((now - phaseStart) / 1000).toFixed(1)} s (${client.requests} requests so far)`);
    phaseStart = now;
  };

  // Week 0: rubrics, cohort, mentors, enrollments.
  const run = await setUp(plan, client, { log, concurrency, timeoutMs });
  run.giveMentorFeedback = true;
  phase('week 0 (schedule, register, enroll)');

  // Week 1: onboarding, the talks scheduled, matching, the first check-ins, the scopes.
  await run.advance(1);
  await onboard(run);
  const talks = await scheduleTalks(run);
  await matchAndAssign(run);
  await mentorsSee(run, 1);
  await checkIns(run, 1);
  const sentBack = await draftScopes(run);
  phase('week 1 (onboarding, talks scheduled, matching, check-ins, scopes)');

  // Week 2: check-ins, the scopes approved, RSVPs to the first talk.
  await run.advance(2);
  await mentorsSee(run, 2);
  await checkIns(run, 2);
  await approveScopes(run, sentBack);
  await rsvp(run, talks, 0, plan.interns);
  log(
    `• week 2: ${sentBack.length} scope(s) resubmitted; ${plan.interns.length} scopes approved by their primary mentors; ${run.did.rsvps.size} RSVPs to “${talks[0].title}”`,
  );
  phase('week 2 (check-ins, scope approvals, RSVPs)');

  // Weeks 3–12: check-ins, milestone reports, talks, the midpoint, presentations and finals.
  for (let week = 3; week <= WEEKS; week++) {
    await run.advance(week);
    await mentorsSee(run, week);
    await scopingSees(run, week);
    const logged = await checkIns(run, week);
    const reported = await milestoneReports(run, week);
    const skipped = run.inProgram().filter((i) => i.skipWeeks.has(week)).length;
    const notes = [`${logged} check-ins (${skipped} skipped)`, `${reported} milestone reports reviewed`];
    notes.push(...(await talksOfWeek(run, talks, week)));
    if (week === MIDPOINT_WEEK) notes.push(await midpoint(run));
    if (week === WEEKS) notes.push(await presentationsAndFinals(run));
    log(`• week ${week}: ${notes.join('; ')}`);
    phase(`week ${week}`);
  }

  // Completion, then the extended intern's later weeks.
  const completion = await run.advance(WEEKS + 1);
  if (completion.status !== 'COMPLETED') {
    throw new SimulationStepError(
      `advanceCohortClock to week ${WEEKS + 1}`,
      `  the cohort is ${brief(completion)}, not COMPLETED`,
    );
  }
  log(`• week ${WEEKS + 1}: the cohort is COMPLETED`);
  await extendedIntern(run);
  log(`• ${await recordOffers(run)}`);
  phase(`after week ${WEEKS} (completion; the extended intern; return offers)`);

  // The report and the checks.
  const { report, rows, programRow, checks } = await verify(run);
  phase('report (waiting for the read model, checks)');

  const wallMs = Date.now() - started;
  log('\ncohortReport:');
  log(JSON.stringify(report, null, 2));
  log('\nprogramReport row:');
  log(JSON.stringify(programRow, null, 2));
  log('\nchecks (expected vs actual):');
  for (const c of checks) log(`  ${c.ok ? '✓' : '✗'} ${c.name}: expected ${fmt(c.expected)}, actual ${fmt(c.actual)}`);
  log('\nslowest operations (count, p50 / p95 / max ms):');
  for (const l of client.latencySummary().slice(0, 8)) log(`  ${l.op}: ${l.count}, ${l.p50} / ${l.p95} / ${l.max}`);
  log('longest waits for asynchronous effects:');
  for (const w of [...run.waits].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
    log(`  ${(w.ms / 1000).toFixed(1)} s: ${w.waitingFor}`);
  }
  const failed = checks.filter((c) => !c.ok);
  for (const f of run.failures) log(`\n✗ STEP FAILED: ${f.step}\n${f.detail}`);
  log(
    `\n${checks.length - failed.length}/${checks.length} checks passed; ${client.requests} GraphQL requests in ${(wallMs / 1000).toFixed(1)} s`,
  );
  return {
    ok: failed.length === 0,
    cohortId: run.cohortId,
    runTag,
    checks,
    failures: run.failures,
    report,
    programReport: programRow,
    progress: rows,
    timings,
    latencies: client.latencySummary(),
    waits: [...run.waits],
    requests: client.requests,
    wallMs,
  };
}
