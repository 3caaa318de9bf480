import { beforeAll, describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';
import { inject } from './support/system.js';
import { addDays } from '#ddd';
import { eventually, gql, signIn, type GraphQLResponse } from './support/client.js';
import {
  aCheckIn,
  advanceCohort,
  approveScope,
  assignMentor,
  cohortsKnowsMentor,
  competencyScores,
  draftScope,
  enrollIntern,
  missingId,
  ok,
  OPS,
  openSlots,
  registerMentor,
  scheduleCohort,
  submitScope,
  until,
  type CohortRef,
  type Person,
  type ProjectRef,
} from './support/program.js';

/**
 * Issue 7, field visibility through the gateway, every service running: an intern's every path
 * to a check-in or an evaluation (their intern record, `me`, the cohort's enrollments, their
 * project, the evaluation queries, mentors' mentees, and the subgraphs' `_entities` asked
 * directly) never returns a private field or another intern; a mentor never sees an intern who
 * is not their mentee; a program manager sees everything.
 *
 * Every private value written carries a marker (PRIVATE-…), every other intern's data their
 * name: a response is checked for the markers as text, so a new path that leaks shows up
 * wherever in the response it is.
 */

const BOB_ONLY = 'PRIVATE-NOTE-OTTO-BY-BOB';
const ADA_NOTE = 'PRIVATE-NOTE-INES-BY-ADA';
const CY_NOTE = 'PRIVATE-NOTE-INES-BY-CY';
const INES_COMMENT = 'PRIVATE-COMMENT-INES';
const OTTO_COMMENT = 'PRIVATE-COMMENT-OTTO';
const SHARED = 'SHARED-NOTE';
const SHARED_COMMENT = 'SHARED-COMMENT';

/** Everything an Intern offers across the four subgraphs that touches a check-in or an evaluation. */
const INTERN_FIELDS = `id name email
  enrollments { id cohortId intern { id name } }
  mentors { id name }
  mentorAssignments { role mentor { id } }
  checkIns(first: 20) { totalCount edges { node { notes privateNotes mentor { id } intern { id name } } } }
  checkInStatus(week: 1) { checkIns { notes privateNotes } }
  evaluations { kind cycle sharedComments privateComments returnOffer reflections }
  progress { riskLevel riskReasons }
  project { id title intern { id name } }
  presentation { panelCount }`;

let pm: string;
let cohort: CohortRef;
let ines: Person;
let otto: Person;
let ada: Person; // Ines's primary mentor
let cy: Person; // Ines's co-mentor, on the panel of Ines's slot
let bob: Person; // Otto's primary mentor: Ines is not his mentee
let inesProject: ProjectRef;
let ottoProject: ProjectRef;
let slots: { ines: string; otto: string };

const text = (r: unknown): string => JSON.stringify(r);

function noErrors<T>(r: GraphQLResponse<T>, what: string): T {
  expectLabelled(r.errors, `${what}: ${JSON.stringify(r.errors)}`).toBeUndefined();
  return r.data as T;
}

/** Asks a subgraph directly for `_entities`, as the gateway does for a nested federated field. */
async function entities(
  service: string,
  token: string,
  internIds: string[],
  selection: string,
): Promise<GraphQLResponse> {
  const port = inject('servicePorts')[service];
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Intern { id ${selection} } } }`,
      variables: { r: internIds.map((id) => ({ __typename: 'Intern', id })) },
    }),
  });
  const body = (await res.json()) as { data?: any; errors?: GraphQLResponse['errors'] };
  return { status: res.status, headers: res.headers, data: body.data ?? null, errors: body.errors };
}

const SUBGRAPH_FIELDS: Record<string, string> = {
  cohorts: 'name email enrollments { id }',
  mentors:
    'mentors { id } mentorAssignments { role } checkIns(first: 20) { totalCount edges { node { notes privateNotes } } } checkInStatus(week: 1) { checkIns { privateNotes } }',
  scoping: 'project { id title }',
  evaluations: 'evaluations { sharedComments privateComments returnOffer } progress { riskReasons }',
};

beforeAll(async () => {
  pm = await signIn('pm-visibility', 'PROGRAM_MANAGER');
  cohort = await scheduleCohort(pm, { capacity: 10 });
  [ines, otto, ada, cy, bob] = await Promise.all([
    enrollIntern(pm, cohort.id, { name: 'Ines Visible' }),
    enrollIntern(pm, cohort.id, { name: 'Otto Othername' }),
    registerMentor(pm),
    registerMentor(pm),
    registerMentor(pm),
  ]);
  await assignMentor(pm, ines.id, ada.id, 'PRIMARY');
  await assignMentor(pm, ines.id, cy.id, 'CO_MENTOR');
  await assignMentor(pm, otto.id, bob.id, 'PRIMARY');
  await Promise.all([
    cohortsKnowsMentor(ada, ines.id),
    cohortsKnowsMentor(cy, ines.id),
    cohortsKnowsMentor(bob, otto.id),
  ]);

  inesProject = await draftScope(ines);
  ottoProject = await draftScope(otto);
  inesProject = await approveScope(ada, await submitScope(ines, inesProject));
  ottoProject = await approveScope(bob, await submitScope(otto, ottoProject));

  // Slots in the presentations week: Cy sits on Ines's panel, Bob on Otto's.
  const [inesSlot] = await openSlots(pm, cohort, [cy.id], 1, 0);
  const [ottoSlot] = await openSlots(pm, cohort, [bob.id], 1, 60);
  ok(await gql(OPS.book, { input: { slotId: inesSlot } }, { token: ines.token }), 'book ines');
  ok(await gql(OPS.book, { input: { slotId: ottoSlot } }, { token: otto.token }), 'book otto');
  slots = { ines: inesSlot!, otto: ottoSlot! };

  // Week 1: check-ins with private notes by each mentor.
  await advanceCohort(pm, cohort.id, 1);
  const tuesday = addDays(cohort.startDate, 1);
  const log = (mentor: Person, internId: string, privateNotes: string) =>
    until(`logCheckIn by ${mentor.id}`, () =>
      gql(
        OPS.logCheckIn,
        { input: aCheckIn(internId, tuesday, { notes: SHARED, privateNotes }) },
        { token: mentor.token },
      ),
    );
  await log(ada, ines.id, ADA_NOTE);
  await log(cy, ines.id, CY_NOTE);
  await log(bob, otto.id, BOB_ONLY);

  // Week 6: midpoint evaluations with private comments, and Ines's own.
  await advanceCohort(pm, cohort.id, 6);
  const evaluate = (mentor: Person, internId: string, privateComments: string) =>
    until(`submitMentorEvaluation by ${mentor.id}`, () =>
      gql(
        OPS.mentorEvaluation,
        {
          input: {
            internId,
            cycle: 'MIDPOINT',
            scores: competencyScores(4),
            sharedComments: SHARED_COMMENT,
            privateComments,
            decision: 'CONTINUE',
          },
        },
        { token: mentor.token },
      ),
    );
  await evaluate(ada, ines.id, INES_COMMENT);
  await evaluate(bob, otto.id, OTTO_COMMENT);
  await until('submitSelfEvaluation', () =>
    gql(
      `mutation ($input: SubmitSelfEvaluationInput!) { submitSelfEvaluation(input: $input) { id } }`,
      { input: { cycle: 'MIDPOINT', scores: competencyScores(3), reflections: 'SELF-REFLECTION' } },
      { token: ines.token },
    ),
  );
  // The read models have caught up once a PM sees all of it.
  let last: unknown;
  await eventually(
    async () => {
      const r = await gql(`query ($id: ID!) { intern(id: $id) { ${INTERN_FIELDS} } }`, { id: ines.id }, { token: pm });
      last = r.errors ?? r.data;
      const t = text(r.data);
      return !r.errors &&
        [ADA_NOTE, CY_NOTE, INES_COMMENT, 'SELF-REFLECTION'].every((m) => t.includes(m)) &&
        r.data.intern.progress
        ? true
        : undefined;
    },
    { timeoutMs: 45_000, what: 'every service to know the check-ins and evaluations' },
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last answer: ${text(last)}`);
  });
}, 300_000);

describe('an intern’s every path to a check-in or an evaluation', () => {
  const paths = (): Record<string, [string, Record<string, unknown>]> => ({
    'intern(id)': [`query ($id: ID!) { intern(id: $id) { ${INTERN_FIELDS} } }`, { id: ines.id }],
    me: [`{ me { sub intern { ${INTERN_FIELDS} } enrollments { intern { ${INTERN_FIELDS} } } } }`, {}],
    'cohort.enrollments.intern': [
      `query ($id: ID!) { cohort(id: $id) { enrollments(first: 50) { totalCount edges { node { internId intern { ${INTERN_FIELDS} } } } }
        calendar { presentationSlots(first: 10) { edges { node { id internId intern { id name } bookedByMe } } } } } }`,
      { id: cohort.id },
    ],
    'project.intern': [
      `query ($id: ID!) { project(id: $id) { id intern { ${INTERN_FIELDS} } } }`,
      { id: inesProject.id },
    ],
    evaluations: [
      `query ($id: ID!) { evaluations(internId: $id) { kind sharedComments privateComments returnOffer reflections } }`,
      { id: ines.id },
    ],
    internProgress: [
      `query ($c: ID) { internProgress(cohortId: $c, first: 50) { totalCount edges { node { internId riskReasons intern { ${INTERN_FIELDS} } } } } }`,
      { c: cohort.id },
    ],
    'mentor.mentees': [`query ($id: ID!) { mentor(id: $id) { id mentees { ${INTERN_FIELDS} } } }`, { id: ada.id }],
    'checkIn.intern (back to cohorts and on to the other subgraphs)': [
      `query ($id: ID!) { intern(id: $id) { checkIns(first: 5) { edges { node { privateNotes intern { ${INTERN_FIELDS} } } } } } }`,
      { id: ines.id },
    ],
  });

  it.each([
    'intern(id)',
    'me',
    'cohort.enrollments.intern',
    'project.intern',
    'evaluations',
    'internProgress',
    'mentor.mentees',
    'checkIn.intern (back to cohorts and on to the other subgraphs)',
  ])('%s: never a private field, never another intern', async (name) => {
    const [query, variables] = paths()[name]!;
    const data = noErrors(await gql(query, variables, { token: ines.token }), name);
    const t = text(data);
    for (const secret of [ADA_NOTE, CY_NOTE, BOB_ONLY, INES_COMMENT, OTTO_COMMENT, otto.id, 'Otto Othername']) {
      expectLabelled(t, `${name} leaks ${secret}`).not.toContain(secret);
    }
    // The path did reach the intern's own data (the test is not vacuous).
    if (name !== 'evaluations') expectLabelled(t, `${name} reaches the intern`).toContain(ines.id);
    if (t.includes('"checkIns"')) expect(t).toContain(SHARED);
    if (t.includes('"evaluations"') || name === 'evaluations') expect(t).toContain(SHARED_COMMENT);
    expect(t).not.toMatch(/"privateNotes":"/);
    expect(t).not.toMatch(/"privateComments":"/);
    expect(t).not.toMatch(/"returnOffer":"/);
    // Risk reasons are for program managers and mentors.
    expect(t).not.toMatch(/"riskReasons":\["/);
  });

  it('the cohort lists only the intern’s own enrollment, and another intern’s slot without who booked it', async () => {
    const r = noErrors(
      await gql(
        `query ($id: ID!) { cohort(id: $id) { enrollments(first: 50) { totalCount edges { node { internId } } }
          calendar { presentationSlots(first: 10) { edges { node { id booked internId intern { id } } } } } } }`,
        { id: cohort.id },
        { token: ines.token },
      ),
      'cohort',
    ) as any;
    expect(r.cohort.enrollments.totalCount).toBe(1);
    expect(r.cohort.enrollments.edges.map((e: any) => e.node.internId)).toEqual([ines.id]);
    const byId = Object.fromEntries(r.cohort.calendar.presentationSlots.edges.map((e: any) => [e.node.id, e.node]));
    expect(byId[slots.ines]).toEqual({ id: slots.ines, booked: true, internId: ines.id, intern: { id: ines.id } });
    expect(byId[slots.otto]).toEqual({ id: slots.otto, booked: true, internId: null, intern: null });
  });

  it('another intern’s record reads exactly like a missing one, on every path', async () => {
    for (const [query, id] of [
      [`query ($id: ID!) { intern(id: $id) { id } }`, otto.id],
      [`query ($id: ID!) { project(id: $id) { id } }`, ottoProject.id],
    ] as const) {
      const theirs = await gql(query, { id }, { token: ines.token });
      const missing = await gql(
        query,
        { id: id.startsWith('intern-') ? missingId('intern') : missingId() },
        { token: ines.token },
      );
      expect(theirs.errors ?? null).toEqual(missing.errors ?? null);
      expect(theirs.data).toEqual(missing.data);
    }
    const evaluations = await gql(
      `query ($id: ID!) { evaluations(internId: $id) { id privateComments } }`,
      { id: otto.id },
      { token: ines.token },
    );
    const none = await gql(
      `query ($id: ID!) { evaluations(internId: $id) { id privateComments } }`,
      { id: missingId('intern') },
      { token: ines.token },
    );
    expect(text(evaluations)).not.toContain(OTTO_COMMENT);
    expect(evaluations.errors?.map((e) => e.extensions?.code) ?? null).toEqual(
      none.errors?.map((e) => e.extensions?.code) ?? null,
    );
    expect(evaluations.data).toEqual(none.data);
  });

  it.each(['cohorts', 'mentors', 'scoping', 'evaluations'])(
    '_entities of the %s subgraph: own record without private fields, another intern’s empty',
    async (service) => {
      const own = noErrors(await entities(service, ines.token, [ines.id], SUBGRAPH_FIELDS[service]!), `${service} own`);
      const t = text(own);
      for (const secret of [ADA_NOTE, CY_NOTE, INES_COMMENT]) expect(t).not.toContain(secret);
      expect(t).not.toMatch(/"riskReasons":\["/);

      const other = await entities(service, ines.token, [otto.id], SUBGRAPH_FIELDS[service]!);
      const o = text(other);
      for (const secret of [BOB_ONLY, OTTO_COMMENT, 'Otto Othername', ottoProject.id]) expect(o).not.toContain(secret);
    },
  );

  it('_entities without a token is refused on every subgraph', async () => {
    for (const service of ['cohorts', 'mentors', 'scoping', 'evaluations']) {
      const port = inject('servicePorts')[service];
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Intern { id ${SUBGRAPH_FIELDS[service]} } } }`,
          variables: { r: [{ __typename: 'Intern', id: ines.id }] },
        }),
      });
      const body = (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
      expectLabelled(
        body.errors?.map((e) => e.extensions?.code),
        service,
      ).toContain('UNAUTHENTICATED');
      for (const secret of [ADA_NOTE, INES_COMMENT, 'Ines Visible'])
        expectLabelled(text(body.data), service).not.toContain(secret);
    }
  });
});

describe('a mentor sees only their mentees', () => {
  it('another mentor’s mentee reads like a missing intern, on every path', async () => {
    const q = `query ($id: ID!) { intern(id: $id) { ${INTERN_FIELDS} } }`;
    const theirs = await gql(q, { id: ines.id }, { token: bob.token });
    const missing = await gql(q, { id: missingId('intern') }, { token: bob.token });
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data).toEqual({ intern: null });
    expect(missing.data).toEqual({ intern: null });
    expect(
      noErrors(
        await gql(`query ($id: ID!) { project(id: $id) { id } }`, { id: inesProject.id }, { token: bob.token }),
        'project',
      ),
    ).toEqual({ project: null });

    const listing = noErrors(
      await gql(
        `query ($id: ID!) { cohort(id: $id) { enrollments(first: 50) { totalCount edges { node { internId intern { ${INTERN_FIELDS} } } } }
          calendar { presentationSlots(first: 10) { edges { node { id internId intern { id name } } } } } } }`,
        { id: cohort.id },
        { token: bob.token },
      ),
      'cohort as another mentor',
    ) as any;
    expect(listing.cohort.enrollments.totalCount).toBe(1);
    expect(listing.cohort.enrollments.edges.map((e: any) => e.node.internId)).toEqual([otto.id]);
    const t = text(listing);
    for (const secret of [ines.id, 'Ines Visible', ADA_NOTE, CY_NOTE, INES_COMMENT]) expect(t).not.toContain(secret);
    expect(t).toContain(BOB_ONLY); // his own mentee's check-in, his own private notes
    const bySlot = Object.fromEntries(
      listing.cohort.calendar.presentationSlots.edges.map((e: any) => [e.node.id, e.node]),
    );
    expect(bySlot[slots.ines]).toMatchObject({ internId: null, intern: null });
    expect(bySlot[slots.otto]).toMatchObject({ internId: otto.id, intern: { id: otto.id } });
  });

  it('another mentor’s mentee is in none of their lists: mentees, progress, evaluations', async () => {
    const others = noErrors(
      await gql(
        `query ($ada: ID!, $c: ID!, $ines: ID!) { mentor(id: $ada) { mentees { id } }
          internProgress(cohortId: $c, first: 50) { totalCount edges { node { internId } } }
          evaluations(internId: $ines) { id } }`,
        { ada: ada.id, c: cohort.id, ines: ines.id },
        { token: bob.token },
      ),
      'mentees, progress, evaluations as another mentor',
    ) as any;
    expect(others.mentor.mentees).toEqual([]);
    expect(others.internProgress.edges.map((e: any) => e.node.internId)).toEqual([otto.id]);
    expect(others.evaluations ?? []).toEqual([]);
  });

  it('another mentor’s mentee through `_entities` of each subgraph: nothing of theirs', async () => {
    for (const service of ['cohorts', 'mentors', 'scoping', 'evaluations']) {
      const r = await entities(service, bob.token, [ines.id], SUBGRAPH_FIELDS[service]!);
      const e = text(r);
      for (const secret of [ADA_NOTE, CY_NOTE, INES_COMMENT, 'Ines Visible', inesProject.id])
        expectLabelled(e, service).not.toContain(secret);
    }
  });

  it('the intern’s calendar feeds: another mentor gets 404 for the mentee, as for a missing intern; no name in the cohort feed', async () => {
    // Calendar apps fetch the feeds from the cohorts service (they cannot speak GraphQL).
    const cohortsBase = `http://127.0.0.1:${inject('servicePorts').cohorts}`;
    const feed = await fetch(`${cohortsBase}/cohorts/${cohort.id}/calendar.ics`, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(feed.status).toBe(200);
    const body = await feed.text();
    expect(body).not.toContain('Ines Visible');
    expect(body).toContain('Otto Othername'); // his mentee, on his panel
    const inesFeed = await fetch(`${cohortsBase}/cohorts/${cohort.id}/interns/${ines.id}/calendar.ics`, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    const missingFeed = await fetch(`${cohortsBase}/cohorts/${cohort.id}/interns/${missingId('intern')}/calendar.ics`, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(inesFeed.status).toBe(404);
    expect(missingFeed.status).toBe(404);
    const own = await fetch(`${cohortsBase}/cohorts/${cohort.id}/interns/${ines.id}/calendar.ics`, {
      headers: { authorization: `Bearer ${ada.token}` },
    });
    expect(own.status).toBe(200);
  });

  it('the co-mentor sees the intern, the evaluation’s private comments, their own private notes, not the primary’s', async () => {
    const r = noErrors(
      await gql(`query ($id: ID!) { intern(id: $id) { ${INTERN_FIELDS} } }`, { id: ines.id }, { token: cy.token }),
      'co-mentor',
    ) as any;
    expect(r.intern.name).toBe('Ines Visible');
    const notes = r.intern.checkIns.edges.map((e: any) => e.node.privateNotes).sort();
    expect(notes).toEqual([CY_NOTE, null].sort());
    expect(text(r)).toContain(INES_COMMENT);
  });
});

describe('a program manager sees everything', () => {
  it('every intern, every private field, on the same paths', async () => {
    const r = noErrors(
      await gql(
        `query ($id: ID!) { cohort(id: $id) { enrollments(first: 50) { totalCount edges { node { internId intern { ${INTERN_FIELDS} } } } }
          calendar { presentationSlots(first: 10) { edges { node { id internId } } } } } }`,
        { id: cohort.id },
        { token: pm },
      ),
      'cohort as PM',
    ) as any;
    expect(r.cohort.enrollments.totalCount).toBe(2);
    const t = text(r);
    for (const value of [ADA_NOTE, CY_NOTE, BOB_ONLY, INES_COMMENT, OTTO_COMMENT, 'Ines Visible', 'Otto Othername']) {
      expectLabelled(t, value).toContain(value);
    }
    expect(r.cohort.calendar.presentationSlots.edges.map((e: any) => e.node.internId).sort()).toEqual(
      [ines.id, otto.id].sort(),
    );
    const progress = noErrors(
      await gql(
        `query ($c: ID) { internProgress(cohortId: $c, first: 50) { totalCount edges { node { internId riskReasons } } } }`,
        { c: cohort.id },
        { token: pm },
      ),
      'progress as PM',
    ) as any;
    expect(progress.internProgress.totalCount).toBe(2);
  });
});
