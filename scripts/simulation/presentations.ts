import { panelNotYetKnown, slotNotYetKnown } from './client.js';
import type { Run } from './context.js';
import { GQL } from './operations.js';
import { finalOf, type SimIntern } from './plan.js';
import { brief, SimulationStepError } from './support.js';

/** The panel mentor's scores of the presentation criteria. */
export const panelScores = (run: Run, score: (k: number) => number) =>
  run.cohort.criteria.map((criterion, k) => ({ criterion, score: score(k) }));

/**
 * Opens a slot per presenter, with a panel of their primary mentor and one more (in batches of 50,
 * once the cohorts service knows the panel mentors), and each presenter books theirs. Gives how many.
 */
export async function openAndBook(
  run: Run,
  presenters: SimIntern[],
  dayOf: (k: number) => { day: string; time: string },
): Promise<number> {
  const { client, plan } = run;
  const slots = presenters.map((i, k) => {
    const others = plan.mentors.filter((m) => m.id !== i.mentorId);
    const second = others[k % others.length].id;
    const { day, time } = dayOf(k);
    return {
      intern: i,
      input: { startsAt: `${day}T${time}:00.000Z`, durationMinutes: 30, panelMentorIds: [i.mentorId, second] },
    };
  });
  const opened: { id: string }[] = [];
  for (let k = 0; k < slots.length; k += 50) {
    const batch = slots.slice(k, k + 50);
    const res = await client.callWhen(
      `openPresentationSlots (${batch.length})`,
      'MentorRegistered of the panel mentors in the cohorts service',
      run.pm,
      GQL.openPresentationSlots,
      { input: { cohortId: run.cohortId, slots: batch.map((s) => s.input) } },
      panelNotYetKnown,
    );
    opened.push(...res);
  }
  await run.all(slots, async (s, k) => {
    const slotId = opened[k].id;
    const booked = await client.call(
      `bookPresentationSlot ${slotId} ${s.intern.id}`,
      s.intern.token,
      GQL.bookPresentationSlot,
      {
        input: { slotId },
      },
    );
    if (!booked.bookedByMe)
      throw new SimulationStepError(`bookPresentationSlot ${slotId}`, `  answer: ${brief(booked)}`);
    s.intern.slot = { id: slotId, panel: s.input.panelMentorIds };
  });
  return slots.length;
}

const slotOf = (i: SimIntern) => {
  if (!i.slot) throw new Error(`${i.id} has booked no presentation slot`);
  return i.slot;
};

/** Every panel mentor scores the presentations of `presenters` (once evaluations knows the booking). Gives how many. */
export async function scorePanels(run: Run, presenters: SimIntern[]): Promise<number> {
  const work = presenters.flatMap((i) => slotOf(i).panel.map((mentorId) => ({ i, slot: slotOf(i), mentorId })));
  await run.all(work, async ({ i, slot, mentorId }) => {
    const final = finalOf(i);
    await run.client.callWhen(
      `scorePresentation ${slot.id} by ${mentorId}`,
      `PresentationSlotBooked of ${slot.id} in the evaluations service`,
      run.mentorToken(mentorId),
      GQL.scorePresentation,
      {
        input: {
          slotId: slot.id,
          scores: panelScores(run, (k) => Math.max(1, Math.min(5, final.score(k + 6) + ((k + mentorId.length) % 2)))),
          comments: 'Clear story, good answers',
        },
      },
      slotNotYetKnown,
    );
    run.did.panelScores++;
  });
  return work.length;
}
