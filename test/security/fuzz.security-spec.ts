import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gql, signIn } from '../e2e/support/client.js';
import { inject } from '../e2e/support/system.js';
import {
  approveScope,
  assignMentor,
  cohortsKnowsMentor,
  draftScope,
  enrollIntern,
  ok,
  openSlots,
  OPS,
  registerMentor,
  scheduleCohort,
  submitReport,
  submitScope,
  talkInput,
  type CohortRef,
  type Person,
  type ProjectRef,
} from '../e2e/support/program.js';
import {
  classify,
  documentFor,
  FuzzSchema,
  generateInputs,
  SCHEMA_QUERY,
  stringsIn,
  type FuzzInput,
  type IdPools,
  type MutationShape,
} from './support/fuzz.js';
import { readiness } from './support/http.js';

// Schema-driven fuzz of every mutation of the composed schema, against the started system
// (issue 11): at least 200 generated inputs per mutation, each sent as a program manager and as
// an intern. Asserted: no INTERNAL_SERVER_ERROR and no 5xx, every refusal a typed code
// (BAD_USER_INPUT naming a field), no state changed by a refused call (see `snapshot`), and every
// app ready afterwards with events still flowing. Figures in .data/fuzz-report.json.

const SEED = Number(process.env.FUZZ_SEED ?? 20261111);
const INPUTS_PER_MUTATION = Number(process.env.FUZZ_INPUTS ?? 200);
/** Requests in flight at once (two cores run the five apps, Postgres, Kafka and this runner). */
const CONCURRENCY = 8;
/**
 * Mutations a user sends at most: under the gateway's MUTATION_RATE_BURST (300), so no fuzz user
 * ever meets the rate limit (each user has their own bucket) and the system runs with its
 * production limits.
 */
const PER_USER = 250;
/** Run last: once accepted, they end the seeded world's program (a cancelled or advanced cohort). */
const DESTRUCTIVE = [
  'updateCohort',
  'rescheduleTechTalk',
  'cancelTechTalk',
  'closePresentationSlot',
  'reinstateIntern',
  'withdrawIntern',
  'unassignMentor',
  'cancelPresentationBooking',
  'cancelCohort',
  'advanceCohortClock',
];
const REPORT_PATH = path.join(process.cwd(), '.data', 'fuzz-report.json');

type Role = 'PROGRAM_MANAGER' | 'INTERN' | 'MENTOR';
/**
 * What a program manager or an intern gets for a mutation that only mentors may run: then the
 * same inputs are sent a third time, as a mentor, so that they reach the mentor's command too.
 */
const SHALLOW = new Set(['FORBIDDEN', 'GRAPHQL_VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE']);

/**
 * One intern's program: a cohort, the intern, their primary mentor, their approved scope with a
 * milestone report, a tech talk and two presentation slots.
 */
interface Program {
  /** The intern's calendar feed (createCalendarFeed): its id, and its secret URL. */
  feed: { id: string; url: string };
  cohort: CohortRef;
  intern: Person;
  mentor: Person;
  project: ProjectRef;
  reportId: string;
  talkId: string;
  slotIds: string[];
}

/**
 * Two programs. `target`: every fuzzed input may name its ids, and a program manager may well
 * change it (an accepted call). `bystander`: its ids go to the interns and mentors only (the
 * program manager gets the target's ids in their place), and none of the fuzzing users is its
 * intern or mentor, so no call of the fuzz may change it: it must come out exactly as it went in.
 */
interface World {
  pm: string;
  target: Program;
  bystander: Program;
  /** Interns of the target cohort (not X) who send the intern part of the fuzz, each within PER_USER. */
  interns: Person[];
  /** The target's mentor first, then mentors of nobody: they send the mentor-only mutations. */
  mentors: Person[];
}

let world: World;
let schema: FuzzSchema;
let mutations: MutationShape[];
/** Mutations that take no argument: nothing to generate (listed in the report). */
let withoutArguments: string[];

interface Sent {
  mutation: string;
  role: Role;
  user: string;
  label: string;
  input: unknown;
  status: number;
  outcome: string;
  problem?: string;
  body?: unknown;
}

const results: Sent[] = [];
const startedAt = Date.now();

async function program(pm: string, name: string, capacity: number): Promise<Program> {
  const cohort = await scheduleCohort(pm, { name, capacity });
  const [intern, mentor] = await Promise.all([enrollIntern(pm, cohort.id), registerMentor(pm)]);
  await assignMentor(pm, intern.id, mentor.id);
  let project = await draftScope(intern);
  project = await submitScope(intern, project);
  project = await approveScope(mentor, project);
  const reportId = await submitReport(intern, project.milestoneIds[0]!);
  const talk = ok(await gql(OPS.scheduleTalk, { input: talkInput(cohort, 2) }, { token: pm }), 'scheduleTechTalk');
  const slotIds = await openSlots(pm, cohort, [mentor.id], 2);
  const feed = ok(
    await gql('mutation { createCalendarFeed { id url } }', {}, { token: intern.token }),
    'createCalendarFeed',
  ).createCalendarFeed as { id: string; url: string };
  return { cohort, intern, mentor, project, reportId, talkId: talk.scheduleTechTalk.id, slotIds, feed };
}

async function buildWorld(internsNeeded: number, mentorsNeeded: number): Promise<World> {
  const pm = await signIn('pm-fuzz-world', 'PROGRAM_MANAGER');
  const [target, bystander] = await Promise.all([
    program(pm, 'Fuzz target cohort', internsNeeded + 40),
    program(pm, 'Fuzz bystander cohort', 5),
  ]);
  const interns: Person[] = [];
  for (let i = 0; i < internsNeeded; i += 6) {
    const batch = Math.min(6, internsNeeded - i);
    interns.push(...(await Promise.all(Array.from({ length: batch }, () => enrollIntern(pm, target.cohort.id)))));
  }
  const others = await Promise.all(Array.from({ length: mentorsNeeded - 1 }, () => registerMentor(pm)));
  return { pm, target, bystander, interns, mentors: [target.mentor, ...others] };
}

/** A program's ids, by kind: what a fuzzed ID field is set to. */
function idsOf(p: Program): IdPools {
  return {
    cohort: [p.cohort.id],
    intern: [p.intern.id],
    mentor: [p.mentor.id],
    project: [p.project.id],
    milestone: p.project.milestoneIds,
    report: [p.reportId],
    slot: p.slotIds,
    talk: [p.talkId],
    task: p.cohort.checklist,
    feed: [p.feed.id],
  };
}

/** Both programs' ids (and a fuzz intern's own, and one nobody has): the pools inputs are drawn from. */
function pools(w: World): IdPools {
  const t = idsOf(w.target);
  const b = idsOf(w.bystander);
  const merged: IdPools = Object.fromEntries(Object.keys(t).map((k) => [k, [...t[k]!, ...b[k]!]]));
  merged.intern!.push(w.interns[0]!.id);
  merged.any = ['00000000-0000-4000-8000-000000000000'];
  return merged;
}

/** What a program manager sends instead: each bystander id replaced by the target's id of the same kind. */
function forProgramManager(w: World): (input: unknown) => unknown {
  const t = idsOf(w.target);
  const b = idsOf(w.bystander);
  const swap = new Map<string, string>();
  for (const kind of Object.keys(b)) b[kind]!.forEach((id, i) => swap.set(id, t[kind]![i % t[kind]!.length]!));
  const replace = (v: unknown): unknown => {
    if (typeof v === 'string') return swap.get(v) ?? v;
    if (Array.isArray(v)) return v.map(replace);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x)]));
    return v;
  };
  return replace;
}

// ---- what the program manager can read, before and after -----------------------------------------

const SNAPSHOT = `query FuzzSnapshot($tc: ID!, $ti: ID!, $tm: ID!, $tp: ID!, $bc: ID!, $bi: ID!, $bm: ID!, $bp: ID!) {
  cohorts(first: 1) { totalCount }
  mentors(first: 1) { totalCount }
  tc: cohort(id: $tc) { ...C }
  ti: intern(id: $ti) { ...I }
  tm: mentor(id: $tm) { ...M }
  tp: project(id: $tp) { ...P }
  bc: cohort(id: $bc) { ...C }
  bi: intern(id: $bi) { ...I }
  bm: mentor(id: $bm) { ...M }
  bp: project(id: $bp) { ...P }
}
fragment C on Cohort { name status capacity enrolledCount currentWeek weeks location timezone workMode startDate
  onboardingChecklist { id title }
  calendar { techTalks(first: 10) { edges { node { id title speaker startsAt rsvpCount attendanceCount } } }
    presentationSlots(first: 10) { edges { node { id startsAt booked internId panelMentorIds } } } } }
fragment I on Intern { name email university degreeLevel timezone focusAreas mentors { id }
  enrollments { status extensionWeeks onboarding { completedCount } presentationSlot { id } } }
fragment M on Mentor { name email team expertise timezone capacity cohortIds mentees { id } }
fragment P on Project { revision status title latestVersion versionInForce
  milestones { id title dueWeek reports { id status feedback } } }`;

interface Snapshot {
  cohorts: number;
  mentors: number;
  /** The target's objects: each may change only where an accepted call named one of its ids. */
  target: Record<string, { names: string[]; state: any }>;
  /** The bystander's objects: no call of the fuzz may change them. */
  bystander: Record<string, any>;
}

async function snapshot(w: World): Promise<Snapshot> {
  const { target: t, bystander: b } = w;
  const vars = {
    tc: t.cohort.id,
    ti: t.intern.id,
    tm: t.mentor.id,
    tp: t.project.id,
    bc: b.cohort.id,
    bi: b.intern.id,
    bm: b.mentor.id,
    bp: b.project.id,
  };
  const d = ok(await gql(SNAPSHOT, vars, { token: w.pm }), 'snapshot');
  const FEEDS = '{ calendarFeeds(first: 20) { totalCount edges { node { id revokedAt } } } }';
  const feeds = async (p: Program) => ({
    ...ok(await gql(FEEDS, {}, { token: p.intern.token }), 'calendarFeeds'),
    fetched: (await fetch(p.feed.url)).status,
  });
  return {
    cohorts: d.cohorts.totalCount,
    mentors: d.mentors.totalCount,
    target: {
      cohort: { names: [t.cohort.id, t.talkId, ...t.slotIds, ...t.cohort.checklist], state: d.tc },
      intern: { names: [t.intern.id], state: d.ti },
      mentor: { names: [t.mentor.id], state: d.tm },
      project: { names: [t.project.id, t.intern.id, t.reportId, ...t.project.milestoneIds], state: d.tp },
      feeds: { names: [t.feed.id], state: await feeds(t) },
    },
    bystander: { cohort: d.bc, intern: d.bi, mentor: d.bm, project: d.bp, feeds: await feeds(b) },
  };
}

// ---- sending ----------------------------------------------------------------------------------------

async function send(m: MutationShape, input: FuzzInput, role: Role, token: string, user: string): Promise<Sent> {
  const variables = input.input === undefined ? {} : { input: input.input };
  const res = await fetch(inject('gatewayUrl'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: documentFor(m), variables, operationName: 'Fuzz' }),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const judged =
    body === undefined
      ? { outcome: `HTTP_${res.status}_NOT_JSON`, problem: `not JSON (HTTP ${res.status}): ${text.slice(0, 200)}` }
      : classify(res.status, body, m.name);
  return { mutation: m.name, role, user, label: input.label, input: input.input, status: res.status, ...judged, body };
}

async function pool<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]!();
      }
    }),
  );
  return out;
}

/** A value fit for a report: long strings shortened (a 1 MB string is its length). */
function printable(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 120 ? `<${value.length} × ${JSON.stringify(value[0])}>` : value;
  if (Array.isArray(value))
    return value.length > 20 ? [...value.slice(0, 3).map(printable), `<${value.length} items>`] : value.map(printable);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v)]));
  return value;
}

const tally = (rows: Sent[]) =>
  rows.reduce<Record<string, number>>((acc, r) => ((acc[r.outcome] = (acc[r.outcome] ?? 0) + 1), acc), {});

// ---- the run ------------------------------------------------------------------------------------------

let before: Snapshot;
let after: Snapshot;

beforeAll(async () => {
  const pm = await signIn('pm-fuzz-schema', 'PROGRAM_MANAGER');
  schema = new FuzzSchema(ok(await gql(SCHEMA_QUERY, {}, { token: pm }), 'introspection').__schema);
  withoutArguments = schema.mutationsWithoutArguments();
  mutations = schema
    .mutations()
    .sort((a, b) => DESTRUCTIVE.indexOf(a.name) - DESTRUCTIVE.indexOf(b.name) || a.name.localeCompare(b.name));
  const perRole = mutations.length * INPUTS_PER_MUTATION;
  // Mentors send at most a third of the mutations (the ones only they may run): see SHALLOW.
  world = await buildWorld(Math.ceil(perRole / PER_USER), Math.ceil(perRole / 3 / PER_USER));
  before = await snapshot(world);
});

describe('schema-driven fuzz of every mutation', () => {
  it(`sends ${INPUTS_PER_MUTATION} generated inputs per mutation as a program manager and as an intern (and as mentors where only they may): no internal error, every refusal typed`, async () => {
    expect(mutations.length).toBeGreaterThan(20);
    const ctx = { monday: world.target.cohort.startDate, pools: pools(world) };
    const asProgramManager = forProgramManager(world);
    const pmTokens = await Promise.all(
      Array.from({ length: Math.ceil((mutations.length * INPUTS_PER_MUTATION) / PER_USER) }, (_, i) =>
        signIn(`pm-fuzz-${i}`, 'PROGRAM_MANAGER'),
      ),
    );
    const sentAs = { PROGRAM_MANAGER: 0, INTERN: 0 };
    const caller = (role: 'PROGRAM_MANAGER' | 'INTERN'): { token: string; user: string } => {
      const k = Math.floor(sentAs[role]++ / PER_USER);
      if (role === 'PROGRAM_MANAGER') return { token: pmTokens[k]!, user: `pm-fuzz-${k}` };
      return { token: world.interns[k]!.token, user: world.interns[k]!.id };
    };
    for (const m of mutations) {
      const inputs = generateInputs(schema, m, ctx, { seed: SEED, count: INPUTS_PER_MUTATION });
      const tasks = inputs.flatMap((input) =>
        (['PROGRAM_MANAGER', 'INTERN'] as const).map((role) => {
          const { token, user } = caller(role);
          const sent = role === 'PROGRAM_MANAGER' ? { ...input, input: asProgramManager(input.input) } : input;
          return () => send(m, sent, role, token, user);
        }),
      );
      const sent = await pool(tasks, CONCURRENCY);
      results.push(...sent);
      if (sent.every((r) => SHALLOW.has(r.outcome))) {
        // Spread over the mentors input by input: the target's mentor sends some of every such mutation.
        const asMentor = inputs.map((input, i) => {
          const mentor = world.mentors[i % world.mentors.length]!;
          return () => send(m, input, 'MENTOR', mentor.token, mentor.id);
        });
        results.push(...(await pool(asMentor, CONCURRENCY)));
      }
    }

    const problems = results.filter((r) => r.problem);
    const mentorOnly = new Set(results.filter((r) => r.role === 'MENTOR').map((r) => r.mutation));
    expect(results.length).toBe((mutations.length * 2 + mentorOnly.size) * INPUTS_PER_MUTATION);
    expect(
      problems.slice(0, 10).map((p) => ({
        mutation: p.mutation,
        role: p.role,
        label: p.label,
        problem: p.problem,
        request: {
          query: documentFor(mutations.find((m) => m.name === p.mutation)!),
          variables: printable({ input: p.input }),
        },
      })),
    ).toEqual([]);
    expect(results.filter((r) => r.status >= 500).map((r) => `${r.mutation} ${r.label}`)).toEqual([]);
    expect(results.filter((r) => r.outcome === 'RATE_LIMITED')).toEqual([]);
    // No fuzz user went past its share of the rate limit (each user has its own bucket).
    const perUser = tally(results.map((r) => ({ ...r, outcome: r.user })));
    expect(Math.max(...Object.values(perUser))).toBeLessThanOrEqual(PER_USER);
  });

  it('changes no state by a refused call: the bystander exactly as it was, the target moved only where an accepted call named it', async () => {
    after = await snapshot(world);
    // No call of the fuzz may touch the bystander's program: every call naming it was refused.
    expect(after.bystander).toEqual(before.bystander);
    const bystanderIds = new Set(Object.values(idsOf(world.bystander)).flat());
    const accepted = results.filter((r) => r.outcome === 'ACCEPTED');
    expect(
      accepted.filter((r) => [...stringsIn(r.input)].some((v) => bystanderIds.has(v))).map((r) => r.label),
    ).toEqual([]);

    // Counters: exactly the accepted creations, however many were refused.
    const count = (name: string) => accepted.filter((r) => r.mutation === name).length;
    expect(after.cohorts - before.cohorts).toBe(count('scheduleCohort'));
    expect(after.mentors - before.mentors).toBe(count('registerMentor'));
    const naming = (name: string, id: string) =>
      accepted.filter((r) => r.mutation === name && stringsIn(r.input).has(id)).length;
    const cohortId = world.target.cohort.id;
    const delta = after.target.cohort!.state.enrolledCount - before.target.cohort!.state.enrolledCount;
    expect(delta).toBeLessThanOrEqual(naming('enrollIntern', cohortId));
    expect(delta).toBeGreaterThanOrEqual(-naming('withdrawIntern', cohortId));

    // The target's objects that no accepted call named: exactly as they were.
    const named = new Set<string>();
    for (const r of accepted) stringsIn(r.input, named);
    for (const [key, object] of Object.entries(before.target)) {
      if (object.names.some((id) => named.has(id))) continue;
      expect({ key, state: after.target[key]!.state }).toEqual({ key, state: object.state });
    }
  });

  it('leaves every app ready and events flowing', async () => {
    const ready = await readiness();
    expect(Object.values(ready).every((status) => status === 200)).toBe(true);
    expect(Object.keys(ready).sort()).toEqual(Object.keys(inject('servicePorts')).sort());
    // A fresh enrollment still reaches the mentors service over Kafka: no accepted fuzz event
    // (a 1 MB string, an emoji, a NUL) jammed an outbox or a consumer.
    const cohort = await scheduleCohort(world.pm, { name: 'Fuzz canary' });
    const intern = await enrollIntern(world.pm, cohort.id);
    const mentor = await registerMentor(world.pm);
    await assignMentor(world.pm, intern.id, mentor.id);
    // …and the mentors service's events still reach the cohorts service.
    await cohortsKnowsMentor(mentor, intern.id);
  });
});

afterAll(() => {
  if (!results.length) return;
  const named = new Set<string>();
  for (const r of results) if (r.outcome === 'ACCEPTED') stringsIn(r.input, named);
  const report = {
    seed: SEED,
    mutationsFuzzed: mutations.length,
    inputsPerMutation: INPUTS_PER_MUTATION,
    roles: ['PROGRAM_MANAGER', 'INTERN', 'MENTOR (the mutations only mentors may run)'],
    notFuzzedTakingNoArguments: withoutArguments,
    mentorOnlyMutations: [...new Set(results.filter((r) => r.role === 'MENTOR').map((r) => r.mutation))],
    requests: results.length,
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    outcomes: tally(results),
    oneMegabyteStrings: {
      sent: results.filter((r) => [...stringsIn(r.input)].some((v) => v.length >= 1_000_000)).length,
      accepted: results.filter(
        (r) => r.outcome === 'ACCEPTED' && [...stringsIn(r.input)].some((v) => v.length >= 1_000_000),
      ).length,
    },
    byRole: {
      PROGRAM_MANAGER: tally(results.filter((r) => r.role === 'PROGRAM_MANAGER')),
      INTERN: tally(results.filter((r) => r.role === 'INTERN')),
      MENTOR: tally(results.filter((r) => r.role === 'MENTOR')),
    },
    byMutation: Object.fromEntries(mutations.map((m) => [m.name, tally(results.filter((r) => r.mutation === m.name))])),
    state:
      before && after
        ? {
            check:
              'the bystander program (its ids sent by interns and mentors only) read before and after: equal; ' +
              "the target's objects that no accepted call named: equal; cohorts and mentors: + the accepted creations",
            bystanderUnchanged: JSON.stringify(before.bystander) === JSON.stringify(after.bystander),
            bystander: before.bystander,
            targetObjectsNamedByAnAcceptedCall: Object.keys(before.target).filter((k) =>
              before.target[k]!.names.some((id) => named.has(id)),
            ),
            cohorts: { before: before.cohorts, after: after.cohorts },
            mentors: { before: before.mentors, after: after.mentors },
          }
        : undefined,
    problems: results
      .filter((r) => r.problem)
      .slice(0, 100)
      .map((r) => ({
        mutation: r.mutation,
        role: r.role,
        user: r.user,
        label: r.label,
        problem: r.problem,
        request: {
          query: documentFor(mutations.find((m) => m.name === r.mutation)!),
          variables: printable({ input: r.input }),
        },
      })),
  };
  fs.mkdirSync(path.dirname(REPORT_PATH), { recursive: true });
  fs.writeFileSync(REPORT_PATH, `${JSON.stringify(report, null, 2)}\n`);
});
