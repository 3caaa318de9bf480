import { z } from 'zod';
import { evaluationCycle, id, isoDate, week } from '../common.js';
import { defineEvent } from '../event-contract.js';

/**
 * An intern's evaluation window opened (the reminder): the primary mentor's evaluation and the
 * intern's self-evaluation of `cycle` are due by the end of the window's week. Published when the
 * cohort clock reaches the intern's own midpoint week (MIDPOINT) or presentations week (FINAL).
 */
export const EvaluationDueV1 = defineEvent(
  'evaluations',
  'EvaluationDue',
  1,
  z.object({
    cohortId: id,
    internId: id,
    cycle: evaluationCycle,
    /** The program week of the window (the intern's own, moved by their extensions). */
    week,
    startsOn: isoDate.nullable(),
    endsOn: isoDate.nullable(),
    /** The intern's primary mentor when the window opened; null when none is assigned. */
    mentorId: id.nullable(),
  }),
);
