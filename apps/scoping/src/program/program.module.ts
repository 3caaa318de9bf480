import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module.js';
import { ErasureModule } from '../erasure/erasure.module.js';
import { ProgramProjection } from './events/program.projection.js';
import { ProgramProjectionRepository } from './persistence/program-projection.repository.js';
import { ProgramRepository } from './persistence/program.repository.js';
import { ScopingCalendarHandler } from './queries/scoping-calendar/scoping-calendar.handler.js';
import { ScopingCalendarResolver } from './queries/scoping-calendar/scoping-calendar.resolver.js';

/** What scoping knows of the program: cohorts' calendars and clocks, interns' cohorts, status and extensions. */
@Module({
  imports: [AssignmentsModule, ErasureModule],
  providers: [
    ProgramProjection,
    ProgramProjectionRepository,
    ProgramRepository,
    ScopingCalendarHandler,
    ScopingCalendarResolver,
  ],
  exports: [ProgramRepository],
})
export class ProgramModule {}
