import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';
import { inject } from './support/system.js';
import { addDays } from '#ddd';
import { eventually, gql, signIn } from './support/client.js';
import {
  aCheckIn,
  advanceCohort,
  assignMentor,
  draftScope,
  enrollIntern,
  OPS,
  registerMentor,
  scheduleCohort,
  until,
  type CohortRef,
  type Person,
} from './support/program.js';

/**
 * Issue 7, no N+1: the SQL statements each service sends to its database to answer one cohort
 * listing through the gateway (enrollments, each intern's name, mentors, last check-ins and
 * project, from three subgraphs) are the same for a cohort of 10 interns and one of 50. The
 * services count statements per origin on /metrics, on their ops ports (MENTORFLOW_QUERY_COUNT=1,
 * set by the e2e global setup); the test reads the `origin="graphql"` counter before and after one request.
 */

const LISTING = `query ($id: ID!) { cohort(id: $id) { enrollments(first: 50) { totalCount edges { node {
  intern { name mentors { name } checkIns(first: 3) { edges { node { occurredOn notes privateNotes } } } project { title } } } } } } }`;

const SERVICES = ['cohorts', 'mentors', 'scoping', 'evaluations'] as const;
type Service = (typeof SERVICES)[number];

async function graphqlQueries(service: Service): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${inject('opsPorts')[service]}/metrics`);
  const text = await res.text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('mentorflow_db_queries_total{') && l.includes('origin="graphql"'));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/** The statements each service sent for one request. */
async function countQueries(run: () => Promise<void>): Promise<Record<Service, number>> {
  const before = await Promise.all(SERVICES.map(graphqlQueries));
  await run();
  const after = await Promise.all(SERVICES.map(graphqlQueries));
  return Object.fromEntries(SERVICES.map((s, i) => [s, after[i]! - before[i]!])) as Record<Service, number>;
}

let pm: string;

/** A cohort of `size` interns, each with a primary mentor, one check-in and a drafted project. */
async function populatedCohort(size: number): Promise<CohortRef> {
  const cohort = await scheduleCohort(pm, { capacity: size });
  const mentors = await Promise.all(Array.from({ length: Math.ceil(size / 10) }, () => registerMentor(pm)));
  const interns: Person[] = [];
  for (let i = 0; i < size; i++) interns.push(await enrollIntern(pm, cohort.id));
  for (const [i, intern] of interns.entries()) await assignMentor(pm, intern.id, mentors[Math.floor(i / 10)]!.id);
  await advanceCohort(pm, cohort.id, 1);
  const tuesday = addDays(cohort.startDate, 1);
  for (const [i, intern] of interns.entries()) {
    const mentor = mentors[Math.floor(i / 10)]!;
    await until(`logCheckIn for ${intern.id}`, () =>
      gql(OPS.logCheckIn, { input: aCheckIn(intern.id, tuesday) }, { token: mentor.token }),
    );
  }
  for (let i = 0; i < interns.length; i += 10)
    await Promise.all(interns.slice(i, i + 10).map((intern) => draftScope(intern)));
  // Every subgraph has what the listing asks of it.
  await eventually(
    async () => {
      const r = await gql(LISTING, { id: cohort.id }, { token: pm });
      const nodes = r.data?.cohort?.enrollments?.edges ?? [];
      return nodes.length === size &&
        nodes.every(
          (e: any) =>
            e.node.intern.mentors.length === 1 && e.node.intern.checkIns.edges.length === 1 && e.node.intern.project,
        )
        ? true
        : undefined;
    },
    { timeoutMs: 60_000, what: `the listing of ${size} interns to be complete` },
  );
  return cohort;
}

let small: CohortRef;
let large: CohortRef;

beforeAll(async () => {
  pm = await signIn('pm-query-count', 'PROGRAM_MANAGER');
  small = await populatedCohort(10);
  large = await populatedCohort(50);
}, 600_000);

describe('a 50-intern cohort listing through the gateway', () => {
  it('costs each service the same number of SQL statements as a 10-intern one', async () => {
    const listing = (cohort: CohortRef) => async () => {
      const r = await gql(LISTING, { id: cohort.id }, { token: pm });
      expect(r.errors).toBeUndefined();
      expect(r.data.cohort.enrollments.edges.length).toBe(cohort === large ? 50 : 10);
    };
    // Twice each, the second counted: nothing one-off (metadata, first connections) in the figure.
    await listing(small)();
    const ten = await countQueries(listing(small));
    await listing(large)();
    const fifty = await countQueries(listing(large));
    const total = (c: Record<Service, number>) => SERVICES.reduce((n, s) => n + c[s], 0);
    process.stdout.write(
      `\nSQL statements for one cohort listing: 10 interns ${JSON.stringify(ten)} = ${total(ten)}; ` +
        `50 interns ${JSON.stringify(fifty)} = ${total(fifty)}\n`,
    );
    for (const s of SERVICES) expectLabelled(fifty[s], `${s}: 50 interns vs 10`).toBe(ten[s]);
    expect(total(fifty)).toBeGreaterThan(0);
    expect(total(fifty)).toBeLessThanOrEqual(20);
  });
});
