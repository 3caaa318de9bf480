import { describe, expect, it } from '@jest/globals';
import { ProjectScopeSubmittedV1 } from '#contracts';
import { ConflictError, ForbiddenError, NotFoundError } from '#ddd';
import { adasScopeEvent, callers, INTERN_ID, PRIMARY_ID, PROJECT_ID, scopeHandler, uuid } from '../testing/fakes.js';
import { SubmitProjectScopeCommand } from './submit-project-scope.command.js';
import { SubmitProjectScopeHandler } from './submit-project-scope.handler.js';

const DRAFTED = new Date('2027-06-08T09:00:00Z');
const NOW = new Date('2027-06-10T15:30:00Z');

const setup = () => scopeHandler(SubmitProjectScopeHandler, 'DRAFT', DRAFTED, NOW);

describe('SubmitProjectScopeHandler', () => {
  it('submits the DRAFT under a row lock and appends ProjectScopeSubmitted.v1 naming the primary mentor', async () => {
    const { handler, projects, outbox, dataSource } = setup();
    const record = await handler.execute(new SubmitProjectScopeCommand(PROJECT_ID, 1, callers.intern));

    expect(record).toMatchObject({ id: PROJECT_ID, revision: 2, latestVersion: 1, status: 'SUBMITTED' });
    expect(dataSource.transactions).toBe(1);
    expect(projects.locked).toEqual([PROJECT_ID]);
    const saved = projects.projects.get(PROJECT_ID)!;
    expect(saved.revision).toBe(2);
    expect(saved.versions[0]).toMatchObject({ status: 'SUBMITTED', submittedBy: INTERN_ID, submittedAt: NOW });
    expect(saved.history.at(-1)).toEqual({
      version: 1,
      action: 'SUBMITTED',
      actorId: INTERN_ID,
      at: NOW,
      feedback: null,
    });
    expect(outbox.events).toEqual([
      adasScopeEvent(ProjectScopeSubmittedV1, {
        primaryMentorId: PRIMARY_ID,
      }),
    ]);
  });

  it('submits without a primary mentor assigned yet (primaryMentorId null)', async () => {
    const { handler, projections, outbox } = setup();
    projections.assign({ primaryMentorId: null, mentorIds: [] });
    await handler.execute(new SubmitProjectScopeCommand(PROJECT_ID, undefined, callers.intern));
    expect(outbox.events.map((e) => e.data)).toEqual([expect.objectContaining({ primaryMentorId: null })]);
  });

  it('refuses a malformed expectedRevision naming it, before any transaction, writing nothing', async () => {
    const { handler, expectRefusedInput } = setup();
    await expectRefusedInput(handler.execute(new SubmitProjectScopeCommand(PROJECT_ID, -1, callers.intern)), [
      'expectedRevision',
    ]);
  });

  it('refuses a stale expectedRevision and a second submission with CONFLICT, changing nothing', async () => {
    const { handler, projects, outbox, before } = setup();
    await expect(handler.execute(new SubmitProjectScopeCommand(PROJECT_ID, 7, callers.intern))).rejects.toThrow(
      /stale revision: you sent expectedRevision 7, but the project is at revision 1/,
    );
    expect(projects.projects.get(PROJECT_ID)).toBe(before);

    await handler.execute(new SubmitProjectScopeCommand(PROJECT_ID, 1, callers.intern));
    const submitted = projects.projects.get(PROJECT_ID);
    const err = await handler
      .execute(new SubmitProjectScopeCommand(PROJECT_ID, 2, callers.intern))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/version 1 of the scope is SUBMITTED/);
    expect(projects.projects.get(PROJECT_ID)).toBe(submitted);
    expect(outbox.types()).toEqual(['mentorflow.scoping.ProjectScopeSubmitted.v1']);
  });

  it('tells another intern the project does not exist, and forbids the mentor to submit for the intern', async () => {
    const { handler, projects, outbox, before } = setup();
    const other = await handler
      .execute(new SubmitProjectScopeCommand(PROJECT_ID, 1, callers.otherIntern))
      .catch((e: unknown) => e);
    expect(other).toBeInstanceOf(NotFoundError);
    expect((other as Error).message).toBe(`Project ${PROJECT_ID} was not found`);
    // exactly what a project that does not exist answers
    await expect(handler.execute(new SubmitProjectScopeCommand(uuid(999), 1, callers.intern))).rejects.toThrow(
      `Project ${uuid(999)} was not found`,
    );

    await expect(handler.execute(new SubmitProjectScopeCommand(PROJECT_ID, 1, callers.primary))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(projects.projects.get(PROJECT_ID)).toBe(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses once the intern is terminated: the project is closed', async () => {
    const { handler, projects, projections, outbox, before } = setup();
    projections.update({ status: 'TERMINATED' });
    await expect(handler.execute(new SubmitProjectScopeCommand(PROJECT_ID, 1, callers.intern))).rejects.toThrow(
      /enrollment is TERMINATED/,
    );
    expect(projects.projects.get(PROJECT_ID)).toBe(before);
    expect(outbox.events).toEqual([]);
  });
});
