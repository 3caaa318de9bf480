import type { CohortScheduledV1, EventData, InternEnrolledV1 } from '#contracts';

/**
 * The data of a CohortScheduled event, as another context's projection sees it: a 12-week hybrid
 * cohort in Berlin starting Monday 2027-06-07, named after its id, scheduled by `pm-1`; `over`
 * wins.
 */
export function cohortScheduledData(
  cohortId: string,
  over: Partial<EventData<typeof CohortScheduledV1>> = {},
): EventData<typeof CohortScheduledV1> {
  return {
    cohortId,
    name: `Cohort ${cohortId}`,
    startDate: '2027-06-07',
    weeks: 12,
    timezone: 'Europe/Berlin',
    location: 'Berlin',
    workMode: 'HYBRID',
    capacity: 20,
    scheduledBy: 'pm-1',
    ...over,
  };
}

/**
 * The data of an InternEnrolled event: enrollment `enr-<internId>`, `<internId>@example.com`, a
 * master's student of TU Berlin in Europe/Berlin, named after the id; `over` wins.
 */
export function internEnrolledData(
  cohortId: string,
  internId: string,
  over: Partial<EventData<typeof InternEnrolledV1>> = {},
): EventData<typeof InternEnrolledV1> {
  return {
    enrollmentId: `enr-${internId}`,
    cohortId,
    internId,
    name: `Intern ${internId}`,
    email: `${internId}@example.com`,
    university: 'TU Berlin',
    degreeLevel: 'MASTERS',
    focusAreas: ['recommender systems'],
    timezone: 'Europe/Berlin',
    ...over,
  };
}
