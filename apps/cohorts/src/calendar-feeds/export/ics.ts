/**
 * A small iCalendar (RFC 5545) writer: what Google Calendar, Outlook and Apple Calendar import.
 * CRLF line endings, lines folded at 75 octets (never inside a UTF-8 sequence), TEXT values
 * escaped, a UID and DTSTAMP on every event, timed events in UTC (no VTIMEZONE needed) and
 * all-day events as DATE values with an exclusive end.
 */

interface IcsEventBase {
  /** Globally unique and stable, so that a re-import updates the event instead of duplicating it. */
  uid: string;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  categories?: string[];
  /** Blocks time in the attendee's calendar (talks, presentations) or not (deadlines). */
  busy?: boolean;
  /**
   * The event's revision (SEQUENCE, RFC 5545 §3.8.7.4), raised whenever it is moved or cancelled,
   * so that a client replaces what it imported; left out when not given.
   */
  sequence?: number;
  /** STATUS:CANCELLED (the event stays, shown as cancelled, same UID) instead of STATUS:CONFIRMED. */
  cancelled?: boolean;
}

export interface IcsTimedEvent extends IcsEventBase {
  start: Date;
  end: Date;
}

export interface IcsAllDayEvent extends IcsEventBase {
  /** First day, YYYY-MM-DD. */
  date: string;
  /** Last day, YYYY-MM-DD, inclusive (default: `date`). */
  lastDate?: string;
}

export type IcsEvent = IcsTimedEvent | IcsAllDayEvent;

export interface IcsCalendar {
  name: string;
  description?: string;
  /** IANA zone the calendar's dates are in (X-WR-TIMEZONE, a hint for clients). */
  timezone?: string;
  events: IcsEvent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so that no line is longer than 75 octets: continuation lines start with
 * one space (RFC 5545 §3.1). Splits between characters, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** 20270823T120000Z */
export function formatUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** 2027-08-23 → 20270823 */
export function formatDate(date: string): string {
  return date.replace(/-/g, '');
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function eventLines(event: IcsEvent, stamp: Date): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${formatUtc(stamp)}`];
  if (event.sequence !== undefined) lines.push(`SEQUENCE:${event.sequence}`);
  if ('start' in event) {
    lines.push(`DTSTART:${formatUtc(event.start)}`, `DTEND:${formatUtc(event.end)}`);
  } else {
    lines.push(
      `DTSTART;VALUE=DATE:${formatDate(event.date)}`,
      `DTEND;VALUE=DATE:${formatDate(nextDay(event.lastDate ?? event.date))}`,
    );
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, '')}`);
  if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
  lines.push(
    `STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    `TRANSP:${event.busy && !event.cancelled ? 'OPAQUE' : 'TRANSPARENT'}`,
    'END:VEVENT',
  );
  return lines;
}

/** Renders a whole VCALENDAR, every line folded and ended with CRLF. */
export function renderCalendar(calendar: IcsCalendar, stamp: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mentorflow//Cohort calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...(calendar.description ? [`X-WR-CALDESC:${escapeText(calendar.description)}`] : []),
    ...(calendar.timezone ? [`X-WR-TIMEZONE:${calendar.timezone}`] : []),
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...calendar.events.flatMap((e) => eventLines(e, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
