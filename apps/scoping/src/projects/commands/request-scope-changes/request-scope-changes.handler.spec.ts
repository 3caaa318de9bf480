import { describe, expect, it } from '@jest/globals';
import { ProjectScopeChangesRequestedV2 } from '#contracts';
import { ConflictError, ForbiddenError } from '#ddd';
import { adasProject, adasScopeEvent, callers, PRIMARY_ID, PROJECT_ID, scopeHandler } from '../testing/fakes.js';
import { RequestScopeChangesCommand } from './request-scope-changes.command.js';
import { RequestScopeChangesHandler } from './request-scope-changes.handler.js';

const SUBMITTED = new Date('2027-06-09T09:00:00Z');
const NOW = new Date('2027-06-10T15:30:00Z');

const setup = () => scopeHandler(RequestScopeChangesHandler, 'SUBMITTED', SUBMITTED, NOW);

describe('RequestScopeChangesHandler', () => {
  it('sends the SUBMITTED version back with the feedback and appends ProjectScopeChangesRequested.v2', async () => {
    const { handler, projects, outbox, dataSource } = setup();
    const record = await handler.execute(
      new RequestScopeChangesCommand(PROJECT_ID, '  Make the CTR target concrete  ', 2, callers.primary),
    );

    expect(record).toMatchObject({ id: PROJECT_ID, revision: 3, status: 'CHANGES_REQUESTED', versionInForce: null });
    expect(dataSource.transactions).toBe(1);
    expect(projects.locked).toEqual([PROJECT_ID]);
    const saved = projects.projects.get(PROJECT_ID)!;
    expect(saved.versions[0]).toMatchObject({
      status: 'CHANGES_REQUESTED',
      decidedBy: PRIMARY_ID,
      decidedAt: NOW,
      feedback: 'Make the CTR target concrete',
    });
    expect(saved.history.at(-1)).toEqual({
      version: 1,
      action: 'CHANGES_REQUESTED',
      actorId: PRIMARY_ID,
      at: NOW,
      feedback: 'Make the CTR target concrete',
    });
    expect(outbox.events).toEqual([
      adasScopeEvent(ProjectScopeChangesRequestedV2, {
        mentorId: PRIMARY_ID,
        requestedBy: { id: PRIMARY_ID, role: 'MENTOR' },
        feedback: 'Make the CTR target concrete',
      }),
    ]);
  });

  it('refuses blank feedback naming the field, before any transaction, writing nothing', async () => {
    const { handler, expectRefusedInput } = setup();
    await expectRefusedInput(handler.execute(new RequestScopeChangesCommand(PROJECT_ID, '   ', 2, callers.primary)), [
      'feedback',
    ]);
  });

  it('forbids a co-mentor and the intern: only the primary mentor sends a scope back', async () => {
    const { handler, projects, outbox, before } = setup();
    const co = await handler
      .execute(new RequestScopeChangesCommand(PROJECT_ID, 'More', 2, callers.coMentor))
      .catch((e: unknown) => e);
    expect(co).toBeInstanceOf(ForbiddenError);
    expect((co as Error).message).toBe("only the intern's primary mentor may request changes to the scope");
    await expect(
      handler.execute(new RequestScopeChangesCommand(PROJECT_ID, 'More', 2, callers.intern)),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(projects.projects.get(PROJECT_ID)).toBe(before);
    expect(outbox.events).toEqual([]);
  });

  it('lets a program manager send it back while the intern has no primary mentor, and only then', async () => {
    const { handler, projects, projections, outbox, before } = setup();
    await expect(handler.execute(new RequestScopeChangesCommand(PROJECT_ID, 'More', 2, callers.pm))).rejects.toThrow(
      `the intern has a primary mentor (${PRIMARY_ID}): only they may request changes to the scope`,
    );
    expect(projects.projects.get(PROJECT_ID)).toBe(before);
    expect(outbox.events).toEqual([]);

    projections.assign({ primaryMentorId: null, mentorIds: [] });
    const record = await handler.execute(new RequestScopeChangesCommand(PROJECT_ID, 'More', 2, callers.pm));
    expect(record).toMatchObject({ status: 'CHANGES_REQUESTED' });
    expect(outbox.events).toEqual([
      adasScopeEvent(ProjectScopeChangesRequestedV2, {
        mentorId: null,
        requestedBy: { id: 'pm-kim', role: 'PROGRAM_MANAGER' },
        feedback: 'More',
      }),
    ]);
  });

  it('refuses a stale expectedRevision and a version that is not SUBMITTED with CONFLICT', async () => {
    const { handler, projects, outbox, before } = setup();
    await expect(
      handler.execute(new RequestScopeChangesCommand(PROJECT_ID, 'More', 1, callers.primary)),
    ).rejects.toThrow(/stale revision: you sent expectedRevision 1, but the project is at revision 2/);
    expect(projects.projects.get(PROJECT_ID)).toBe(before);

    projects.seed(adasProject('DRAFT', SUBMITTED));
    const draft = projects.projects.get(PROJECT_ID);
    const err = await handler
      .execute(new RequestScopeChangesCommand(PROJECT_ID, 'More', undefined, callers.primary))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/version 1 of the scope is DRAFT: only a SUBMITTED version/);
    expect(projects.projects.get(PROJECT_ID)).toBe(draft);
    expect(outbox.events).toEqual([]);
  });
});
