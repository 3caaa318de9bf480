import { Module } from '@nestjs/common';
import { ScheduleCohortHandler } from './commands/schedule-cohort/schedule-cohort.handler.js';
import { ScheduleCohortResolver } from './commands/schedule-cohort/schedule-cohort.resolver.js';
import { CancelCohortHandler } from './commands/cancel-cohort/cancel-cohort.handler.js';
import { CancelCohortResolver } from './commands/cancel-cohort/cancel-cohort.resolver.js';
import { ListCohortsHandler } from './queries/list-cohorts/list-cohorts.handler.js';
import { CohortsQueryResolver } from './queries/list-cohorts/list-cohorts.resolver.js';
import { GetCohortHandler } from './queries/get-cohort/get-cohort.handler.js';
import { CohortQueryResolver } from './queries/get-cohort/get-cohort.resolver.js';
import { CohortFieldsResolver } from './graphql/cohort-fields.resolver.js';
import { CohortCalendarFieldsResolver } from './graphql/cohort-calendar.resolver.js';
import { UpdateCohortHandler } from './commands/update-cohort/update-cohort.handler.js';
import { UpdateCohortResolver } from './commands/update-cohort/update-cohort.resolver.js';

/** Cohorts: scheduling and cancelling them, the cohorts/cohort queries, Cohort's fields and its calendar. */
@Module({
  providers: [
    ScheduleCohortHandler,
    ScheduleCohortResolver,
    CancelCohortHandler,
    CancelCohortResolver,
    ListCohortsHandler,
    CohortsQueryResolver,
    GetCohortHandler,
    CohortQueryResolver,
    CohortFieldsResolver,
    CohortCalendarFieldsResolver,
    UpdateCohortHandler,
    UpdateCohortResolver,
  ],
})
export class CohortsModule {}
