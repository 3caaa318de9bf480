import { describe, expect, it } from '@jest/globals';
import { offerCounts } from './cohort-report.js';
import { programEndedOn, programReportRow } from './program-report.js';

const report = {
  cohortId: 'c-1',
  cohortName: 'Summer 2027',
  interns: 5,
  completed: 4,
  completionRate: 0.8,
  passRate: 0.75,
  returnOffers: { recommended: 3 },
  programNps: { score: 25 },
};

describe('offerCounts', () => {
  it('counts every offer made as extended and the acceptance rate over the offers decided', () => {
    expect(offerCounts([])).toEqual({ extended: 0, accepted: 0, declined: 0, acceptanceRate: null });
    expect(offerCounts([{ status: 'EXTENDED' }, { status: 'EXTENDED' }])).toEqual({
      extended: 2,
      accepted: 0,
      declined: 0,
      acceptanceRate: null, // none decided yet
    });
    expect(
      offerCounts([{ status: 'ACCEPTED' }, { status: 'ACCEPTED' }, { status: 'DECLINED' }, { status: 'EXTENDED' }]),
    ).toEqual({ extended: 4, accepted: 2, declined: 1, acceptanceRate: 0.667 });
  });
});

describe('programReportRow', () => {
  it("takes the cohort report's rates and NPS, the offers recorded and the mean mentor feedback", () => {
    expect(
      programReportRow(
        report,
        '2027-08-29',
        [{ status: 'ACCEPTED' }, { status: 'DECLINED' }, { status: 'EXTENDED' }],
        [4, 3.67, 4.33, 5],
      ),
    ).toEqual({
      cohortId: 'c-1',
      cohortName: 'Summer 2027',
      endedOn: '2027-08-29',
      interns: 5,
      completed: 4,
      completionRate: 0.8,
      passRate: 0.75,
      offersRecommended: 3,
      offersExtended: 3,
      offersAccepted: 1,
      acceptanceRate: 0.5,
      nps: 25,
      mentorFeedbackAverage: 4.25,
    });
  });

  it('answers null where there is no data', () => {
    const row = programReportRow(
      { ...report, completionRate: null, passRate: null, programNps: { score: null } },
      '2027-08-29',
      [],
      [],
    );
    expect(row).toMatchObject({
      passRate: null,
      offersExtended: 0,
      offersAccepted: 0,
      acceptanceRate: null,
      nps: null,
      mentorFeedbackAverage: null,
    });
  });

  it("dates a cohort's end on the last Sunday of its weeks", () => {
    expect(programEndedOn({ startDate: '2027-06-07', weeks: 12 })).toBe('2027-08-29');
  });
});
