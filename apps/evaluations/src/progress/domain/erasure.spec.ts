import { describe, expect, it } from '@jest/globals';
import { InternEnrolledV1, InternErasedV1, erasedValue } from '#contracts';
import { internEnrolledData } from '#testing';
import { factsFromEvent } from '../projection/event-facts.js';
import { deriveProgress } from './derive-progress.js';
import { hasPersonalData, withoutPersonalData } from './erasure.js';
import { ANY_COHORT, type Fact } from './facts.js';

const enrolledAs = (name: string) =>
  factsFromEvent({
    id: 'e-1',
    type: InternEnrolledV1.type,
    time: '2027-06-01T09:00:00.000Z',
    data: internEnrolledData('c-1', 'i-1', { name }),
  })!.facts[0]!;

describe('an erased intern in the progress read model', () => {
  it('is told by InternErased once for every cohort, with nothing of the person', () => {
    const written = factsFromEvent({
      id: 'e-9',
      type: InternErasedV1.type,
      time: '2027-09-01T09:00:00.000Z',
      data: { internId: 'i-1', cohortIds: ['c-1', 'c-2'], erasedAt: '2027-09-01T09:00:00.000Z', trigger: 'REQUEST' },
    });
    expect(written).toEqual({
      cohortId: ANY_COHORT,
      internId: 'i-1',
      facts: [
        {
          cohortId: ANY_COHORT,
          internId: 'i-1',
          kind: 'ERASED',
          key: '-',
          eventId: 'e-9',
          occurredAt: '2027-09-01T09:00:00.000Z',
          data: {},
        },
      ],
      erasure: { internId: 'i-1', cohortIds: ['c-1', 'c-2'] },
    });
  });

  it('keeps the enrollment fact without the name: the very fact a replay with the erased name writes', () => {
    const live = enrolledAs('Ada Lovelace');
    expect(hasPersonalData(live)).toBe(true);
    const erased = withoutPersonalData(live);
    expect(erased).toEqual({ ...live, data: { name: 'Erased intern', enrollmentId: 'enr-i-1' } });
    expect(erased).toEqual(enrolledAs(erasedValue('intern', 'name', 'i-1')));
    expect(hasPersonalData(erased)).toBe(false);
    expect(withoutPersonalData(erased)).toBe(erased);
    // A fact of another kind holds nothing of the person.
    const check: Fact = { ...live, kind: 'CHECK_IN', key: 'ci-1', data: { week: 2, progress: 'ON_TRACK' } };
    expect(withoutPersonalData(check)).toBe(check);
    // The row shows the erased name, and counts as before.
    const row = deriveProgress([], [erased])!;
    expect(row.name).toBe('Erased intern');
    expect({ ...row, name: 'x' }).toEqual({ ...deriveProgress([], [live])!, name: 'x' });
  });
});
