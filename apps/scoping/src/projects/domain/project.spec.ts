import { describe, expect, it } from '@jest/globals';
import { ConflictError, ValidationError } from '#ddd';
import {
  effectiveDueWeek,
  Project,
  ScopeAction,
  ScopeStatus,
  validateExpectedRevision,
  validateScopeFeedback,
  primaryMentorDecides,
} from './project.js';
import { aScope, draftContext } from './testing/scope-fixtures.js';

const INTERN = 'intern-1';
const MENTOR = 'mentor-1';
const t = (day: number) => new Date(Date.UTC(2027, 5, day, 9));
const ids = { id: 'p-1', internId: INTERN, cohortId: 'c-1', enrollmentId: 'e-1' };

function started(): Project {
  return Project.start(ids, aScope(), draftContext(), INTERN, t(1));
}

/** A project whose latest version is in `status` (with version 1 approved before, for APPROVED). */
function projectIn(status: 'DRAFT' | 'SUBMITTED' | 'CHANGES_REQUESTED' | 'APPROVED'): Project {
  const p = started();
  if (status === 'DRAFT') return p;
  p.submit(INTERN, t(2), undefined, MENTOR);
  if (status === 'SUBMITTED') return p;
  if (status === 'CHANGES_REQUESTED') {
    p.requestChanges(primaryMentorDecides(MENTOR), 'Sharpen the metrics', t(3), undefined);
    return p;
  }
  p.approve(primaryMentorDecides(MENTOR), t(3), undefined, []);
  return p;
}

type Op = 'draft' | 'submit' | 'requestChanges' | 'approve';
function apply(p: Project, op: Op): unknown {
  switch (op) {
    case 'draft':
      return p.draft(aScope({ title: 'Edited title' }), draftContext(), INTERN, t(5), p.revision);
    case 'submit':
      return p.submit(INTERN, t(5), undefined, MENTOR);
    case 'requestChanges':
      return p.requestChanges(primaryMentorDecides(MENTOR), 'More detail please', t(5), undefined);
    case 'approve':
      return p.approve(primaryMentorDecides(MENTOR), t(5), undefined, []);
  }
}

describe('Project scope state machine', () => {
  it('starts with version 1 in DRAFT, revision 1, and a DRAFTED history entry', () => {
    const p = started();
    expect(p.status).toBe(ScopeStatus.DRAFT);
    expect(p.latest.version).toBe(1);
    expect(p.revision).toBe(1);
    expect(p.inForce).toBeUndefined();
    expect(p.snapshot().history).toEqual([
      { version: 1, action: ScopeAction.DRAFTED, actorId: INTERN, at: t(1), feedback: null },
    ]);
    expect(p.pullDomainEvents()).toEqual([
      expect.objectContaining({ name: 'ProjectScopeDrafted', projectId: 'p-1', version: 1, edited: false }),
    ]);
  });

  // Every operation from every status of the latest version: allowed (with the resulting status
  // of the latest version and the version in force) or refused with CONFLICT.
  const table: [string, Op, string | 'CONFLICT', number | null][] = [
    ['DRAFT', 'draft', 'DRAFT', null],
    ['DRAFT', 'submit', 'SUBMITTED', null],
    ['DRAFT', 'requestChanges', 'CONFLICT', null],
    ['DRAFT', 'approve', 'CONFLICT', null],
    ['SUBMITTED', 'draft', 'CONFLICT', null],
    ['SUBMITTED', 'submit', 'CONFLICT', null],
    ['SUBMITTED', 'requestChanges', 'CHANGES_REQUESTED', null],
    ['SUBMITTED', 'approve', 'APPROVED', 1],
    ['CHANGES_REQUESTED', 'draft', 'CHANGES_REQUESTED', null],
    ['CHANGES_REQUESTED', 'submit', 'SUBMITTED', null],
    ['CHANGES_REQUESTED', 'requestChanges', 'CONFLICT', null],
    ['CHANGES_REQUESTED', 'approve', 'CONFLICT', null],
    ['APPROVED', 'draft', 'DRAFT', 1],
    ['APPROVED', 'submit', 'CONFLICT', 1],
    ['APPROVED', 'requestChanges', 'CONFLICT', 1],
    ['APPROVED', 'approve', 'CONFLICT', 1],
  ];

  it.each(table)('%s + %s → %s', (from, op, expected, inForce) => {
    const p = projectIn(from as 'DRAFT');
    const revision = p.revision;
    const versions = p.snapshot().versions.length;
    p.pullDomainEvents();
    if (expected === 'CONFLICT') {
      expect(() => apply(p, op)).toThrow(ConflictError);
      expect(p.revision).toBe(revision);
      expect(p.status).toBe(from);
      expect(p.pullDomainEvents()).toEqual([]);
    } else {
      apply(p, op);
      expect(p.status).toBe(expected);
      expect(p.revision).toBe(revision + 1);
      expect(p.pullDomainEvents()).toHaveLength(1);
      // Drafting on an approved scope opens a new version; everything else stays on the latest.
      expect(p.snapshot().versions).toHaveLength(from === 'APPROVED' && op === 'draft' ? versions + 1 : versions);
    }
    expect(p.inForce?.version ?? null).toBe(inForce);
  });

  it('runs DRAFT → SUBMITTED → CHANGES_REQUESTED → SUBMITTED → APPROVED with who did what when', () => {
    const p = started();
    p.submit(INTERN, t(2), 1, MENTOR);
    p.requestChanges(primaryMentorDecides(MENTOR), '  Make the CTR target concrete ', t(3), 2);
    expect(p.latest.feedback).toBe('Make the CTR target concrete');
    p.draft(aScope({ title: 'Sharper' }), draftContext(), INTERN, t(4), 3);
    expect(p.status).toBe(ScopeStatus.CHANGES_REQUESTED);
    p.submit(INTERN, t(5), 4, MENTOR);
    p.approve(primaryMentorDecides(MENTOR), t(6), 5, []);
    expect(p.status).toBe(ScopeStatus.APPROVED);
    expect(p.revision).toBe(6);
    expect(p.latest).toMatchObject({
      title: 'Sharper',
      draftedBy: INTERN,
      submittedBy: INTERN,
      submittedAt: t(5),
      decidedBy: MENTOR,
      decidedAt: t(6),
      feedback: null,
    });
    expect(p.snapshot().history.map((h) => [h.action, h.actorId, h.at.getUTCDate(), h.feedback])).toEqual([
      ['DRAFTED', INTERN, 1, null],
      ['SUBMITTED', INTERN, 2, null],
      ['CHANGES_REQUESTED', MENTOR, 3, 'Make the CTR target concrete'],
      ['EDITED', INTERN, 4, null],
      ['SUBMITTED', INTERN, 5, null],
      ['APPROVED', MENTOR, 6, null],
    ]);
    expect(p.pullDomainEvents().map((e) => e.name)).toEqual([
      'ProjectScopeDrafted',
      'ProjectScopeSubmitted',
      'ProjectScopeChangesRequested',
      'ProjectScopeDrafted',
      'ProjectScopeSubmitted',
      'ProjectScopeApproved',
    ]);
  });

  it('requires feedback to request changes', () => {
    const p = projectIn('SUBMITTED');
    const err = (() => {
      try {
        p.requestChanges(primaryMentorDecides(MENTOR), '   ', t(3), undefined);
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect(err!.violations[0]!.field).toBe('feedback');
    expect(p.status).toBe(ScopeStatus.SUBMITTED);
  });
});

describe('Project versions', () => {
  it('keeps the approved version in force while version 2 is drafted, sent back and resubmitted', () => {
    const p = projectIn('APPROVED');
    expect(p.draft(aScope({ title: 'v2' }), draftContext(), INTERN, t(10), p.revision)).toBe('NEW_VERSION');
    expect(p.latest).toMatchObject({ version: 2, status: 'DRAFT', title: 'v2' });
    expect(p.inForce).toMatchObject({ version: 1, status: 'APPROVED' });
    p.submit(INTERN, t(11), undefined, MENTOR);
    p.requestChanges(primaryMentorDecides(MENTOR), 'No', t(12), undefined);
    expect(p.inForce?.version).toBe(1);
    p.submit(INTERN, t(13), undefined, MENTOR);
    expect(p.inForce?.version).toBe(1);
    p.approve(primaryMentorDecides(MENTOR), t(14), undefined, []);
    expect(p.inForce).toMatchObject({ version: 2, status: 'APPROVED' });
    expect(p.version(1)).toMatchObject({ status: 'SUPERSEDED', title: 'Session-aware recommendations' });
    expect(
      p
        .snapshot()
        .history.filter((h) => h.version === 1)
        .map((h) => h.action),
    ).toEqual(['DRAFTED', 'SUBMITTED', 'APPROVED', 'SUPERSEDED']);
    expect([...p.touchedVersions].sort()).toEqual([1, 2]);
  });

  it('edits a draft in place: same version, milestones keep their ids by title', () => {
    const p = started();
    const [baseline, model] = p.latest.milestones;
    expect(baseline!.id).toBe('m-1');
    p.draft(
      aScope({
        milestones: [
          { title: 'Data pipeline', dueWeek: 3, acceptanceCriteria: ['Runs daily'] },
          { title: ' baseline ', dueWeek: 5, acceptanceCriteria: ['Baseline RMSE measured'] },
          { id: model!.id, title: 'Session model, renamed', dueWeek: 9, acceptanceCriteria: ['Beats it'] },
        ],
      }),
      draftContext({ newId: () => 'm-new' }),
      INTERN,
      t(2),
      1,
    );
    expect(p.snapshot().versions).toHaveLength(1);
    expect(p.latest.milestones.map((m) => [m.id, m.title, m.dueWeek])).toEqual([
      ['m-new', 'Data pipeline', 3],
      ['m-1', 'baseline', 5],
      ['m-2', 'Session model, renamed', 9],
    ]);
  });

  it('carries milestone ids of the version in force into a revision, and refuses ids of other projects', () => {
    const p = projectIn('APPROVED');
    p.draft(aScope(), draftContext({ newId: () => 'unused' }), INTERN, t(10), p.revision);
    expect(p.latest.milestones.map((m) => m.id)).toEqual(['m-1', 'm-2']);
    p.submit(INTERN, t(11), undefined, MENTOR);
    p.requestChanges(primaryMentorDecides(MENTOR), 'again', t(12), undefined);
    const err = (() => {
      try {
        p.draft(
          aScope({
            milestones: [{ id: 'other-project-milestone', title: 'X', dueWeek: 3, acceptanceCriteria: ['a'] }],
          }),
          draftContext(),
          INTERN,
          t(13),
          p.revision,
        );
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect(err!.violations.map((v) => v.field)).toEqual(['milestones[0].id']);
  });

  it('refuses a stale revision with CONFLICT and changes nothing', () => {
    const p = started();
    p.submit(INTERN, t(2), 1, MENTOR);
    expect(() => p.requestChanges(primaryMentorDecides(MENTOR), 'x', t(3), 1)).toThrow(
      /stale revision.*expectedRevision 1.*revision 2/,
    );
    expect(() => p.approve(primaryMentorDecides(MENTOR), t(3), 1, [])).toThrow(ConflictError);
    expect(p.status).toBe(ScopeStatus.SUBMITTED);
    p.requestChanges(primaryMentorDecides(MENTOR), 'x', t(3), 2);
    expect(() => p.draft(aScope(), draftContext(), INTERN, t(4), 2)).toThrow(ConflictError);
    expect(p.latest.title).toBe('Session-aware recommendations');
  });

  it('drafts again without expectedRevision (SPEC 7: optional); a malformed one is bad input, a stale one CONFLICT', () => {
    const p = started();
    const revision = p.revision;
    p.draft({ ...aScope(), title: 'Second draft' }, draftContext(), INTERN, t(2), undefined);
    expect(p.latest).toMatchObject({ version: 1, status: ScopeStatus.DRAFT, title: 'Second draft' });
    expect(p.revision).toBe(revision + 1);
    p.draft({ ...aScope(), title: 'Third draft' }, draftContext(), INTERN, t(3), null);
    expect(p.latest.title).toBe('Third draft');
    expect(() => p.draft(aScope(), draftContext(), INTERN, t(4), 'one')).toThrow(ValidationError);
    expect(() => p.draft(aScope(), draftContext(), INTERN, t(4), revision)).toThrow(ConflictError);
    expect(p.latest.title).toBe('Third draft');
  });

  it('records the extensions known when milestones were written; later ones move their due weeks', () => {
    const p = Project.start(ids, aScope(), draftContext({ programWeeks: 14, extensionGrants: 1 }), INTERN, t(1));
    const grants = [
      { weeks: 2, afterWeek: 2 },
      { weeks: 1, afterWeek: 5 },
    ];
    const [baseline, model] = p.latest.milestones;
    expect(p.latest.extensionGrantsSeen).toBe(1);
    // Only the second grant came after the scope was written: week 4 stays, week 8 moves by 1.
    expect(effectiveDueWeek(baseline!, p.latest, grants)).toBe(4);
    expect(effectiveDueWeek(model!, p.latest, grants)).toBe(9);
    p.submit(INTERN, t(2), undefined, MENTOR);
    p.pullDomainEvents();
    p.approve(primaryMentorDecides(MENTOR), t(3), undefined, grants);
    expect(p.pullDomainEvents()[0]).toMatchObject({
      name: 'ProjectScopeApproved',
      milestones: [
        { milestoneId: 'm-1', title: 'Baseline', dueWeek: 4 },
        { milestoneId: 'm-2', title: 'Session model', dueWeek: 9 },
      ],
    });
  });
});

describe('the input’s own checks', () => {
  const fieldOf = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).violations[0]!.field;
    }
    return undefined;
  };

  it('takes an expectedRevision left out or a whole number ≥ 0; staleness is the project’s to judge', () => {
    expect(validateExpectedRevision(undefined)).toBeUndefined();
    expect(validateExpectedRevision(null)).toBeUndefined();
    expect(validateExpectedRevision(0)).toBe(0);
    expect(validateExpectedRevision(7)).toBe(7);
    for (const bad of [-1, 1.5, Number.NaN, '1'])
      expect(fieldOf(() => validateExpectedRevision(bad))).toBe('expectedRevision');
    // The project refuses the same with the same error, before looking at its revision.
    const p = projectIn('SUBMITTED');
    expect(fieldOf(() => p.approve(primaryMentorDecides(MENTOR), t(3), 1.5, []))).toBe('expectedRevision');
    expect(() => p.approve(primaryMentorDecides(MENTOR), t(3), 0, [])).toThrow(ConflictError);
  });

  it('wants feedback to send a scope back, trimmed', () => {
    expect(validateScopeFeedback('  Sharper metrics ')).toBe('Sharper metrics');
    for (const bad of ['   ', '', null, 3, 'x'.repeat(10_001)])
      expect(fieldOf(() => validateScopeFeedback(bad))).toBe('feedback');
  });
});
