import { describe, expect, it } from '@jest/globals';
import { ConflictError } from '#ddd';
import { violatedFields } from '#testing';
import {
  MentorAtCapacityError,
  planAssignment,
  validateAssignment,
  type AssignmentFacts,
} from './assignment-policy.js';

const facts = (overrides: Partial<AssignmentFacts> = {}): AssignmentFacts => ({
  internId: 'intern-ines',
  cohortId: 'cohort-1',
  endedAs: null,
  mentorId: 'mentor-ada',
  mentorCapacity: 2,
  mentorAvailableForCohort: true,
  mentorActiveCount: 0,
  internActive: [],
  role: 'PRIMARY',
  ...overrides,
});

function conflict(f: AssignmentFacts): string {
  try {
    planAssignment(f);
  } catch (err) {
    expect(err).toBeInstanceOf(ConflictError);
    return (err as Error).message;
  }
  throw new Error('expected a CONFLICT');
}

describe('assignment capacity and roles', () => {
  it('assigns while the mentor has a free place', () => {
    expect(planAssignment(facts({ mentorActiveCount: 1 }))).toEqual({ end: [], create: { role: 'PRIMARY' } });
    expect(planAssignment(facts({ role: 'CO_MENTOR', mentorActiveCount: 1 }))).toEqual({
      end: [],
      create: { role: 'CO_MENTOR' },
    });
  });

  it('refuses the place after the last one, whatever the role', () => {
    expect(() => planAssignment(facts({ mentorActiveCount: 2 }))).toThrow(MentorAtCapacityError);
    expect(conflict(facts({ mentorActiveCount: 2 }))).toBe('mentor mentor-ada has no free place: 2 of 2 taken');
    expect(conflict(facts({ role: 'CO_MENTOR', mentorCapacity: 1, mentorActiveCount: 1 }))).toMatch(/1 of 1 taken/);
    // A capacity lowered below the load (not allowed by updates, but possible in old data) is still full.
    expect(() => planAssignment(facts({ mentorCapacity: 1, mentorActiveCount: 3 }))).toThrow(MentorAtCapacityError);
  });

  it('refuses a new primary over the current one unless replace is asked (SPEC 7)', () => {
    const withBob = [{ assignmentId: 'a-1', mentorId: 'mentor-bob', role: 'PRIMARY' as const }];
    expect(conflict(facts({ internActive: withBob }))).toBe(
      'intern intern-ines already has a primary mentor (mentor-bob): assign with replace: true to replace them',
    );
    expect(conflict(facts({ replace: false, internActive: withBob }))).toMatch(/replace: true/);
    // A co-mentor promoted over the primary needs it too; without a primary, nothing to replace.
    const withBobAndAda = [...withBob, { assignmentId: 'a-2', mentorId: 'mentor-ada', role: 'CO_MENTOR' as const }];
    expect(conflict(facts({ internActive: withBobAndAda }))).toMatch(/replace: true/);
    const onlyAda = [{ assignmentId: 'a-2', mentorId: 'mentor-ada', role: 'CO_MENTOR' as const }];
    expect(planAssignment(facts({ internActive: onlyAda })).end.map((e) => e.reason)).toEqual(['ROLE_CHANGED']);
  });

  it('replaces the primary mentor when a new primary is assigned with replace (reassignment)', () => {
    const plan = planAssignment(
      facts({ replace: true, internActive: [{ assignmentId: 'a-1', mentorId: 'mentor-bob', role: 'PRIMARY' }] }),
    );
    expect(plan).toEqual({
      end: [{ assignmentId: 'a-1', mentorId: 'mentor-bob', role: 'PRIMARY', reason: 'REPLACED_BY_NEW_PRIMARY' }],
      create: { role: 'PRIMARY' },
    });
  });

  it('adds a co-mentor next to the primary', () => {
    const plan = planAssignment(
      facts({ role: 'CO_MENTOR', internActive: [{ assignmentId: 'a-1', mentorId: 'mentor-bob', role: 'PRIMARY' }] }),
    );
    expect(plan).toEqual({ end: [], create: { role: 'CO_MENTOR' } });
  });

  it('promotes a co-mentor to primary in the place they already hold, even when they are full', () => {
    const plan = planAssignment(
      facts({
        mentorActiveCount: 2,
        replace: true,
        internActive: [
          { assignmentId: 'a-1', mentorId: 'mentor-bob', role: 'PRIMARY' },
          { assignmentId: 'a-2', mentorId: 'mentor-ada', role: 'CO_MENTOR' },
        ],
      }),
    );
    expect(plan.end.map((e) => [e.assignmentId, e.reason])).toEqual([
      ['a-1', 'REPLACED_BY_NEW_PRIMARY'],
      ['a-2', 'ROLE_CHANGED'],
    ]);
  });

  it('refuses the same role twice, demoting a primary, ended enrollments and unavailable mentors', () => {
    const asPrimary = [{ assignmentId: 'a-1', mentorId: 'mentor-ada', role: 'PRIMARY' as const }];
    expect(conflict(facts({ internActive: asPrimary }))).toMatch(/already assigned to intern intern-ines as PRIMARY/);
    expect(conflict(facts({ role: 'CO_MENTOR', internActive: asPrimary }))).toMatch(/primary mentor: assign another/);
    expect(conflict(facts({ endedAs: 'WITHDRAWN' }))).toMatch(/WITHDRAWN in cohort cohort-1/);
    expect(conflict(facts({ mentorAvailableForCohort: false }))).toMatch(/not available for cohort cohort-1/);
  });

  it('validates the input, naming each bad field', () => {
    expect(validateAssignment({ internId: ' i-1 ', mentorId: 'm-1', role: 'CO_MENTOR' })).toEqual({
      internId: 'i-1',
      mentorId: 'm-1',
      role: 'CO_MENTOR',
      replace: false,
    });
    expect(validateAssignment({ internId: 'i-1', mentorId: 'm-1', role: 'PRIMARY', replace: true }).replace).toBe(true);
    expect(
      violatedFields(() =>
        validateAssignment({ internId: 'i-1', mentorId: 'm-1', role: 'PRIMARY', replace: 'yes' as unknown as boolean }),
      ),
    ).toEqual(['replace']);
    expect(violatedFields(() => validateAssignment({ internId: '', mentorId: ' ', role: 'BOSS' }))).toEqual([
      'internId',
      'mentorId',
      'role',
    ]);
  });
});
