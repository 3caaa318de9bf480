import { describe, expect, it } from '@jest/globals';
import { PresentationScoredV1 } from '#contracts';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import { evaluationsFakes, refusedFields } from '../../../evaluations/commands/testing/fakes.js';
import type { CriterionScore } from '../../domain/presentation-scores.js';
import { ScorePresentationCommand } from './score-presentation.command.js';
import { ScorePresentationHandler } from './score-presentation.handler.js';

const NOW = new Date('2027-08-25T11:00:00Z');
/** Out of the rubric's order (CLARITY, TECHNICAL_DEPTH, IMPACT, HANDLING_QUESTIONS); average 4. */
const SCORES: CriterionScore[] = [
  { criterion: 'IMPACT', score: 5 },
  { criterion: ' CLARITY ', score: 4 },
  { criterion: 'HANDLING_QUESTIONS', score: 3 },
  { criterion: 'TECHNICAL_DEPTH', score: 4 },
];
const SORTED = [
  { criterion: 'CLARITY', score: 4 },
  { criterion: 'TECHNICAL_DEPTH', score: 4 },
  { criterion: 'IMPACT', score: 5 },
  { criterion: 'HANDLING_QUESTIONS', score: 3 },
];

function setup() {
  const f = evaluationsFakes(NOW);
  // Week 12 (the presentations week) runs 2027-08-23 – 2027-08-29.
  f.db.clock({ cohortId: 'c-1', startDate: '2027-06-07', weeks: 12, timezone: 'Europe/Berlin', currentWeek: 12 });
  const slot = { cohortId: 'c-1', startsAt: new Date('2027-08-25T09:00:00Z'), durationMinutes: 30 };
  f.db.state.slots.push(
    { ...slot, slotId: 's-1', panelMentorIds: ['grace', 'alan'], internId: 'ada' },
    { ...slot, slotId: 's-2', panelMentorIds: ['grace'], internId: null },
  );
  const handler = f.build(ScorePresentationHandler);
  const score = (
    slotId = 's-1',
    mentorId = 'grace',
    scores: CriterionScore[] = SCORES,
    comments: string | null = ' Clear and convincing ',
  ) => handler.execute(new ScorePresentationCommand(slotId, scores, comments, mentorId));
  return { ...f, score };
}

describe('ScorePresentationHandler', () => {
  it('saves the panel mentor’s scores under the slot lock and appends PresentationScored.v1', async () => {
    const { db, outbox, dataSource, score } = setup();

    const row = await score(' s-1 ');

    const expected = {
      slotId: 's-1',
      internId: 'ada',
      mentorId: 'grace',
      cohortId: 'c-1',
      scores: SORTED,
      averageScore: 4,
      comments: 'Clear and convincing',
      scoredAt: NOW,
      updatedAt: NOW,
    };
    expect(row).toEqual(expected);
    expect(dataSource.transactions).toBe(1);
    expect(db.locks).toEqual(['slot:s-1']);
    expect(db.state.presentationScores).toEqual([expected]);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.evaluations.PresentationScored.v1',
        subject: 'ada',
        data: { slotId: 's-1', cohortId: 'c-1', internId: 'ada', mentorId: 'grace', averageScore: 4 },
      },
    ]);
  });

  it('a second call by the same mentor replaces their scores and keeps when they first scored', async () => {
    const { db, outbox, clock, score } = setup();
    await score();
    await score('s-1', 'alan', SCORES, null);
    const later = new Date('2027-08-26T09:00:00Z');
    clock.current = later;

    await score(
      's-1',
      'grace',
      SORTED.map((s) => ({ ...s, score: 2 })),
      null,
    );

    expect(db.state.presentationScores).toEqual([
      {
        slotId: 's-1',
        internId: 'ada',
        mentorId: 'grace',
        cohortId: 'c-1',
        scores: SORTED.map((s) => ({ ...s, score: 2 })),
        averageScore: 2,
        comments: null,
        scoredAt: NOW,
        updatedAt: later,
      },
      expect.objectContaining({ mentorId: 'alan', averageScore: 4 }),
    ]);
    expect(outbox.dataOf(PresentationScoredV1).map((d) => [d.mentorId, d.averageScore])).toEqual([
      ['grace', 4],
      ['alan', 4],
      ['grace', 2],
    ]);
  });

  it('refuses a blank slot id before opening a transaction', async () => {
    const { db, expectNoTransaction, score } = setup();
    const before = db.tables();

    const error = await score('  ').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations).toEqual([{ field: 'slotId', message: 'is required' }]);
    expectNoTransaction(before);
  });

  it('refuses scores that do not fit the presentation rubric, naming each field, writing nothing', async () => {
    const { db, outbox, score } = setup();
    const before = db.tables();

    expect(
      await refusedFields(
        score('s-1', 'grace', [
          { criterion: 'CLARITY', score: 0 },
          { criterion: 'CLARITY', score: 3 },
          { criterion: 'CHARISMA', score: 5 },
        ]),
      ),
    ).toEqual(['scores[0].score', 'scores[1].criterion', 'scores[2].criterion', 'scores']);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('answers a mentor who is not on the slot’s panel exactly as for a slot that does not exist, writing nothing', async () => {
    const { db, outbox, score } = setup();
    const before = db.tables();

    const notOnPanel = await score('s-1', 'linus').catch((e: unknown) => e);
    const unknown = await score('s-404', 'linus').catch((e: unknown) => e);

    expect(notOnPanel).toBeInstanceOf(NotFoundError);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((notOnPanel as Error).constructor).toBe((unknown as Error).constructor);
    expect((notOnPanel as NotFoundError).code).toBe('NOT_FOUND');
    expect((notOnPanel as Error).message).toBe('PresentationSlot s-1 was not found');
    expect((unknown as Error).message).toBe('PresentationSlot s-404 was not found');
    // The same whatever else is true of the slot or wrong with the scores.
    const unbooked = await score('s-2', 'linus').catch((e: unknown) => e);
    expect(unbooked).toBeInstanceOf(NotFoundError);
    expect((unbooked as Error).message).toBe('PresentationSlot s-2 was not found');
    const badScores = await score('s-1', 'linus', [{ criterion: 'CHARISMA', score: 9 }]).catch((e: unknown) => e);
    expect(badScores).toBeInstanceOf(NotFoundError);
    expect((badScores as Error).message).toBe((notOnPanel as Error).message);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);

    // The very same id, once the slot is gone: the same class and the same message.
    db.state.slots = db.state.slots.filter((slot) => slot.slotId !== 's-1');
    const gone = await score('s-1', 'linus').catch((e: unknown) => e);
    expect((gone as Error).constructor).toBe((notOnPanel as Error).constructor);
    expect((gone as Error).message).toBe((notOnPanel as Error).message);
  });

  it('refuses comments that are too long before opening a transaction, whoever asks about whichever slot', async () => {
    const { db, expectNoTransaction, score } = setup();
    const before = db.tables();
    const long = 'x'.repeat(10_001);

    const errors = await Promise.all(
      [
        score('s-1', 'grace', SCORES, long),
        score('s-1', 'linus', SCORES, long),
        score('s-404', 'linus', SCORES, long),
      ].map((p) => p.catch((e: unknown) => e)),
    );

    for (const error of errors) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).violations).toEqual([
        { field: 'comments', message: 'must be at most 10000 characters' },
      ]);
    }
    expectNoTransaction(before);
  });

  it('refuses an unbooked slot and a presentation whose week has not come with CONFLICT, writing nothing', async () => {
    const { db, outbox, score } = setup();

    const unbooked = await score('s-2').catch((e: unknown) => e);
    expect(unbooked).toBeInstanceOf(ConflictError);
    expect((unbooked as Error).message).toBe('slot s-2 is not booked: there is no presentation to score');

    db.state.clocks[0]!.currentWeek = 11;
    const before = db.tables();
    const early = await score('s-1').catch((e: unknown) => e);
    expect(early).toBeInstanceOf(ConflictError);
    expect((early as Error).message).toMatch(/is in week 12 .* and the cohort is in week 11/);

    expect(db.tables()).toEqual(before);
    expect(db.state.presentationScores).toEqual([]);
    expect(outbox.events).toEqual([]);
  });
});
