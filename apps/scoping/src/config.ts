import { z } from 'zod';
import { serviceConfigSchema } from '#platform';

export const scopingConfigSchema = serviceConfigSchema({ port: 4003, database: 'mentorflow_scoping' }).extend({
  /** How often the due-soon reminders are looked for (ms); 0 turns the scheduler off. */
  REMINDER_TICK_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
});

export type ScopingConfig = z.infer<typeof scopingConfigSchema>;
