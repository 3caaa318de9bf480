import { Module } from '@nestjs/common';
import { WindowAnnouncer } from '../evaluations/events/window-announcer.js';
import { EvaluationWindowRepository } from '../evaluations/persistence/evaluation-window.repository.js';
import { FinalOutcomeReminderRepository } from '../evaluations/persistence/final-outcome-reminder.repository.js';
import { FinalOutcomeReminders } from '../evaluations/reminders/final-outcome-reminders.js';
import { WindowClosingReminderRepository } from '../evaluations/persistence/window-closing-reminder.repository.js';
import { WindowClosingReminders } from '../evaluations/reminders/window-closing-reminders.js';
import { AssignmentsProjection } from './events/assignments.projection.js';
import { InternErasureConsumer } from './events/intern-erasure.consumer.js';
import { ProgramProjection } from './events/program.projection.js';
import { InternErasureRepository } from './persistence/intern-erasure.repository.js';
import { ProgramProjectionRepository } from './persistence/program-projection.repository.js';
import { ProgramRepository } from './persistence/program.repository.js';

/**
 * What evaluations keeps of the other contexts for its commands and visibility rules: cohort
 * clocks, enrollments and extensions, mentor assignments and presentation slots; interns' erasure
 * (InternErased) outside the progress read model; and the
 * evaluation reminders that the cohort clock drives.
 */
@Module({
  providers: [
    ProgramRepository,
    ProgramProjectionRepository,
    WindowAnnouncer,
    FinalOutcomeReminders,
    FinalOutcomeReminderRepository,
    WindowClosingReminders,
    WindowClosingReminderRepository,
    EvaluationWindowRepository,
    ProgramProjection,
    AssignmentsProjection,
    InternErasureRepository,
    InternErasureConsumer,
  ],
  exports: [ProgramRepository, FinalOutcomeReminders, WindowClosingReminders],
})
export class ProgramModule {}
