/**
 * Calendar dates without a time zone (`YYYY-MM-DD`) and the few zone conversions the program
 * calendar needs. Pure functions over the platform's Intl data; no dependencies.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** One formatter per zone: building an Intl.DateTimeFormat is the costly part, and the same few zones recur. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's formatter; throws a RangeError for an unknown zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    // Zone names are case-insensitive: a bound keeps odd spellings in client input from growing it.
    if (formatters.size < 1000) formatters.set(timeZone, fmt);
  }
  return fmt;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || (!timeZone.includes('/') && timeZone !== 'UTC')) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock parts of an instant in a zone. */
function partsIn(instant: Date, timeZone: string): Record<string, number> {
  const fmt = formatterFor(timeZone);
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Offset of the zone from UTC at an instant, in minutes (east positive). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant at which a wall-clock time (default midnight) of a date occurs in a zone.
 * Across a DST gap the first valid instant after it is used.
 */
export function zonedTimeToInstant(date: string, timeZone: string, time = '00:00'): Date {
  const [h, min] = time.split(':').map(Number);
  const wall = Date.parse(`${date}T00:00:00Z`) + (h! * 60 + min!) * 60000;
  let guess = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60000;
  // A second pass settles instants near an offset change.
  guess = wall - zoneOffsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess);
}

/** The calendar date of an instant in a zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
