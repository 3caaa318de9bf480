import { describe, expect, it, jest } from '@jest/globals';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#ddd';
import { aScope } from '../../domain/testing/scope-fixtures.js';
import {
  adasProject,
  callers,
  COHORT_ID,
  ENROLLMENT_ID,
  INTERN_ID,
  PROJECT_ID,
  scopingFakes,
} from '../testing/fakes.js';
import { DraftProjectScopeCommand } from './draft-project-scope.command.js';
import { DraftProjectScopeHandler } from './draft-project-scope.handler.js';

const NOW = new Date('2027-06-08T09:00:00Z');

function setup() {
  const f = scopingFakes(NOW);
  const handler = f.build(DraftProjectScopeHandler);
  return { ...f, handler };
}

describe('DraftProjectScopeHandler', () => {
  it('creates the project with version 1 in DRAFT and appends ProjectScopeDrafted.v1, in one transaction', async () => {
    const { handler, projects, outbox, dataSource } = setup();
    const record = await handler.execute(
      new DraftProjectScopeCommand(aScope({ title: '  Ranking  ' }), undefined, callers.intern),
    );

    expect(record).toMatchObject({
      internId: INTERN_ID,
      cohortId: COHORT_ID,
      enrollmentId: ENROLLMENT_ID,
      revision: 1,
      latestVersion: 1,
      versionInForce: null,
      status: 'DRAFT',
    });
    expect(dataSource.transactions).toBe(1);
    expect([...projects.projects.keys()]).toEqual([record.id]);
    const saved = projects.projects.get(record.id)!;
    expect(saved.versions).toHaveLength(1);
    expect(saved.versions[0]).toMatchObject({ version: 1, status: 'DRAFT', title: 'Ranking', draftedBy: INTERN_ID });
    expect(saved.versions[0]!.milestones.map((m) => [m.title, m.dueWeek])).toEqual([
      ['Baseline', 4],
      ['Session model', 8],
    ]);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.scoping.ProjectScopeDrafted.v1',
        subject: record.id,
        data: { projectId: record.id, cohortId: COHORT_ID, internId: INTERN_ID, version: 1, title: 'Ranking' },
      },
    ]);
  });

  it('edits a DRAFT in place without an integration event, and opens version 2 of an approved scope', async () => {
    const { handler, projects, outbox } = setup();
    projects.seed(adasProject('DRAFT', NOW));

    const edited = await handler.execute(new DraftProjectScopeCommand(aScope({ title: 'Edited' }), 1, callers.intern));
    expect(edited).toMatchObject({ id: PROJECT_ID, revision: 2, latestVersion: 1, status: 'DRAFT' });
    expect(projects.projects.get(PROJECT_ID)!.versions.map((v) => [v.version, v.status, v.title])).toEqual([
      [1, 'DRAFT', 'Edited'],
    ]);
    expect(outbox.events).toEqual([]);

    projects.seed(adasProject('APPROVED', NOW));
    const v2 = await handler.execute(new DraftProjectScopeCommand(aScope({ title: 'Rescoped' }), 3, callers.intern));
    expect(v2).toMatchObject({ revision: 4, latestVersion: 2, versionInForce: 1, status: 'DRAFT' });
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.scoping.ProjectScopeDrafted.v1',
        subject: PROJECT_ID,
        data: { projectId: PROJECT_ID, cohortId: COHORT_ID, internId: INTERN_ID, version: 2, title: 'Rescoped' },
      },
    ]);
  });

  it('refuses bad input naming each field, before any transaction, writing nothing', async () => {
    const { handler, projects, outbox, dataSource } = setup();
    // Both are wrong whatever the intern's program: a blank title, and a week before week 1.
    const scope = aScope({
      title: '   ',
      milestones: [{ title: 'Baseline', dueWeek: 0, acceptanceCriteria: ['Measured'] }],
    });
    const err = await handler
      .execute(new DraftProjectScopeCommand(scope, undefined, callers.intern))
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations.map((v) => v.field)).toEqual(['title', 'milestones[0].dueWeek']);
    expect(projects.projects.size).toBe(0);
    expect(outbox.events).toEqual([]);
    expect(dataSource.transactions).toBe(0);
  });

  it('refuses a due week beyond the intern’s program, read in the transaction, which keeps nothing', async () => {
    const { handler, projects, projections, outbox, dataSource } = setup();
    const week13 = aScope({ milestones: [{ title: 'Baseline', dueWeek: 13, acceptanceCriteria: ['Measured'] }] });
    const err = await handler
      .execute(new DraftProjectScopeCommand(week13, undefined, callers.intern))
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).violations).toEqual([
      { field: 'milestones[0].dueWeek', message: expect.stringMatching(/1 to 12 \(week 13 is outside it\)/) },
    ]);
    expect(dataSource.transactions).toBe(1);
    expect(projects.projects.size).toBe(0);
    expect(outbox.events).toEqual([]);

    // The same week is inside the program of an intern with an extension.
    projections.update({ grants: [{ weeks: 2, afterWeek: 5 }], programWeeks: 14 });
    const record = await handler.execute(new DraftProjectScopeCommand(week13, undefined, callers.intern));
    expect(projects.projects.get(record.id)!.versions[0]!.milestones.map((m) => m.dueWeek)).toEqual([13]);
  });

  it('refuses a malformed expectedRevision as bad input naming it, before any transaction, even with no project yet', async () => {
    const { handler, projects, outbox, dataSource } = setup();
    for (const expectedRevision of [-1, 1.5]) {
      const err = await handler
        .execute(new DraftProjectScopeCommand(aScope(), expectedRevision, callers.intern))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).code).toBe('BAD_USER_INPUT');
      expect((err as ValidationError).violations.map((v) => v.field)).toEqual(['expectedRevision']);
    }
    expect(dataSource.transactions).toBe(0);
    expect(projects.projects.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a stale expectedRevision and an edit of a SUBMITTED version with CONFLICT, changing nothing', async () => {
    const { handler, projects, outbox } = setup();
    projects.seed(adasProject('DRAFT', NOW));
    const before = projects.projects.get(PROJECT_ID);

    await expect(
      handler.execute(new DraftProjectScopeCommand(aScope({ title: 'Edited' }), 0, callers.intern)),
    ).rejects.toThrow(/stale revision: you sent expectedRevision 0, but the project is at revision 1/);
    expect(projects.projects.get(PROJECT_ID)).toBe(before);

    projects.seed(adasProject('SUBMITTED', NOW));
    const submitted = projects.projects.get(PROJECT_ID);
    const err = await handler
      .execute(new DraftProjectScopeCommand(aScope({ title: 'Edited' }), 2, callers.intern))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/is SUBMITTED and awaits the primary mentor's review/);
    expect(projects.projects.get(PROJECT_ID)).toBe(submitted);
    expect(outbox.events).toEqual([]);
  });

  it('refuses an expectedRevision for a project that does not exist yet, creating none', async () => {
    const { handler, projects, outbox } = setup();
    await expect(handler.execute(new DraftProjectScopeCommand(aScope(), 3, callers.intern))).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(projects.projects.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses anyone but an intern before any transaction, and an intern scoping has not seen enrolled', async () => {
    const { handler, projects, outbox, dataSource } = setup();
    await expect(
      handler.execute(new DraftProjectScopeCommand(aScope(), undefined, callers.primary)),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(dataSource.transactions).toBe(0);

    await expect(
      handler.execute(new DraftProjectScopeCommand(aScope(), undefined, callers.otherIntern)),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(projects.projects.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a withdrawn intern: the project is closed', async () => {
    const { handler, projects, projections, outbox } = setup();
    projections.update({ status: 'WITHDRAWN' });
    await expect(handler.execute(new DraftProjectScopeCommand(aScope(), undefined, callers.intern))).rejects.toThrow(
      /enrollment is WITHDRAWN: the project is closed/,
    );
    expect(projects.projects.size).toBe(0);
    expect(outbox.events).toEqual([]);
  });

  it('keeps nothing when the outbox append fails', async () => {
    const { handler, projects, outbox } = setup();
    jest.spyOn(outbox, 'append').mockRejectedValue(new Error('outbox unavailable'));
    await expect(handler.execute(new DraftProjectScopeCommand(aScope(), undefined, callers.intern))).rejects.toThrow(
      'outbox unavailable',
    );
    expect(projects.projects.size).toBe(0);
  });
});
