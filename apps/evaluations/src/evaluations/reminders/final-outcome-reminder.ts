/** A reminder a day (SPEC §7: the mentor and the program managers are reminded until it is recorded). */
export const REMINDER_INTERVAL_MS = 86_400_000;

/**
 * When the reminder after the `sent`-th falls due: `sent` days after the intern's program ended
 * (reminder 1 is sent when it ends). A reminder sent late (the service was down for a day or more)
 * does not bring the next one closer than a day: one reminder a day, numbered without gaps, never
 * a burst of the ones missed meanwhile.
 */
export function nextReminderDue(programEndedAt: Date, sent: number, now: Date): Date {
  const scheduled = new Date(programEndedAt.getTime() + sent * REMINDER_INTERVAL_MS);
  return scheduled.getTime() > now.getTime() ? scheduled : new Date(now.getTime() + REMINDER_INTERVAL_MS);
}
