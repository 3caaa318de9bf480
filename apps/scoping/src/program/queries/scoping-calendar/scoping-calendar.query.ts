import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../domain/calendar-access.js';
import type { ScopingCalendarType } from '../../graphql/scoping-calendar.type.js';

/** The scope deadline of an intern, from the calendar of the cohort they are enrolled in. */
export class ScopingCalendarQuery extends Query<ScopingCalendarType> {
  constructor(
    readonly internId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}
