import { describe, expect, it } from '@jest/globals';
import { nextReminderDue, REMINDER_INTERVAL_MS } from './final-outcome-reminder.js';

const ended = new Date('2027-08-29T22:00:00Z'); // Monday midnight in Berlin after the last week
const at = (ms: number) => new Date(ended.getTime() + ms);

describe('the next FinalOutcomeAwaited reminder', () => {
  it('falls due a day after the previous one, counted from the end of the program', () => {
    expect(nextReminderDue(ended, 1, at(5_000))).toEqual(at(REMINDER_INTERVAL_MS));
    expect(nextReminderDue(ended, 2, at(REMINDER_INTERVAL_MS + 5_000))).toEqual(at(2 * REMINDER_INTERVAL_MS));
  });

  it('after a reminder sent late (the service was down) is a day later, never a burst of the missed ones', () => {
    const late = at(3 * REMINDER_INTERVAL_MS + 60_000);
    expect(nextReminderDue(ended, 2, late)).toEqual(new Date(late.getTime() + REMINDER_INTERVAL_MS));
  });
});
