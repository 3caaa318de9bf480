import { z } from 'zod';
import { baseConfigSchema } from '#platform';

export const evaluationsConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(4004),
  DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lowercase letters, digits and _')
    .default('mentorflow_evaluations'),
  /** Kafka consumer group; defaults to `mentorflow-evaluations` (tests use their own). */
  KAFKA_GROUP_ID: z.string().min(1).optional(),
});

export type EvaluationsConfig = z.infer<typeof evaluationsConfigSchema>;
