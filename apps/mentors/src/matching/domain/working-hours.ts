import { addDays, dayOfWeek, zoneOffsetMinutes } from '#ddd';

/**
 * Working-hours overlap between two people in (possibly) different time zones, over the weekdays
 * of a cohort's program. Everyone is assumed to work 09:00–17:00 local time, Monday to Friday of
 * their own calendar. Offsets are taken per day from the platform's Intl data, so weeks on either
 * side of a daylight-saving change get their own overlap (London–New York is 3 h most of the year
 * and 4 h in the weeks when only one of them has changed its clocks).
 */
export const WORKDAY_START_HOUR = 9;
export const WORKDAY_END_HOUR = 17;
export const WORKDAY_HOURS = WORKDAY_END_HOUR - WORKDAY_START_HOUR;

const HOUR_MS = 3_600_000;

/** The program days a calendar covers: `weeks` weeks of seven days from `startDate` (a Monday). */
export interface ProgramSpan {
  startDate: string;
  weeks: number;
}

export interface OverlapSummary {
  /** Average overlap per working day over the whole program, in hours. */
  averageHours: number;
  /** The lowest and the highest weekly average (per working day): they differ around DST changes. */
  minWeeklyHours: number;
  maxWeeklyHours: number;
  /** Overlap per program week, average per working day, in hours (index 0 is week 1). */
  weeklyHours: number[];
}

/**
 * Zone offsets memoised per zone and UTC hour: matching a whole cohort asks for the same few zones
 * and days thousands of times (libs/ddd keeps one Intl formatter per zone).
 */
const offsetMemo = new Map<string, number>();
const MAX_MEMO = 200_000;

/**
 * Offset of `timeZone` from UTC at an instant (minutes, east positive), read at the start of the
 * instant's UTC hour and memoised per hour: exact for every working hour (zones change their
 * clocks at night), approximate only inside the hour of a half-hour-aligned transition.
 */
export function offsetMinutesAt(instantMs: number, timeZone: string): number {
  const hour = Math.floor(instantMs / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  const memo = offsetMemo.get(key);
  if (memo !== undefined) return memo;
  const offset = zoneOffsetMinutes(new Date(hour * HOUR_MS), timeZone);
  if (offsetMemo.size >= MAX_MEMO) offsetMemo.clear();
  offsetMemo.set(key, offset);
  return offset;
}

/** The UTC instant of a local wall-clock hour on a calendar date in a zone (DST-aware). */
export function localHourToInstant(date: string, hour: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + hour * HOUR_MS;
  let guess = wall - offsetMinutesAt(wall, timeZone) * 60_000;
  guess = wall - offsetMinutesAt(guess, timeZone) * 60_000;
  return guess;
}

/** The local dates from the day before the program to the day after it, and which are weekdays. */
export interface ProgramDays {
  dates: string[];
  weekday: boolean[];
}

export function programDays(span: ProgramSpan): ProgramDays {
  const dates: string[] = [];
  const weekday: boolean[] = [];
  for (let i = 0; i < span.weeks * 7 + 2; i++) {
    const date = addDays(span.startDate, i - 1);
    const dow = dayOfWeek(date);
    dates.push(date);
    weekday.push(dow !== 0 && dow !== 6);
  }
  return { dates, weekday };
}

/**
 * Each local date's working window in UTC milliseconds, for the dates from the day before the
 * program to the day after it (index 0 is `startDate - 1`); NaN on Saturdays and Sundays.
 */
export function workingWindows(
  span: ProgramSpan,
  timeZone: string,
  days: ProgramDays = programDays(span),
): Float64Array {
  const out = new Float64Array(days.dates.length * 2);
  for (let i = 0; i < days.dates.length; i++) {
    if (!days.weekday[i]) {
      out[2 * i] = Number.NaN;
      out[2 * i + 1] = Number.NaN;
      continue;
    }
    // No zone changes its clocks between 09:00 and 17:00, so one offset serves the whole window.
    const start = localHourToInstant(days.dates[i]!, WORKDAY_START_HOUR, timeZone);
    out[2 * i] = start;
    out[2 * i + 1] = start + WORKDAY_HOURS * HOUR_MS;
  }
  return out;
}

function intersect(a: Float64Array, i: number, b: Float64Array, j: number): number {
  const s = Math.max(a[2 * i]!, b[2 * j]!);
  const e = Math.min(a[2 * i + 1]!, b[2 * j + 1]!);
  return e > s ? e - s : 0; // NaN compares false: weekends give 0
}

/**
 * How many working hours two people share, from their working windows (see `workingWindows`, same
 * span). The first person's days are the program days; each is compared with the other person's
 * same, previous and next local day, so that overlaps across the date line count too.
 */
export function overlapOfWindows(a: Float64Array, b: Float64Array, weeks: number): OverlapSummary {
  const weeklyHours: number[] = [];
  let total = 0;
  for (let w = 0; w < weeks; w++) {
    let weekMs = 0;
    for (let d = 0; d < 7; d++) {
      const i = 1 + w * 7 + d;
      weekMs += intersect(a, i, b, i - 1) + intersect(a, i, b, i) + intersect(a, i, b, i + 1);
    }
    total += weekMs;
    weeklyHours.push(weekMs / HOUR_MS / 5);
  }
  return {
    averageHours: weeks > 0 ? total / HOUR_MS / (5 * weeks) : 0,
    minWeeklyHours: weeklyHours.length ? Math.min(...weeklyHours) : 0,
    maxWeeklyHours: weeklyHours.length ? Math.max(...weeklyHours) : 0,
    weeklyHours,
  };
}

/** Working-hours overlap of two zones over a program (average hours per working day, and by week). */
export function workingHoursOverlap(span: ProgramSpan, zoneA: string, zoneB: string): OverlapSummary {
  return overlapOfWindows(workingWindows(span, zoneA), workingWindows(span, zoneB), span.weeks);
}

/**
 * Overlaps for every pair of zones that occur, each computed once: a cohort of hundreds of people
 * usually works from a few dozen zones.
 */
export class ZoneOverlapTable {
  private readonly windows = new Map<string, Float64Array>();
  private readonly pairs = new Map<string, OverlapSummary>();
  private readonly days: ProgramDays;

  constructor(private readonly span: ProgramSpan) {
    this.days = programDays(span);
  }

  overlap(zoneA: string, zoneB: string): OverlapSummary {
    const key = `${zoneA}\u0000${zoneB}`;
    let summary = this.pairs.get(key);
    if (!summary) {
      summary = overlapOfWindows(this.windowsOf(zoneA), this.windowsOf(zoneB), this.span.weeks);
      this.pairs.set(key, summary);
    }
    return summary;
  }

  private windowsOf(zone: string): Float64Array {
    let w = this.windows.get(zone);
    if (!w) {
      w = workingWindows(this.span, zone, this.days);
      this.windows.set(zone, w);
    }
    return w;
  }
}
