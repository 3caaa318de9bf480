import { z } from 'zod';
import { serviceConfigSchema } from '#platform';

export const evaluationsConfigSchema = serviceConfigSchema({ port: 4004, database: 'mentorflow_evaluations' }).extend({
  /** How often the FinalOutcomeAwaited reminders due are looked for (ms); 0 turns the scheduler off. */
  REMINDER_TICK_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
});

export type EvaluationsConfig = z.infer<typeof evaluationsConfigSchema>;
