import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '#ddd';
import { findInTopics, findPersonalData, TEST_BROKERS, TEST_SERVER_URL } from '#testing';
import { codes, eventually, gql, signIn } from './support/client.js';
import {
  advanceCohort,
  aCheckIn,
  assignMentor,
  enrollIntern,
  ok,
  OPS,
  registerMentor,
  scheduleCohort,
  until,
  type CohortRef,
  type Person,
} from './support/program.js';

// Issue 18 through the gateway, with every service running: an intern and a mentor whose names and
// e-mails went everywhere (enrolment, assignment, a check-in whose notes name the intern,
// notifications, mails) are erased by a program manager. Then no service's database and no Kafka
// topic holds their name, e-mail or university in clear text, counts stay, and a replay of the
// topics from offset zero (the evaluations rebuild) builds the read model without them.

const REPO = path.resolve(new URL('.', import.meta.url).pathname, '..', '..');
const SERVICES = ['cohorts', 'mentors', 'scoping', 'evaluations', 'gateway'];
const run = randomUUID().slice(0, 8);
const IVY = { name: `Ivy Erasable${run}`, email: `ivy.${run}@erasable.example`, university: `Erasure University ${run}` };
const KIM = { name: `Kim Keepable${run}`, email: `kim.${run}@keepable.example` };
const MARA = { name: `Mara Erasable${run}`, email: `mara.${run}@erasable.example` };
const ERASED_NEEDLES = [IVY.name, IVY.email, IVY.university, MARA.name, MARA.email];

const ERASE_INTERN = `mutation ($input: EraseInternInput!) {
  eraseIntern(input: $input) { internId erasedAt erasedBy reason trigger } }`;
const ERASE_MENTOR = `mutation ($input: EraseMentorInput!) {
  eraseMentor(input: $input) { mentorId erasedAt erasedBy reason trigger } }`;
const INTERN = `query ($id: ID!) { intern(id: $id) { id name email erased enrollments { cohortId status } } }`;
const MENTOR = `query ($id: ID!) { mentor(id: $id) { id name email } }`;
const REPORT = `query ($id: ID!) { cohortReport(cohortId: $id) { interns inProgram } }`;

const databaseUrl = (service: string): string => {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/mentorflow_e2e_${service}`;
  return url.toString();
};

let pm: string;
let cohort: CohortRef;
let mentor: Person;
let ivy: Person;
let kim: Person;
let keptSchema: string | undefined;

beforeAll(async () => {
  pm = await signIn(`pm-erasure-${run}`, 'PROGRAM_MANAGER');
  cohort = await scheduleCohort(pm, { capacity: 4 });
  mentor = await registerMentor(pm, { name: MARA.name, email: MARA.email });
  ivy = await enrollIntern(pm, cohort.id, IVY);
  kim = await enrollIntern(pm, cohort.id, KIM);
  for (const intern of [ivy, kim]) await assignMentor(pm, intern.id, mentor.id);
  await advanceCohort(pm, cohort.id, 2);
  await until('a check-in about Ivy', () =>
    gql(
      OPS.logCheckIn,
      { input: aCheckIn(ivy.id, addDays(cohort.startDate, 1), { notes: `Planned the sprint with ${IVY.name}` }) },
      { token: mentor.token },
    ),
  );
  // Before the erasure their data is where the scan looks: the scan itself is shown to find it.
  await eventually(
    async () => {
      const found = await Promise.all(SERVICES.map((s) => findPersonalData(databaseUrl(s), [IVY.name])));
      return found.every((hits) => hits.length > 0) || undefined;
    },
    { timeoutMs: 60_000, what: `Ivy's name in the database of every service (${SERVICES.join(', ')})` },
  );
}, 240_000);

afterAll(async () => {
  if (!keptSchema) return;
  const client = new pg.Client({ connectionString: databaseUrl('evaluations') });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${keptSchema}" CASCADE`);
  await client.end();
});

describe('personal data in the log', () => {
  it('is never in clear text in any Kafka topic, even before anyone is erased', async () => {
    // The scan reads the events: their ids are in clear text.
    expect((await findInTopics([ivy.id])).length).toBeGreaterThan(0);
    expect(await findInTopics([IVY.name, IVY.email, IVY.university, KIM.name, KIM.email, MARA.name, MARA.email])).toEqual([]);
  });
});

describe('eraseIntern and eraseMentor', () => {
  it('are for program managers only, and refuse a reason that is missing, naming the field', async () => {
    const asIntern = await gql(ERASE_INTERN, { input: { internId: ivy.id, reason: 'mine' } }, { token: ivy.token });
    expect(codes(asIntern)).toContain('FORBIDDEN');
    const asMentor = await gql(ERASE_MENTOR, { input: { mentorId: mentor.id, reason: 'mine' } }, { token: mentor.token });
    expect(codes(asMentor)).toContain('FORBIDDEN');
    const blank = await gql(ERASE_INTERN, { input: { internId: ivy.id, reason: '  ' } }, { token: pm });
    expect(codes(blank)).toContain('BAD_USER_INPUT');
    expect(JSON.stringify(blank.errors)).toContain('reason');
    const intern = ok(await gql(INTERN, { id: ivy.id }, { token: pm }), 'intern').intern;
    expect(intern).toMatchObject({ name: IVY.name, erased: false });
  });

  it('erase the person everywhere: every database, every topic; counts stay and they read as erased', async () => {
    const erasedIntern = ok(
      await gql(ERASE_INTERN, { input: { internId: ivy.id, reason: 'GDPR request #42' } }, { token: pm }),
      'eraseIntern',
    ).eraseIntern;
    expect(erasedIntern).toMatchObject({ internId: ivy.id, erasedBy: `pm-erasure-${run}`, reason: 'GDPR request #42', trigger: 'REQUEST' });
    const again = await gql(ERASE_INTERN, { input: { internId: ivy.id, reason: 'twice' } }, { token: pm });
    expect(codes(again)).toContain('CONFLICT');
    const erasedMentor = ok(
      await gql(ERASE_MENTOR, { input: { mentorId: mentor.id, reason: 'left the company' } }, { token: pm }),
      'eraseMentor',
    ).eraseMentor;
    expect(erasedMentor).toMatchObject({ mentorId: mentor.id, trigger: 'REQUEST' });

    for (const service of SERVICES) {
      await eventually(
        async () => {
          const hits = await findPersonalData(databaseUrl(service), ERASED_NEEDLES);
          return hits.length === 0 ? true : undefined;
        },
        { timeoutMs: 60_000, what: `no trace of Ivy or Mara in the ${service} database` },
      ).catch(async (err: Error) => {
        throw new Error(`${err.message}: ${JSON.stringify(await findPersonalData(databaseUrl(service), ERASED_NEEDLES))}`);
      });
    }
    expect(await findInTopics(ERASED_NEEDLES)).toEqual([]);
    // Kim was not erased: still there.
    expect(await findPersonalData(databaseUrl('cohorts'), [KIM.name])).not.toEqual([]);

    const intern = ok(await gql(INTERN, { id: ivy.id }, { token: pm }), 'intern').intern;
    expect(intern).toMatchObject({ name: 'Erased intern', erased: true, enrollments: [{ cohortId: cohort.id }] });
    expect(intern.email).toMatch(/@erased\.invalid$/);
    const m = ok(await gql(MENTOR, { id: mentor.id }, { token: pm }), 'mentor').mentor;
    expect(m.name).toBe('Erased mentor');
    const report = ok(await gql(REPORT, { id: cohort.id }, { token: pm }), 'cohortReport').cohortReport;
    expect(report.interns).toBe(2);
  }, 300_000);

  it('a replay of the topics from offset zero builds the evaluations read model without them', async () => {
    const rebuild = spawnSync(
      process.execPath,
      [path.join(REPO, 'dist/apps/evaluations/src/rebuild-read-model.js'), '--keep', '--timeout=120'],
      {
        cwd: REPO,
        encoding: 'utf8',
        timeout: 180_000,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          DATABASE_URL: TEST_SERVER_URL,
          DATABASE_NAME: 'mentorflow_e2e_evaluations',
          KAFKA_BROKERS: TEST_BROKERS.join(','),
          KAFKA_GROUP_ID: 'mentorflow-evaluations-e2e',
        },
      },
    );
    // Log lines (JSON, one per line) may come before the report and, written asynchronously, after
    // it: the report is the indented object, from its first line to the brace that closes it in
    // the first column.
    const at = rebuild.stdout.indexOf('{\n  "schema"');
    expect({ at, status: rebuild.status, stderr: rebuild.stderr.slice(-2000) }).toMatchObject({ at: expect.any(Number) });
    expect(at).toBeGreaterThanOrEqual(0);
    const end = rebuild.stdout.indexOf('\n}', at);
    expect(end).toBeGreaterThan(at);
    const report = JSON.parse(rebuild.stdout.slice(at, end + 2)) as {
      schema: string;
      kept: boolean;
      applied: number;
      tables: { onlyLive: string[]; onlyRebuilt: string[]; different: { key: string }[] }[];
    };
    keptSchema = report.schema;
    expect(report.kept).toBe(true);
    expect(report.applied).toBeGreaterThan(0);
    // Whatever else differs (earlier runs on a shared local broker), nothing about these interns does.
    const listed = report.tables.flatMap((t) => [...t.onlyLive, ...t.onlyRebuilt, ...t.different.map((d) => d.key)]);
    expect(listed.filter((k) => k.includes(ivy.id) || k.includes(kim.id))).toEqual([]);
    const client = new pg.Client({ connectionString: databaseUrl('evaluations') });
    await client.connect();
    try {
      const rows = (
        await client.query(`SELECT intern_id, name FROM "${report.schema}".intern_progress WHERE intern_id = ANY($1) ORDER BY name`, [
          [ivy.id, kim.id],
        ])
      ).rows;
      expect(rows).toEqual([
        { intern_id: ivy.id, name: 'Erased intern' },
        { intern_id: kim.id, name: KIM.name },
      ]);
    } finally {
      await client.end();
    }
    expect(await findPersonalData(databaseUrl('evaluations'), ERASED_NEEDLES, { schema: report.schema })).toEqual([]);
  }, 240_000);
});
