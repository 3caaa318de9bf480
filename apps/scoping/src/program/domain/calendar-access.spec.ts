import { describe, expect, it } from '@jest/globals';
import { ForbiddenError } from '#ddd';
import { assertMayViewIntern, needsMentorsOf } from './calendar-access.js';

describe('assertMayViewIntern', () => {
  it('lets program managers see any intern', () => {
    expect(() => assertMayViewIntern({ sub: 'pm-1', roles: ['PROGRAM_MANAGER'] }, 'intern-1')).not.toThrow();
  });

  it('lets a mentor see their own mentees only', () => {
    const mentor = { sub: 'mentor-1', roles: ['MENTOR'] };
    expect(() => assertMayViewIntern(mentor, 'intern-1', ['mentor-1', 'mentor-2'])).not.toThrow();
    expect(() => assertMayViewIntern(mentor, 'intern-1', ['mentor-2'])).toThrow(ForbiddenError);
    expect(() => assertMayViewIntern(mentor, 'intern-1')).toThrow(ForbiddenError);
  });

  it('lets an intern see only themself', () => {
    expect(() => assertMayViewIntern({ sub: 'intern-1', roles: ['INTERN'] }, 'intern-1')).not.toThrow();
    expect(() => assertMayViewIntern({ sub: 'intern-2', roles: ['INTERN'] }, 'intern-1')).toThrow(ForbiddenError);
  });

  it('refuses a caller without a role that applies', () => {
    expect(() => assertMayViewIntern({ sub: 'intern-1', roles: [] }, 'intern-1')).toThrow(ForbiddenError);
  });

  it('looks up the intern’s mentors only for another mentor', () => {
    expect(needsMentorsOf({ sub: 'mentor-1', roles: ['MENTOR'] }, 'intern-1')).toBe(true);
    expect(needsMentorsOf({ sub: 'pm-1', roles: ['PROGRAM_MANAGER', 'MENTOR'] }, 'intern-1')).toBe(false);
    expect(needsMentorsOf({ sub: 'intern-1', roles: ['INTERN'] }, 'intern-1')).toBe(false);
  });
});
