import { z } from 'zod';
import { baseConfigSchema } from '#platform';

export const mentorsConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(4002),
  DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lowercase letters, digits and _')
    .default('mentorflow_mentors'),
  /** Kafka consumer group; default `mentorflow-mentors` (replicas share it). Tests use their own. */
  KAFKA_GROUP_ID: z.string().min(1).optional(),
});

export type MentorsConfig = z.infer<typeof mentorsConfigSchema>;
