import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import {
  CohortUpdatedV1,
  InternReinstatedV1,
  InternshipExtendedV1,
  InternshipExtensionRevokedV1,
  InternWithdrawnV1,
} from '#contracts';
import { cohortScheduledData, eventually, signTestToken } from '#testing';
import { code, DRAFT, PROJECT, projectsWorld, scope, SUBMIT } from '../testing/projects-world.js';

// Scoping's projection of the cohorts context off the happy path (SPEC §7): a cohort updated while
// scheduled, an intern reinstated, an extension revoked. The real scoping service (projects-world.ts).
const world = projectsWorld();
const { run, gql, publish, consumed, cohortWith } = world;

const CALENDAR = `query ($id: ID!) { scopingCalendar(internId: $id) { scopeDueWeek scopeDueDate } }`;
const waitConsumed = (id: string) => eventually(async () => ((await consumed(id)) ? true : undefined));

describe('the cohort calendar follows CohortUpdated', () => {
  it('moves the scope deadline and the program length, once however often it is delivered', async () => {
    const internId = `intern-updated-${run}`;
    const cohortId = await cohortWith([internId]);
    const intern = await signTestToken({ sub: internId, roles: ['INTERN'] });
    const project = (await gql(DRAFT, { input: scope() }, intern)).data.draftProjectScope;
    const before = (await gql(PROJECT, { id: project.id }, intern)).data.project;
    expect(before.programWeeks).toBe(12);
    expect((await gql(CALENDAR, { id: internId }, intern)).data.scopingCalendar).toMatchObject({
      scopeDueDate: '2027-06-20',
    });

    const { name, timezone, location, workMode, capacity } = cohortScheduledData(cohortId);
    const updated = {
      cohortId,
      name,
      startDate: '2027-07-05',
      weeks: 14,
      timezone,
      location,
      workMode,
      capacity,
      changed: ['startDate', 'weeks'] as ('startDate' | 'weeks')[],
      updatedBy: 'pm-1',
    };
    const event = await publish('cohorts', CohortUpdatedV1, cohortId, updated);
    await waitConsumed(event.id);
    // Redelivered: the inbox applies it once (nothing else to see, the copy is the same).
    await publish('cohorts', CohortUpdatedV1, cohortId, updated, event.id);

    expect((await gql(CALENDAR, { id: internId }, intern)).data.scopingCalendar).toEqual({
      scopeDueWeek: 2,
      scopeDueDate: '2027-07-18',
    });
    expect((await gql(PROJECT, { id: project.id }, intern)).data.project.programWeeks).toBe(14);
    // A milestone in week 14 is valid now.
    const redrafted = await gql(DRAFT, { input: scope([{ title: 'Final', dueWeek: 14 }]) }, intern);
    expect(redrafted.errors).toBeUndefined();
  });
});

describe('InternReinstated', () => {
  it('makes a withdrawn intern’s project open again', async () => {
    const internId = `intern-reinstated-${run}`;
    const cohortId = await cohortWith([internId]);
    const intern = await signTestToken({ sub: internId, roles: ['INTERN'] });
    const project = (await gql(DRAFT, { input: scope() }, intern)).data.draftProjectScope;

    const withdrawn = await publish('cohorts', InternWithdrawnV1, cohortId, {
      enrollmentId: `enr-${internId}`,
      cohortId,
      internId,
      reason: 'personal',
      withdrawnBy: 'pm-1',
    });
    await waitConsumed(withdrawn.id);
    expect(code(await gql(SUBMIT, { input: { projectId: project.id } }, intern))).toBe('CONFLICT');

    const reinstated = await publish('cohorts', InternReinstatedV1, cohortId, {
      enrollmentId: `enr-${internId}`,
      cohortId,
      internId,
      reason: 'came back',
      reinstatedBy: 'pm-1',
    });
    await waitConsumed(reinstated.id);
    const submitted = await gql(SUBMIT, { input: { projectId: project.id } }, intern);
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitProjectScope.status).toBe('SUBMITTED');
  });
});

describe('InternshipExtensionRevoked', () => {
  it('replaces the intern’s extensions with the event’s list: due weeks move back', async () => {
    const internId = `intern-revoked-${run}`;
    const cohortId = await cohortWith([internId]);
    const intern = await signTestToken({ sub: internId, roles: ['INTERN'] });
    const project = (
      await gql(
        DRAFT,
        {
          input: scope([
            { title: 'Baseline', dueWeek: 4 },
            { title: 'Model', dueWeek: 8 },
          ]),
        },
        intern,
      )
    ).data.draftProjectScope;
    const extension = (weeks: number, total: number, afterWeek: number) => ({
      enrollmentId: `enr-${internId}`,
      cohortId,
      internId,
      weeks,
      totalExtensionWeeks: total,
      programWeeks: 12 + total,
      newEndDate: '2027-09-12',
      reason: 'midpoint',
      source: 'MIDPOINT_DECISION' as const,
      extendedAfterWeek: afterWeek,
    });
    await waitConsumed((await publish('cohorts', InternshipExtendedV1, cohortId, extension(1, 1, 3))).id);
    await waitConsumed((await publish('cohorts', InternshipExtendedV1, cohortId, extension(2, 3, 6))).id);
    let view = (await gql(PROJECT, { id: project.id }, intern)).data.project;
    expect(view.programWeeks).toBe(15);
    expect(view.milestones.map((m: any) => m.dueWeek)).toEqual([5, 11]);

    // The 2-week extension after week 6 is revoked: the 1-week one stays.
    const revoked = await publish('cohorts', InternshipExtensionRevokedV1, cohortId, {
      enrollmentId: `enr-${internId}`,
      cohortId,
      internId,
      revokedWeeks: 2,
      extensions: [{ afterWeek: 3, weeks: 1 }],
      totalExtensionWeeks: 1,
      programWeeks: 13,
      newEndDate: '2027-09-05',
      presentationsWeek: { startsOn: '2027-08-30', endsOn: '2027-09-05' },
      finalEvaluationsDue: '2027-09-05',
      reason: 'midpoint decision corrected',
    });
    await waitConsumed(revoked.id);
    view = (await gql(PROJECT, { id: project.id }, intern)).data.project;
    expect(view.programWeeks).toBe(13);
    expect(view.milestones.map((m: any) => m.dueWeek)).toEqual([5, 9]);

    // Then the other one too (an empty list): back to the cohort's calendar.
    const all = await publish('cohorts', InternshipExtensionRevokedV1, cohortId, {
      enrollmentId: `enr-${internId}`,
      cohortId,
      internId,
      revokedWeeks: 1,
      extensions: [],
      totalExtensionWeeks: 0,
      programWeeks: 12,
      newEndDate: '2027-08-29',
      presentationsWeek: { startsOn: '2027-08-23', endsOn: '2027-08-29' },
      finalEvaluationsDue: '2027-08-29',
      reason: 'midpoint decision corrected',
    });
    await waitConsumed(all.id);
    view = (await gql(PROJECT, { id: project.id }, intern)).data.project;
    expect(view.programWeeks).toBe(12);
    expect(view.milestones.map((m: any) => m.dueWeek)).toEqual([4, 8]);
  });
});
