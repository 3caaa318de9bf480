import ICAL from 'ical.js';
import { describe, expect, it } from '@jest/globals';
import { escapeText, foldLine, formatUtc, renderCalendar } from './ics.js';

const STAMP = new Date('2027-05-20T10:00:00.123Z');
const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('iCalendar rendering', () => {
  it('escapes TEXT values: backslash, semicolon, comma and line breaks', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds lines at 75 octets with a leading space, never inside a UTF-8 sequence', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const long = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(long).split('\r\n');
    expect(folded.length).toBe(3);
    expect(folded.every((l) => octets(l) <= 75)).toBe(true);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(long);
    // multi-byte characters (2, 3 and 4 octets) are kept whole
    const utf8 = `SUMMARY:${'é日😀'.repeat(30)}`;
    const lines = foldLine(utf8).split('\r\n');
    expect(lines.every((l) => octets(l) <= 75)).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(utf8);
    expect(lines.some((l) => l.includes('\uFFFD'))).toBe(false);
  });

  it('writes UTC date-times without separators or milliseconds', () => {
    expect(formatUtc(STAMP)).toBe('20270520T100000Z');
  });

  it('renders a calendar with CRLF lines, UID and DTSTAMP on each event, that an independent parser reads back', () => {
    const text = renderCalendar(
      {
        name: 'Summer, 2027; Berlin',
        timezone: 'Europe/Berlin',
        events: [
          {
            uid: 'talk-1@mentorflow',
            summary: 'Tech talk: Ranking, retrieval; re-ranking',
            start: new Date('2027-06-15T14:00:00Z'),
            end: new Date('2027-06-15T15:00:00Z'),
            description: `Speaker: Grace\n\n${'A long abstract about ranking systems. '.repeat(6)}`,
            url: 'https://meet.example.com/ranking?x=1,2',
            busy: true,
          },
          { uid: 'midpoint@mentorflow', summary: 'Midpoint evaluations', date: '2027-07-12', lastDate: '2027-07-18' },
        ],
      },
      STAMP,
    );
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare line breaks
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('DTSTART;VALUE=DATE:20270712\r\nDTEND;VALUE=DATE:20270719\r\n');
    expect(text).toContain('DTSTART:20270615T140000Z\r\n');

    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Mentorflow//Cohort calendar//EN');
    // X- properties are TEXT by default (RFC 5545 §3.8.8.2), so escaped; ical.js leaves unknown ones raw.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Summer\\, 2027\\; Berlin');
    const [talk, midpoint] = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(talk!.uid).toBe('talk-1@mentorflow');
    expect(talk!.summary).toBe('Tech talk: Ranking, retrieval; re-ranking');
    expect(talk!.description).toMatch(/^Speaker: Grace\n\nA long abstract/);
    expect(talk!.startDate.toJSDate().toISOString()).toBe('2027-06-15T14:00:00.000Z');
    expect(talk!.endDate.toJSDate().toISOString()).toBe('2027-06-15T15:00:00.000Z');
    expect(talk!.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2027-05-20T10:00:00Z');
    expect(talk!.component.getFirstPropertyValue('url')).toBe('https://meet.example.com/ranking?x=1,2');
    expect(midpoint!.startDate.isDate).toBe(true);
    expect(midpoint!.startDate.toString()).toBe('2027-07-12');
    expect(midpoint!.endDate.toString()).toBe('2027-07-19');
  });
});
