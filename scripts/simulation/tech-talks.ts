import { bump, type Run } from './context.js';
import { GQL } from './operations.js';
import { TALK_WEEKS } from './plan.js';
import { addDays, SimulationStepError } from './support.js';

export interface Talk {
  id: string;
  title: string;
  startsAt: string;
  /** The program week the talk is held in. */
  week: number;
}

/** Week 1: two tech talks, scheduled for weeks 3 and 8 (Wednesday, 14:00 UTC). */
export async function scheduleTalks(run: Run): Promise<Talk[]> {
  const talks: Talk[] = [];
  for (const [k, week] of TALK_WEEKS.entries()) {
    const talk = await run.client.call(`scheduleTechTalk week ${week}`, run.pm, GQL.scheduleTechTalk, {
      input: {
        cohortId: run.cohortId,
        title: k === 0 ? 'Ranking, retrieval; re-ranking' : 'Shipping models safely',
        speaker: k === 0 ? 'Grace Hopper' : 'Katherine Johnson',
        abstract: 'A talk of the simulated program',
        startsAt: `${addDays(run.weekStart(week), 2)}T14:00:00.000Z`,
        durationMinutes: 60,
        joinUrl: `https://meet.example.com/${run.plan.runTag}-${k}`,
      },
    });
    talks.push({ ...talk, week });
  }
  return talks;
}

/** The RSVPs the plan gives talk `k` (of the interns given). */
export async function rsvp(run: Run, talks: Talk[], k: number, interns = run.inProgram()): Promise<void> {
  const talk = talks[k];
  await run.all(
    interns.filter((i) => i.talkRsvp[k]),
    async (i) => {
      await run.client.call(`rsvpTechTalk ${talk.id} ${i.id}`, i.token, GQL.rsvpTechTalk, {
        input: { talkId: talk.id },
      });
      bump(run.did.rsvps, i.id);
    },
  );
}

/** Talks in weeks 3–12: RSVPs the week before (the first talk's in week 2), attendance the week after. */
export async function talksOfWeek(run: Run, talks: Talk[], week: number): Promise<string[]> {
  const notes: string[] = [];
  for (const [k, talk] of talks.entries()) {
    if (week === talk.week - 1 && k > 0) {
      await rsvp(run, talks, k);
      notes.push(`RSVPs to “${talk.title}”`);
    }
    if (week === talk.week + 1) {
      const attendees = run.plan.interns.filter((i) => i.talkAttend[k] && !i.terminated);
      const recorded = await run.client.call(`recordTalkAttendance ${talk.id}`, run.pm, GQL.recordTalkAttendance, {
        input: { talkId: talk.id, internIds: attendees.map((i) => i.id) },
      });
      if (recorded.attendanceCount !== attendees.length) {
        throw new SimulationStepError(
          `recordTalkAttendance ${talk.id}`,
          `  attendanceCount ${recorded.attendanceCount}, expected ${attendees.length}`,
        );
      }
      for (const i of attendees) bump(run.did.attended, i.id);
      run.did.talksHeld++;
      notes.push(`${attendees.length} attended “${talk.title}”`);
    }
  }
  return notes;
}
