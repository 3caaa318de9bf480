import { z } from 'zod';
import { id, riskLevel } from '../common.js';
import { defineEvent } from '../event-contract.js';

/** An intern's risk level changed; reasons are for program managers and mentors only. */
export const InternRiskChangedV1 = defineEvent(
  'evaluations',
  'InternRiskChanged',
  1,
  z.object({
    cohortId: id,
    internId: id,
    previousLevel: riskLevel.nullable(),
    level: riskLevel,
    reasons: z.array(z.string()),
  }),
);
