import { Module } from '@nestjs/common';
import { StoreModule } from '../store.module.js';
import { CohortCalendarProjection } from './events/cohort-calendar.projection.js';

/** The projection of the cohorts context's calendars and clocks, from its events. */
@Module({
  imports: [StoreModule],
  providers: [CohortCalendarProjection],
})
export class CohortsModule {}
