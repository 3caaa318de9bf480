import type { InputOf } from './client.js';
import { bump, type Run } from './context.js';
import { GQL } from './operations.js';
import type { SimIntern } from './plan.js';
import { addDays, SimulationStepError } from './support.js';

type CheckIn = Omit<InputOf<typeof GQL.logCheckIn>, 'internId'>;

const PROGRESS_WORDS = ['ON_TRACK', 'ON_TRACK', 'ON_TRACK', 'AHEAD', 'AT_RISK'];

/** The mentors service has consumed CohortWeekStarted(week): the week's check-in is DUE for an intern in the program. */
export function mentorsSee(run: Run, week: number): Promise<true> {
  const probe = run.inProgram().find((i) => i.mentorId && !i.skipWeeks.has(week)) ?? run.inProgram()[0];
  return run.poll(
    `the mentors service to consume CohortWeekStarted week ${week} (checkInStatus DUE for ${probe.id})`,
    GQL.checkInStatus,
    { id: probe.id, week },
    (intern) => (intern?.checkInStatus?.state === 'DUE' ? true : undefined),
  );
}

/** The primary mentor logs `i`'s check-in of `week`, which must land in that week. */
async function logCheckIn(run: Run, i: SimIntern, week: number, checkIn: CheckIn): Promise<void> {
  const logged = await run.client.call(
    `logCheckIn week ${week} ${i.mentorId} → ${i.id}`,
    run.mentorToken(i.mentorId),
    GQL.logCheckIn,
    { input: { internId: i.id, ...checkIn } },
  );
  if (logged.week !== week) {
    throw new SimulationStepError(
      `logCheckIn week ${week} for ${i.id}`,
      `  the check-in was placed in week ${logged.week}`,
    );
  }
  run.did.checkIns++;
  bump(run.did.checkInsByIntern, i.id);
}

/** The week's check-ins of every pair in the program, but those the plan skips; gives how many. */
export async function checkIns(run: Run, week: number): Promise<number> {
  const due = run.inProgram().filter((i) => i.mentorId && !i.skipWeeks.has(week));
  await run.all(due, (i) =>
    logCheckIn(run, i, week, {
      occurredOn: addDays(run.weekStart(week), 1 + ((i.id.length + week) % 3)),
      durationMinutes: 30 + 15 * (week % 3),
      format: week % 2 ? 'video call' : 'in person',
      progress: PROGRESS_WORDS[(week + i.name.length) % PROGRESS_WORDS.length],
      notes: `Week ${week}: progress on the project reviewed`,
      privateNotes: `Week ${week}: private note about ${i.id}`,
      blockers: week % 4 === 0 ? ['Waiting for data access'] : [],
      actionItems: [`Plan for week ${week + 1}`],
    }),
  );
  return due.length;
}

/** The extended intern's check-ins in the weeks after the cohort's last. */
export async function extensionCheckIns(run: Run, i: SimIntern, fromWeek: number): Promise<void> {
  for (let week = fromWeek; week <= i.finalWeek; week++) {
    await logCheckIn(run, i, week, {
      occurredOn: addDays(run.weekStart(week), 1),
      durationMinutes: 30,
      format: 'video call',
      progress: 'ON_TRACK',
      notes: `Extension week ${week}`,
    });
  }
}
