import { randomUUID } from 'node:crypto';

/** The Monday `weeksAhead` weeks after the coming one (UTC calendar), as YYYY-MM-DD. */
export function upcomingMonday(weeksAhead = 1): string {
  const d = new Date();
  const daysToMonday = (8 - d.getUTCDay()) % 7 || 7;
  d.setUTCDate(d.getUTCDate() + daysToMonday + 7 * weeksAhead);
  return d.toISOString().slice(0, 10);
}

export function aCohort(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `Summer cohort ${randomUUID().slice(0, 8)}`,
    startDate: upcomingMonday(),
    weeks: 12,
    timezone: 'Europe/Berlin',
    location: 'Berlin',
    workMode: 'HYBRID',
    capacity: 10,
    ...overrides,
  };
}

export function anIntern(cohortId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `intern-${randomUUID().slice(0, 8)}`;
  return {
    cohortId,
    internId: id,
    name: `Intern ${id}`,
    email: `${id}@example.edu`,
    university: 'TU Berlin',
    degreeLevel: 'MASTERS',
    focusAreas: ['recommender systems', 'nlp'],
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

export function aMentor(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `mentor-${randomUUID().slice(0, 8)}`;
  return {
    mentorId: id,
    name: `Mentor ${id}`,
    email: `${id}@example.com`,
    team: 'Personalisation',
    expertise: ['recommender systems'],
    timezone: 'Europe/London',
    capacity: 2,
    ...overrides,
  };
}
