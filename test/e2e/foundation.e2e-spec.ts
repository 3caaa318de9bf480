import { beforeAll, describe, expect, it } from '@jest/globals';
import { codes, eventually, gql, signIn } from './support/client.js';
import { aCohort, aMentor, anIntern } from './support/factories.js';

const SCHEDULE = `mutation ($input: ScheduleCohortInput!) {
  scheduleCohort(input: $input) { id name status startDate weeks capacity
    calendar { weeks { week startsOn endsOn phase } } } }`;
const ENROLL = `mutation ($input: EnrollInternInput!) {
  enrollIntern(input: $input) { id status intern { id name } cohort { id } } }`;
const REGISTER = `mutation ($input: RegisterMentorInput!) {
  registerMentor(input: $input) { id name expertise capacity } }`;

let pm: string;

beforeAll(async () => {
  pm = await signIn('pm-e2e', 'PROGRAM_MANAGER');
});

/** One field of every node of a root list, every page of it (other files add to the same lists). */
async function listAll(list: 'mentors' | 'cohorts', field: 'id' | 'name', token: string): Promise<string[]> {
  const values: string[] = [];
  for (let after: string | null = null; ;) {
    const page: any = await gql(
      `query ($after: String) { ${list}(first: 100, after: $after) { edges { node { ${field} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
      { token },
    );
    values.push(...page.data[list].edges.map((e: any) => e.node[field]));
    if (!page.data[list].pageInfo.hasNextPage) return values;
    after = page.data[list].pageInfo.endCursor;
  }
}

describe('first slice through the gateway', () => {
  it('schedules a cohort, enrolls interns, registers mentors, and the mentors service sees the interns', async () => {
    const scheduled = await gql(SCHEDULE, { input: aCohort({ capacity: 3 }) }, { token: pm });
    expect(scheduled.errors).toBeUndefined();
    const cohort = scheduled.data.scheduleCohort;
    expect(cohort.status).toBe('SCHEDULED');
    expect(cohort.calendar.weeks).toHaveLength(12);
    expect(cohort.calendar.weeks[0].phase).toBe('ONBOARDING');
    expect(cohort.calendar.weeks[11].phase).toBe('FINAL_PRESENTATIONS');

    const interns = [anIntern(cohort.id), anIntern(cohort.id, { focusAreas: ['computer vision'] })];
    for (const input of interns) {
      const enrolled = await gql(ENROLL, { input }, { token: pm });
      expect(enrolled.errors).toBeUndefined();
      expect(enrolled.data.enrollIntern.status).toBe('ENROLLED');
    }
    const mentor = aMentor();
    const registered = await gql(REGISTER, { input: mentor }, { token: pm });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.registerMentor.id).toBe(mentor.mentorId);

    // One query, resolved by two services: enrollments from cohorts, the mentoring profile from
    // the mentors service's own projection, built from the InternEnrolled events on Kafka.
    const FEDERATED = `query ($id: ID!) { cohort(id: $id) { id enrolledCount
      enrollments(first: 10) { totalCount edges { node { intern { id name
        mentoringProfile { cohortId focusAreas timezone } mentors { id } } } } } } }`;
    const rows = await eventually(
      async () => {
        const r = await gql(FEDERATED, { id: cohort.id }, { token: pm });
        expect(r.errors).toBeUndefined();
        const edges = r.data.cohort.enrollments.edges as { node: { intern: { mentoringProfile: unknown } } }[];
        return edges.length === 2 && edges.every((e) => e.node.intern.mentoringProfile) ? edges : undefined;
      },
      { timeoutMs: 30000, what: 'the mentors service to project both interns' },
    );
    const profiles = Object.fromEntries(rows.map((e: any) => [e.node.intern.id, e.node.intern.mentoringProfile]));
    expect(profiles[interns[1]!.internId as string]).toEqual({
      cohortId: cohort.id,
      focusAreas: ['computer vision'],
      timezone: 'Europe/Berlin',
    });
    expect(rows.every((e: any) => Array.isArray(e.node.intern.mentors))).toBe(true);

    // Listed among every mentor, whatever other files registered before this one.
    const listedIds = await listAll('mentors', 'id', pm);
    expect(listedIds).toContain(mentor.mentorId);
    expect(new Set(listedIds).size).toBe(listedIds.length);
  });

  it('refuses an enrollment beyond capacity with CONFLICT', async () => {
    const cohort = (await gql(SCHEDULE, { input: aCohort({ capacity: 1 }) }, { token: pm })).data.scheduleCohort;
    expect((await gql(ENROLL, { input: anIntern(cohort.id) }, { token: pm })).errors).toBeUndefined();
    const second = await gql(ENROLL, { input: anIntern(cohort.id) }, { token: pm });
    expect(codes(second)).toEqual(['CONFLICT']);
  });

  it('answers bad input with BAD_USER_INPUT naming the fields, and creates nothing', async () => {
    const name = `Invalid cohort ${Date.now()}`;
    const bad = await gql(SCHEDULE, { input: aCohort({ name, weeks: 9, timezone: 'Mars/Olympus' }) }, { token: pm });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const fields = bad.errors![0]!.extensions!.fields!.map((f) => f.field).sort();
    expect(fields).toEqual(['timezone', 'weeks']);
    expect(bad.errors![0]!.message).toMatch(/weeks/);
    expect(await listAll('cohorts', 'name', pm)).not.toContain(name);
  });

  it('answers a request without a token with UNAUTHENTICATED', async () => {
    const r = await gql(`{ cohorts(first: 1) { totalCount } }`);
    expect(r.status).toBe(401);
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers a forged token with UNAUTHENTICATED', async () => {
    const forged = `${pm.slice(0, -4)}AAAA`;
    const r = await gql(`{ cohorts(first: 1) { totalCount } }`, {}, { token: forged });
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses scheduleCohort to an intern with FORBIDDEN and schedules nothing', async () => {
    const intern = await signIn('intern-e2e', 'INTERN');
    const name = `Intern-made cohort ${Date.now()}`;
    const r = await gql(SCHEDULE, { input: aCohort({ name }) }, { token: intern });
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(await listAll('cohorts', 'name', pm)).not.toContain(name);
  });

  it('returns the correlation id it was given, and one it made up otherwise', async () => {
    const given = await gql(
      `{ cohorts(first: 1) { totalCount } }`,
      {},
      { token: pm, headers: { 'x-correlation-id': 'e2e-corr-1' } },
    );
    expect(given.headers.get('x-correlation-id')).toBe('e2e-corr-1');
    const made = await gql(`{ cohorts(first: 1) { totalCount } }`, {}, { token: pm });
    expect(made.headers.get('x-correlation-id')).toMatch(/.{8,}/);
  });
});
