import { z } from 'zod';
import { baseConfigSchema, isDevelopmentOrTest } from '#platform';

export const cohortsConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(4001),
  DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lowercase letters, digits and _')
    .default('mentorflow_cohorts'),
  /** Kafka consumer group; default `mentorflow-cohorts` (replicas share it). Tests use their own. */
  KAFKA_GROUP_ID: z.string().min(1).optional(),
  CLOCK_MODE: z.enum(['real', 'sandbox']).optional(),
  /** How often the program clock looks for due events (ms); 0 turns the scheduler off. */
  CLOCK_TICK_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
});

export type CohortsConfig = z.infer<typeof cohortsConfigSchema>;

/**
 * Sandbox time travel is on by default only where NODE_ENV is explicitly `development` or `test`
 * (unset is production: the real clock), and elsewhere only where CLOCK_MODE=sandbox asks for it.
 */
export function clockMode(config: Pick<CohortsConfig, 'CLOCK_MODE' | 'NODE_ENV'>): 'real' | 'sandbox' {
  return config.CLOCK_MODE ?? (isDevelopmentOrTest(config) ? 'sandbox' : 'real');
}
