import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** An intern's booking was cancelled before the slot started; the slot is free again. */
export const PresentationBookingCancelledV1 = defineEvent(
  'cohorts',
  'PresentationBookingCancelled',
  1,
  z.object({
    slotId: id,
    cohortId: id,
    internId: id,
  }),
);
