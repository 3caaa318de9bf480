import { Counter } from 'prom-client';

/** Program clock metrics, registered once per process in prom-client's default registry. */
export const clockMetrics = {
  fired: new Counter({
    name: 'mentorflow_clock_events_fired_total',
    help: 'Due program clock events fired, by kind and by what fired them (SCHEDULER or SANDBOX)',
    labelNames: ['kind', 'by'],
  }),
  failures: new Counter({
    name: 'mentorflow_clock_cohort_failures_total',
    help: 'Cohorts whose due clock events could not be fired in a scheduler pass (retried on the next)',
  }),
};
