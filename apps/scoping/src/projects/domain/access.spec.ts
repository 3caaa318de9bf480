import { describe, expect, it } from '@jest/globals';
import { ForbiddenError } from '#ddd';
import {
  assertIsMentorOfIntern,
  assertIsPrimaryMentor,
  assertIsTheIntern,
  canViewProject,
  NO_MENTORS,
  scopeDecider,
} from './access.js';

const mentors = { primaryMentorId: 'mentor-p', mentorIds: ['mentor-p', 'mentor-co'] };
const pm = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };
const intern = { sub: 'intern-1', roles: ['INTERN'] };
const otherIntern = { sub: 'intern-2', roles: ['INTERN'] };
const primary = { sub: 'mentor-p', roles: ['MENTOR'] };
const coMentor = { sub: 'mentor-co', roles: ['MENTOR'] };
const stranger = { sub: 'mentor-x', roles: ['MENTOR'] };

describe('who sees a project', () => {
  it('PMs, the intern and their mentors; nobody else', () => {
    expect(canViewProject(pm, 'intern-1', NO_MENTORS)).toBe(true);
    expect(canViewProject(intern, 'intern-1', NO_MENTORS)).toBe(true);
    expect(canViewProject(primary, 'intern-1', mentors)).toBe(true);
    expect(canViewProject(coMentor, 'intern-1', mentors)).toBe(true);
    expect(canViewProject(otherIntern, 'intern-1', mentors)).toBe(false);
    expect(canViewProject(stranger, 'intern-1', mentors)).toBe(false);
    expect(canViewProject(undefined, 'intern-1', mentors)).toBe(false);
    // A mentor id in an INTERN-only token is not a mentor.
    expect(canViewProject({ sub: 'mentor-p', roles: ['INTERN'] }, 'intern-1', mentors)).toBe(false);
  });
});

describe('who may do what', () => {
  it('only the intern drafts and submits', () => {
    expect(() => assertIsTheIntern(intern, 'intern-1', 'submit')).not.toThrow();
    for (const c of [pm, primary, otherIntern])
      expect(() => assertIsTheIntern(c, 'intern-1', 'submit')).toThrow(ForbiddenError);
  });

  it('only the primary mentor approves or requests changes', () => {
    expect(() => assertIsPrimaryMentor(primary, mentors, 'approve')).not.toThrow();
    for (const c of [coMentor, intern, pm, stranger]) {
      expect(() => assertIsPrimaryMentor(c, mentors, 'approve')).toThrow(ForbiddenError);
    }
    expect(() => assertIsPrimaryMentor(primary, NO_MENTORS, 'approve')).toThrow(/none is assigned yet/);
  });

  it('any mentor of the intern reviews reports', () => {
    expect(() => assertIsMentorOfIntern(primary, mentors, 'review')).not.toThrow();
    expect(() => assertIsMentorOfIntern(coMentor, mentors, 'review')).not.toThrow();
    for (const c of [stranger, intern, pm])
      expect(() => assertIsMentorOfIntern(c, mentors, 'review')).toThrow(ForbiddenError);
  });
});

describe('who decides on a submitted scope', () => {
  it('the primary mentor; a PM only while the intern has none; nobody else', () => {
    expect(scopeDecider(primary, mentors, 'approve the scope')).toEqual({
      id: 'mentor-p',
      role: 'MENTOR',
      primaryMentorId: 'mentor-p',
    });
    expect(scopeDecider(pm, NO_MENTORS, 'approve the scope')).toEqual({
      id: 'pm-1',
      role: 'PROGRAM_MANAGER',
      primaryMentorId: null,
    });
    // Co-mentors alone do not make a primary: the PM still decides.
    expect(scopeDecider(pm, { primaryMentorId: null, mentorIds: ['mentor-co'] }, 'x').role).toBe('PROGRAM_MANAGER');
    expect(() => scopeDecider(pm, mentors, 'approve the scope')).toThrow(
      'the intern has a primary mentor (mentor-p): only they may approve the scope; a program manager may only while none is assigned',
    );
    expect(() => scopeDecider(coMentor, mentors, 'approve the scope')).toThrow(ForbiddenError);
    expect(() => scopeDecider(intern, NO_MENTORS, 'approve the scope')).toThrow(ForbiddenError);
  });
});
