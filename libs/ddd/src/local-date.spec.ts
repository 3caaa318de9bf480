import { describe, expect, it } from '@jest/globals';
import { addDays, dateInZone, dayOfWeek, isIsoDate, isValidTimeZone, zonedTimeToInstant } from './local-date.js';

describe('local dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2027-06-07')).toBe(true);
    expect(isIsoDate('2027-02-30')).toBe(false);
    expect(isIsoDate('7 June 2027')).toBe(false);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2027-12-27', 7)).toBe('2028-01-03');
    expect(dayOfWeek('2027-06-07')).toBe(1);
  });

  it('knows IANA zones and refuses made-up ones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('finds local midnight in a zone on both sides of a DST change', () => {
    expect(zonedTimeToInstant('2027-03-22', 'America/New_York').toISOString()).toBe('2027-03-22T04:00:00.000Z');
    expect(zonedTimeToInstant('2027-03-08', 'America/New_York').toISOString()).toBe('2027-03-08T05:00:00.000Z');
    expect(zonedTimeToInstant('2027-06-07', 'Asia/Kolkata').toISOString()).toBe('2027-06-06T18:30:00.000Z');
    expect(dateInZone(new Date('2027-06-06T18:30:00.000Z'), 'Asia/Kolkata')).toBe('2027-06-07');
  });
});
