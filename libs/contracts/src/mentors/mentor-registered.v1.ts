import { z } from 'zod';
import { id } from '../common.js';
import { defineEvent } from '../event-contract.js';

export const MentorRegisteredV1 = defineEvent(
  'mentors',
  'MentorRegistered',
  1,
  z.object({
    mentorId: id,
    name: z.string().min(1),
    email: z.string().email(),
    team: z.string(),
    expertise: z.array(z.string()),
    timezone: z.string().min(1),
    capacity: z.number().int().min(1),
  }),
  { subject: 'mentorId', person: 'mentor', fields: { name: 'name', email: 'email' } },
);
