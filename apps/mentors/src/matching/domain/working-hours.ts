import { addDays, dayOfWeek, Violations, zoneOffsetMinutes } from '#ddd';

/**
 * Working-hours overlap between two people in (possibly) different time zones, over the weekdays
 * of a cohort's program. Each works their own hours (a mentor's from their profile; 09:00–17:00
 * local for an intern and for a mentor without hours), Monday to Friday of their own calendar. Offsets are taken per day from the platform's Intl data, so weeks on either
 * side of a daylight-saving change get their own overlap (London–New York is 3 h most of the year
 * and 4 h in the weeks when only one of them has changed its clocks).
 */
export const WORKDAY_START_HOUR = 9;
export const WORKDAY_END_HOUR = 17;
export const WORKDAY_HOURS = WORKDAY_END_HOUR - WORKDAY_START_HOUR;

/**
 * A person's working hours on weekdays, "HH:MM" local time in their own zone, start before end
 * (no shift across midnight). Mentors set theirs in their profile; interns have none in this
 * service, so they are assumed to work 09:00–17:00 local (`DEFAULT_WORKING_HOURS`), as a mentor
 * without hours is.
 */
export interface WorkingHours {
  start: string;
  end: string;
}

export const DEFAULT_WORKING_HOURS: Readonly<WorkingHours> = Object.freeze({ start: '09:00', end: '17:00' });

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of "HH:MM" (00:00–23:59; "24:00" is accepted as an end); null when malformed. */
export function clockMinutes(value: string): number | null {
  if (value === '24:00') return 24 * 60;
  const m = CLOCK_TIME.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * Checks working hours given as `{start, end}` ("HH:MM", start before end), reporting
 * `<field>.start` / `<field>.end` into `v`; null passes through (no hours: 09:00–17:00 assumed).
 */
export function validWorkingHours(value: unknown, field: string, v: Violations): WorkingHours | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') {
    v.add(field, 'must give start and end as "HH:MM"');
    return null;
  }
  const raw = value as { start?: unknown; end?: unknown };
  const start = typeof raw.start === 'string' ? raw.start.trim() : '';
  const end = typeof raw.end === 'string' ? raw.end.trim() : '';
  const s = start === '24:00' ? null : clockMinutes(start);
  const e = clockMinutes(end);
  if (s === null) v.add(`${field}.start`, 'must be a time of day "HH:MM" from 00:00 to 23:59');
  if (e === null) v.add(`${field}.end`, 'must be a time of day "HH:MM" from 00:01 to 24:00');
  if (s !== null && e !== null && s >= e) v.add(`${field}.end`, 'must be after start (working hours within one day)');
  return s !== null && e !== null && s < e ? { start, end } : null;
}

/** A stable key of a zone and working hours (for memoising windows and overlaps). */
export function scheduleKey(timeZone: string, hours: WorkingHours | null | undefined): string {
  const h = hours ?? DEFAULT_WORKING_HOURS;
  return `${timeZone}|${h.start}-${h.end}`;
}

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
  hours: WorkingHours | null = null,
): Float64Array {
  const h = hours ?? DEFAULT_WORKING_HOURS;
  const startHour = clockMinutes(h.start)! / 60;
  const endHour = clockMinutes(h.end)! / 60;
  const out = new Float64Array(days.dates.length * 2);
  for (let i = 0; i < days.dates.length; i++) {
    if (!days.weekday[i]) {
      out[2 * i] = Number.NaN;
      out[2 * i + 1] = Number.NaN;
      continue;
    }
    // Start and end each at their own offset: hours such as 00:00–08:00 may span a clock change.
    out[2 * i] = localHourToInstant(days.dates[i]!, startHour, timeZone);
    out[2 * i + 1] = localHourToInstant(days.dates[i]!, endHour, timeZone);
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

/** Working-hours overlap of two people over a program (average hours per working day, and by week). */
export function workingHoursOverlap(
  span: ProgramSpan,
  zoneA: string,
  zoneB: string,
  hoursA: WorkingHours | null = null,
  hoursB: WorkingHours | null = null,
): OverlapSummary {
  const days = programDays(span);
  return overlapOfWindows(
    workingWindows(span, zoneA, days, hoursA),
    workingWindows(span, zoneB, days, hoursB),
    span.weeks,
  );
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

  /** Overlap of two people by zone and working hours (09:00–17:00 when they have none). */
  overlap(
    zoneA: string,
    zoneB: string,
    hoursA: WorkingHours | null = null,
    hoursB: WorkingHours | null = null,
  ): OverlapSummary {
    const a = scheduleKey(zoneA, hoursA);
    const b = scheduleKey(zoneB, hoursB);
    const key = `${a}\u0000${b}`;
    let summary = this.pairs.get(key);
    if (!summary) {
      summary = overlapOfWindows(this.windowsOf(a, zoneA, hoursA), this.windowsOf(b, zoneB, hoursB), this.span.weeks);
      this.pairs.set(key, summary);
    }
    return summary;
  }

  private windowsOf(key: string, zone: string, hours: WorkingHours | null): Float64Array {
    let w = this.windows.get(key);
    if (!w) {
      w = workingWindows(this.span, zone, this.days, hours);
      this.windows.set(key, w);
    }
    return w;
  }
}
