import type { z } from 'zod';
import { serviceConfigSchema } from '#platform';

export const scopingConfigSchema = serviceConfigSchema({ port: 4003, database: 'mentorflow_scoping' });

export type ScopingConfig = z.infer<typeof scopingConfigSchema>;
