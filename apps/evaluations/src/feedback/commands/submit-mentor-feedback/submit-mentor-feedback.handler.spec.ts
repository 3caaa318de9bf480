import { describe, expect, it } from '@jest/globals';
import { ConflictError, NotFoundError } from '#ddd';
import { MentorFeedbackSubmittedV1 } from '#contracts';
import { refusedFields } from '../../../evaluations/commands/testing/fakes.js';
import { feedbackFakes } from '../testing/feedback-fakes.js';
import { SubmitMentorFeedbackCommand } from './submit-mentor-feedback.command.js';
import { SubmitMentorFeedbackHandler } from './submit-mentor-feedback.handler.js';

const NOW = new Date('2027-07-14T10:00:00Z'); // week 6
const ratings = (communication: number, availability: number, guidance: number) => [
  { criterion: 'GUIDANCE', score: guidance },
  { criterion: 'COMMUNICATION', score: communication },
  { criterion: 'AVAILABILITY', score: availability },
];
const input = (cycle = 'MIDPOINT', r = ratings(5, 4, 3), comments = ' Always there when I was stuck. ') => ({
  cycle,
  ratings: r,
  comments,
});

function setup(week = 6) {
  const f = feedbackFakes(NOW, week);
  const handler = f.build(SubmitMentorFeedbackHandler);
  const submit = (internId: string, i: ReturnType<typeof input>) =>
    handler.execute(new SubmitMentorFeedbackCommand(internId, i));
  return { ...f, handler, submit };
}

describe('SubmitMentorFeedbackHandler', () => {
  it('stores the feedback about the primary mentor and publishes only its average', async () => {
    const { submit, store, outbox } = setup();
    const saved = await submit('ada', input());
    expect(saved).toMatchObject({
      cohortId: 'c-1',
      internId: 'ada',
      mentorId: 'grace',
      cycle: 'MIDPOINT',
      ratings: [
        { criterion: 'COMMUNICATION', score: 5 },
        { criterion: 'AVAILABILITY', score: 4 },
        { criterion: 'GUIDANCE', score: 3 },
      ],
      comments: 'Always there when I was stuck.',
      averageScore: 4,
      revision: 1,
      submittedAt: NOW,
    });
    expect(store.state.feedback).toHaveLength(1);
    expect(outbox.dataOf(MentorFeedbackSubmittedV1)).toEqual([
      { feedbackId: saved.id, cohortId: 'c-1', internId: 'ada', mentorId: 'grace', cycle: 'MIDPOINT', averageScore: 4 },
    ]);
    expect(outbox.events[0]!.subject).toBe('ada');
  });

  it('takes a correction while the window is open: same row, revision 2, published again', async () => {
    const { submit, store, outbox, clock } = setup();
    const first = await submit('ada', input());
    clock.current = new Date('2027-07-15T10:00:00Z');
    const second = await submit('ada', input('MIDPOINT', ratings(2, 2, 3), 'Hard to reach lately'));
    expect(second).toMatchObject({ id: first.id, revision: 2, averageScore: 2.33, submittedAt: NOW });
    expect(store.state.feedback).toHaveLength(1);
    expect(outbox.dataOf(MentorFeedbackSubmittedV1).map((d) => d.averageScore)).toEqual([4, 2.33]);
  });

  it('accepts a first submission after the window closed, but no correction then', async () => {
    const { submit, setWeek, store, outbox } = setup(7);
    const saved = await submit('ada', input());
    expect(saved.revision).toBe(1);
    const err = await submit('ada', input('MIDPOINT', ratings(1, 1, 1))).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe(
      'your MIDPOINT evaluation window (week 6) has closed: your feedback for that cycle can no longer be changed',
    );
    expect(store.state.feedback[0]!.averageScore).toBe(4);
    expect(outbox.events).toHaveLength(1);
    setWeek(13);
    expect((await submit('ada', input('FINAL'))).cycle).toBe('FINAL'); // after the program: late, but first
  });

  it('refuses feedback before the window opens and without a primary mentor (CONFLICT), storing nothing', async () => {
    const { submit, store, outbox } = setup();
    await expect(submit('ada', input('FINAL'))).rejects.toThrow(
      'feedback on your mentor for the FINAL cycle opens with your FINAL evaluation window (week 12)',
    );
    await expect(submit('dan', input())).rejects.toThrow('you have no primary mentor to give feedback on');
    expect(store.state.feedback).toEqual([]);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a withdrawn intern (CONFLICT) and an unknown one (NOT_FOUND)', async () => {
    const { submit, db } = setup();
    db.state.interns.find((i) => i.internId === 'bob')!.status = 'WITHDRAWN';
    await expect(submit('bob', input())).rejects.toThrow(
      'your enrollment in cohort c-1 is WITHDRAWN: feedback is closed',
    );
    await expect(submit('nobody', input())).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses bad input naming every field before any transaction', async () => {
    const { submit, dataSource, outbox } = setup();
    const cases: [ReturnType<typeof input>, string[]][] = [
      [
        input(
          'LATER',
          [
            { criterion: 'HUMOUR', score: 6 },
            { criterion: 'GUIDANCE', score: 0 },
          ],
          ' ',
        ),
        ['cycle', 'ratings[0].criterion', 'ratings[0].score', 'ratings[1].score', 'ratings', 'comments'],
      ],
      [input('FINAL', [...ratings(3, 3, 3), { criterion: 'GUIDANCE', score: 2 }]), ['ratings[3].criterion']],
      [input('FINAL', ratings(3, 3, 3).slice(0, 2)), ['ratings']],
      [input('FINAL', ratings(3, 2.5, 3)), ['ratings[2].score']],
      [input('FINAL', ratings(3, 3, 3), 'x'.repeat(2001)), ['comments']],
    ];
    for (const [i, fields] of cases) expect(await refusedFields(submit('ada', i))).toEqual(fields);
    expect(dataSource.transactions).toBe(0);
    expect(outbox.events).toEqual([]);
  });
});
