import { describe, expect, it } from '@jest/globals';
import { EvaluationSubmittedV1, FinalOutcomeRecordedV1, MidpointDecisionMadeV1 } from '#contracts';
import { ForbiddenError, NotFoundError } from '#ddd';
import { PROGRAM_RUBRIC } from '../../../rubrics/domain/default-rubrics.js';
import type { MentorEvaluationInput } from '../../domain/evaluation.js';
import { midpointFakes, refusedFields } from '../testing/fakes.js';
import { SubmitMentorEvaluationCommand } from './submit-mentor-evaluation.command.js';
import { SubmitMentorEvaluationHandler } from './submit-mentor-evaluation.handler.js';

const NOW = new Date('2027-07-13T10:00:00Z'); // week 6 of a cohort starting 2027-06-07: the midpoint window

function setup() {
  const f = midpointFakes(NOW);
  const handler = f.build(SubmitMentorEvaluationHandler);
  const submit = (
    input: Partial<MentorEvaluationInput> = {},
    mentorId = 'grace',
    internId = 'ada',
    roles: string[] = ['MENTOR'],
  ) =>
    handler.execute(
      new SubmitMentorEvaluationCommand(
        internId,
        {
          cycle: 'MIDPOINT',
          scores: PROGRAM_RUBRIC.criteria.map((c) => ({ competency: c.key, score: 4 })),
          sharedComments: 'Keep going',
          privateComments: 'Strong hire signal',
          decision: 'EXTEND',
          extensionWeeks: 2,
          ...input,
        },
        mentorId,
        roles,
      ),
    );
  const asManager = (input: Partial<MentorEvaluationInput> = {}) => submit(input, 'pm-1', 'ada', ['PROGRAM_MANAGER']);
  /** Grace is no longer Ada's mentor (the mentors service ends assignments with the enrollment). */
  const unassign = () => (f.db.state.assignments[0]!.unassigned = true);
  return { ...f, submit, asManager, unassign };
}

describe('SubmitMentorEvaluationHandler', () => {
  it('saves the evaluation and appends EvaluationSubmitted and MidpointDecisionMade in one transaction', async () => {
    const { db, outbox, dataSource, submit } = setup();
    const saved = await submit();
    expect(saved).toMatchObject({
      cohortId: 'c-1',
      internId: 'ada',
      authorId: 'grace',
      decision: 'EXTEND',
      extensionWeeks: 2,
      averageScore: 4,
    });
    expect(dataSource.transactions).toBe(1);
    expect(db.locks).toEqual(['evaluation:MENTOR/MIDPOINT', 'clock:c-1']);
    expect(db.state.evaluations).toEqual([saved]);
    expect(outbox.types()).toEqual([EvaluationSubmittedV1.type, MidpointDecisionMadeV1.type]);
    expect(outbox.dataOf(MidpointDecisionMadeV1)).toEqual([
      {
        evaluationId: saved.id,
        cohortId: 'c-1',
        internId: 'ada',
        mentorId: 'grace',
        decision: 'EXTEND',
        extensionWeeks: 2,
        revision: 1,
        recordedBy: { id: 'grace', role: 'MENTOR' },
      },
    ]);
    expect(outbox.events.every((e) => e.subject === 'ada')).toBe(true);
    expect(JSON.stringify(outbox.events)).not.toContain('Strong hire signal');
  });

  it('publishes FinalOutcomeRecorded with the return offer at the final evaluation', async () => {
    const { outbox, submit, setWeek } = setup();
    setWeek(12);
    await submit({ cycle: 'FINAL', decision: 'PASS', extensionWeeks: null, returnOffer: 'STRONG_YES' });
    expect(outbox.types()).toEqual([EvaluationSubmittedV1.type, FinalOutcomeRecordedV1.type]);
    expect(outbox.dataOf(FinalOutcomeRecordedV1)).toMatchObject([{ outcome: 'PASS', returnOffer: 'STRONG_YES' }]);
  });

  it('a correction while the window is open publishes EvaluationSubmitted, and the decision only when it changed', async () => {
    const { db, outbox, submit } = setup();
    await submit();
    // The cohorts service applied the extension meanwhile: it is not counted twice against the 5 weeks.
    db.state.interns[0]!.extensions = [
      { eventId: 'x', weeks: 2, afterWeek: 6 },
      { eventId: 'y', weeks: 3, afterWeek: 7 },
    ];
    const edited = await submit({
      scores: PROGRAM_RUBRIC.criteria.map((c) => ({ competency: c.key, score: 5 })),
    });
    expect(edited).toMatchObject({ revision: 2, averageScore: 5 });
    expect(outbox.types()).toEqual([
      EvaluationSubmittedV1.type,
      MidpointDecisionMadeV1.type,
      EvaluationSubmittedV1.type,
    ]);
    const corrected = await submit({ decision: 'CONTINUE', extensionWeeks: null });
    expect(corrected).toMatchObject({ revision: 3, decision: 'CONTINUE', extensionWeeks: null, id: edited.id });
    expect(outbox.dataOf(MidpointDecisionMadeV1).at(-1)).toMatchObject({
      evaluationId: edited.id,
      decision: 'CONTINUE',
      extensionWeeks: null,
      revision: 3,
      recordedBy: { id: 'grace', role: 'MENTOR' },
    });
    expect(db.state.evaluations).toHaveLength(1);
  });

  it('refuses an EXTEND over the 5-week total naming extensionWeeks; the corrected EXTEND does not count', async () => {
    const { db, outbox, submit } = setup();
    db.state.interns[0]!.extensions = [{ eventId: 'pm', weeks: 4, afterWeek: 6 }];
    expect(await refusedFields(submit({ extensionWeeks: 2 }))).toEqual(['extensionWeeks']);
    expect(db.state.evaluations).toEqual([]);
    expect(outbox.events).toEqual([]);
    await submit({ extensionWeeks: 1 });
    // Cohorts applied it: 5 weeks in total, of which 1 is this evaluation's.
    db.state.interns[0]!.extensions.push({ eventId: 'mid', weeks: 1, afterWeek: 6 });
    expect(await refusedFields(submit({ extensionWeeks: 2 }))).toEqual(['extensionWeeks']);
    await expect(submit({ extensionWeeks: 1, sharedComments: 'Still one week' })).resolves.toMatchObject({
      revision: 2,
    });
  });

  it('counts against a corrected EXTEND only the extension it was granted, not one still to come', async () => {
    const { db, submit } = setup();
    db.state.interns[0]!.extensions = [{ eventId: 'pm', weeks: 3, afterWeek: 6, source: 'PROGRAM_MANAGER' }];
    await submit({ extensionWeeks: 1 });
    // Not applied by the cohorts service yet: correcting to 3 weeks would make 6 in total.
    expect(await refusedFields(submit({ extensionWeeks: 3 }))).toEqual(['extensionWeeks']);
    // Applied: it is replaced by the correction, so 2 weeks fit (3 + 2).
    db.state.interns[0]!.extensions.push({ eventId: 'mid', weeks: 1, afterWeek: 6, source: 'MIDPOINT_DECISION' });
    await expect(submit({ extensionWeeks: 2 })).resolves.toMatchObject({ extensionWeeks: 2, revision: 2 });
    expect(await refusedFields(submit({ extensionWeeks: 3 }))).toEqual(['extensionWeeks']);
  });

  it('lets a program manager submit or correct once the window opened, recorded as such', async () => {
    const { db, outbox, submit, asManager, setWeek } = setup();
    setWeek(5);
    await expect(asManager()).rejects.toThrow(/has not opened yet/);
    setWeek(6);
    await submit();
    setWeek(8);
    // The window closed: the mentor may no longer correct, a program manager may.
    await expect(submit({ decision: 'CONTINUE', extensionWeeks: null })).rejects.toThrow(/has closed/);
    const corrected = await asManager({ decision: 'CONTINUE', extensionWeeks: null });
    expect(corrected).toMatchObject({
      revision: 2,
      decision: 'CONTINUE',
      authorId: 'grace',
      recordedBy: { id: 'pm-1', role: 'PROGRAM_MANAGER' },
    });
    expect(outbox.dataOf(MidpointDecisionMadeV1).at(-1)).toMatchObject({
      mentorId: 'grace',
      revision: 2,
      recordedBy: { id: 'pm-1', role: 'PROGRAM_MANAGER' },
    });
    await expect(submit({}, 'pm-1', 'nobody', ['PROGRAM_MANAGER'])).rejects.toBeInstanceOf(NotFoundError);
    // A missed FINAL recorded late, for an intern with no primary mentor any more: the PM is the author.
    db.state.assignments[0]!.unassigned = true;
    setWeek(13);
    const final = await asManager({ cycle: 'FINAL', decision: 'PASS', extensionWeeks: null, returnOffer: 'YES' });
    expect(final).toMatchObject({ revision: 1, authorId: 'pm-1', recordedBy: { id: 'pm-1', role: 'PROGRAM_MANAGER' } });
    expect(outbox.dataOf(FinalOutcomeRecordedV1)).toMatchObject([{ mentorId: 'pm-1', outcome: 'PASS', revision: 1 }]);
  });

  it('refuses anyone but the primary mentor, an unknown intern and bad input, writing nothing', async () => {
    const { db, outbox, submit, unassign } = setup();
    const before = db.tables();
    const stranger = await submit({}, 'alan').catch((e: unknown) => e);
    expect(stranger).toBeInstanceOf(ForbiddenError);
    // An intern who does not exist, or has no primary mentor yet, answers exactly the same: no probing.
    const unknown = await submit({}, 'grace', 'nobody').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ForbiddenError);
    expect((unknown as Error).message).toBe((stranger as Error).message.replace('ada', 'nobody'));
    expect(await refusedFields(submit({ extensionWeeks: 6, returnOffer: 'YES' }))).toEqual([
      'extensionWeeks',
      'returnOffer',
    ]);
    unassign();
    const noPrimary = await submit().catch((e: unknown) => e);
    expect(noPrimary).toBeInstanceOf(ForbiddenError);
    expect((noPrimary as Error).message).toBe((stranger as Error).message);
    expect(db.state.evaluations).toEqual(before.evaluations);
    expect(outbox.events).toEqual([]);
  });

  it('refuses an evaluation outside the window, or of an ended enrollment, with CONFLICT', async () => {
    const { db, outbox, submit, setWeek, unassign } = setup();
    setWeek(5);
    await expect(submit()).rejects.toThrow(
      /the MIDPOINT evaluation window \(week 6, 2027-07-12 – 2027-07-18\) of intern ada has not opened yet/,
    );
    setWeek(7);
    await expect(submit()).rejects.toThrow(/has closed/);
    setWeek(6);
    db.state.interns[0]!.status = 'TERMINATED';
    unassign();
    await expect(submit()).rejects.toThrow(/is TERMINATED: there is nothing left to evaluate/);
    expect(outbox.events).toEqual([]);
  });
});
