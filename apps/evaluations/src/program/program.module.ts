import { Module } from '@nestjs/common';
import { WindowAnnouncer } from '../evaluations/events/window-announcer.js';
import { AssignmentsProjection } from './events/assignments.projection.js';
import { ProgramProjection } from './events/program.projection.js';
import { ProgramRepository } from './persistence/program.repository.js';

/**
 * What evaluations keeps of the other contexts for its commands and visibility rules: cohort
 * clocks, enrollments and extensions, mentor assignments and presentation slots; and the
 * evaluation reminders that the cohort clock drives.
 */
@Module({
  providers: [ProgramRepository, WindowAnnouncer, ProgramProjection, AssignmentsProjection],
  exports: [ProgramRepository],
})
export class ProgramModule {}
