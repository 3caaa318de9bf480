import { describe, expect, it } from '@jest/globals';
import type { Identity } from '#platform';
import { canReadCohorts, canSeeBooker, canSeeIntern, enrollmentFilter, needsMentorsOf } from './visibility.js';

const pm: Identity = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };
const ada: Identity = { sub: 'mentor-ada', roles: ['MENTOR'] };
const bob: Identity = { sub: 'mentor-bob', roles: ['MENTOR'] };
const ines: Identity = { sub: 'intern-ines', roles: ['INTERN'] };
const otto: Identity = { sub: 'intern-otto', roles: ['INTERN'] };

describe('who sees an intern in the cohorts service', () => {
  it('program managers see every intern; an intern only themself; a mentor only their current mentees', () => {
    expect(canSeeIntern(pm, 'intern-ines')).toBe(true);
    expect(canSeeIntern(ines, 'intern-ines')).toBe(true);
    expect(canSeeIntern(otto, 'intern-ines', ['mentor-ada'])).toBe(false);
    expect(canSeeIntern(ada, 'intern-ines', ['mentor-ada'])).toBe(true);
    expect(canSeeIntern(bob, 'intern-ines', ['mentor-ada'])).toBe(false);
    expect(canSeeIntern(bob, 'intern-ines')).toBe(false);
    expect(canSeeIntern(undefined, 'intern-ines', ['mentor-ada'])).toBe(false);
    // Being named a mentor of the intern counts only with the MENTOR role.
    expect(canSeeIntern({ sub: 'mentor-ada', roles: ['INTERN'] }, 'intern-ines', ['mentor-ada'])).toBe(false);
  });

  it('looks the relationship up only for a mentor who is neither a PM nor the intern', () => {
    expect(needsMentorsOf(bob, 'intern-ines')).toBe(true);
    expect(needsMentorsOf(pm, 'intern-ines')).toBe(false);
    expect(needsMentorsOf(ines, 'intern-ines')).toBe(false);
    expect(needsMentorsOf(otto, 'intern-ines')).toBe(false);
    expect(needsMentorsOf(undefined, 'intern-ines')).toBe(false);
    expect(needsMentorsOf({ sub: 'x', roles: ['MENTOR', 'PROGRAM_MANAGER'] }, 'intern-ines')).toBe(false);
  });

  it('shows who booked a slot to those who see the intern and to the slot’s panel', () => {
    const slot = { bookedBy: 'intern-ines', panelMentorIds: ['mentor-bob'] };
    expect(canSeeBooker(pm, slot)).toBe(true);
    expect(canSeeBooker(ines, slot)).toBe(true);
    expect(canSeeBooker(bob, slot)).toBe(true); // on the panel
    expect(canSeeBooker(ada, slot, ['mentor-ada'])).toBe(true); // her mentor
    expect(canSeeBooker({ sub: 'mentor-cy', roles: ['MENTOR'] }, slot, ['mentor-ada'])).toBe(false);
    expect(canSeeBooker(otto, slot)).toBe(false);
    expect(canSeeBooker(pm, { bookedBy: null, panelMentorIds: [] })).toBe(false);
    expect(canSeeBooker({ sub: 'mentor-bob', roles: ['INTERN'] }, slot)).toBe(false);
  });

  it('filters enrollment listings: all for PMs, own for interns, own and mentees for mentors, none anonymously', () => {
    expect(enrollmentFilter(pm)).toEqual({});
    expect(enrollmentFilter(ines)).toEqual({ internId: 'intern-ines' });
    expect(enrollmentFilter(ada)).toEqual({ internId: 'mentor-ada', menteesOf: 'mentor-ada' });
    expect(enrollmentFilter(undefined)).toEqual({ internId: '' });
  });

  it('lets any signed-in role read cohorts', () => {
    expect(canReadCohorts(ines)).toBe(true);
    expect(canReadCohorts({ sub: 'x', roles: [] })).toBe(false);
    expect(canReadCohorts(undefined)).toBe(false);
  });
});
