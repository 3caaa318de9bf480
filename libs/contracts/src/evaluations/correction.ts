import { z } from 'zod';
import { id } from '../common.js';

/**
 * Fields added to the evaluations events without a new version (older producers leave them out):
 * `revision`, 1 for the first submission and raised by each correction of the same evaluation
 * (the highest revision is the one in force: a consumer applies a decision only when its revision
 * is above the one it applied); `recordedBy`, who submitted it — the mentor, or a program manager
 * acting on the mentor's behalf.
 */
export const correction = {
  revision: z.number().int().min(1).optional(),
  recordedBy: z.object({ id, role: z.enum(['MENTOR', 'PROGRAM_MANAGER', 'INTERN']) }).optional(),
};
