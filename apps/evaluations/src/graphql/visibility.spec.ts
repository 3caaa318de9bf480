import { describe, expect, it } from '@jest/globals';
import type { Identity } from '#platform';
import {
  canSeeIntern,
  canSeePrivateComments,
  canSeeProgramNps,
  canSeeReturnOffer,
  canSeeRiskReasons,
} from './visibility.js';

const pm: Identity = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };
const grace: Identity = { sub: 'grace', roles: ['MENTOR'] };
const alan: Identity = { sub: 'alan', roles: ['MENTOR'] };
const ada: Identity = { sub: 'ada', roles: ['INTERN'] };
const otto: Identity = { sub: 'otto', roles: ['INTERN'] };
const evaluation = { internId: 'ada', authorId: 'grace' };

describe('visibility', () => {
  it('shows an intern’s evaluations and progress to PMs, the intern and their mentors only', () => {
    expect(canSeeIntern(pm, 'ada', [])).toBe(true);
    expect(canSeeIntern(ada, 'ada', [])).toBe(true);
    expect(canSeeIntern(otto, 'ada', ['grace'])).toBe(false);
    expect(canSeeIntern(grace, 'ada', ['grace'])).toBe(true);
    expect(canSeeIntern(alan, 'ada', ['grace'])).toBe(false);
    expect(canSeeIntern(undefined, 'ada', ['grace'])).toBe(false);
    // A mentor id in an intern's token does not make them a mentor.
    expect(canSeeIntern({ sub: 'grace', roles: ['INTERN'] }, 'ada', ['grace'])).toBe(false);
  });

  it('never shows private comments to the intern, whatever roles they hold', () => {
    expect(canSeePrivateComments(ada, evaluation, ['grace'])).toBe(false);
    expect(
      canSeePrivateComments({ sub: 'ada', roles: ['INTERN', 'MENTOR', 'PROGRAM_MANAGER'] }, evaluation, ['ada']),
    ).toBe(false);
    expect(canSeePrivateComments(pm, evaluation, [])).toBe(true);
    expect(canSeePrivateComments(grace, evaluation, [])).toBe(true);
    expect(canSeePrivateComments({ sub: 'co', roles: ['MENTOR'] }, evaluation, ['grace', 'co'])).toBe(true);
    expect(canSeePrivateComments(alan, evaluation, ['grace'])).toBe(false);
    expect(canSeePrivateComments(undefined, evaluation, ['grace'])).toBe(false);
  });

  it('keeps the return offer from the intern and the NPS from mentors', () => {
    expect(canSeeReturnOffer(ada, 'ada', ['grace'])).toBe(false);
    expect(canSeeReturnOffer(grace, 'ada', ['grace'])).toBe(true);
    expect(canSeeReturnOffer(pm, 'ada', [])).toBe(true);
    expect(canSeeProgramNps(ada, 'ada')).toBe(true);
    expect(canSeeProgramNps(pm, 'ada')).toBe(true);
    expect(canSeeProgramNps(grace, 'ada')).toBe(false);
    expect(canSeeProgramNps(otto, 'ada')).toBe(false);
  });

  it('shows why an intern is at risk to PMs and their mentors, never to the intern or another mentor', () => {
    expect(canSeeRiskReasons(pm, 'ada', [])).toBe(true);
    expect(canSeeRiskReasons(grace, 'ada', ['grace'])).toBe(true);
    expect(canSeeRiskReasons(alan, 'ada', ['grace'])).toBe(false);
    expect(canSeeRiskReasons(ada, 'ada', ['grace'])).toBe(false);
    expect(canSeeRiskReasons({ sub: 'ada', roles: ['INTERN', 'PROGRAM_MANAGER'] }, 'ada', [])).toBe(false);
    expect(canSeeRiskReasons(undefined, 'ada', ['grace'])).toBe(false);
  });
});
