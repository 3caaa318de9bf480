import { z } from 'zod';
import { id, isoDate, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * The intern's own program was extended; their later due dates move by the total extension.
 * Optional (added without a new version, older producers may leave them out): `extendedAfterWeek`,
 * the intern's program week after which the extension weeks were inserted (due weeks after it
 * move `weeks` later), and the new `presentationsWeek` and `finalEvaluationsDue`.
 */
export const InternshipExtendedV1 = defineEvent(
  'cohorts',
  'InternshipExtended',
  1,
  z.object({
    enrollmentId: id,
    cohortId: id,
    internId: id,
    weeks: z.number().int().min(1).max(5),
    totalExtensionWeeks: z.number().int().min(1).max(5),
    programWeeks: z.number().int().min(1),
    newEndDate: isoDate,
    reason: z.string(),
    source: z.enum(['PROGRAM_MANAGER', 'MIDPOINT_DECISION']),
    extendedAfterWeek: week.optional(),
    presentationsWeek: z.object({ startsOn: isoDate, endsOn: isoDate }).optional(),
    finalEvaluationsDue: isoDate.optional(),
  }),
);
