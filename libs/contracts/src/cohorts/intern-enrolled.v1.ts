import { z } from 'zod';
import { degreeLevel, id } from '../common.js';
import { defineEvent } from '../event-contract.js';

export const InternEnrolledV1 = defineEvent(
  'cohorts',
  'InternEnrolled',
  1,
  z.object({
    enrollmentId: id,
    cohortId: id,
    internId: id,
    name: z.string().min(1),
    email: z.string().email(),
    university: z.string(),
    degreeLevel,
    focusAreas: z.array(z.string()),
    timezone: z.string().min(1),
  }),
  { subject: 'internId', person: 'intern', fields: { name: 'name', email: 'email', university: 'text' } },
);
