import { describe, expect, it } from '@jest/globals';
import { ConflictError, ValidationError } from '#ddd';
import { PROGRAM_RUBRIC } from '../../rubrics/domain/default-rubrics.js';
import { Evaluation, type MentorEvaluationInput } from './evaluation.js';

const scores = PROGRAM_RUBRIC.criteria.map((c, i) => ({
  competency: c.key,
  score: (i % 3) + 3,
  comment: i === 0 ? ' solid ' : null,
}));
const midpoint: MentorEvaluationInput = {
  cycle: 'MIDPOINT',
  scores,
  sharedComments: 'Good progress',
  privateComments: 'Watch the deadlines',
  decision: 'EXTEND',
  extensionWeeks: 2,
};
const context = {
  cohortId: 'c-1',
  internId: 'ada',
  authorId: 'grace',
  rubric: PROGRAM_RUBRIC,
  now: new Date('2027-07-13T10:00:00Z'),
};

function fields(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).violations.map((v) => v.field);
  }
  throw new Error('expected a ValidationError');
}

describe('a mentor evaluation', () => {
  it('records EvaluationSubmitted and the cycle’s decision on the first submission', () => {
    const content = Evaluation.validateMentorInput(midpoint, PROGRAM_RUBRIC, 0);
    const evaluation = Evaluation.submit('ev-1', context, content);
    const s = evaluation.snapshot();
    expect(s).toMatchObject({
      kind: 'MENTOR',
      cycle: 'MIDPOINT',
      averageScore: 4,
      decision: 'EXTEND',
      extensionWeeks: 2,
      revision: 1,
    });
    expect(s.scores[0]).toEqual({ competency: 'TECHNICAL_EXECUTION', score: 3, comment: 'solid' });
    expect(evaluation.pullDomainEvents().map((e) => e.name)).toEqual(['EvaluationSubmitted', 'MidpointDecisionMade']);
    const final = Evaluation.submit(
      'ev-2',
      context,
      Evaluation.validateMentorInput(
        { ...midpoint, cycle: 'FINAL', decision: 'PASS', extensionWeeks: null, returnOffer: 'STRONG_YES' },
        PROGRAM_RUBRIC,
        0,
      ),
    );
    expect(final.pullDomainEvents().map((e) => e.name)).toEqual(['EvaluationSubmitted', 'FinalOutcomeRecorded']);
  });

  it('names every bad field at once', () => {
    expect(
      fields(() =>
        Evaluation.validateMentorInput(
          {
            ...midpoint,
            scores: scores.slice(1),
            sharedComments: '  ',
            decision: 'PASS',
            extensionWeeks: 2,
            returnOffer: 'YES',
          },
          PROGRAM_RUBRIC,
          0,
        ),
      ),
    ).toEqual(['scores', 'sharedComments', 'decision', 'extensionWeeks', 'returnOffer']);
    expect(fields(() => Evaluation.validateMentorInput({ ...midpoint, cycle: 'WEEKLY' }, PROGRAM_RUBRIC, 0))).toEqual([
      'cycle',
    ]);
  });

  it('can be edited by its author, scores and comments only: the decision was already published', () => {
    const evaluation = Evaluation.submit('ev-1', context, Evaluation.validateMentorInput(midpoint, PROGRAM_RUBRIC, 0));
    evaluation.pullDomainEvents();
    const edited = Evaluation.validateMentorInput(
      { ...midpoint, scores: scores.map((s) => ({ ...s, score: 5 })) },
      PROGRAM_RUBRIC,
      0,
    );
    evaluation.revise('grace', edited, new Date('2027-07-14T10:00:00Z'));
    expect(evaluation.snapshot()).toMatchObject({ averageScore: 5, revision: 2, submittedAt: context.now });
    const events = evaluation.pullDomainEvents();
    expect(events.map((e) => e.name)).toEqual(['EvaluationSubmitted']);
    expect(events[0]).toMatchObject({ edited: true });

    const other = Evaluation.validateMentorInput(
      { ...midpoint, decision: 'CONTINUE', extensionWeeks: null },
      PROGRAM_RUBRIC,
      0,
    );
    expect(() => evaluation.revise('grace', other, new Date())).toThrow(ConflictError);
    expect(() => evaluation.revise('grace', other, new Date())).toThrow(
      /EXTEND by 2 weeks was recorded .* not the decision \(asked for CONTINUE\)/,
    );
    expect(() => evaluation.revise('alan', edited, new Date())).toThrow(/only its author can change it/);
  });
});

describe('a correction of a mentor evaluation (SPEC §7)', () => {
  const later = new Date('2027-07-15T10:00:00Z');

  it('may change the decision: raises the revision, records who, publishes the new decision', () => {
    const evaluation = Evaluation.submit('ev-1', context, Evaluation.validateMentorInput(midpoint, PROGRAM_RUBRIC, 0));
    expect(evaluation.snapshot().recordedBy).toEqual({ id: 'grace', role: 'MENTOR' });
    evaluation.pullDomainEvents();
    const cont = Evaluation.validateMentorInput(
      { ...midpoint, decision: 'CONTINUE', extensionWeeks: null },
      PROGRAM_RUBRIC,
      0,
    );
    evaluation.correct(cont, { authorId: 'grace', recordedBy: { id: 'pm-1', role: 'PROGRAM_MANAGER' } }, later);
    expect(evaluation.snapshot()).toMatchObject({
      decision: 'CONTINUE',
      extensionWeeks: null,
      revision: 2,
      authorId: 'grace',
      recordedBy: { id: 'pm-1', role: 'PROGRAM_MANAGER' },
      submittedAt: context.now,
      updatedAt: later,
    });
    const events = evaluation.pullDomainEvents();
    expect(events.map((e) => e.name)).toEqual(['EvaluationSubmitted', 'MidpointDecisionMade']);
    expect(events[1]).toMatchObject({ decision: 'CONTINUE', evaluation: { id: 'ev-1', revision: 2 } });
    expect(evaluation.extensionWeeksDecided).toBe(0);
  });

  it('publishes no decision again when only the scores and comments changed', () => {
    const evaluation = Evaluation.submit('ev-1', context, Evaluation.validateMentorInput(midpoint, PROGRAM_RUBRIC, 0));
    expect(evaluation.extensionWeeksDecided).toBe(2);
    evaluation.pullDomainEvents();
    const same = Evaluation.validateMentorInput(
      { ...midpoint, scores: scores.map((s) => ({ ...s, score: 5 })) },
      PROGRAM_RUBRIC,
      0,
    );
    evaluation.correct(same, { authorId: 'grace', recordedBy: { id: 'grace', role: 'MENTOR' } }, later);
    expect(evaluation.pullDomainEvents().map((e) => e.name)).toEqual(['EvaluationSubmitted']);
    expect(evaluation.snapshot()).toMatchObject({ averageScore: 5, revision: 2 });
  });

  it('is for a mentor evaluation of the same cycle only', () => {
    const self = Evaluation.submit(
      'ev-3',
      { ...context, authorId: 'ada' },
      Evaluation.validateSelfInput({ cycle: 'MIDPOINT', scores, reflections: 'x' }, PROGRAM_RUBRIC),
    );
    const content = Evaluation.validateMentorInput(midpoint, PROGRAM_RUBRIC, 0);
    expect(() =>
      self.correct(content, { authorId: 'grace', recordedBy: { id: 'grace', role: 'MENTOR' } }, later),
    ).toThrow(ConflictError);
  });
});

describe('a self-evaluation', () => {
  it('needs reflections, and the NPS at the FINAL cycle only', () => {
    const self = Evaluation.validateSelfInput(
      { cycle: 'FINAL', scores, reflections: 'Learned a lot', programNps: 9 },
      PROGRAM_RUBRIC,
    );
    expect(self).toMatchObject({ kind: 'SELF', programNps: 9, decision: null, reflections: 'Learned a lot' });
    const evaluation = Evaluation.submit('ev-3', { ...context, authorId: 'ada' }, self);
    expect(evaluation.pullDomainEvents().map((e) => e.name)).toEqual(['EvaluationSubmitted']);
    expect(
      fields(() => Evaluation.validateSelfInput({ cycle: 'FINAL', scores, reflections: '' }, PROGRAM_RUBRIC)),
    ).toEqual(['reflections', 'programNps']);
    expect(
      fields(() =>
        Evaluation.validateSelfInput({ cycle: 'MIDPOINT', scores, reflections: 'x', programNps: 8 }, PROGRAM_RUBRIC),
      ),
    ).toEqual(['programNps']);
  });
});

describe('the shape of a self-evaluation', () => {
  it('is checked without a rubric, naming fields as validateSelfInput does, and leaves the scores to the rubric', () => {
    expect(() =>
      Evaluation.validateSelfInputShape({
        cycle: 'MIDPOINT',
        scores: [{ competency: 'CHARISMA', score: 6 }],
        reflections: 'x',
      }),
    ).not.toThrow();
    expect(
      fields(() =>
        Evaluation.validateSelfInputShape({
          cycle: 'MID',
          scores: [{ competency: 'CHARISMA', score: 4, comment: 'x'.repeat(2_001) }],
          reflections: ' ',
          programNps: 8,
        }),
      ),
    ).toEqual(['cycle', 'scores[0].comment', 'reflections']);
    expect(fields(() => Evaluation.validateSelfInputShape({ cycle: 'FINAL', scores, reflections: 'x' }))).toEqual([
      'programNps',
    ]);
  });
});
