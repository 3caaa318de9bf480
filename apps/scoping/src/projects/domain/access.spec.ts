import { describe, expect, it } from '@jest/globals';
import { ForbiddenError } from '#ddd';
import {
  assertIsMentorOfIntern,
  assertIsPrimaryMentor,
  assertIsTheIntern,
  canViewProject,
  NO_MENTORS,
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
