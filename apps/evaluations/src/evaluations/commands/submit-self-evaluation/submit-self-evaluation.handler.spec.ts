import { describe, expect, it } from '@jest/globals';
import { EvaluationSubmittedV1 } from '#contracts';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import { PROGRAM_RUBRIC } from '../../../rubrics/domain/default-rubrics.js';
import type { SelfEvaluationInput } from '../../domain/evaluation.js';
import { EvaluationWindowNotOpenError } from '../../domain/evaluation-window.js';
import { midpointFakes, refusedFields } from '../testing/fakes.js';
import { SubmitSelfEvaluationCommand } from './submit-self-evaluation.command.js';
import { SubmitSelfEvaluationHandler } from './submit-self-evaluation.handler.js';

const NOW = new Date('2027-07-13T10:00:00Z'); // week 6 of a cohort starting 2027-06-07: the midpoint window
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** 4, 4, 4, 5, 5, 3 over the six competencies: average 4.17. */
const SCORES = PROGRAM_RUBRIC.criteria.map((c, i) => ({ competency: c.key, score: [4, 4, 4, 5, 5, 3][i]! }));

/** The EvaluationSubmitted.v1 of Ada's self-evaluation (4.17 on average), as the outbox keeps it. */
const selfEvaluationSubmitted = (evaluationId: string, cycle: string) => ({
  type: 'mentorflow.evaluations.EvaluationSubmitted.v1',
  subject: 'ada',
  data: {
    evaluationId,
    cohortId: 'c-1',
    internId: 'ada',
    authorId: 'ada',
    kind: 'SELF',
    cycle,
    averageScore: 4.17,
    revision: 1,
    recordedBy: { id: 'ada', role: 'INTERN' },
  },
});

function setup() {
  const f = midpointFakes(NOW);
  const handler = f.build(SubmitSelfEvaluationHandler);
  const submit = (input: Partial<SelfEvaluationInput> = {}, internId = 'ada') =>
    handler.execute(
      new SubmitSelfEvaluationCommand(internId, {
        cycle: 'MIDPOINT',
        scores: SCORES,
        reflections: '  I learned to ship  ',
        ...input,
      }),
    );
  return { ...f, submit };
}

describe('SubmitSelfEvaluationHandler', () => {
  it('saves the self-evaluation under the clock lock and appends EvaluationSubmitted.v1 without the reflections', async () => {
    const { db, outbox, dataSource, submit } = setup();

    const saved = await submit();

    expect(saved.id).toMatch(UUID);
    expect(saved).toMatchObject({
      cohortId: 'c-1',
      internId: 'ada',
      authorId: 'ada',
      kind: 'SELF',
      cycle: 'MIDPOINT',
      averageScore: 4.17,
      reflections: 'I learned to ship',
      programNps: null,
      decision: null,
      submittedAt: NOW,
      updatedAt: NOW,
      revision: 1,
    });
    expect(dataSource.transactions).toBe(1);
    expect(db.locks).toEqual(['clock:c-1', 'evaluation:SELF/MIDPOINT']);
    expect(db.state.evaluations).toEqual([saved]);
    expect(outbox.events).toEqual([selfEvaluationSubmitted(saved.id, 'MIDPOINT')]);
    expect(JSON.stringify(outbox.events)).not.toContain('ship');
  });

  it('takes the program NPS at the final self-evaluation and keeps it in the service', async () => {
    const { db, outbox, submit, setWeek } = setup();
    setWeek(12);

    const saved = await submit({ cycle: 'FINAL', programNps: 9 });

    expect(db.state.evaluations.map((e) => [e.cycle, e.programNps])).toEqual([['FINAL', 9]]);
    expect(outbox.events).toEqual([selfEvaluationSubmitted(saved.id, 'FINAL')]);
  });

  it('an edit while the window is open revises the same evaluation and publishes it again', async () => {
    const { db, outbox, clock, submit } = setup();
    const first = await submit();
    clock.current = new Date('2027-07-15T08:00:00Z');

    const edited = await submit({ scores: SCORES.map((s) => ({ ...s, score: 5 })), reflections: 'Even better' });

    expect(edited).toMatchObject({
      id: first.id,
      averageScore: 5,
      reflections: 'Even better',
      submittedAt: NOW,
      updatedAt: clock.current,
      revision: 2,
    });
    expect(db.state.evaluations).toEqual([edited]);
    expect(outbox.types()).toEqual([EvaluationSubmittedV1.type, EvaluationSubmittedV1.type]);
    expect(outbox.dataOf(EvaluationSubmittedV1).map((d) => d.averageScore)).toEqual([4.17, 5]);
  });

  it('scores against the cohort’s tailored program rubric', async () => {
    const { db, outbox, submit } = setup();
    const criterion = { ...PROGRAM_RUBRIC.criteria[0]!, key: 'DATA_ENGINEERING' };
    db.state.rubrics.push({
      cohortId: 'c-1',
      kind: 'PROGRAM',
      rubric: { ...PROGRAM_RUBRIC, criteria: [criterion] },
      tailoredBy: 'pm-1',
      tailoredAt: new Date('2027-06-01T00:00:00Z'),
    });

    const refused = await submit().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).violations[0]!.field).toBe('scores[0].competency');
    expect(outbox.events).toEqual([]);

    const saved = await submit({ scores: [{ competency: 'DATA_ENGINEERING', score: 2 }] });
    expect(saved).toMatchObject({ averageScore: 2, scores: [{ competency: 'DATA_ENGINEERING', score: 2 }] });
    expect(db.state.evaluations).toHaveLength(1);
  });

  it('refuses input that is bad on its own before opening a transaction, naming every bad field', async () => {
    const { db, expectNoTransaction, submit } = setup();
    const before = db.tables();

    expect(
      await refusedFields(
        submit({
          scores: [{ competency: 'CHARISMA', score: 6, comment: 'x'.repeat(2_001) }],
          reflections: '   ',
          programNps: 7,
        }),
      ),
    ).toEqual(['scores[0].comment', 'reflections', 'programNps']);
    expectNoTransaction(before);

    expect(await refusedFields(submit({ cycle: 'MID' }))).toEqual(['cycle']);

    expect(await refusedFields(submit({ cycle: 'FINAL' }))).toEqual(['programNps']);

    const blankIntern = await submit({}, '  ').catch((e: unknown) => e);
    expect(blankIntern).toBeInstanceOf(ValidationError);
    expect((blankIntern as ValidationError).violations).toEqual([{ field: 'internId', message: 'is required' }]);

    expectNoTransaction(before);
  });

  it('refuses bad input of an unknown intern as bad input too, before opening a transaction', async () => {
    const { dataSource, submit } = setup();

    expect(await refusedFields(submit({ reflections: '' }, 'nobody'))).toEqual(['reflections']);
    expect(dataSource.transactions).toBe(0);
  });

  it('checks the scores against the cohort’s rubric inside the transaction, naming every bad field, writing nothing', async () => {
    const { db, outbox, dataSource, submit } = setup();
    const before = db.tables();

    expect(await refusedFields(submit({ scores: [{ competency: 'CHARISMA', score: 6 }] }))).toEqual([
      'scores[0].competency',
      'scores[0].score',
      'scores',
    ]);
    expect(dataSource.transactions).toBe(1);
    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });

  it('refuses outside the window with CONFLICT naming it; an edit after it closed changes nothing', async () => {
    const { db, outbox, submit, setWeek } = setup();
    setWeek(5);
    const early = await submit().catch((e: unknown) => e);
    expect(early).toBeInstanceOf(EvaluationWindowNotOpenError);
    expect((early as Error).message).toMatch(
      /^the MIDPOINT evaluation window \(week 6, 2027-07-12 – 2027-07-18\) of intern ada has not opened yet/,
    );
    expect(db.state.evaluations).toEqual([]);

    setWeek(6);
    await submit();
    setWeek(7);
    const before = db.tables();
    await expect(submit({ reflections: 'Too late' })).rejects.toThrow(/has closed/);
    expect(db.tables()).toEqual(before);
    expect(db.state.evaluations[0]).toMatchObject({ reflections: 'I learned to ship', revision: 1 });
    expect(outbox.events).toHaveLength(1);
  });

  it('refuses an ended enrollment with CONFLICT and an unknown intern with NOT_FOUND', async () => {
    const { db, outbox, submit } = setup();
    db.enroll({ internId: 'cy', cohortId: 'c-1', status: 'WITHDRAWN' });
    const before = db.tables();

    const ended = await submit({}, 'cy').catch((e: unknown) => e);
    expect(ended).toBeInstanceOf(ConflictError);
    expect((ended as Error).message).toBe('your enrollment in cohort c-1 is WITHDRAWN: self-evaluations are closed');
    await expect(submit({}, 'nobody')).rejects.toBeInstanceOf(NotFoundError);

    expect(db.tables()).toEqual(before);
    expect(outbox.events).toEqual([]);
  });
});
