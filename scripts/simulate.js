#!/usr/bin/env node
/**
 * `npm run simulate -- --interns 60 --mentors 30 [--url http://…/graphql] [--seed 1] [--concurrency 8]`
 *
 * A whole 12-week cohort through the public GraphQL API only, on the sandbox clock
 * (advanceCohortClock): scheduled, mentors registered, interns enrolled and onboarded, matched
 * (matchSuggestions) and assigned, scopes drafted (one sent back with changes requested) and approved
 * with milestones due in weeks 4, 7 and 10, weekly check-ins (some pairs skip a week on purpose),
 * milestone reports (some late) and their reviews, two tech talks with RSVPs and attendance,
 * midpoint evaluations (one EXTEND of 2 weeks, one TERMINATE, the rest CONTINUE) and
 * self-evaluations, presentation slots with mentor panels, booking and panel scores, final
 * evaluations (PASS for all but one FAIL, return offers STRONG_YES/YES/NO) and final
 * self-evaluations with the program NPS, the extended intern's later weeks, and the cohort's
 * completion. Then it prints the cohortReport and checks it against what it did: every check prints
 * expected vs actual, and the process exits 1 when any fails.
 *
 * Without --url it brings the whole system up itself (Kafka, Postgres, a build with tsc, every app
 * on ports 4400–4405 with fresh `mentorflow_sim_*` databases, CLOCK_MODE=sandbox) and stops it at
 * the end. Every choice (who skips a check-in, whose report is late, scores, decisions, NPS answers)
 * follows from --seed; ids carry a run tag so that runs never collide on a shared system.
 *
 * Plain ESM JavaScript: runs without a build. `runSimulation` is also used by
 * test/e2e/simulation.e2e-spec.ts at a small size.
 */
/* global AbortSignal */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import kafkajs from 'kafkajs';
import { dropDatabase, ensureInfra, REPO } from './lib/infra.js';
import { SERVICES, startSystem } from './lib/services.js';

/** Same value as DEV_JWT_SECRET in libs/platform/src/config.ts. */
const DEV_JWT_SECRET = 'mentorflow-dev-secret-not-for-production';
const WEEKS = 12;
const MIDPOINT_WEEK = 6;
const MILESTONE_WEEKS = [4, 7, 10];
const EXTENSION_WEEKS = 2;
const TALK_WEEKS = [3, 8];
const TIMEZONE = 'Europe/Berlin';
const AREAS = [
  'recommender systems',
  'nlp',
  'computer vision',
  'ranking',
  'statistics',
  'distributed systems',
  'time series',
  'causal inference',
];
const ZONES = [
  'Europe/Berlin',
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'Asia/Kolkata',
  'Asia/Singapore',
];
const FIRST_NAMES = ['Amara', 'Bo', 'Carla', 'Dev', 'Emma', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Luca'];
const LAST_NAMES = ['Okafor', 'Chen', 'Ruiz', 'Patel', 'Novak', 'Haddad', 'Berg', 'Sato', 'Costa', 'Weber', 'Adeyemi'];

// ---------------------------------------------------------------------------------------------
// GraphQL documents (the shapes the services build; see test/e2e/*.e2e-spec.ts)

const GQL = {
  rubrics: `query ($cohortId: ID) { rubrics(cohortId: $cohortId) { kind criteria { key } } }`,
  schedule: `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) {
    id startDate weeks status onboardingChecklist { id title } } }`,
  registerMentor: `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id capacity } }`,
  enroll: `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id status } }`,
  advance: `mutation ($input: AdvanceCohortClockInput!) { advanceCohortClock(input: $input) { status currentWeek currentPhase } }`,
  completeTask: `mutation ($input: CompleteOnboardingTaskInput!) { completeOnboardingTask(input: $input) {
    status onboarding { completedCount totalCount } } }`,
  scheduleTalk: `mutation ($input: ScheduleTechTalkInput!) { scheduleTechTalk(input: $input) { id title startsAt } }`,
  rsvp: `mutation ($input: RsvpTechTalkInput!) { rsvpTechTalk(input: $input) { id rsvpedByMe } }`,
  attend: `mutation ($input: RecordTalkAttendanceInput!) { recordTalkAttendance(input: $input) { id rsvpCount attendanceCount } }`,
  suggestions: `query ($cohortId: ID!) { matchSuggestions(cohortId: $cohortId) { intern { id } mentor { id } role score } }`,
  assign: `mutation ($input: AssignMentorInput!) { assignMentor(input: $input) { id role active mentor { id } } }`,
  checkInStatus: `query ($id: ID!, $week: Int!) { intern(id: $id) { id checkInStatus(week: $week) { week state } } }`,
  logCheckIn: `mutation ($input: LogCheckInInput!) { logCheckIn(input: $input) { id week } }`,
  draft: `mutation ($input: DraftProjectScopeInput!) { draftProjectScope(input: $input) { id revision status } }`,
  submitScope: `mutation ($input: SubmitProjectScopeInput!) { submitProjectScope(input: $input) { id revision status } }`,
  requestChanges: `mutation ($input: RequestScopeChangesInput!) { requestScopeChanges(input: $input) { id revision status } }`,
  approve: `mutation ($input: ApproveProjectScopeInput!) { approveProjectScope(input: $input) {
    id revision status versionInForce milestones { id title dueWeek } } }`,
  project: `query ($id: ID!) { project(id: $id) { id status programWeek programWeeks milestones { id title dueWeek plannedDueWeek } } }`,
  report: `mutation ($input: SubmitMilestoneReportInput!) { submitMilestoneReport(input: $input) {
    id attempt status late dueWeek submittedWeek } }`,
  review: `mutation ($input: ReviewMilestoneReportInput!) { reviewMilestoneReport(input: $input) { id status } }`,
  windows: `query ($id: ID!) { evaluationWindows(internId: $id) { cycle week status } }`,
  mentorEvaluation: `mutation ($input: SubmitMentorEvaluationInput!) { submitMentorEvaluation(input: $input) {
    id cycle decision extensionWeeks returnOffer averageScore } }`,
  selfEvaluation: `mutation ($input: SubmitSelfEvaluationInput!) { submitSelfEvaluation(input: $input) { id cycle programNps } }`,
  enrollments: `query ($id: ID!, $after: String) { cohort(id: $id) { currentWeek status enrollments(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { internId status extensionWeeks outcome } } } } }`,
  internCalendar: `query ($id: ID!) { intern(id: $id) { enrollments { cohortId
    calendar { programWeeks keyDates { presentationsWeek { startsOn endsOn } } } } } }`,
  openSlots: `mutation ($input: OpenPresentationSlotsInput!) { openPresentationSlots(input: $input) { id startsAt panelMentorIds } }`,
  book: `mutation ($input: BookPresentationSlotInput!) { bookPresentationSlot(input: $input) { id booked bookedByMe } }`,
  score: `mutation ($input: ScorePresentationInput!) { scorePresentation(input: $input) { slotId mentorId averageScore } }`,
  progress: `query ($c: ID, $after: String) { internProgress(cohortId: $c, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node {
      internId enrollmentStatus extensionWeeks primaryMentorId
      checkIns { logged missed missedWeeks }
      milestoneReports { onTime late missing accepted revisionRequested }
      talks { scheduled held attended rsvped }
      presentation { scoreCount averageScore }
      evaluationResults { midpointDecision midpointExtensionWeeks finalOutcome returnOffer } } } } }`,
  cohortReport: `query ($c: ID!) { cohortReport(cohortId: $c) {
    cohortId cohortName currentWeek interns inProgram completed terminated withdrawn extended passed failed
    completionRate passRate
    returnOffers { strongYes yes no recommended recommendationRate }
    rubricAverages { competency midpointAverage finalAverage selfAverage count }
    presentation { averageScore panelCount }
    mentorCalibration { cohortMean mentors { mentorId meanScore difference tendency } }
    programNps { score responses promoters passives detractors }
    checkIns { logged missed rate }
    milestoneReports { onTime late missing onTimeRate }
    risk { green amber red } } }`,
};

// ---------------------------------------------------------------------------------------------
// Small helpers

/** A failed step: what was attempted, the request and the answer, for a report a person can act on. */
export class SimulationStepError extends Error {
  constructor(step, detail) {
    super(`${step}\n${detail}`);
    this.name = 'SimulationStepError';
    this.step = step;
  }
}

/** mulberry32 over a hash of the seed: the same seed gives the same run. */
function rng(seed) {
  let h = 1779033703 ^ String(seed).length;
  for (const ch of String(seed)) {
    h = Math.imul(h ^ ch.charCodeAt(0), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const shuffle = (list) => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  return { next, int, pick, shuffle };
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday `weeksAhead` weeks after the coming one (UTC calendar). */
function upcomingMonday(weeksAhead = 1) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7) + 7 * weeksAhead);
  return d.toISOString().slice(0, 10);
}

/** Runs `fn` over `items`, at most `limit` at a time; rejects with the first failure once all settled. */
async function eachLimited(items, limit, fn) {
  const list = [...items];
  let next = 0;
  let failure;
  const worker = async () => {
    while (next < list.length && !failure) {
      const i = next++;
      try {
        await fn(list[i], i);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, worker));
  if (failure) throw failure;
}

const ratio = (num, den) => (den > 0 ? num / den : null);
const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const codesOf = (res) => (res.errors ?? []).map((e) => e.extensions?.code);
const isNotFound = (res) => codesOf(res).includes('NOT_FOUND');
/** A CONFLICT because an evaluation window is not open yet (the evaluations service has not seen the week start). */
const windowNotYetOpen = (res) =>
  codesOf(res).includes('CONFLICT') && /has not opened yet|is not known yet/.test(res.errors?.[0]?.message ?? '');
/** BAD_USER_INPUT only about panel mentors: the cohorts service has not consumed their MentorRegistered yet. */
const panelNotYetKnown = (res) => {
  const fields = res.errors?.[0]?.extensions?.fields ?? [];
  return (
    codesOf(res).includes('BAD_USER_INPUT') && fields.length > 0 && fields.every((f) => /panelMentorIds/.test(f.field))
  );
};
/** The evaluations service has not consumed the slot's PresentationSlotOpened / PresentationSlotBooked yet. */
const slotNotYetKnown = (res) =>
  isNotFound(res) || (codesOf(res).includes('CONFLICT') && /is not booked/.test(res.errors?.[0]?.message ?? ''));
const brief = (value, max = 1500) => {
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
};

// ---------------------------------------------------------------------------------------------
// The client: every call goes to the gateway, as a client's would

function makeClient(url, { requestTimeoutMs = 60_000 } = {}) {
  let requests = 0;
  /** Latencies by operation (the first field of the document), for the timing summary. */
  const latencies = new Map();
  async function send(token, query, variables) {
    requests++;
    const op = /\{\s*(\w+)/.exec(query)?.[1] ?? 'unknown';
    const t0 = Date.now();
    try {
      return await sendOnce(token, query, variables);
    } finally {
      latencies.set(op, [...(latencies.get(op) ?? []), Date.now() - t0]);
    }
  }
  async function sendOnce(token, query, variables) {
    let res;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    } catch (err) {
      return { status: 0, errors: [{ message: `request failed: ${err.message}`, extensions: { code: 'NETWORK' } }] };
    }
    const text = await res.text();
    try {
      const body = JSON.parse(text);
      return { status: res.status, data: body.data ?? null, errors: body.errors };
    } catch {
      return {
        status: res.status,
        errors: [{ message: `not JSON: ${text.slice(0, 300)}`, extensions: { code: 'HTTP' } }],
      };
    }
  }
  const describe = (what, query, variables, res) =>
    new SimulationStepError(
      `${what} failed`,
      `  request:  ${query.replace(/\s+/g, ' ').slice(0, 200)}\n  variables: ${brief(variables, 800)}\n  response: HTTP ${res.status} ${brief({ errors: res.errors, data: res.data })}`,
    );
  return {
    get requests() {
      return requests;
    },
    /** Per operation: how many, p50, p95 and max latency in ms, slowest total first. */
    latencySummary() {
      const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
      return [...latencies]
        .map(([op, list]) => {
          const sorted = [...list].sort((a, b) => a - b);
          return {
            op,
            count: list.length,
            p50: pct(sorted, 50),
            p95: pct(sorted, 95),
            max: sorted.at(-1),
            totalMs: list.reduce((a, b) => a + b, 0),
          };
        })
        .sort((a, b) => b.totalMs - a.totalMs);
    },
    send,
    /** The operation's data; a SimulationStepError naming the step, the request and the answer otherwise. */
    async call(what, token, query, variables = {}) {
      const res = await send(token, query, variables);
      if (res.errors?.length || !res.data) throw describe(what, query, variables, res);
      return res.data;
    },
    /**
     * Sends until `retryIf(answer)` is false (by default: not NOT_FOUND, which is what a service
     * answers until it has consumed the event the operation depends on); any other error fails at
     * once; a timeout names what did not arrive.
     */
    async callWhen(what, waitingFor, token, query, variables, { retryIf = isNotFound, timeoutMs = 60_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await send(token, query, variables);
        if (!res.errors?.length && res.data) return res.data;
        if (!retryIf(res)) throw describe(what, query, variables, res);
        if (Date.now() > deadline) {
          throw new SimulationStepError(
            `${what}: ${waitingFor} did not arrive within ${timeoutMs} ms`,
            `  last response: ${brief({ errors: res.errors })}\n  variables: ${brief(variables, 600)}`,
          );
        }
        await sleep(250);
      }
    },
    describe,
  };
}

/**
 * Polls `check` until it returns a value; the error names what did not arrive in time and the last
 * thing seen. `onArrived(ms)` learns how long it took.
 */
async function pollUntil(waitingFor, check, { timeoutMs = 60_000, intervalMs = 250, onArrived } = {}) {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let last;
  for (;;) {
    const value = await check((seen) => (last = seen));
    if (value !== undefined) {
      onArrived?.(Date.now() - started);
      return value;
    }
    if (Date.now() > deadline) {
      throw new SimulationStepError(
        `waiting for ${waitingFor}: did not arrive within ${timeoutMs} ms`,
        `  last seen: ${brief(last)}`,
      );
    }
    await sleep(intervalMs);
  }
}

async function signToken(sub, roles, name) {
  const secret = process.env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET;
  let jwt = new SignJWT({ roles, name, email: `${sub}@example.com` })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('12h');
  if (process.env.AUTH_JWT_ISSUER) jwt = jwt.setIssuer(process.env.AUTH_JWT_ISSUER);
  if (process.env.AUTH_JWT_AUDIENCE) jwt = jwt.setAudience(process.env.AUTH_JWT_AUDIENCE);
  return jwt.sign(new TextEncoder().encode(secret));
}

// ---------------------------------------------------------------------------------------------
// The plan: everything the run will do, decided up front from the seed

function makePlan({ interns: internCount, mentors: mentorCount, seed, runTag }) {
  if (!Number.isInteger(internCount) || internCount < 6) throw new Error('--interns must be a whole number ≥ 6');
  if (!Number.isInteger(mentorCount) || mentorCount < 2) throw new Error('--mentors must be a whole number ≥ 2');
  if (internCount > 120) throw new Error('--interns is at most 120 (the presentation slots of one week)');
  const r = rng(seed);
  const areas = AREAS.map((a) => `${a} ${runTag}`);
  const capacity = Math.min(10, Math.ceil(internCount / mentorCount) + 1);
  if (capacity * mentorCount < internCount) {
    throw new Error(`${mentorCount} mentors with at most 10 places each cannot mentor ${internCount} interns`);
  }
  const pad = (n, total) => String(n).padStart(String(total).length, '0');
  const mentors = Array.from({ length: mentorCount }, (_, k) => {
    const id = `sim-${runTag}-mentor-${pad(k + 1, mentorCount)}`;
    return {
      id,
      name: `Mentor ${pad(k + 1, mentorCount)} (${runTag})`,
      team: r.pick(['Recommendations', 'Search', 'Platform', 'Data', 'Research']),
      // Every area is covered by some mentor: each takes area k, k + 3 and sometimes k + 5.
      expertise: [
        ...new Set([
          areas[k % areas.length],
          areas[(k + 3) % areas.length],
          ...(r.next() < 0.5 ? [areas[(k + 5) % areas.length]] : []),
        ]),
      ],
      timezone: r.pick(ZONES),
      capacity,
    };
  });
  const interns = Array.from({ length: internCount }, (_, k) => {
    const id = `sim-${runTag}-intern-${pad(k + 1, internCount)}`;
    const focus = r.shuffle(areas).slice(0, r.int(1, 2));
    return {
      id,
      name: `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)} ${pad(k + 1, internCount)}`,
      university: r.pick(['TU Berlin', 'ETH Zürich', 'IIT Bombay', 'NUS', 'UT Austin', 'Open University']),
      degreeLevel: r.pick(['UNDERGRADUATE', 'MASTERS', 'MASTERS', 'PHD']),
      focusAreas: focus,
      timezone: r.pick(ZONES),
      role: 'REGULAR',
      changesRequested: false,
      skipWeeks: new Set(),
      lateMilestones: new Set(),
      revisionOn: null,
      midpoint: null,
      final: null,
      talkRsvp: [false, false],
      talkAttend: [false, false],
    };
  });
  // Roles: one TERMINATE and one EXTEND at the midpoint, one FAIL at the final; the rest regular.
  const order = r.shuffle(interns);
  order[0].role = 'TERMINATE';
  order[1].role = 'EXTEND';
  order[2].role = 'FAIL';
  const regular = order.slice(3);
  regular[0].changesRequested = true;
  regular[regular.length - 1].revisionOn = 0; // its first report gets REVISION_REQUESTED, then is resubmitted
  // Skipped check-ins: regular pairs, weeks 1–11 (the last week has no next week to miss it in).
  const skipCount = Math.max(2, Math.round(regular.length * (WEEKS - 1) * 0.05));
  const candidates = r.shuffle(regular.flatMap((i) => Array.from({ length: WEEKS - 1 }, (_, w) => [i, w + 1])));
  for (const [intern, week] of candidates.slice(0, skipCount)) intern.skipWeeks.add(week);
  // Late milestone reports: regular interns (the report follows a week after the due week).
  for (const intern of regular) for (const m of [0, 1, 2]) if (r.next() < 0.12) intern.lateMilestones.add(m);
  if (!regular.some((i) => i.lateMilestones.size > 0)) regular[1].lateMilestones.add(1);
  if (regular[regular.length - 1].lateMilestones.has(0)) regular[regular.length - 1].lateMilestones.delete(0);
  order[2].lateMilestones.add(2); // the intern who will fail reports their last milestone late too

  // Scores are drawn here, not when they are sent (requests finish in any order): score(k) is the
  // k-th competency's or criterion's.
  const rubricScores = (lo, hi) => {
    const drawn = Array.from({ length: 16 }, () => r.int(lo, hi));
    return (k) => drawn[k % drawn.length];
  };
  // Midpoint: decisions and mentor scores; everyone self-evaluates.
  for (const intern of interns) {
    const decision = intern.role === 'TERMINATE' ? 'TERMINATE' : intern.role === 'EXTEND' ? 'EXTEND' : 'CONTINUE';
    const score =
      intern.role === 'TERMINATE'
        ? rubricScores(1, 2)
        : intern.role === 'EXTEND'
          ? rubricScores(2, 3)
          : rubricScores(2, 5);
    intern.midpoint = { decision, score, self: rubricScores(2, 5) };
  }
  // Final: PASS for all but one FAIL; offers STRONG_YES / YES / NO among the regular interns who
  // pass (each at least once), YES for the extended intern; the FAIL comes with NO.
  const offerFor = (offer, intern) => {
    const [lo, hi] = offer === 'STRONG_YES' ? [4, 5] : offer === 'YES' ? [3, 4] : [3, 3];
    intern.final = { decision: 'PASS', offer, score: rubricScores(lo, hi) };
  };
  const passing = r.shuffle(regular);
  const strongYes = Math.max(1, Math.round(passing.length * 0.3));
  const no = Math.max(1, Math.round(passing.length * 0.2));
  passing.forEach((intern, k) =>
    offerFor(k < strongYes ? 'STRONG_YES' : k >= passing.length - no ? 'NO' : 'YES', intern),
  );
  offerFor('YES', order[1]);
  order[2].final = { decision: 'FAIL', offer: 'NO', score: rubricScores(1, 2) };
  // Program NPS answers (0–10), at least one promoter and one detractor.
  const npsPool = [10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 3];
  interns
    .filter((intern) => intern.final)
    .forEach((intern, k) => {
      intern.final.nps = k === 0 ? 10 : k === 1 ? 4 : r.pick(npsPool);
      intern.final.self = rubricScores(3, 5);
    });
  // Tech talks: most RSVP; most of those attend, and a few who did not RSVP turn up.
  for (const intern of interns) {
    for (const t of [0, 1]) {
      intern.talkRsvp[t] = r.next() < 0.75;
      intern.talkAttend[t] = intern.talkRsvp[t] ? r.next() < 0.85 : r.next() < 0.1;
    }
  }
  return { seed, runTag, interns, mentors, areas, capacity };
}

// ---------------------------------------------------------------------------------------------
// The run

/**
 * Runs a whole cohort through the gateway at `url` and checks the cohort report against what it did.
 * @param {{ url: string, interns?: number, mentors?: number, seed?: number|string, log?: (m: string) => void,
 *           concurrency?: number, runTag?: string, timeoutMs?: number }} options
 */
export async function runSimulation(options) {
  const {
    url,
    interns: internCount = 60,
    mentors: mentorCount = 30,
    seed = 1,
    log = (m) => console.log(m),
    concurrency = 8,
    timeoutMs = 60_000,
  } = options;
  if (!url) throw new Error('runSimulation needs the gateway url');
  const runTag = options.runTag ?? `${String(seed).replace(/[^a-z0-9]/gi, '')}${Date.now().toString(36).slice(-5)}`;
  const plan = makePlan({ interns: internCount, mentors: mentorCount, seed, runTag });
  const client = makeClient(url);
  const all = (items, fn) => eachLimited(items, concurrency, fn);
  const started = Date.now();
  const timings = [];
  /** Time spent waiting for asynchronous effects, by what was awaited (for the timing summary). */
  const waits = [];
  const until = (waitingFor, check, opts) =>
    pollUntil(waitingFor, check, { ...opts, onArrived: (ms) => waits.push({ waitingFor, ms }) });
  let phaseStart = Date.now();
  const phase = (name) => {
    const now = Date.now();
    timings.push({ phase: name, ms: now - phaseStart });
    log(`  ${name}: ${((now - phaseStart) / 1000).toFixed(1)} s (${client.requests} requests so far)`);
    phaseStart = now;
  };
  const failures = [];
  // What was accepted, counted as it happened: the checks compare the report with this.
  const did = {
    checkIns: 0,
    checkInsByIntern: new Map(),
    reports: { onTime: 0, late: 0, wrongLateFlag: [] },
    reviews: { accepted: 0, revisionRequested: 0 },
    rsvps: new Map(),
    attended: new Map(),
    talksHeld: 0,
    panelScores: 0,
    finals: [],
    midpoints: [],
    selfFinals: [],
    selfEvaluations: [],
    completed: new Set(),
  };
  const bump = (map, key, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

  const pm = await signToken(`sim-${runTag}-pm`, ['PROGRAM_MANAGER'], 'Simulation PM');
  const mentorToken = new Map();
  for (const m of plan.mentors) mentorToken.set(m.id, await signToken(m.id, ['MENTOR'], m.name));
  for (const i of plan.interns) i.token = await signToken(i.id, ['INTERN'], i.name);
  const byId = new Map(plan.interns.map((i) => [i.id, i]));
  const inProgram = () => plan.interns.filter((i) => !i.terminated && !did.completed.has(i.id));

  log(
    `simulation ${runTag}: ${internCount} interns, ${mentorCount} mentors, seed ${seed}, ${concurrency} requests at a time`,
  );

  // ---- week 0: rubrics, cohort, mentors, enrollments ----------------------------------------
  const startDate = upcomingMonday(1);
  const cohort = (
    await client.call('scheduleCohort', pm, GQL.schedule, {
      input: {
        name: `Simulated cohort ${runTag}`,
        startDate,
        weeks: WEEKS,
        timezone: TIMEZONE,
        location: 'Berlin',
        workMode: 'HYBRID',
        capacity: internCount,
      },
    })
  ).scheduleCohort;
  const cohortId = cohort.id;
  const tasks = cohort.onboardingChecklist;
  const rubrics = (await client.call('rubrics', pm, GQL.rubrics, { cohortId })).rubrics;
  const competencies = rubrics.find((x) => x.kind === 'PROGRAM').criteria.map((c) => c.key);
  const criteria = rubrics.find((x) => x.kind === 'PRESENTATION').criteria.map((c) => c.key);
  await all(plan.mentors, (m) =>
    client.call(`registerMentor ${m.id}`, pm, GQL.registerMentor, {
      input: {
        mentorId: m.id,
        name: m.name,
        email: `${m.id}@example.com`,
        team: m.team,
        expertise: m.expertise,
        timezone: m.timezone,
        capacity: m.capacity,
        cohortIds: [cohortId],
      },
    }),
  );
  await all(plan.interns, (i) =>
    client.call(`enrollIntern ${i.id}`, pm, GQL.enroll, {
      input: {
        cohortId,
        internId: i.id,
        name: i.name,
        email: `${i.id}@example.edu`,
        university: i.university,
        degreeLevel: i.degreeLevel,
        focusAreas: i.focusAreas,
        timezone: i.timezone,
      },
    }),
  );
  log(
    `• cohort ${cohortId} scheduled from ${startDate}; ${mentorCount} mentors registered; ${internCount} interns enrolled`,
  );
  phase('week 0 (schedule, register, enroll)');

  // ---- clock helpers -----------------------------------------------------------------------
  const weekStart = (week) => addDays(startDate, (week - 1) * 7);
  const advance = async (toWeek) =>
    (await client.call(`advanceCohortClock to week ${toWeek}`, pm, GQL.advance, { input: { cohortId, toWeek } }))
      .advanceCohortClock;
  /** The mentors service has consumed CohortWeekStarted(week): the week's check-in is DUE for an intern in the program. */
  const mentorsSee = (week) => {
    const probe = inProgram().find((i) => i.mentorId && !i.skipWeeks.has(week)) ?? inProgram()[0];
    return until(
      `the mentors service to consume CohortWeekStarted week ${week} (checkInStatus DUE for ${probe.id})`,
      async (seen) => {
        const r = await client.send(pm, GQL.checkInStatus, { id: probe.id, week });
        seen(r.errors ?? r.data);
        return r.data?.intern?.checkInStatus?.state === 'DUE' ? true : undefined;
      },
      { timeoutMs },
    );
  };
  /** The scoping service has consumed CohortWeekStarted(week): a project's programWeek shows it. */
  const scopingSees = (week) => {
    const probe = inProgram().find((i) => i.projectId);
    return until(
      `the scoping service to consume CohortWeekStarted week ${week} (project ${probe.projectId} programWeek)`,
      async (seen) => {
        const r = await client.send(pm, GQL.project, { id: probe.projectId });
        seen(r.errors ?? r.data);
        return (r.data?.project?.programWeek ?? 0) >= week ? true : undefined;
      },
      { timeoutMs },
    );
  };
  const windowOpen = (intern, cycle) =>
    until(
      `the evaluations service to open the ${cycle} window of ${intern.id}`,
      async (seen) => {
        const r = await client.send(pm, GQL.windows, { id: intern.id });
        seen(r.errors ?? r.data);
        const w = (r.data?.evaluationWindows ?? []).find((x) => x.cycle === cycle);
        return w?.status === 'OPEN' ? w : undefined;
      },
      { timeoutMs },
    );
  const enrollments = async () => {
    const out = new Map();
    let after = null;
    let cohortState;
    for (;;) {
      const c = (await client.call('cohort enrollments', pm, GQL.enrollments, { id: cohortId, after })).cohort;
      cohortState = { currentWeek: c.currentWeek, status: c.status };
      for (const e of c.enrollments.edges) out.set(e.node.internId, e.node);
      if (!c.enrollments.pageInfo.hasNextPage) break;
      after = c.enrollments.pageInfo.endCursor;
    }
    return { cohort: cohortState, enrollments: out };
  };

  // ---- weekly check-ins ---------------------------------------------------------------------
  const progressWords = ['ON_TRACK', 'ON_TRACK', 'ON_TRACK', 'AHEAD', 'AT_RISK'];
  const checkIns = async (week) => {
    const due = inProgram().filter((i) => i.mentorId && !i.skipWeeks.has(week));
    await all(due, async (i) => {
      const res = await client.call(
        `logCheckIn week ${week} ${i.mentorId} → ${i.id}`,
        mentorToken.get(i.mentorId),
        GQL.logCheckIn,
        {
          input: {
            internId: i.id,
            occurredOn: addDays(weekStart(week), 1 + ((i.id.length + week) % 3)),
            durationMinutes: 30 + 15 * (week % 3),
            format: week % 2 ? 'video call' : 'in person',
            progress: progressWords[(week + i.name.length) % progressWords.length],
            notes: `Week ${week}: progress on the project reviewed`,
            privateNotes: `Week ${week}: private note about ${i.id}`,
            blockers: week % 4 === 0 ? ['Waiting for data access'] : [],
            actionItems: [`Plan for week ${week + 1}`],
          },
        },
      );
      if (res.logCheckIn.week !== week) {
        throw new SimulationStepError(
          `logCheckIn week ${week} for ${i.id}`,
          `  the check-in was placed in week ${res.logCheckIn.week}`,
        );
      }
      did.checkIns++;
      bump(did.checkInsByIntern, i.id);
    });
    return due.length;
  };

  // ---- milestone reports ---------------------------------------------------------------------
  const reports = async (week) => {
    const work = [];
    for (const i of inProgram()) {
      (i.milestones ?? []).forEach((m, index) => {
        const late = i.lateMilestones.has(index);
        if ((late ? m.dueWeek + 1 : m.dueWeek) === week) work.push({ i, m, index, late });
      });
    }
    await all(work, async ({ i, m, index, late }) => {
      const submit = async (attempt) =>
        (
          await client.call(
            `submitMilestoneReport ${i.id} “${m.title}” (attempt ${attempt}, week ${week})`,
            i.token,
            GQL.report,
            {
              input: {
                milestoneId: m.id,
                summary: `${m.title}: done (attempt ${attempt})`,
                metricResults: [{ name: 'Recall@20', value: 0.2 + 0.05 * index + 0.01 * attempt }],
                links: [`https://git.example.com/${i.id}/pull/${10 + index}`],
                blockers: [],
                nextSteps: ['Next milestone'],
              },
            },
          )
        ).submitMilestoneReport;
      const mentor = mentorToken.get(i.mentorId);
      let report = await submit(1);
      if (report.late !== late)
        did.reports.wrongLateFlag.push({
          intern: i.id,
          milestone: m.title,
          week,
          dueWeek: m.dueWeek,
          late: report.late,
        });
      if (late) did.reports.late++;
      else did.reports.onTime++;
      if (i.revisionOn === index) {
        await client.call(`reviewMilestoneReport REVISION_REQUESTED ${report.id}`, mentor, GQL.review, {
          input: { reportId: report.id, decision: 'REVISION_REQUESTED', feedback: 'Add the offline evaluation' },
        });
        did.reviews.revisionRequested++;
        report = await submit(2);
      }
      await client.call(`reviewMilestoneReport ACCEPTED ${report.id}`, mentor, GQL.review, {
        input: { reportId: report.id, decision: 'ACCEPTED', feedback: 'Good work' },
      });
      did.reviews.accepted++;
    });
    return work.length;
  };

  // ---- evaluations ---------------------------------------------------------------------------
  const scoresFrom = (score) => competencies.map((competency, k) => ({ competency, score: score(k), comment: null }));

  // ================================= week 1 ================================================
  await advance(1);
  await all(plan.interns, async (i) => {
    let enrollment;
    for (const task of tasks) {
      enrollment = (
        await client.call(`completeOnboardingTask ${i.id} ${task.id}`, i.token, GQL.completeTask, {
          input: { cohortId, taskId: task.id },
        })
      ).completeOnboardingTask;
    }
    if (enrollment?.status !== 'ACTIVE') {
      throw new SimulationStepError(
        `onboarding of ${i.id}`,
        `  after every task the enrollment is ${brief(enrollment)}, not ACTIVE`,
      );
    }
  });
  log(`• week 1: ${internCount} interns onboarded (${tasks.length} tasks each)`);

  // Two tech talks, scheduled now for weeks 3 and 8 (Wednesday, 14:00 UTC).
  const talks = [];
  for (const [k, week] of TALK_WEEKS.entries()) {
    const talk = (
      await client.call(`scheduleTechTalk week ${week}`, pm, GQL.scheduleTalk, {
        input: {
          cohortId,
          title: k === 0 ? 'Ranking, retrieval; re-ranking' : 'Shipping models safely',
          speaker: k === 0 ? 'Grace Hopper' : 'Katherine Johnson',
          abstract: 'A talk of the simulated program',
          startsAt: `${addDays(weekStart(week), 2)}T14:00:00.000Z`,
          durationMinutes: 60,
          joinUrl: `https://meet.example.com/${runTag}-${k}`,
        },
      })
    ).scheduleTechTalk;
    talks.push({ ...talk, week });
  }

  // Matching: once the mentors service has projected every enrollment.
  const suggestions = await until(
    `the mentors service to project all ${internCount} InternEnrolled events (matchSuggestions for every intern)`,
    async (seen) => {
      const r = await client.send(pm, GQL.suggestions, { cohortId });
      seen(r.errors ?? `${r.data?.matchSuggestions?.length} suggestions`);
      return r.data?.matchSuggestions?.length === internCount ? r.data.matchSuggestions : undefined;
    },
    { timeoutMs },
  );
  const ours = new Set(plan.mentors.map((m) => m.id));
  const load = new Map(plan.mentors.map((m) => [m.id, 0]));
  const chosen = new Map();
  let suggestedTaken = 0;
  for (const s of suggestions) {
    const mentorId = s.mentor?.id;
    if (mentorId && ours.has(mentorId) && load.get(mentorId) < plan.capacity) {
      chosen.set(s.intern.id, mentorId);
      load.set(mentorId, load.get(mentorId) + 1);
      suggestedTaken++;
    }
  }
  for (const i of plan.interns) {
    if (chosen.has(i.id)) continue;
    // A suggestion outside this run's mentors (a shared system): the least loaded of ours instead.
    const fallback = [...load].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0][0];
    chosen.set(i.id, fallback);
    load.set(fallback, load.get(fallback) + 1);
  }
  await all(plan.interns, async (i) => {
    const mentorId = chosen.get(i.id);
    const res = await client.call(`assignMentor ${mentorId} → ${i.id}`, pm, GQL.assign, {
      input: { internId: i.id, mentorId, role: 'PRIMARY' },
    });
    if (!res.assignMentor.active || res.assignMentor.role !== 'PRIMARY') {
      throw new SimulationStepError(`assignMentor ${mentorId} → ${i.id}`, `  answer: ${brief(res)}`);
    }
    i.mentorId = mentorId;
  });
  log(
    `• week 1: ${suggestions.length} match suggestions, ${suggestedTaken} taken as suggested; ${internCount} primaries assigned`,
  );

  await mentorsSee(1);
  await checkIns(1);

  // Scopes: drafted (once scoping knows the enrollment) and submitted; one is sent back.
  const scope = (i, title) => ({
    title,
    problemStatement: `Recommendations for ${i.focusAreas.join(' and ')} ignore what the user did in the session.`,
    objectives: ['Model the session', 'Run an A/B test'],
    successMetrics: [
      { name: 'Recall@20', target: '≥ 0.25', unit: '' },
      { name: 'CTR uplift', target: '≥ 2%', unit: '%' },
    ],
    deliverables: ['A model behind a feature flag', 'A write-up'],
    milestones: MILESTONE_WEEKS.map((dueWeek, k) => ({
      title: ['Baseline', 'Session model', 'A/B test'][k],
      dueWeek,
      acceptanceCriteria: [['Baseline recall measured', 'Beats the baseline offline', 'Test ran for a week'][k]],
    })),
  });
  await all(plan.interns, async (i) => {
    const drafted = (
      await client.callWhen(
        `draftProjectScope ${i.id}`,
        `InternEnrolled of ${i.id} in the scoping service`,
        i.token,
        GQL.draft,
        {
          input: scope(i, `Session-aware recommendations (${i.id})`),
        },
        { timeoutMs },
      )
    ).draftProjectScope;
    i.projectId = drafted.id;
    const submitted = (
      await client.call(`submitProjectScope ${i.id}`, i.token, GQL.submitScope, {
        input: { projectId: i.projectId, expectedRevision: drafted.revision },
      })
    ).submitProjectScope;
    i.revision = submitted.revision;
  });
  const sentBack = plan.interns.filter((i) => i.changesRequested);
  for (const i of sentBack) {
    const res = (
      await client.callWhen(
        `requestScopeChanges ${i.projectId}`,
        `MentorAssigned of ${i.mentorId} → ${i.id} in the scoping service`,
        mentorToken.get(i.mentorId),
        GQL.requestChanges,
        {
          input: {
            projectId: i.projectId,
            feedback: 'Make the CTR target per cohort of users',
            expectedRevision: i.revision,
          },
        },
        { timeoutMs },
      )
    ).requestScopeChanges;
    if (res.status !== 'CHANGES_REQUESTED')
      throw new SimulationStepError(`requestScopeChanges ${i.projectId}`, `  answer: ${brief(res)}`);
    i.revision = res.revision;
  }
  log(
    `• week 1: ${internCount} scopes drafted and submitted; changes requested on ${sentBack.map((i) => i.id).join(', ')}`,
  );
  phase('week 1 (onboarding, talks scheduled, matching, check-ins, scopes)');

  // ================================= week 2 ================================================
  await advance(2);
  await mentorsSee(2);
  await checkIns(2);
  for (const i of sentBack) {
    const edited = (
      await client.call(`draftProjectScope (edit) ${i.id}`, i.token, GQL.draft, {
        input: { ...scope(i, `Session-aware recommendations, per-cohort CTR (${i.id})`), expectedRevision: i.revision },
      })
    ).draftProjectScope;
    const resubmitted = (
      await client.call(`submitProjectScope (again) ${i.id}`, i.token, GQL.submitScope, {
        input: { projectId: i.projectId, expectedRevision: edited.revision },
      })
    ).submitProjectScope;
    i.revision = resubmitted.revision;
  }
  await all(plan.interns, async (i) => {
    const approved = (
      await client.callWhen(
        `approveProjectScope ${i.projectId} by ${i.mentorId}`,
        `MentorAssigned of ${i.mentorId} → ${i.id} in the scoping service`,
        mentorToken.get(i.mentorId),
        GQL.approve,
        {
          input: { projectId: i.projectId, expectedRevision: i.revision },
        },
        { timeoutMs },
      )
    ).approveProjectScope;
    if (approved.status !== 'APPROVED')
      throw new SimulationStepError(`approveProjectScope ${i.projectId}`, `  answer: ${brief(approved)}`);
    i.milestones = approved.milestones.map((m) => ({ id: m.id, title: m.title, dueWeek: m.dueWeek }));
    const weeks = i.milestones.map((m) => m.dueWeek).join(',');
    if (weeks !== MILESTONE_WEEKS.join(',')) {
      throw new SimulationStepError(
        `approveProjectScope ${i.projectId}`,
        `  milestones due in weeks ${weeks}, not ${MILESTONE_WEEKS.join(',')}`,
      );
    }
  });
  // RSVPs to the first talk (Wednesday of week 3).
  await all(
    plan.interns.filter((i) => i.talkRsvp[0]),
    async (i) => {
      await client.call(`rsvpTechTalk ${talks[0].id} ${i.id}`, i.token, GQL.rsvp, { input: { talkId: talks[0].id } });
      bump(did.rsvps, i.id);
    },
  );
  log(
    `• week 2: ${sentBack.length} scope(s) resubmitted; ${internCount} scopes approved by their primary mentors; ${[...did.rsvps.values()].length} RSVPs to “${talks[0].title}”`,
  );
  phase('week 2 (check-ins, scope approvals, RSVPs)');

  // ================================= weeks 3–12 ============================================
  for (let week = 3; week <= WEEKS; week++) {
    await advance(week);
    await mentorsSee(week);
    await scopingSees(week);
    const logged = await checkIns(week);
    const reported = await reports(week);
    const skipped = inProgram().filter((i) => i.skipWeeks.has(week)).length;
    const notes = [`${logged} check-ins (${skipped} skipped)`, `${reported} milestone reports reviewed`];

    // Tech talks: RSVPs the week before, attendance the week after.
    for (const [k, talk] of talks.entries()) {
      if (week === talk.week - 1 && k > 0) {
        await all(
          inProgram().filter((i) => i.talkRsvp[k]),
          async (i) => {
            await client.call(`rsvpTechTalk ${talk.id} ${i.id}`, i.token, GQL.rsvp, { input: { talkId: talk.id } });
            bump(did.rsvps, i.id);
          },
        );
        notes.push(`RSVPs to “${talk.title}”`);
      }
      if (week === talk.week + 1) {
        const attendees = plan.interns.filter((i) => i.talkAttend[k] && !i.terminated);
        const res = (
          await client.call(`recordTalkAttendance ${talk.id}`, pm, GQL.attend, {
            input: { talkId: talk.id, internIds: attendees.map((i) => i.id) },
          })
        ).recordTalkAttendance;
        if (res.attendanceCount !== attendees.length) {
          throw new SimulationStepError(
            `recordTalkAttendance ${talk.id}`,
            `  attendanceCount ${res.attendanceCount}, expected ${attendees.length}`,
          );
        }
        for (const i of attendees) bump(did.attended, i.id);
        did.talksHeld++;
        notes.push(`${attendees.length} attended “${talk.title}”`);
      }
    }

    if (week === MIDPOINT_WEEK) notes.push(await midpoint());
    if (week === WEEKS) notes.push(await presentationsAndFinals());
    log(`• week ${week}: ${notes.join('; ')}`);
    phase(`week ${week}`);
  }

  async function midpoint() {
    const everyone = inProgram();
    await windowOpen(everyone[0], 'MIDPOINT');
    // Self-evaluations first: a TERMINATE ends the enrollment, and self-evaluations with it.
    await all(everyone, async (i) => {
      const scores = scoresFrom(i.midpoint.self);
      await client.callWhen(
        `submitSelfEvaluation MIDPOINT ${i.id}`,
        `the MIDPOINT window of ${i.id}`,
        i.token,
        GQL.selfEvaluation,
        {
          input: {
            cycle: 'MIDPOINT',
            scores,
            reflections: 'Halfway: the baseline works, the session model is next.',
          },
        },
        { retryIf: windowNotYetOpen, timeoutMs },
      );
      did.selfEvaluations.push({ internId: i.id, scores: scores.map((x) => [x.competency, x.score]) });
    });
    await all(everyone, async (i) => {
      const scores = scoresFrom(i.midpoint.score);
      const res = (
        await client.callWhen(
          `submitMentorEvaluation MIDPOINT ${i.midpoint.decision} ${i.id} by ${i.mentorId}`,
          `the MIDPOINT window of ${i.id}`,
          mentorToken.get(i.mentorId),
          GQL.mentorEvaluation,
          {
            input: {
              internId: i.id,
              cycle: 'MIDPOINT',
              scores,
              sharedComments: `Midpoint: ${i.midpoint.decision.toLowerCase()}`,
              privateComments: `Private midpoint note on ${i.id}`,
              decision: i.midpoint.decision,
              extensionWeeks: i.midpoint.decision === 'EXTEND' ? EXTENSION_WEEKS : null,
            },
          },
          { retryIf: windowNotYetOpen, timeoutMs },
        )
      ).submitMentorEvaluation;
      did.midpoints.push({
        internId: i.id,
        decision: res.decision,
        scores: scores.map((s) => [s.competency, s.score]),
      });
    });
    // The cohorts service applies the decisions (MidpointDecisionMade) before the clock moves on.
    const terminated = plan.interns.find((i) => i.role === 'TERMINATE');
    const extended = plan.interns.find((i) => i.role === 'EXTEND');
    await until(
      `the cohorts service to apply the midpoint decisions (TERMINATED ${terminated.id}, +${EXTENSION_WEEKS} weeks for ${extended.id})`,
      async (seen) => {
        const { enrollments: e } = await enrollments();
        const t = e.get(terminated.id);
        const x = e.get(extended.id);
        seen({ [terminated.id]: t?.status, [extended.id]: x?.extensionWeeks });
        return t?.status === 'TERMINATED' && x?.extensionWeeks === EXTENSION_WEEKS ? true : undefined;
      },
      { timeoutMs },
    );
    terminated.terminated = true;
    // Scoping moves the extended intern's later milestones (InternshipExtended).
    extended.milestones = await until(
      `the scoping service to move ${extended.id}'s milestones by the extension (InternshipExtended)`,
      async (seen) => {
        const r = await client.send(pm, GQL.project, { id: extended.projectId });
        seen(r.errors ?? r.data);
        const p = r.data?.project;
        return p?.programWeeks === WEEKS + EXTENSION_WEEKS
          ? p.milestones.map((m) => ({ id: m.id, title: m.title, dueWeek: m.dueWeek }))
          : undefined;
      },
      { timeoutMs },
    );
    const finalWindow = await until(
      `the evaluations service to move ${extended.id}'s FINAL window (InternshipExtended)`,
      async (seen) => {
        const r = await client.send(pm, GQL.windows, { id: extended.id });
        seen(r.errors ?? r.data);
        const w = (r.data?.evaluationWindows ?? []).find((x) => x.cycle === 'FINAL');
        return w && w.week === WEEKS + EXTENSION_WEEKS ? w : undefined;
      },
      { timeoutMs },
    );
    extended.finalWeek = finalWindow.week;
    return `midpoint: ${everyone.length} self-evaluations, ${everyone.length} mentor evaluations (TERMINATE ${terminated.id}, EXTEND ${extended.id} by ${EXTENSION_WEEKS} weeks: milestones now due in weeks ${extended.milestones.map((m) => m.dueWeek).join(', ')}, final window week ${extended.finalWeek})`;
  }

  /** Opens slots with panels (the presenter's primary mentor and one more) and books them; returns the booked slots. */
  async function openAndBook(presenters, dayOf) {
    const slots = presenters.map((i, k) => {
      const others = plan.mentors.filter((m) => m.id !== i.mentorId);
      const second = others[k % others.length].id;
      const { day, time } = dayOf(k);
      return {
        intern: i,
        input: { startsAt: `${day}T${time}:00.000Z`, durationMinutes: 30, panelMentorIds: [i.mentorId, second] },
      };
    });
    const opened = [];
    for (let k = 0; k < slots.length; k += 50) {
      const batch = slots.slice(k, k + 50);
      const res = await client.callWhen(
        `openPresentationSlots (${batch.length})`,
        'MentorRegistered of the panel mentors in the cohorts service',
        pm,
        GQL.openSlots,
        {
          input: { cohortId, slots: batch.map((s) => s.input) },
        },
        { retryIf: panelNotYetKnown, timeoutMs },
      );
      opened.push(...res.openPresentationSlots);
    }
    await all(slots, async (s, k) => {
      const res = (
        await client.call(`bookPresentationSlot ${opened[k].id} ${s.intern.id}`, s.intern.token, GQL.book, {
          input: { slotId: opened[k].id },
        })
      ).bookPresentationSlot;
      if (!res.bookedByMe)
        throw new SimulationStepError(`bookPresentationSlot ${opened[k].id}`, `  answer: ${brief(res)}`);
      s.intern.slot = { id: opened[k].id, panel: s.input.panelMentorIds };
    });
    return slots.length;
  }

  async function scorePanels(presenters) {
    const work = presenters.flatMap((i) => i.slot.panel.map((mentorId) => ({ i, mentorId })));
    await all(work, async ({ i, mentorId }) => {
      await client.callWhen(
        `scorePresentation ${i.slot.id} by ${mentorId}`,
        `PresentationSlotBooked of ${i.slot.id} in the evaluations service`,
        mentorToken.get(mentorId),
        GQL.score,
        {
          input: {
            slotId: i.slot.id,
            scores: criteria.map((criterion, k) => ({
              criterion,
              score: Math.max(1, Math.min(5, i.final.score(k + 6) + ((k + mentorId.length) % 2))),
            })),
            comments: 'Clear story, good answers',
          },
        },
        { retryIf: slotNotYetKnown, timeoutMs },
      );
      did.panelScores++;
    });
    return work.length;
  }

  async function finals(group) {
    // The intern's own FINAL self-evaluation (with the program NPS) first: the mentor's decision completes the enrollment.
    await all(group, async (i) => {
      const scores = scoresFrom(i.final.self);
      await client.callWhen(
        `submitSelfEvaluation FINAL ${i.id}`,
        `the FINAL window of ${i.id}`,
        i.token,
        GQL.selfEvaluation,
        {
          input: {
            cycle: 'FINAL',
            scores,
            reflections: 'I learned to ship a model end to end.',
            programNps: i.final.nps,
          },
        },
        { retryIf: windowNotYetOpen, timeoutMs },
      );
      did.selfFinals.push({ internId: i.id, nps: i.final.nps });
      did.selfEvaluations.push({ internId: i.id, scores: scores.map((x) => [x.competency, x.score]) });
    });
    await all(group, async (i) => {
      const scores = scoresFrom(i.final.score);
      const res = (
        await client.call(
          `submitMentorEvaluation FINAL ${i.final.decision} ${i.id} by ${i.mentorId}`,
          mentorToken.get(i.mentorId),
          GQL.mentorEvaluation,
          {
            input: {
              internId: i.id,
              cycle: 'FINAL',
              scores,
              sharedComments:
                i.final.decision === 'PASS' ? 'Shipped the project' : 'The project fell short of its scope',
              privateComments: `Return offer: ${i.final.offer}`,
              decision: i.final.decision,
              returnOffer: i.final.offer,
            },
          },
        )
      ).submitMentorEvaluation;
      did.finals.push({
        internId: i.id,
        decision: res.decision,
        offer: res.returnOffer,
        scores: scores.map((s) => [s.competency, s.score]),
      });
    });
    // The cohorts service completes the enrollments (FinalOutcomeRecorded → InternCompleted).
    await until(
      `the cohorts service to complete ${group.length} enrollment(s) (FinalOutcomeRecorded → InternCompleted)`,
      async (seen) => {
        const { enrollments: e } = await enrollments();
        const open = group
          .filter((i) => e.get(i.id)?.status !== 'COMPLETED')
          .map((i) => `${i.id}: ${e.get(i.id)?.status}`);
        seen(open.slice(0, 5));
        return open.length === 0 ? true : undefined;
      },
      { timeoutMs },
    );
    for (const i of group) did.completed.add(i.id);
  }

  async function presentationsAndFinals() {
    const extended = plan.interns.find((i) => i.role === 'EXTEND');
    const presenters = inProgram().filter((i) => i !== extended);
    await windowOpen(presenters[0], 'FINAL');
    const monday = weekStart(WEEKS);
    const opened = await openAndBook(presenters, (k) => {
      const day = addDays(monday, 1 + Math.floor(k / 20));
      const minutes = 7 * 60 + (k % 20) * 30;
      return {
        day,
        time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
      };
    });
    // The extended intern books a slot in their own presentations week.
    const own = (await client.call(`intern ${extended.id} calendar`, pm, GQL.internCalendar, { id: extended.id }))
      .intern;
    const ownWeek = own.enrollments.find((x) => x.cohortId === cohortId).calendar.keyDates.presentationsWeek.startsOn;
    await openAndBook([extended], () => ({ day: addDays(ownWeek, 1), time: '10:00' }));
    const scored = await scorePanels(presenters);
    await finals(presenters);
    return `presentations: ${opened} slots opened and booked (and ${extended.id}'s in their week from ${ownWeek}), ${scored} panel scores; ${presenters.length} final self- and mentor evaluations; ${presenters.length} enrollments COMPLETED`;
  }

  // ================================= completion ============================================
  const completion = await advance(WEEKS + 1);
  if (completion.status !== 'COMPLETED') {
    throw new SimulationStepError(
      `advanceCohortClock to week ${WEEKS + 1}`,
      `  the cohort is ${brief(completion)}, not COMPLETED`,
    );
  }
  log(`• week ${WEEKS + 1}: the cohort is COMPLETED`);

  // The extended intern's later weeks: their FINAL window and presentations week come after the cohort's clock.
  const extended = plan.interns.find((i) => i.role === 'EXTEND');
  await extendedIntern(extended);
  phase(`after week ${WEEKS} (completion; the extended intern)`);

  async function extendedIntern(i) {
    const step = `the extended intern ${i.id}: presentation and final evaluations in their week ${i.finalWeek}`;
    await until(
      `the evaluations service to consume CohortCompleted (cohortReport currentWeek ${WEEKS + 1})`,
      async (seen) => {
        const r = await client.send(pm, `query ($c: ID!) { cohortReport(cohortId: $c) { currentWeek } }`, {
          c: cohortId,
        });
        seen(r.errors ?? r.data);
        return (r.data?.cohortReport?.currentWeek ?? 0) > WEEKS ? true : undefined;
      },
      { timeoutMs },
    );
    for (let week = WEEKS + 1; week <= i.finalWeek; week++) {
      const res = await client.send(pm, GQL.advance, { input: { cohortId, toWeek: week } });
      if (res.errors?.length && week > WEEKS + 1) {
        const r = await client.send(pm, GQL.windows, { id: i.id });
        const window = (r.data?.evaluationWindows ?? []).find((x) => x.cycle === 'FINAL');
        if (window?.status !== 'OPEN') {
          // What the panel and the mentor get when they try anyway.
          const mentorId = i.slot.panel[0];
          const score = {
            slotId: i.slot.id,
            scores: criteria.map((criterion) => ({ criterion, score: 4 })),
            comments: 'Extension presentation',
          };
          const scored = await client.send(mentorToken.get(mentorId), GQL.score, { input: score });
          const evaluation = {
            internId: i.id,
            cycle: 'FINAL',
            scores: scoresFrom(i.final.score),
            sharedComments: 'Finished the extended project',
            decision: i.final.decision,
            returnOffer: i.final.offer,
          };
          const evaluated = await client.send(mentorToken.get(i.mentorId), GQL.mentorEvaluation, { input: evaluation });
          const detail =
            `  The cohort clock ends at week ${WEEKS + 1} (completion); nothing moves the extended intern's own weeks past it.\n` +
            `  request:  advanceCohortClock(input: ${brief({ cohortId, toWeek: week })}) as PM\n` +
            `  response: ${brief({ errors: res.errors })}\n` +
            `  evaluationWindows(internId: "${i.id}") FINAL: ${brief(window)}\n` +
            `  request:  scorePresentation(input: ${brief(score, 300)}) as panel mentor ${mentorId}\n` +
            `  response: ${brief({ errors: scored.errors, data: scored.data })}\n` +
            `  request:  submitMentorEvaluation(input: {internId: "${i.id}", cycle: "FINAL", decision: "${i.final.decision}", returnOffer: "${i.final.offer}", …}) as primary mentor ${i.mentorId}\n` +
            `  response: ${brief({ errors: evaluated.errors, data: evaluated.data })}`;
          failures.push({ step, detail });
          log(`✗ STEP FAILED: ${step}\n${detail}`);
          return;
        }
      }
    }
    try {
      await windowOpen(i, 'FINAL');
      await checkInsExtended(i);
      await scorePanels([i]);
      await finals([i]);
      log(`• ${i.id}: presentation scored, final evaluations in week ${i.finalWeek}, enrollment COMPLETED`);
    } catch (err) {
      failures.push({ step, detail: err.message });
      log(`✗ STEP FAILED: ${step}\n${err.message}`);
    }
  }

  async function checkInsExtended(i) {
    for (let week = WEEKS + 1; week <= i.finalWeek; week++) {
      await client.call(
        `logCheckIn week ${week} ${i.mentorId} → ${i.id}`,
        mentorToken.get(i.mentorId),
        GQL.logCheckIn,
        {
          input: {
            internId: i.id,
            occurredOn: addDays(weekStart(week), 1),
            durationMinutes: 30,
            format: 'video call',
            progress: 'ON_TRACK',
            notes: `Extension week ${week}`,
          },
        },
      );
      did.checkIns++;
      bump(did.checkInsByIntern, i.id);
    }
  }

  // ================================= the report and the checks ==============================
  const expected = expectations(plan, did);
  const fetchAll = async () => {
    const reportRes = await client.send(pm, GQL.cohortReport, { c: cohortId });
    const rows = [];
    let after = null;
    for (;;) {
      const r = await client.send(pm, GQL.progress, { c: cohortId, after });
      if (r.errors?.length || !r.data) return { error: r.errors ?? r };
      rows.push(...r.data.internProgress.edges.map((e) => e.node));
      if (!r.data.internProgress.pageInfo.hasNextPage) break;
      after = r.data.internProgress.pageInfo.endCursor;
    }
    if (reportRes.errors?.length || !reportRes.data) return { error: reportRes.errors ?? reportRes };
    return { report: reportRes.data.cohortReport, rows };
  };
  // The report is a read model fed by events: wait until it agrees, or has stopped changing.
  let snapshot;
  let stableSince = Date.now();
  let lastJson = '';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    snapshot = await fetchAll();
    if (snapshot.error)
      throw new SimulationStepError('cohortReport / internProgress failed', `  response: ${brief(snapshot.error)}`);
    const checks = runChecks(expected, snapshot.report, snapshot.rows, byId, did);
    if (checks.every((c) => c.ok)) break;
    const json = JSON.stringify(snapshot);
    if (json !== lastJson) {
      lastJson = json;
      stableSince = Date.now();
    }
    if (Date.now() > deadline || Date.now() - stableSince > 15_000) break;
    await sleep(500);
  }
  const checks = runChecks(expected, snapshot.report, snapshot.rows, byId, did);
  for (const f of failures)
    checks.push({ name: `step: ${f.step}`, expected: 'done', actual: 'failed (see above)', ok: false });
  phase('report (waiting for the read model, checks)');

  const wallMs = Date.now() - started;
  log('\ncohortReport:');
  log(JSON.stringify(snapshot.report, null, 2));
  log('\nchecks (expected vs actual):');
  for (const c of checks) log(`  ${c.ok ? '✓' : '✗'} ${c.name}: expected ${fmt(c.expected)}, actual ${fmt(c.actual)}`);
  log('\nslowest operations (count, p50 / p95 / max ms):');
  for (const l of client.latencySummary().slice(0, 8)) log(`  ${l.op}: ${l.count}, ${l.p50} / ${l.p95} / ${l.max}`);
  log('longest waits for asynchronous effects:');
  for (const w of [...waits].sort((a, b) => b.ms - a.ms).slice(0, 5))
    log(`  ${(w.ms / 1000).toFixed(1)} s: ${w.waitingFor}`);
  const failed = checks.filter((c) => !c.ok);
  for (const f of failures) log(`\n✗ STEP FAILED: ${f.step}\n${f.detail}`);
  log(
    `\n${checks.length - failed.length}/${checks.length} checks passed; ${client.requests} GraphQL requests in ${(wallMs / 1000).toFixed(1)} s`,
  );
  return {
    ok: failed.length === 0,
    cohortId,
    runTag,
    checks,
    failures,
    report: snapshot.report,
    progress: snapshot.rows,
    timings,
    latencies: client.latencySummary(),
    waits: [...waits],
    requests: client.requests,
    wallMs,
  };
}

const fmt = (v) => (typeof v === 'string' ? v : JSON.stringify(v));

/** What the cohort report must show, computed from what the run did (never from the report). */
function expectations(plan, did) {
  const n = plan.interns.length;
  const finals = did.finals;
  const passed = finals.filter((f) => f.decision === 'PASS').length;
  const failed = finals.filter((f) => f.decision === 'FAIL').length;
  const offers = (o) => finals.filter((f) => f.offer === o).length;
  const nps = did.selfFinals.map((s) => s.nps);
  const promoters = nps.filter((x) => x >= 9).length;
  const detractors = nps.filter((x) => x <= 6).length;
  const missedByIntern = new Map(plan.interns.map((i) => [i.id, [...i.skipWeeks].sort((a, b) => a - b)]));
  const missed = [...missedByIntern.values()].reduce((s, w) => s + w.length, 0);
  const competencyMeans = (list) => {
    const by = new Map();
    for (const e of list) for (const [c, s] of e.scores) by.set(c, [...(by.get(c) ?? []), s]);
    return Object.fromEntries([...by].map(([c, s]) => [c, mean(s)]));
  };
  const completed = did.completed.size;
  return {
    interns: n,
    completed,
    completionRate: ratio(completed, n),
    terminated: plan.interns.filter((i) => i.role === 'TERMINATE').map((i) => i.id),
    extended: plan.interns.filter((i) => i.role === 'EXTEND').map((i) => i.id),
    passed,
    failed,
    passRate: ratio(passed, passed + failed),
    returnOffers: {
      strongYes: offers('STRONG_YES'),
      yes: offers('YES'),
      no: offers('NO'),
      recommended: offers('STRONG_YES') + offers('YES'),
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
    finalAverages: competencyMeans(finals),
    midpointAverages: competencyMeans(did.midpoints),
    selfAverages: competencyMeans(did.selfEvaluations),
    reviews: { ...did.reviews },
    talks: {
      rsvped: [...did.rsvps.values()].reduce((a, b) => a + b, 0),
      attended: [...did.attended.values()].reduce((a, b) => a + b, 0),
      held: did.talksHeld,
    },
  };
}

function runChecks(x, report, rows, byId, did) {
  const checks = [];
  const eq = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const check = (name, expected, actual, ok = eq(expected, actual)) => checks.push({ name, expected, actual, ok });
  /**
   * A figure the report rounds to `decimals`: the expected value is computed exactly from what the
   * run did; the report's must be within half a unit of its last decimal (it is that value, rounded).
   */
  const close = (name, exact, actual, decimals) => {
    const ok =
      exact === null || actual === null ? exact === actual : Math.abs(exact - actual) <= 0.5 * 10 ** -decimals + 1e-9;
    checks.push({ name, expected: exact === null ? null : Number(exact.toFixed(decimals + 2)), actual, ok });
  };
  const row = new Map(rows.map((r) => [r.internId, r]));

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
  const weeksSkipped = [...x.missedByIntern.values()].reduce((n, w) => n + w.length, 0);
  check(
    `CheckInMissed per pair (internProgress missedWeeks) vs the ${weeksSkipped} weeks ${skipped.length} pair(s) skipped`,
    skipped,
    seen,
  );
  const loggedRows = [...byId.keys()].filter(
    (id) => (row.get(id)?.checkIns.logged ?? -1) !== (did.checkInsByIntern.get(id) ?? 0),
  );
  check('check-ins logged per intern (internProgress)', [], loggedRows);
  check('presentation panel scorings', x.panelScores, report.presentation.panelCount);
  const avg = (cycle) => Object.fromEntries(report.rubricAverages.map((a) => [a.competency, a[cycle]]));
  for (const [cycle, exact] of [
    ['midpointAverage', x.midpointAverages],
    ['finalAverage', x.finalAverages],
    ['selfAverage', x.selfAverages],
  ]) {
    const actual = avg(cycle);
    for (const competency of Object.keys(exact))
      close(`rubric ${cycle} ${competency}`, exact[competency], actual[competency] ?? null, 2);
  }
  const sum = (f) => rows.reduce((s, r) => s + f(r), 0);
  check(
    'talk RSVPs / attendance (internProgress)',
    [x.talks.rsvped, x.talks.attended],
    [sum((r) => r.talks.rsvped), sum((r) => r.talks.attended)],
  );
  check(
    'talks held (attendance recorded), on every intern’s row',
    [x.talks.held],
    [...new Set(rows.map((r) => r.talks.held))],
  );
  check(
    'milestone reviews accepted / revision requested (internProgress)',
    [x.reviews.accepted, x.reviews.revisionRequested],
    [sum((r) => r.milestoneReports.accepted), sum((r) => r.milestoneReports.revisionRequested)],
  );
  return checks;
}

// ---------------------------------------------------------------------------------------------
// The command line

/**
 * Commits the simulation's consumer groups at the current ends of the event topics (as
 * startGroupAtEnd in libs/testing does for tests): the apps start on fresh databases and consume
 * only what happens from now on, instead of replaying the shared broker's whole history first.
 */
async function startGroupsAtEnd(brokers, groupIds) {
  const kafka = new kafkajs.Kafka({ clientId: 'mentorflow-simulate', brokers, logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => /^mentorflow\.[a-z]+\.events$/.test(t));
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      for (const groupId of groupIds) {
        await admin.setOffsets({
          groupId,
          topic,
          partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
        });
      }
    }
    return topics;
  } finally {
    await admin.disconnect();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      interns: { type: 'string', default: '60' },
      mentors: { type: 'string', default: '30' },
      url: { type: 'string' },
      seed: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '8' },
    },
  });
  const t0 = Date.now();
  let system;
  let url = values.url;
  const stop = async () => {
    if (system) {
      console.log('• stopping the apps…');
      const s = system;
      system = undefined;
      await s.stop();
    }
  };
  process.on('SIGINT', () => stop().then(() => process.exit(130)));
  process.on('SIGTERM', () => stop().then(() => process.exit(143)));
  let ok = false;
  try {
    if (!url) {
      const env = await ensureInfra();
      console.log('• building the apps (tsc)');
      const build = spawnSync(path.join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
        cwd: REPO,
        stdio: 'inherit',
      });
      if (build.status !== 0) throw new Error(`the build failed (tsc exit ${build.status})`);
      for (const name of [...SERVICES, 'gateway']) await dropDatabase(env.DATABASE_URL, `mentorflow_sim_${name}`);
      const topics = await startGroupsAtEnd(
        env.KAFKA_BROKERS.split(','),
        [...SERVICES, 'gateway'].map((name) => `mentorflow-${name}-sim`),
      );
      console.log(`• consumer groups mentorflow-*-sim start at the end of ${topics.length} event topics`);
      system = await startSystem({
        env: { ...env, NODE_ENV: process.env.NODE_ENV ?? 'development', CLOCK_MODE: 'sandbox' },
        basePort: 4400,
        databasePrefix: 'mentorflow_sim',
        groupSuffix: 'sim',
        logDir: path.join(REPO, '.data', 'sim-logs'),
      });
      url = system.url;
      console.log(`• system up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${url} (logs: ${system.logDir})`);
    }
    const result = await runSimulation({
      url,
      interns: Number(values.interns),
      mentors: Number(values.mentors),
      seed: values.seed,
      concurrency: Number(values.concurrency),
    });
    ok = result.ok;
  } catch (err) {
    console.error(`\n✗ the simulation stopped: ${err.message}`);
    if (!(err instanceof Error && err.name === 'SimulationStepError')) console.error(err.stack);
  } finally {
    await stop();
  }
  console.log(`wall time: ${((Date.now() - t0) / 1000).toFixed(1)} s; ${ok ? 'every check passed' : 'FAILED'}`);
  process.exit(ok ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
