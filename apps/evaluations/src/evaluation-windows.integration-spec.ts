import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  EvaluationDueV1,
  EvaluationOverdueV1,
  EvaluationSubmittedV1,
  InternEnrolledV1,
  MidpointDecisionMadeV1,
} from '#contracts';
import { eventually, ofType } from '#testing';
import { enrolled, evaluationsWorld, SCORES, SUBMIT_MENTOR, SUBMIT_SELF, token } from './testing/evaluations-world.js';

// Evaluation windows in the evaluations service (see evaluations-world.ts), opened and closed by
// the cohort clock's events: rubric tailoring, who may evaluate, the midpoint window's life.
const world = evaluationsWorld();
const { run, gql, publish, scheduleCohort, startWeeks, assign, atWeek } = world;

describe('evaluation windows, from the cohort clock’s events', () => {
  const cohortId = `cohort-win-${run}`;
  const internId = `intern-win-${run}`;
  const mentorId = `mentor-win-${run}`;
  let pm: string;
  let mentor: string;
  let intern: string;

  const midpoint = (overrides: Record<string, unknown> = {}) => ({
    internId,
    cycle: 'MIDPOINT',
    scores: SCORES,
    sharedComments: 'Solid first half',
    privateComments: 'Consider for the platform team',
    decision: 'CONTINUE',
    ...overrides,
  });

  beforeAll(async () => {
    pm = await token('pm-1', 'PROGRAM_MANAGER');
    mentor = await token(mentorId, 'MENTOR');
    intern = await token(internId, 'INTERN');
    await scheduleCohort(cohortId);
    await publish(InternEnrolledV1, cohortId, enrolled(cohortId, internId, 'Win Intern'));
    await startWeeks(cohortId, 1, 3);
    await assign(cohortId, internId, mentorId);
    await atWeek(cohortId, 3);
    await eventually(async () =>
      (
        (await world.svc.dataSource.query(`SELECT 1 FROM mentor_assignments WHERE intern_id = $1`, [
          internId,
        ])) as unknown[]
      ).length
        ? true
        : undefined,
    );
  });

  it('lets a program manager tailor the cohort’s rubric while no window has opened', async () => {
    const levels = [1, 2, 3, 4, 5].map((score) => ({
      score,
      label: `L${score}`,
      description: `Level ${score} of clarity`,
    }));
    const res = await gql(
      `
        mutation ($input: TailorRubricInput!) {
          tailorRubric(input: $input) {
            kind
            cohortId
            tailored
            name
            criteria {
              key
            }
          }
        }
      `,
      {
        input: {
          cohortId,
          kind: 'PRESENTATION',
          criteria: [
            { key: 'CLARITY', name: 'Clarity', description: 'Clear story', levels },
            { key: 'DEMO', name: 'Demo', description: 'A working demo', levels },
          ],
        },
      },
      pm,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.tailorRubric).toEqual({
      kind: 'PRESENTATION',
      cohortId,
      tailored: true,
      name: 'Presentation rubric (tailored)',
      criteria: [{ key: 'CLARITY' }, { key: 'DEMO' }],
    });
    const bad = await gql(
      `
        mutation ($input: TailorRubricInput!) {
          tailorRubric(input: $input) {
            kind
          }
        }
      `,
      {
        input: {
          cohortId,
          kind: 'PROGRAM',
          criteria: [{ key: 'lower', name: 'x', description: 'y', levels: levels.slice(1) }],
        },
      },
      pm,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.errors![0].extensions.fields!.map((f: { field: string }) => f.field)).toEqual([
      'criteria[0].key',
      'criteria[0].levels',
    ]);
    const shown = await gql(
      `
        query ($c: ID) {
          rubric(kind: PRESENTATION, cohortId: $c) {
            tailored
            criteria {
              key
            }
          }
        }
      `,
      {
        c: cohortId,
      },
      intern,
    );
    expect(shown.data.rubric).toEqual({ tailored: true, criteria: [{ key: 'CLARITY' }, { key: 'DEMO' }] });
  });

  it('refuses evaluations before the window with CONFLICT naming the window', async () => {
    const early = await gql(SUBMIT_MENTOR, { input: midpoint() }, mentor);
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(early.errors?.[0]?.message).toBe(
      `the MIDPOINT evaluation window (week 6, 2027-07-12 – 2027-07-18) of intern ${internId} has not opened yet (the cohort is in week 3): evaluations of that cycle can be written from week 6`,
    );
    const final = await gql(
      SUBMIT_MENTOR,
      {
        input: midpoint({ cycle: 'FINAL', decision: 'PASS', returnOffer: 'YES' }),
      },
      mentor,
    );
    expect(final.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(final.errors?.[0]?.message).toContain('the FINAL evaluation window (week 12, 2027-08-23 – 2027-08-29)');
    const self = await gql(
      SUBMIT_SELF,
      {
        input: { cycle: 'MIDPOINT', scores: SCORES, reflections: 'So far so good' },
      },
      intern,
    );
    expect(self.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(self.errors?.[0]?.message).toContain('the MIDPOINT evaluation window (week 6');
    expect(
      ((await world.svc.dataSource.query(`SELECT count(*)::int AS n FROM evaluations`)) as { n: number }[])[0]!.n,
    ).toBe(0);
  });

  it('lets only the primary mentor evaluate, and checks the decision', async () => {
    const other = await gql(SUBMIT_MENTOR, { input: midpoint() }, await token(`someone-${run}`, 'MENTOR'));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asIntern = await gql(SUBMIT_MENTOR, { input: midpoint() }, intern);
    expect(asIntern.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // An intern who does not exist answers as someone else's: a mentor cannot probe for interns.
    const unknown = await gql(SUBMIT_MENTOR, { input: midpoint({ internId: `nobody-${run}` }) }, mentor);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await gql(SUBMIT_MENTOR, { input: midpoint({ decision: 'PASS', extensionWeeks: 9 }) }, mentor);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions.fields!.map((f: { field: string }) => f.field)).toEqual([
      'decision',
      'extensionWeeks',
    ]);
  });

  it('opens the midpoint window in week 6 (EvaluationDue), accepts one evaluation, editable while open', async () => {
    await startWeeks(cohortId, 4, 6);
    await atWeek(cohortId, 6);
    const [due] = await world.svc.probe.waitFor(ofType(EvaluationDueV1.type, internId));
    expect(due!.json).toMatchObject({
      cohortId,
      internId,
      cycle: 'MIDPOINT',
      week: 6,
      startsOn: '2027-07-12',
      endsOn: '2027-07-18',
      mentorId,
    });

    const windows = await gql(
      `
        query ($id: ID!) {
          evaluationWindows(internId: $id) {
            cycle
            week
            status
            startsOn
          }
        }
      `,
      { id: internId },
      intern,
    );
    expect(windows.data.evaluationWindows).toEqual([
      { cycle: 'MIDPOINT', week: 6, status: 'OPEN', startsOn: '2027-07-12' },
      { cycle: 'FINAL', week: 12, status: 'UPCOMING', startsOn: '2027-08-23' },
    ]);

    const first = await gql(SUBMIT_MENTOR, { input: midpoint() }, mentor);
    expect(first.errors).toBeUndefined();
    expect(first.data.submitMentorEvaluation).toMatchObject({
      kind: 'MENTOR',
      cycle: 'MIDPOINT',
      averageScore: 3.5,
      decision: 'CONTINUE',
      privateComments: 'Consider for the platform team',
      revision: 1,
    });
    const decided = await world.svc.probe.waitFor(ofType(MidpointDecisionMadeV1.type, internId));
    expect(decided[0]!.json).toMatchObject({
      cohortId,
      internId,
      mentorId,
      decision: 'CONTINUE',
      extensionWeeks: null,
    });
    expect(JSON.stringify(decided[0]!.json)).not.toContain('platform team');

    const edited = await gql(
      SUBMIT_MENTOR,
      {
        input: midpoint({ scores: SCORES.map((s) => ({ ...s, score: 4 })) }),
      },
      mentor,
    );
    expect(edited.data.submitMentorEvaluation).toMatchObject({
      averageScore: 4,
      revision: 2,
      decision: 'CONTINUE',
    });
    await world.svc.probe.waitFor(ofType(EvaluationSubmittedV1.type, internId), { count: 2 });
    const changed = await gql(
      SUBMIT_MENTOR,
      {
        input: midpoint({ decision: 'EXTEND', extensionWeeks: 2 }),
      },
      mentor,
    );
    // A correction (SPEC §7): the decision may change while the window is open, and is published again.
    expect(changed.errors).toBeUndefined();
    expect(changed.data.submitMentorEvaluation).toMatchObject({ revision: 3, decision: 'EXTEND', extensionWeeks: 2 });
    const decisions = await world.svc.probe.waitFor(ofType(MidpointDecisionMadeV1.type, internId), { count: 2 });
    expect(decisions[1]!.json).toMatchObject({ decision: 'EXTEND', extensionWeeks: 2, revision: 3 });

    // The tailoring window closed with the first evaluation window.
    const tailor = await gql(
      `
        mutation ($input: TailorRubricInput!) {
          tailorRubric(input: $input) {
            kind
          }
        }
      `,
      {
        input: {
          cohortId,
          kind: 'PROGRAM',
          criteria: [
            {
              key: 'X',
              name: 'X',
              description: 'X',
              levels: [1, 2, 3, 4, 5].map((score) => ({ score, label: 'l', description: `d${score}` })),
            },
          ],
        },
      },
      pm,
    );
    expect(tailor.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(tailor.errors?.[0]?.message).toContain('the MIDPOINT evaluation window (week 6, 2027-07-12 – 2027-07-18)');
  });

  it('never shows private comments or the return offer to the intern', async () => {
    const query = `query ($id: ID!) { evaluations(internId: $id) { kind sharedComments privateComments } }`;
    const asIntern = await gql(query, { id: internId }, intern);
    expect(asIntern.data.evaluations).toEqual([
      { kind: 'MENTOR', sharedComments: 'Solid first half', privateComments: null },
    ]);
    const asPm = await gql(query, { id: internId }, pm);
    expect(asPm.data.evaluations[0].privateComments).toBe('Consider for the platform team');
    // Anyone else reads an empty list, as for an intern without evaluations (or without existence).
    const otherIntern = await gql(query, { id: internId }, await token(`other-${run}`, 'INTERN'));
    expect(otherIntern.body).toEqual({ data: { evaluations: [] } });
    const otherMentor = await gql(query, { id: internId }, await token(`someone-${run}`, 'MENTOR'));
    expect(otherMentor.body).toEqual({ data: { evaluations: [] } });
    // Through the Intern entity (a reference resolver: no role guard on that path).
    const INTERN_EVALUATIONS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Intern { id evaluations { privateComments } } } }`;
    const entity = await gql(INTERN_EVALUATIONS, { r: [{ __typename: 'Intern', id: internId }] }, intern);
    expect(entity.data._entities).toEqual([{ id: internId, evaluations: [{ privateComments: null }] }]);
    const anonymous = await gql(INTERN_EVALUATIONS, { r: [{ __typename: 'Intern', id: internId }] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('closes the window when week 7 starts: edits get CONFLICT, the missing self-evaluation is overdue', async () => {
    await startWeeks(cohortId, 7, 7);
    await atWeek(cohortId, 7);
    const late = await gql(SUBMIT_MENTOR, { input: midpoint() }, mentor);
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(late.errors?.[0]?.message).toBe(
      `the MIDPOINT evaluation window (week 6, 2027-07-12 – 2027-07-18) of intern ${internId} has closed (the cohort is in week 7): evaluations of that cycle can no longer be written or changed`,
    );
    const self = await gql(
      SUBMIT_SELF,
      {
        input: { cycle: 'MIDPOINT', scores: SCORES, reflections: 'Late' },
      },
      intern,
    );
    expect(self.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const [overdue] = await world.svc.probe.waitFor(ofType(EvaluationOverdueV1.type, internId));
    expect(overdue!.json).toMatchObject({ cohortId, internId, cycle: 'MIDPOINT', week: 6, missing: ['SELF'] });
  });
});
