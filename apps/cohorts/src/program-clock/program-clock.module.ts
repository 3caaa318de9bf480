import { Module } from '@nestjs/common';
import { PersonalDataModule } from '../personal-data/personal-data.module.js';
import { ProgramClock } from './program-clock.service.js';
import { ClockScheduler } from './clock-scheduler.js';
import { AdvanceCohortClockHandler } from './commands/advance-cohort-clock/advance-cohort-clock.handler.js';
import { AdvanceCohortClockResolver } from './commands/advance-cohort-clock/advance-cohort-clock.resolver.js';

/** The durable program clock: the scheduler that ticks it and advanceCohortClock. */
@Module({
  imports: [PersonalDataModule],
  providers: [ProgramClock, ClockScheduler, AdvanceCohortClockHandler, AdvanceCohortClockResolver],
})
export class ProgramClockModule {}
