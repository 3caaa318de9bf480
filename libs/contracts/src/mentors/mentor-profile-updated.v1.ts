import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * A mentor's profile changed after registration: the whole profile as it now is, and which
 * fields changed. `cohortIds` null means available for every cohort.
 */
export const MentorProfileUpdatedV1 = defineEvent(
  'mentors',
  'MentorProfileUpdated',
  1,
  z.object({
    mentorId: id,
    name: z.string().min(1),
    email: z.string().email(),
    team: z.string(),
    expertise: z.array(z.string()),
    timezone: z.string().min(1),
    capacity: z.number().int().min(1),
    cohortIds: z.array(id).nullable(),
    changedFields: z.array(z.enum(['name', 'email', 'team', 'expertise', 'timezone', 'capacity', 'cohortIds'])).min(1),
  }),
  { subject: 'mentorId', person: 'mentor', fields: { name: 'name', email: 'email' } },
);
