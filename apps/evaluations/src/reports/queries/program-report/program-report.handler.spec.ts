import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '#ddd';
import type { MentorFeedbackRepository } from '../../../feedback/persistence/mentor-feedback.repository.js';
import type { CohortReport } from '../../domain/cohort-report.js';
import type { OfferDecision } from '../../domain/program-report.js';
import type { ReturnOffersRepository } from '../../persistence/return-offers.repository.js';
import type { CohortReportHandler } from '../cohort-report/cohort-report.handler.js';
import type { CohortReportQuery } from '../cohort-report/cohort-report.query.js';
import { ProgramReportHandler } from './program-report.handler.js';
import { ProgramReportQuery } from './program-report.query.js';

/** Three completed cohorts: spring ends 2027-05-02, summer 2027-08-29, autumn 2027-12-19. */
function setup() {
  const cohorts = [
    { cohortId: 'summer', name: 'Summer', startDate: '2027-06-07', weeks: 12 },
    { cohortId: 'spring', name: 'Spring', startDate: '2027-02-08', weeks: 12 },
    { cohortId: 'autumn', name: null, startDate: '2027-09-27', weeks: 12 },
  ];
  const offers: OfferDecision[] = [
    { cohortId: 'summer', internId: 'a', status: 'ACCEPTED', recommendation: 'YES' },
    { cohortId: 'summer', internId: 'b', status: 'EXTENDED', recommendation: 'STRONG_YES' },
    { cohortId: 'spring', internId: 'c', status: 'DECLINED', recommendation: 'YES' },
  ];
  const feedback = [
    { cohortId: 'summer', averageScore: 4 },
    { cohortId: 'summer', averageScore: 3.5 },
    { cohortId: 'spring', averageScore: 2 },
  ];
  const asked: string[][] = [];
  const offersRepo = {
    completedCohorts: async () => cohorts,
    ofCohorts: async (ids: readonly string[]) => {
      asked.push([...ids]);
      return offers.filter((o) => ids.includes(o.cohortId));
    },
  } as unknown as ReturnOffersRepository;
  const feedbackRepo = {
    ofCohorts: async (ids: readonly string[]) => feedback.filter((f) => ids.includes(f.cohortId)),
  } as unknown as MentorFeedbackRepository;
  const reports = {
    execute: async (q: CohortReportQuery) =>
      ({
        cohortId: q.cohortId,
        cohortName: q.cohortId === 'autumn' ? null : q.cohortId.toUpperCase(),
        interns: 4,
        completed: 3,
        completionRate: 0.75,
        passRate: 0.667,
        returnOffers: { recommended: 2 },
        programNps: { score: 50 },
      }) as unknown as CohortReport,
  } as unknown as CohortReportHandler;
  return { handler: new ProgramReportHandler(offersRepo, feedbackRepo, reports), asked };
}

describe('ProgramReportHandler', () => {
  it('answers one row per completed cohort whose program ended in the range, by end date', async () => {
    const { handler, asked } = setup();
    const rows = await handler.execute(new ProgramReportQuery('2027-05-02', '2027-12-18'));
    expect(rows.map((r) => [r.cohortId, r.endedOn])).toEqual([
      ['spring', '2027-05-02'],
      ['summer', '2027-08-29'],
    ]);
    expect(asked).toEqual([['summer', 'spring']]);
    expect(rows[1]).toEqual({
      cohortId: 'summer',
      cohortName: 'SUMMER',
      endedOn: '2027-08-29',
      interns: 4,
      completed: 3,
      completionRate: 0.75,
      passRate: 0.667,
      offersRecommended: 2,
      offersExtended: 2,
      offersAccepted: 1,
      acceptanceRate: 1,
      nps: 50,
      mentorFeedbackAverage: 3.75,
    });
    expect(rows[0]).toMatchObject({
      offersExtended: 1,
      offersAccepted: 0,
      acceptanceRate: 0,
      mentorFeedbackAverage: 2,
    });
    const autumn = await handler.execute(new ProgramReportQuery('2027-12-19', '2027-12-19'));
    expect(autumn.map((r) => r.cohortName)).toEqual([null]);
  });

  it('refuses dates that are not YYYY-MM-DD, and a range backwards, naming the field', async () => {
    const { handler } = setup();
    for (const [from, to, fields] of [
      ['2027-13-01', 'soon', ['from', 'to']],
      ['2027-09-01', '2027-08-01', ['to']],
      ['2000-01-01', '2027-08-01', ['to']],
    ] as const) {
      const err = await handler.execute(new ProgramReportQuery(from, to)).catch((e) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).violations.map((v) => v.field)).toEqual(fields);
    }
  });
});
