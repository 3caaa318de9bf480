import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * Cohorts could not apply a midpoint `EXTEND` decision that evaluations accepted (a rule cohorts
 * owns, such as the 5-week total, found after the fact). The decision stays recorded in
 * evaluations; the mentor and the program managers are told so they can correct it.
 */
export const InternshipExtensionRefusedV1 = defineEvent(
  'cohorts',
  'InternshipExtensionRefused',
  1,
  z.object({
    cohortId: id,
    internId: id,
    evaluationId: id,
    mentorId: id,
    requestedWeeks: z.number().int().min(1),
    totalExtensionWeeks: z.number().int().min(0),
    reason: z.string().min(1),
  }),
);
