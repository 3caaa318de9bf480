import { describe, expect, it } from '@jest/globals';
import { ProjectScopeApprovedV2 } from '#contracts';
import { ConflictError, ForbiddenError, NotFoundError } from '#ddd';
import { aScope } from '../../domain/testing/scope-fixtures.js';
import {
  adasProject,
  adasScopeEvent,
  callers,
  CO_MENTOR_ID,
  INTERN_ID,
  milestoneIds,
  PRIMARY_ID,
  PROJECT_ID,
  scopeHandler,
  uuid,
} from '../testing/fakes.js';
import { ApproveProjectScopeCommand } from './approve-project-scope.command.js';
import { ApproveProjectScopeHandler } from './approve-project-scope.handler.js';

const SUBMITTED = new Date('2027-06-09T09:00:00Z');
const NOW = new Date('2027-06-10T15:30:00Z');

const setup = () => scopeHandler(ApproveProjectScopeHandler, 'SUBMITTED', SUBMITTED, NOW);

describe('ApproveProjectScopeHandler', () => {
  it('puts the SUBMITTED version in force and appends ProjectScopeApproved.v2 with the intern’s due weeks', async () => {
    const { handler, projects, projections, outbox, dataSource } = setup();
    // An extension granted after the draft moves the milestones after its insertion point.
    projections.update({ grants: [{ weeks: 2, afterWeek: 5 }], programWeeks: 14 });
    const record = await handler.execute(new ApproveProjectScopeCommand(PROJECT_ID, 2, callers.primary));

    expect(record).toMatchObject({
      id: PROJECT_ID,
      revision: 3,
      latestVersion: 1,
      versionInForce: 1,
      status: 'APPROVED',
    });
    expect(dataSource.transactions).toBe(1);
    expect(projects.locked).toEqual([PROJECT_ID]);
    expect(projects.projects.get(PROJECT_ID)!.versions[0]).toMatchObject({
      status: 'APPROVED',
      decidedBy: PRIMARY_ID,
      decidedAt: NOW,
      feedback: null,
    });
    expect(outbox.events).toEqual([
      adasScopeEvent(ProjectScopeApprovedV2, {
        mentorId: PRIMARY_ID,
        approvedBy: { id: PRIMARY_ID, role: 'MENTOR' },
        milestones: [
          { milestoneId: uuid(101), title: 'Baseline', dueWeek: 4 },
          { milestoneId: uuid(102), title: 'Session model', dueWeek: 10 },
        ],
      }),
    ]);
  });

  it('supersedes the version in force when approving version 2', async () => {
    const { handler, projects, outbox } = setup();
    const p = adasProject('APPROVED', SUBMITTED);
    p.draft(
      aScope({ title: 'Rescoped' }),
      { programWeeks: 12, extensionGrants: 0, newId: milestoneIds() },
      INTERN_ID,
      SUBMITTED,
      3,
    );
    p.submit(INTERN_ID, SUBMITTED, 4, PRIMARY_ID);
    projects.seed(p);

    await handler.execute(new ApproveProjectScopeCommand(PROJECT_ID, 5, callers.primary));
    expect(projects.projects.get(PROJECT_ID)!.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'APPROVED'],
    ]);
    expect(outbox.events).toHaveLength(1);
    expect(outbox.events[0]).toMatchObject({
      type: 'mentorflow.scoping.ProjectScopeApproved.v2',
      data: { version: 2, mentorId: PRIMARY_ID },
    });
  });

  it('refuses a malformed expectedRevision naming it, before any transaction, writing nothing', async () => {
    const { handler, expectRefusedInput } = setup();
    await expectRefusedInput(handler.execute(new ApproveProjectScopeCommand(PROJECT_ID, 1.5, callers.primary)), [
      'expectedRevision',
    ]);
  });

  it('forbids anyone but the primary mentor, and anyone while none is assigned; hides it from strangers', async () => {
    const { handler, projects, projections, outbox, before } = setup();
    const co = await handler
      .execute(new ApproveProjectScopeCommand(PROJECT_ID, 2, callers.coMentor))
      .catch((e: unknown) => e);
    expect(co).toBeInstanceOf(ForbiddenError);
    expect((co as Error).message).toBe("only the intern's primary mentor may approve the scope");

    await expect(
      handler.execute(new ApproveProjectScopeCommand(PROJECT_ID, 2, callers.stranger)),
    ).rejects.toBeInstanceOf(NotFoundError);

    projections.assign({ primaryMentorId: null, mentorIds: [PRIMARY_ID] });
    await expect(handler.execute(new ApproveProjectScopeCommand(PROJECT_ID, 2, callers.primary))).rejects.toThrow(
      "only the intern's primary mentor may approve the scope, and none is assigned yet",
    );
    expect(projects.projects.get(PROJECT_ID)).toBe(before);
    expect(outbox.events).toEqual([]);
  });

  it('lets a program manager approve while the intern has no primary mentor: approvedBy the PM, mentorId null', async () => {
    const { handler, projects, projections, outbox } = setup();
    projections.assign({ primaryMentorId: null, mentorIds: [CO_MENTOR_ID] });
    const record = await handler.execute(new ApproveProjectScopeCommand(PROJECT_ID, 2, callers.pm));

    expect(record).toMatchObject({ status: 'APPROVED', versionInForce: 1 });
    expect(projects.projects.get(PROJECT_ID)!.versions[0]).toMatchObject({ status: 'APPROVED', decidedBy: 'pm-kim' });
    expect(outbox.events).toHaveLength(1);
    expect(outbox.events[0]).toMatchObject({
      type: 'mentorflow.scoping.ProjectScopeApproved.v2',
      data: { mentorId: null, approvedBy: { id: 'pm-kim', role: 'PROGRAM_MANAGER' } },
    });
  });

  it('forbids a program manager once the intern has a primary mentor, naming them, changing nothing', async () => {
    const { handler, projects, outbox, before } = setup();
    const err = await handler
      .execute(new ApproveProjectScopeCommand(PROJECT_ID, 2, callers.pm))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as Error).message).toBe(
      `the intern has a primary mentor (${PRIMARY_ID}): only they may approve the scope; a program manager may only while none is assigned`,
    );
    expect(projects.projects.get(PROJECT_ID)).toBe(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a stale expectedRevision and a second approval with CONFLICT, changing nothing', async () => {
    const { handler, projects, outbox, before } = setup();
    const stale = await handler
      .execute(new ApproveProjectScopeCommand(PROJECT_ID, 1, callers.primary))
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as Error).message).toMatch(
      /stale revision: you sent expectedRevision 1, but the project is at revision 2/,
    );
    expect(projects.projects.get(PROJECT_ID)).toBe(before);

    await handler.execute(new ApproveProjectScopeCommand(PROJECT_ID, 2, callers.primary));
    const approved = projects.projects.get(PROJECT_ID);
    await expect(
      handler.execute(new ApproveProjectScopeCommand(PROJECT_ID, undefined, callers.primary)),
    ).rejects.toThrow(/version 1 of the scope is APPROVED: only a SUBMITTED version can be approved/);
    expect(projects.projects.get(PROJECT_ID)).toBe(approved);
    expect(outbox.types()).toEqual(['mentorflow.scoping.ProjectScopeApproved.v2']);
  });
});
