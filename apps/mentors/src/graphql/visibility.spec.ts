import { describe, expect, it } from '@jest/globals';
import type { Identity } from '#platform';
import {
  canSeeIntern,
  canSeeMentorEmail,
  canSeePrivateNotes,
  needsCallersMentees,
  visibleMentees,
} from './visibility.js';

const pm: Identity = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };
const ada: Identity = { sub: 'mentor-ada', roles: ['MENTOR'] };
const bob: Identity = { sub: 'mentor-bob', roles: ['MENTOR'] };
const ines: Identity = { sub: 'intern-ines', roles: ['INTERN'] };
const otto: Identity = { sub: 'intern-otto', roles: ['INTERN'] };

describe('visibility', () => {
  it('shows a mentor’s email to program managers and mentors, never to interns or anonymous callers', () => {
    expect(canSeeMentorEmail(pm)).toBe(true);
    expect(canSeeMentorEmail(ada)).toBe(true);
    expect(canSeeMentorEmail(ines)).toBe(false);
    expect(canSeeMentorEmail(undefined)).toBe(false);
    expect(canSeeMentorEmail({ sub: 'x', roles: ['INTERN', 'MENTOR'] })).toBe(true);
  });

  it('shows an intern’s mentoring data to PMs, the intern and their own mentors only', () => {
    expect(canSeeIntern(pm, 'intern-ines', [])).toBe(true);
    expect(canSeeIntern(ines, 'intern-ines', [])).toBe(true);
    expect(canSeeIntern(otto, 'intern-ines', ['intern-otto'])).toBe(false);
    expect(canSeeIntern(ada, 'intern-ines', ['mentor-ada'])).toBe(true);
    expect(canSeeIntern(bob, 'intern-ines', ['mentor-ada'])).toBe(false);
    expect(canSeeIntern(undefined, 'intern-ines', ['mentor-ada'])).toBe(false);
  });

  it('filters a mentor’s mentees to what the caller may see', () => {
    const mentees = ['intern-ines', 'intern-otto'];
    expect(visibleMentees(pm, 'mentor-ada', mentees)).toEqual(mentees);
    expect(visibleMentees(ada, 'mentor-ada', mentees)).toEqual(mentees);
    expect(visibleMentees(bob, 'mentor-ada', mentees, ['intern-otto'])).toEqual(['intern-otto']);
    expect(visibleMentees(bob, 'mentor-ada', mentees, [])).toEqual([]);
    expect(visibleMentees(ines, 'mentor-ada', mentees)).toEqual(['intern-ines']);
    expect(visibleMentees(ines, 'mentor-ada', mentees, ['intern-otto'])).toEqual(['intern-ines']);
    expect(visibleMentees(undefined, 'mentor-ada', mentees)).toEqual([]);
  });

  it('loads the caller’s own mentees only for another mentor', () => {
    expect(needsCallersMentees(bob, 'mentor-ada')).toBe(true);
    expect(needsCallersMentees(ada, 'mentor-ada')).toBe(false);
    expect(needsCallersMentees(pm, 'mentor-ada')).toBe(false);
    expect(needsCallersMentees(ines, 'mentor-ada')).toBe(false);
    expect(needsCallersMentees(undefined, 'mentor-ada')).toBe(false);
  });

  it('shows a check-in’s private notes to PMs and the author mentor only, never to the intern', () => {
    const checkIn = { internId: 'intern-ines', mentorId: 'mentor-ada' };
    expect(canSeePrivateNotes(pm, checkIn)).toBe(true);
    expect(canSeePrivateNotes(ada, checkIn)).toBe(true);
    expect(canSeePrivateNotes(bob, checkIn)).toBe(false); // a co-mentor of the same intern
    expect(canSeePrivateNotes(ines, checkIn)).toBe(false);
    expect(canSeePrivateNotes(otto, checkIn)).toBe(false);
    expect(canSeePrivateNotes(undefined, checkIn)).toBe(false);
    // The intern never sees them, even holding another role.
    expect(canSeePrivateNotes({ sub: 'intern-ines', roles: ['INTERN', 'PROGRAM_MANAGER'] }, checkIn)).toBe(false);
    expect(canSeePrivateNotes({ sub: 'mentor-ada', roles: ['INTERN'] }, checkIn)).toBe(false);
  });
});
