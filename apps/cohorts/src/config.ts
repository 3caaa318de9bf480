import { z } from 'zod';
import { isDevelopmentOrTest, serviceConfigSchema } from '#platform';

export const cohortsConfigSchema = serviceConfigSchema({ port: 4001, database: 'mentorflow_cohorts' }).extend({
  CLOCK_MODE: z.enum(['real', 'sandbox']).optional(),
  /** How often the program clock looks for due events (ms); 0 turns the scheduler off. */
  CLOCK_TICK_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  /**
   * Months after a cohort's end when the retention policy erases its interns' personal data
   * (a whole number from 1; blank or unset: 24).
   */
  PERSONAL_DATA_RETENTION_MONTHS: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : typeof v === 'string' ? v.trim() : v),
    z
      .string()
      .regex(/^[1-9]\d{0,3}$/, 'expected a whole number of months from 1 to 9999')
      .transform(Number)
      .default(24),
  ),
});

export type CohortsConfig = z.infer<typeof cohortsConfigSchema>;

/**
 * Sandbox time travel is on by default only where NODE_ENV is explicitly `development` or `test`
 * (unset is production: the real clock), and elsewhere only where CLOCK_MODE=sandbox asks for it.
 */
export function clockMode(config: Pick<CohortsConfig, 'CLOCK_MODE' | 'NODE_ENV'>): 'real' | 'sandbox' {
  return config.CLOCK_MODE ?? (isDevelopmentOrTest(config) ? 'sandbox' : 'real');
}
