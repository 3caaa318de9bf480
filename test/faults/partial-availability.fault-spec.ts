import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, signTestToken } from '#testing';
import { dropDatabase, ensureInfra, REPO } from '../../scripts/lib/infra.js';
import { SERVICES, startSystem, type RunningSystem } from '../../scripts/lib/services.js';
import { aCohort, aMentor, anIntern } from '../e2e/support/factories.js';

/**
 * Issue 16, partial availability: the whole system as processes; each subgraph in turn is
 * stopped. Meanwhile the gateway stays ready (reporting that subgraph down, in its readiness
 * answer and on `mentorflow_gateway_subgraph_up`), a query that does not need the subgraph
 * answers as before, a query that does gets the other subgraphs' data with SUBGRAPH_UNAVAILABLE
 * naming it on its paths, a mutation it owns gets the same error — each answered at once, never
 * hanging. Once the subgraph is started again, the full query answers as before the stop, without
 * restarting the gateway.
 */
const PREFIX = 'mentorflow_pa';
const BASE_PORT = 4300;
/** How long an answer may take while a subgraph is down: a refused connection is immediate. */
const ANSWER_WITHIN_MS = 3_000;
/** The gateway's SUBGRAPH_TIMEOUT_MS here: how long it waits for a subgraph that does not answer. */
const SUBGRAPH_TIMEOUT_MS = 1_500;

type Subgraph = 'cohorts' | 'mentors' | 'scoping' | 'evaluations';
const SUBGRAPHS: Subgraph[] = ['cohorts', 'mentors', 'scoping', 'evaluations'];

let system: RunningSystem;
let pm: string;
const ids = { cohort: '', intern: '', mentor: '' };

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}
interface Answer {
  status: number;
  ms: number;
  data?: any;
  errors?: GraphQLError[];
}

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(system.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${pm}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as { data?: unknown; errors?: GraphQLError[] };
  return { status: res.status, ms: Date.now() - started, data: body.data, errors: body.errors };
}

/** The intern's fields each subgraph serves (cohorts owns the intern, the others extend it). */
const INTERN_FIELDS: Record<Subgraph, string> = {
  cohorts: 'id name',
  mentors: 'mentoringProfile { timezone focusAreas }',
  scoping: 'project { id status }',
  evaluations: 'progress { riskLevel enrollmentStatus }',
};

/**
 * One query over every subgraph, leaving out the fields of `without`: a cohort (cohorts), a
 * mentor (mentors) and an intern (cohorts) with the fields the three others add to it.
 */
function query(without?: Subgraph): string {
  const parts: string[] = [];
  if (without !== 'cohorts') {
    parts.push(`cohort(id: ${JSON.stringify(ids.cohort)}) { id name }`);
    const internFields = SUBGRAPHS.filter((s) => s !== without).map((s) => INTERN_FIELDS[s]);
    parts.push(`intern(id: ${JSON.stringify(ids.intern)}) { ${internFields.join(' ')} }`);
  }
  if (without !== 'mentors') parts.push(`mentor(id: ${JSON.stringify(ids.mentor)}) { id name }`);
  return `{ ${parts.join(' ')} }`;
}

/** The full query's data with the fields of `without` left out (what a query not needing it gets). */
function dataWithout(full: any, without: Subgraph): any {
  if (without === 'cohorts') return { mentor: full.mentor };
  const field = { mentors: 'mentoringProfile', scoping: 'project', evaluations: 'progress' }[without];
  const intern = Object.fromEntries(Object.entries(full.intern).filter(([key]) => key !== field));
  return without === 'mentors' ? { cohort: full.cohort, intern } : { ...full, intern };
}

/** The full query's data while `down` is down: its fields null, the others' as they were. */
function partialData(full: any, down: Subgraph): any {
  if (down === 'cohorts') return { cohort: null, intern: null, mentor: full.mentor };
  if (down === 'mentors') return { ...full, mentor: null, intern: { ...full.intern, mentoringProfile: null } };
  const field = down === 'scoping' ? 'project' : 'progress';
  return { ...full, intern: { ...full.intern, [field]: null } };
}

/** The paths of the full query a subgraph serves. */
const PATHS: Record<Subgraph, (string | number)[][]> = {
  cohorts: [['cohort'], ['intern']],
  mentors: [['intern', 'mentoringProfile'], ['mentor']],
  scoping: [['intern', 'project']],
  evaluations: [['intern', 'progress']],
};

/** One mutation each subgraph owns; never executed here (the subgraph is down when it is sent). */
const MUTATIONS: Record<Subgraph, { field: string; document: string; input: () => Record<string, unknown> }> = {
  cohorts: {
    field: 'scheduleCohort',
    document: `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`,
    input: () => aCohort(),
  },
  mentors: {
    field: 'registerMentor',
    document: `mutation ($input: RegisterMentorInput!) { registerMentor(input: $input) { id } }`,
    input: () => aMentor(),
  },
  scoping: {
    field: 'submitProjectScope',
    document: `mutation ($input: SubmitProjectScopeInput!) { submitProjectScope(input: $input) { id } }`,
    input: () => ({ projectId: 'project-that-does-not-matter' }),
  },
  evaluations: {
    field: 'tailorRubric',
    document: `mutation ($input: TailorRubricInput!) { tailorRubric(input: $input) { kind tailored } }`,
    input: () => ({ cohortId: ids.cohort, kind: 'PROGRAM', criteria: [] }),
  },
};

const unavailable = (subgraph: Subgraph, errorPath: (string | number)[]) => ({
  message: `The ${subgraph} service did not answer; the fields it serves are null. Try again shortly`,
  path: errorPath,
  extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph },
});

const byPath = (a: GraphQLError, b: GraphQLError) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path));

async function readiness(): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${system.ports.gateway}/health/ready`);
  return { status: res.status, body: await res.json() };
}

async function subgraphGauge(): Promise<Record<string, string>> {
  const text = await (await fetch(`http://127.0.0.1:${system.opsPorts.gateway}/metrics`)).text();
  const values: Record<string, string> = {};
  for (const m of text.matchAll(/^mentorflow_gateway_subgraph_up\{[^}]*subgraph="([a-z]+)"[^}]*\} (\d)$/gm)) {
    values[m[1]!] = m[2]!;
  }
  return values;
}

const allUp = { cohorts: 'up', mentors: 'up', scoping: 'up', evaluations: 'up', notifications: 'up' };

let full: any;

beforeAll(async () => {
  const env = await ensureInfra({ log: () => undefined });
  if (!process.env.MENTORFLOW_SKIP_BUILD) {
    execFileSync(path.join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
      cwd: REPO,
      stdio: 'inherit',
    });
  }
  for (const s of [...SERVICES, 'gateway']) await dropDatabase(env.DATABASE_URL, `${PREFIX}_${s}`);
  system = await startSystem({
    env: {
      ...env,
      NODE_ENV: 'test',
      CLOCK_MODE: 'sandbox',
      LOG_LEVEL: 'info',
      SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS),
    },
    basePort: BASE_PORT,
    databasePrefix: PREFIX,
    groupSuffix: 'pa',
    logDir: path.join(REPO, '.data', 'partial-availability-logs'),
    log: () => undefined,
  });
  pm = await signTestToken({ sub: 'pm-partial', roles: ['PROGRAM_MANAGER'] });

  const cohort = await gql(MUTATIONS.cohorts.document, { input: aCohort() });
  expect(cohort.errors).toBeUndefined();
  ids.cohort = cohort.data.scheduleCohort.id;
  const intern = anIntern(ids.cohort);
  const enrolled = await gql(`mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id } }`, {
    input: intern,
  });
  expect(enrolled.errors).toBeUndefined();
  ids.intern = String(intern.internId);
  const mentor = aMentor();
  const registered = await gql(MUTATIONS.mentors.document, { input: mentor });
  expect(registered.errors).toBeUndefined();
  ids.mentor = String(mentor.mentorId);
  // Every subgraph has learnt of the intern (over Kafka): the full query answers in full.
  full = (
    await eventually(
      async () => {
        const r = await gql(query());
        return !r.errors && r.data?.intern?.mentoringProfile && r.data.intern.progress ? r : undefined;
      },
      { timeoutMs: 60_000, what: 'the intern in every subgraph' },
    )
  ).data;
  expect(full).toMatchObject({
    cohort: { id: ids.cohort },
    mentor: { id: ids.mentor },
    intern: { id: ids.intern, mentoringProfile: { timezone: 'Europe/Berlin' }, progress: { riskLevel: 'GREEN' } },
  });
});

afterAll(async () => {
  await system?.stop();
});

describe('partial availability: one subgraph down at a time', () => {
  it('answers everything and reports every subgraph up while all run', async () => {
    expect(SUBGRAPHS).toEqual(SERVICES);
    expect(await readiness()).toEqual({
      status: 200,
      body: { status: 'ok', service: 'gateway', checks: { schema: true, database: true }, subgraphs: allUp },
    });
    expect(await subgraphGauge()).toEqual({
      cohorts: '1',
      mentors: '1',
      scoping: '1',
      evaluations: '1',
      notifications: '1',
    });
  });

  it.each(SUBGRAPHS)(
    'with %s stopped: the gateway stays ready, other queries answer, its fields are SUBGRAPH_UNAVAILABLE; back in full once it restarts',
    async (down) => {
      await system.kill(down, 'SIGTERM');
      try {
        await whileDown(down);
      } finally {
        // Started again (same address) whatever happened, so that the next subgraph's case runs on a whole system.
        await system.restart(down);
      }
      // Without touching the gateway: the full query as before the stop.
      const back = await gql(query());
      expect({ status: back.status, data: back.data, errors: back.errors }).toEqual({
        status: 200,
        data: full,
        errors: undefined,
      });
      await eventually(
        async () => {
          const r = await readiness();
          return r.status === 200 && JSON.stringify(r.body.subgraphs) === JSON.stringify(allUp) ? r : undefined;
        },
        { timeoutMs: 5_000, what: `the gateway to report ${down} up again` },
      );
      expect((await subgraphGauge())[down]).toBe('1');
    },
  );
});

describe('partial availability: a subgraph that accepts connections but does not answer', () => {
  it('answers after SUBGRAPH_TIMEOUT_MS with the others’ data and SUBGRAPH_UNAVAILABLE, stays ready without waiting on it, and answers in full once it resumes', async () => {
    const scoping = system.children.find((c) => (c as { serviceName?: string }).serviceName === 'scoping')!;
    scoping.kill('SIGSTOP');
    try {
      const partial = await gql(query());
      expect({ status: partial.status, data: partial.data, errors: partial.errors }).toEqual({
        status: 200,
        data: partialData(full, 'scoping'),
        errors: [unavailable('scoping', ['intern', 'project'])],
      });
      expect(partial.ms).toBeGreaterThanOrEqual(SUBGRAPH_TIMEOUT_MS - 100);
      expect(partial.ms).toBeLessThan(SUBGRAPH_TIMEOUT_MS + ANSWER_WITHIN_MS);

      // Its readiness probe times out; the gateway's own answer does not wait for it.
      const down = await eventually(
        async () => {
          const started = Date.now();
          const r = await readiness();
          return r.body.subgraphs?.scoping === 'down' ? { ...r, ms: Date.now() - started } : undefined;
        },
        { timeoutMs: 10_000, what: 'the gateway to report the frozen scoping down' },
      );
      expect(down.status).toBe(200);
      expect(down.body.subgraphs).toEqual({ ...allUp, scoping: 'down' });
      const again = Date.now();
      expect((await readiness()).status).toBe(200);
      expect(Date.now() - again).toBeLessThan(500);
    } finally {
      scoping.kill('SIGCONT');
    }
    const back = await eventually(
      async () => {
        const r = await gql(query());
        return r.errors ? undefined : r;
      },
      { timeoutMs: 10_000, what: 'scoping to answer again' },
    );
    expect(back.data).toEqual(full);
  });
});

/** What the gateway answers while `down` is stopped. */
async function whileDown(down: Subgraph): Promise<void> {
  // Ready all the same, naming the subgraph that is down (probes are reused for up to a second).
  const ready = await eventually(
    async () => {
      const r = await readiness();
      return r.body.subgraphs?.[down] === 'down' ? r : undefined;
    },
    { timeoutMs: 5_000, what: `the gateway to report ${down} down` },
  );
  expect(ready).toEqual({
    status: 200,
    body: {
      status: 'ok',
      service: 'gateway',
      checks: { schema: true, database: true },
      subgraphs: { ...allUp, [down]: 'down' },
    },
  });
  expect(await subgraphGauge()).toEqual({
    ...Object.fromEntries(Object.keys(allUp).map((s) => [s, '1'])),
    [down]: '0',
  });

  // A query that does not need it: answered as before.
  const other = await gql(query(down));
  expect({ status: other.status, data: other.data, errors: other.errors }).toEqual({
    status: 200,
    data: dataWithout(full, down),
    errors: undefined,
  });
  expect(other.ms).toBeLessThan(ANSWER_WITHIN_MS);

  // The full query: the other subgraphs' data, and its fields null with an error naming it.
  const partial = await gql(query());
  expect(partial.status).toBe(200);
  expect(partial.data).toEqual(partialData(full, down));
  expect([...(partial.errors ?? [])].sort(byPath)).toEqual(PATHS[down].map((p) => unavailable(down, p)).sort(byPath));
  expect(partial.ms).toBeLessThan(ANSWER_WITHIN_MS);

  // A mutation it owns: the same error, nothing else.
  const mutation = MUTATIONS[down];
  const refused = await gql(mutation.document, { input: mutation.input() });
  expect({ status: refused.status, data: refused.data, errors: refused.errors }).toEqual({
    status: 200,
    data: null,
    errors: [unavailable(down, [mutation.field])],
  });
  expect(refused.ms).toBeLessThan(ANSWER_WITHIN_MS);
}
