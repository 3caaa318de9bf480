import { z } from 'zod';
import { baseConfigSchema } from '#platform';

export const scopingConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(4003),
  DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lowercase letters, digits and _')
    .default('mentorflow_scoping'),
  /** Kafka consumer group; defaults to `mentorflow-scoping` (tests use their own). */
  KAFKA_GROUP_ID: z.string().min(1).optional(),
});

export type ScopingConfig = z.infer<typeof scopingConfigSchema>;
