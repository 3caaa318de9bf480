import type { z } from 'zod';
import { serviceConfigSchema } from '#platform';

export const mentorsConfigSchema = serviceConfigSchema({ port: 4002, database: 'mentorflow_mentors' });

export type MentorsConfig = z.infer<typeof mentorsConfigSchema>;
