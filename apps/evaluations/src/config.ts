import type { z } from 'zod';
import { serviceConfigSchema } from '#platform';

export const evaluationsConfigSchema = serviceConfigSchema({ port: 4004, database: 'mentorflow_evaluations' });

export type EvaluationsConfig = z.infer<typeof evaluationsConfigSchema>;
