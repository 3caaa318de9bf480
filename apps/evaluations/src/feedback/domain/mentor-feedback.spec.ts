import { describe, expect, it } from '@jest/globals';
import { mentorFeedbackSummary, type FeedbackRating } from './mentor-feedback.js';

const rated = (internId: string, c: number, a: number, g: number) => ({
  internId,
  ratings: [
    { criterion: 'COMMUNICATION', score: c },
    { criterion: 'AVAILABILITY', score: a },
    { criterion: 'GUIDANCE', score: g },
  ] as FeedbackRating[],
});

describe('mentorFeedbackSummary', () => {
  it('is null below three distinct interns, however many feedbacks they gave', () => {
    expect(mentorFeedbackSummary('grace', [])).toBeNull();
    expect(
      mentorFeedbackSummary('grace', [rated('ada', 5, 5, 5), rated('ada', 4, 4, 4), rated('bob', 3, 3, 3)]),
    ).toBeNull();
  });

  it('averages each criterion and overall over every feedback from three interns or more', () => {
    const summary = mentorFeedbackSummary('grace', [
      rated('ada', 5, 4, 3),
      rated('bob', 4, 4, 4),
      rated('cy', 3, 2, 5),
      rated('ada', 4, 3, 4), // ada's FINAL feedback counts too
    ]);
    expect(summary).toEqual({
      mentorId: 'grace',
      interns: 3,
      averages: [
        { criterion: 'COMMUNICATION', average: 4 },
        { criterion: 'AVAILABILITY', average: 3.25 },
        { criterion: 'GUIDANCE', average: 4 },
      ],
      overall: 3.75,
    });
  });
});
