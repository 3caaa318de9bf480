import { z } from 'zod';
import { evaluationCycle, id } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * An intern rated their primary mentor (`submitMentorFeedback`). Only the average leaves the
 * service: comments and per-criterion ratings stay with evaluations, where only program managers
 * read them per intern.
 */
export const MentorFeedbackSubmittedV1 = defineEvent(
  'evaluations',
  'MentorFeedbackSubmitted',
  1,
  z.object({
    feedbackId: id,
    cohortId: id,
    internId: id,
    mentorId: id,
    cycle: evaluationCycle,
    averageScore: z.number().min(1).max(5),
  }),
);
