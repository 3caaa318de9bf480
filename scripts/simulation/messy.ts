import { codesOf, windowNotYetOpen, type Answer } from './client.js';
import type { Run } from './context.js';
import { evaluationWindow, pairsOf, scoresFrom, selfEvaluations } from './evaluations.js';
import { finalEvaluation, finals, presentationsWeekOf } from './final.js';
import { allPages, GQL, type Cycle, type MidpointDecision } from './operations.js';
import { type Plan, type SimIntern, WEEKS } from './plan.js';
import { openAndBook, scorePanels } from './presentations.js';
import { addDays, brief, SimulationStepError } from './support.js';
import { rsvp, type Talk } from './tech-talks.js';

/**
 * The messy scenario (`npm run simulate -- --scenario messy`, SPEC 7 "Off the happy path"): the
 * happy program's phases, with one intern each for what goes wrong, and the PM's ways out.
 */

/** The PM's extension of the over-cap intern, and the midpoint EXTEND then refused. */
export const PM_EXTENSION_WEEKS = 4;
export const REFUSED_EXTEND_WEEKS = 2;
/** The EXTEND that is corrected to CONTINUE. */
export const CORRECTED_EXTEND_WEEKS = 2;

/** Who the scenario's off-path cases happen to. */
export interface Cast {
  /** Their mentor misses the MIDPOINT and FINAL windows; a PM records both late. */
  late: SimIntern;
  /** Their midpoint EXTEND is corrected to CONTINUE by the mentor while the window is open. */
  corrected: SimIntern;
  /** Extended 4 weeks by the PM, then a midpoint EXTEND of 2 is refused (5 weeks at most): CONTINUE. */
  overCap: SimIntern;
  /** Withdrawn in week 3, reinstated the same week. */
  returning: SimIntern;
  /** Their presentation slot is closed under them; they book another. */
  rebooker: SimIntern;
}

/** What the run saw on the way, for the checks at the end. */
export interface Observed {
  /** The answer to the over-cap EXTEND: its error codes and the fields they name. */
  refusal: { codes: (string | undefined)[]; fields: string[] } | null;
  /** The late intern was shown as awaiting their final outcome after their program ended. */
  awaitingSeen: boolean;
  /** The mentors service gave the returning intern their mentor back on reinstatement. */
  mentorsRestored: boolean;
  renamedTo: string;
  capacity: number;
  moved: Talk | null;
  cancelled: Talk | null;
  rsvped: Map<string, string[]>;
  /** The slot closed under the rebooker. */
  closedSlotId: string | null;
}

export const newObserved = (): Observed => ({
  refusal: null,
  awaitingSeen: false,
  mentorsRestored: false,
  renamedTo: '',
  capacity: 0,
  moved: null,
  cancelled: null,
  rsvped: new Map(),
  closedSlotId: null,
});

/**
 * The happy plan recast: the over-cap intern is the one extended (role EXTEND, so that the happy
 * scenario's extendedIntern phase runs their later weeks), every other intern regular; everyone
 * gets a final evaluation (the happy plan's TERMINATE intern has none) and the first interns RSVP
 * to both talks.
 */
export function castOf(plan: Plan): Cast {
  const [late, corrected, overCap, returning, rebooker] = plan.interns;
  const template = plan.interns.find((i) => i.final)?.final;
  if (!template) throw new Error('the plan has no final evaluations');
  for (const i of plan.interns) {
    i.role = i === overCap ? 'EXTEND' : 'REGULAR';
    i.midpoint = { ...i.midpoint, decision: 'CONTINUE' };
    i.final ??= { ...template, decision: 'PASS', offer: 'YES' };
  }
  for (const i of [late, corrected, returning]) i.talkRsvp = [true, true];
  return { late, corrected, overCap, returning, rebooker };
}

/** Whether an awaited effect arrived (`run.until`), logged when it did not: the checks at the end tell. */
async function arrives(waiting: Promise<unknown>, run: Run): Promise<boolean> {
  try {
    await waiting;
    return true;
  } catch (err) {
    run.log(`  (not seen: ${(err as Error).message.split('\n')[0]})`);
    return false;
  }
}

const failedUnless = (what: string, ok: boolean, answer: unknown) => {
  if (!ok) throw new SimulationStepError(what, `  answer: ${brief(answer)}`);
};

/** Week 1: the PM renames the cohort and raises its capacity (updateCohort while IN_PROGRESS). */
export async function updateCohort(run: Run, seen: Observed): Promise<string> {
  const name = `Simulated cohort ${run.plan.runTag} (messy, renamed)`;
  const capacity = run.plan.interns.length + 2;
  const updated = await run.client.call('updateCohort', run.pm, GQL.updateCohort, {
    input: { cohortId: run.cohortId, name, capacity },
  });
  failedUnless('updateCohort', updated.name === name && updated.capacity === capacity, updated);
  seen.renamedTo = name;
  seen.capacity = capacity;
  return `cohort renamed “${name}”, capacity ${capacity}`;
}

/** Week 2, after the RSVPs: the first talk moves to Thursday 15:00 UTC for 45 minutes. */
export async function moveTalk(run: Run, talk: Talk, seen: Observed): Promise<string> {
  seen.rsvped.set(
    talk.id,
    run.plan.interns.filter((i) => i.talkRsvp[0]).map((i) => i.id),
  );
  const startsAt = `${addDays(run.weekStart(talk.week), 3)}T15:00:00.000Z`;
  const moved = await run.client.call(`rescheduleTechTalk ${talk.id}`, run.pm, GQL.rescheduleTechTalk, {
    input: { talkId: talk.id, startsAt, durationMinutes: 45 },
  });
  failedUnless(`rescheduleTechTalk ${talk.id}`, Date.parse(moved.startsAt) === Date.parse(startsAt), moved);
  seen.moved = { ...talk, startsAt };
  return `“${talk.title}” moved from ${talk.startsAt} to ${startsAt}`;
}

/** Week 4: the moved talk's attendance. */
export async function talkAttendance(run: Run, talk: Talk): Promise<string> {
  const attendees = run.plan.interns.filter((i) => i.talkAttend[0]);
  const recorded = await run.client.call(`recordTalkAttendance ${talk.id}`, run.pm, GQL.recordTalkAttendance, {
    input: { talkId: talk.id, internIds: attendees.map((i) => i.id) },
  });
  failedUnless(`recordTalkAttendance ${talk.id}`, recorded.attendanceCount === attendees.length, recorded);
  return `${attendees.length} attended “${talk.title}”`;
}

/** Week 7: RSVPs to the second talk, then the PM cancels it. */
export async function cancelTalk(run: Run, talks: Talk[], seen: Observed): Promise<string> {
  const talk = talks[1];
  await rsvp(run, talks, 1);
  seen.rsvped.set(
    talk.id,
    run
      .inProgram()
      .filter((i) => i.talkRsvp[1])
      .map((i) => i.id),
  );
  const cancelled = await run.client.call(`cancelTechTalk ${talk.id}`, run.pm, GQL.cancelTechTalk, {
    input: { talkId: talk.id, reason: 'The speaker is ill' },
  });
  failedUnless(`cancelTechTalk ${talk.id}`, cancelled.status === 'CANCELLED', cancelled);
  seen.cancelled = talk;
  return `“${talk.title}” cancelled after ${seen.rsvped.get(talk.id)?.length ?? 0} RSVPs`;
}

/** The mentors the mentors service shows for `i` (PM's view). */
const mentorsOf = async (run: Run, i: SimIntern) =>
  ((await run.client.call(`intern ${i.id} mentors`, run.pm, GQL.internMentors, { id: i.id }))?.mentors ?? []).map(
    (m) => m.id,
  );

/**
 * Week 3: the returning intern is withdrawn; once the cohorts and mentors services have taken it in
 * (their mentor's assignment ended), the PM reinstates them; the run waits for the enrollment to be
 * ACTIVE again and the mentors service to give them their mentor back (else the PM assigns them again).
 */
export async function withdrawAndReinstate(run: Run, i: SimIntern, seen: Observed): Promise<string> {
  const { client, pm, cohortId } = run;
  const withdrawn = await client.call(`withdrawIntern ${i.id}`, pm, GQL.withdrawIntern, {
    input: { cohortId, internId: i.id, reason: 'Family emergency' },
  });
  failedUnless(`withdrawIntern ${i.id}`, withdrawn.status === 'WITHDRAWN', withdrawn);
  await run.until(`the mentors service to end ${i.id}'s assignments (InternWithdrawn)`, async (see) => {
    const mentors = await mentorsOf(run, i);
    see(mentors);
    return mentors.length === 0 ? true : undefined;
  });
  const back = await client.call(`reinstateIntern ${i.id}`, pm, GQL.reinstateIntern, {
    input: { cohortId, internId: i.id, reason: 'Back after the emergency' },
  });
  failedUnless(`reinstateIntern ${i.id}`, back.status === 'ACTIVE', back);
  // Not restored in time: a failed check at the end (not a failed step); the PM assigns them again.
  seen.mentorsRestored = await arrives(
    run.until(`the mentors service to give ${i.id} their mentor ${i.mentorId} back (InternReinstated)`, async (see) => {
      const mentors = await mentorsOf(run, i);
      see(mentors);
      return mentors.includes(i.mentorId) ? true : undefined;
    }),
    run,
  );
  if (!seen.mentorsRestored) {
    await client.call(`assignMentor ${i.mentorId} → ${i.id} (again)`, pm, GQL.assignMentor, {
      input: { internId: i.id, mentorId: i.mentorId, role: 'PRIMARY' },
    });
  }
  return `${i.id} withdrawn and reinstated (mentor ${seen.mentorsRestored ? 'restored' : 'assigned again by the PM'})`;
}

/** A mentor evaluation of `i` (sent by the primary mentor, or by a PM on their behalf). */
function mentorEvaluation(run: Run, i: SimIntern, cycle: Cycle, decision: MidpointDecision, weeks: number | null) {
  return {
    internId: i.id,
    cycle,
    scores: scoresFrom(run, i.midpoint.score),
    sharedComments: `Midpoint: ${decision.toLowerCase()}`,
    privateComments: `Private midpoint note on ${i.id}`,
    decision,
    extensionWeeks: weeks,
  };
}

const fieldsOf = (res: Answer<unknown>): string[] =>
  (res.errors ?? []).flatMap((e) => (e.extensions?.fields ?? []).map((f) => f.field));

/**
 * Week 6: everyone self-evaluates; the PM extends the over-cap intern by 4 weeks; the mentors
 * decide CONTINUE for the regular interns; the corrected intern's EXTEND is applied, then corrected
 * to CONTINUE (the run waits for every service to drop the extension); the over-cap intern's EXTEND
 * is refused and CONTINUE sent instead; the late intern's mentor sends nothing.
 */
export async function messyMidpoint(run: Run, cast: Cast, seen: Observed): Promise<string> {
  const { client, pm, cohortId, did } = run;
  const everyone = run.inProgram();
  await evaluationWindow(run, everyone[0], 'MIDPOINT');
  await selfEvaluations(run, everyone, 'MIDPOINT', 'Halfway: the baseline works, the session model is next.');

  const { overCap, corrected, late } = cast;
  const extended = await client.call(`extendInternship ${overCap.id}`, pm, GQL.extendInternship, {
    input: { cohortId, internId: overCap.id, weeks: PM_EXTENSION_WEEKS, reason: 'Medical leave' },
  });
  failedUnless(`extendInternship ${overCap.id}`, extended.extensionWeeks === PM_EXTENSION_WEEKS, extended);
  const overCapFinal = await evaluationWindow(
    run,
    overCap,
    'FINAL',
    (w) => w.week === WEEKS + PM_EXTENSION_WEEKS,
    `the evaluations service to move ${overCap.id}'s FINAL window by the PM's extension (InternshipExtended)`,
  );
  overCap.finalWeek = overCapFinal.week;

  const submit = async (i: SimIntern, decision: MidpointDecision, weeks: number | null = null) => {
    const input = mentorEvaluation(run, i, 'MIDPOINT', decision, weeks);
    const evaluated = await client.callWhen(
      `submitMentorEvaluation MIDPOINT ${decision} ${i.id} by ${i.mentorId}`,
      `the MIDPOINT window of ${i.id}`,
      run.mentorToken(i.mentorId),
      GQL.submitMentorEvaluation,
      { input },
      windowNotYetOpen,
    );
    return { evaluated, scores: pairsOf(input.scores) };
  };
  const regular = everyone.filter((i) => i !== late && i !== corrected && i !== overCap);
  await run.all(regular, async (i) => {
    const { evaluated, scores } = await submit(i, 'CONTINUE');
    did.midpoints.push({ internId: i.id, decision: evaluated.decision, scores });
  });

  // EXTEND, applied by cohorts; then corrected to CONTINUE while the window is open.
  await submit(corrected, 'EXTEND', CORRECTED_EXTEND_WEEKS);
  await run.until(`the cohorts service to extend ${corrected.id} by ${CORRECTED_EXTEND_WEEKS} weeks`, async (see) => {
    const x = (await run.enrollments()).get(corrected.id);
    see(x);
    return x?.extensionWeeks === CORRECTED_EXTEND_WEEKS ? true : undefined;
  });
  const correction = await submit(corrected, 'CONTINUE');
  did.midpoints.push({ internId: corrected.id, decision: correction.evaluated.decision, scores: correction.scores });
  await run.until(`the cohorts service to revoke ${corrected.id}'s extension (the EXTEND corrected)`, async (see) => {
    const x = (await run.enrollments()).get(corrected.id);
    see(x);
    return x?.extensionWeeks === 0 ? true : undefined;
  });
  await evaluationWindow(
    run,
    corrected,
    'FINAL',
    (w) => w.week === WEEKS,
    `the evaluations service to move ${corrected.id}'s FINAL window back to week ${WEEKS}`,
  );

  // Over the 5-week total: refused when submitted, nothing changed; then CONTINUE.
  const refused = await client.send(run.mentorToken(overCap.mentorId), GQL.submitMentorEvaluation, {
    input: mentorEvaluation(run, overCap, 'MIDPOINT', 'EXTEND', REFUSED_EXTEND_WEEKS),
  });
  // Accepted instead (evaluations not knowing the PM's weeks): cohorts refuses it later, and the checks look for that.
  seen.refusal = { codes: codesOf(refused), fields: fieldsOf(refused) };
  const cont = await submit(overCap, 'CONTINUE');
  did.midpoints.push({ internId: overCap.id, decision: cont.evaluated.decision, scores: cont.scores });
  overCap.milestones = await run.poll(
    `the scoping service to move ${overCap.id}'s milestones by the PM's extension (InternshipExtended)`,
    GQL.project,
    { id: overCap.projectId },
    (p) =>
      p?.programWeeks === WEEKS + PM_EXTENSION_WEEKS
        ? p.milestones.map(({ id, title, dueWeek }) => ({ id, title, dueWeek }))
        : undefined,
  );
  return `midpoint: ${everyone.length} self-evaluations; ${overCap.id} extended ${PM_EXTENSION_WEEKS} weeks by the PM, its EXTEND ${REFUSED_EXTEND_WEEKS} answered ${brief(seen.refusal)}; ${corrected.id} EXTEND → CONTINUE; no mentor evaluation of ${late.id}`;
}

/** Week 7: the late intern's MIDPOINT window has closed unrecorded; a PM records CONTINUE on the mentor's behalf. */
export async function lateMidpoint(run: Run, late: SimIntern): Promise<string> {
  await evaluationWindow(run, late, 'MIDPOINT', (w) => w.status === 'CLOSED');
  const input = mentorEvaluation(run, late, 'MIDPOINT', 'CONTINUE', null);
  const evaluated = await run.client.call(
    `submitMentorEvaluation MIDPOINT CONTINUE ${late.id} by a PM (late)`,
    run.pm,
    GQL.submitMentorEvaluation,
    { input },
  );
  run.did.midpoints.push({ internId: late.id, decision: evaluated.decision, scores: pairsOf(input.scores) });
  return `the PM recorded ${late.id}'s midpoint late (window closed)`;
}

/**
 * Week 12: slots opened and booked (the over-cap intern's in their own presentations week); the
 * rebooker's slot is closed and they book another; panels score; final evaluations of all but the
 * late intern (whose mentor misses the window; they self-evaluate) and the over-cap intern.
 */
export async function messyFinals(run: Run, cast: Cast, seen: Observed): Promise<string> {
  const { client, pm, cohortId } = run;
  const { overCap, late, rebooker } = cast;
  const presenters = run.inProgram().filter((i) => i !== overCap);
  await evaluationWindow(run, presenters[0], 'FINAL');
  const monday = run.weekStart(WEEKS);
  await openAndBook(run, presenters, (k) => {
    const minutes = 7 * 60 + (k % 20) * 30;
    return {
      day: addDays(monday, 1 + Math.floor(k / 20)),
      time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
    };
  });
  const ownWeek = await presentationsWeekOf(run, overCap);
  await openAndBook(run, [overCap], () => ({ day: addDays(ownWeek, 1), time: '10:00' }));

  // The rebooker's slot is closed under them: they are told, and book another.
  const closing = rebooker.slot;
  if (!closing) throw new SimulationStepError('closePresentationSlot', `  ${rebooker.id} has booked no slot`);
  const closed = await client.call(`closePresentationSlot ${closing.id}`, pm, GQL.closePresentationSlot, {
    input: { slotId: closing.id, reason: 'The room is needed for an all-hands' },
  });
  failedUnless(`closePresentationSlot ${closing.id}`, closed.status === 'CLOSED', closed);
  seen.closedSlotId = closing.id;
  const [slot] = await client.call(`openPresentationSlots (for ${rebooker.id} again)`, pm, GQL.openPresentationSlots, {
    input: {
      cohortId,
      slots: [{ startsAt: `${addDays(monday, 3)}T09:00:00.000Z`, durationMinutes: 30, panelMentorIds: closing.panel }],
    },
  });
  const rebooked = await client.call(
    `bookPresentationSlot ${slot.id} ${rebooker.id} (again)`,
    rebooker.token,
    GQL.bookPresentationSlot,
    {
      input: { slotId: slot.id },
    },
  );
  failedUnless(`bookPresentationSlot ${slot.id} (again)`, rebooked.bookedByMe, rebooked);
  rebooker.slot = { id: slot.id, panel: closing.panel };

  const scored = await scorePanels(run, presenters);
  await finals(
    run,
    presenters.filter((i) => i !== late),
  );
  await selfEvaluations(run, [late], 'FINAL', 'I learned to ship a model end to end.');
  return `presentations: ${presenters.length + 1} slots booked, ${closing.id} closed under ${rebooker.id} who booked ${slot.id}; ${scored} panel scores; ${presenters.length - 1} final evaluations (none by ${late.id}'s mentor)`;
}

/**
 * After the cohort's last week: the late intern's program has ended without a final outcome — the
 * run waits for evaluations to show them awaiting it, then a PM records it on the mentor's behalf,
 * and the enrollment completes.
 */
export async function lateFinal(run: Run, late: SimIntern, seen: Observed): Promise<string> {
  const { client, pm, did } = run;
  seen.awaitingSeen = await arrives(
    run.until(`internProgress to show ${late.id} awaiting their final outcome`, async (see) => {
      const rows = await allProgress(run);
      const row = rows.find((r) => r.internId === late.id);
      see(row);
      return row?.awaitingFinalOutcome ? true : undefined;
    }),
    run,
  );
  const input = finalEvaluation(run, late);
  const evaluated = await client.call(
    `submitMentorEvaluation FINAL ${input.decision} ${late.id} by a PM (late)`,
    pm,
    GQL.submitMentorEvaluation,
    { input: { ...input, sharedComments: 'Recorded by the program manager', privateComments: 'Mentor unavailable' } },
  );
  did.finals.push({
    internId: late.id,
    decision: evaluated.decision,
    offer: evaluated.returnOffer,
    scores: pairsOf(input.scores),
  });
  await run.until(`the cohorts service to complete ${late.id}'s enrollment (FinalOutcomeRecorded)`, async (see) => {
    const status = (await run.enrollments()).get(late.id)?.status;
    see(status);
    return status === 'COMPLETED' ? true : undefined;
  });
  did.completed.add(late.id);
  return `${late.id}: awaiting their final outcome ${seen.awaitingSeen ? 'shown' : 'NOT shown'}; recorded late by the PM; COMPLETED`;
}

/** Every intern's progress row of the cohort (evaluations' view). */
export const allProgress = (run: Run) =>
  allPages((after) => run.client.call('internProgress', run.pm, GQL.progressStates, { c: run.cohortId, after }));
