import { Module } from '@nestjs/common';
import { StoreModule } from '../store.module.js';
import { CohortCalendarHandler } from './events/cohort-calendar.handler.js';

/** The projection of the cohorts context's calendars and clocks, from its events. */
@Module({
  imports: [StoreModule],
  providers: [CohortCalendarHandler],
})
export class CohortsModule {}
