import { messagingTablesMigration } from '#messaging';
import { InternsProjection1732400000000 } from './1732400000000-interns-projection.js';
import { Evaluations1732500000000 } from './1732500000000-evaluations.js';
import { ProgressReadModel1732600000000 } from './1732600000000-progress-read-model.js';
import { EvaluationCorrections1732700000000 } from './1732700000000-evaluation-corrections.js';
import { WindowClosingReminders1732900000000 } from './1732900000000-window-closing-reminders.js';
import { MentorFeedbackAndOffers1733300000000 } from './1733300000000-mentor-feedback-and-offers.js';
import { InternRiskWeeks1733400000000 } from './1733400000000-intern-risk-weeks.js';
import { ErasedInterns1733620000000 } from './1733620000000-erased-interns.js';

/** Every migration of the evaluations database, in order. */
export const evaluationsMigrations = [
  messagingTablesMigration(1732300000000),
  InternsProjection1732400000000,
  Evaluations1732500000000,
  ProgressReadModel1732600000000,
  EvaluationCorrections1732700000000,
  WindowClosingReminders1732900000000,
  MentorFeedbackAndOffers1733300000000,
  InternRiskWeeks1733400000000,
  ErasedInterns1733620000000,
];
