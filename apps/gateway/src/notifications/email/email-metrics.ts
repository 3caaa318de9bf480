import { Counter } from 'prom-client';

/** Email channel metrics, registered once per process in prom-client's default registry. */
export const emailMetrics = {
  outcomes: new Counter({
    name: 'mentorflow_email_deliveries_total',
    help: 'Mail delivery attempts by outcome: SENT, RETRY (an outage: tried again later), FAILED (refused for good), SKIPPED (opted out, no address, erased person), UNCONFIRMED (the sender stopped while sending: not sent again)',
    labelNames: ['outcome'],
  }),
};
