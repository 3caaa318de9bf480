import { z } from 'zod';
import { id, isoDate, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * An extension granted by a midpoint decision was withdrawn because the decision was corrected
 * (for instance from `EXTEND` to `CONTINUE`). `extensions` is the whole list the intern keeps
 * after the revocation (possibly empty): a consumer replaces its copy of the intern's extensions
 * with it, so no trace of the revoked one is left. The other fields are the intern's calendar as
 * it now stands.
 */
export const InternshipExtensionRevokedV1 = defineEvent(
  'cohorts',
  'InternshipExtensionRevoked',
  1,
  z.object({
    enrollmentId: id,
    cohortId: id,
    internId: id,
    revokedWeeks: z.number().int().min(1).max(5),
    extensions: z.array(z.object({ afterWeek: week, weeks: z.number().int().min(1).max(5) })),
    totalExtensionWeeks: z.number().int().min(0).max(5),
    programWeeks: z.number().int().min(1),
    newEndDate: isoDate,
    presentationsWeek: z.object({ startsOn: isoDate, endsOn: isoDate }),
    finalEvaluationsDue: isoDate,
    reason: z.string(),
  }),
);
