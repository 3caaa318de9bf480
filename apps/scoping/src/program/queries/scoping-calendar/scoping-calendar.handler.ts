import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { NotFoundError, ValidationError } from '#ddd';
import { AssignmentRepository } from '../../../assignments/persistence/assignment.repository.js';
import { assertMayViewIntern, needsMentorsOf } from '../../domain/calendar-access.js';
import { internDeadline, internScopeDueWeek } from '../../domain/program-calendar.js';
import type { ScopingCalendarType } from '../../graphql/scoping-calendar.type.js';
import { ProgramRepository } from '../../persistence/program.repository.js';
import { ScopingCalendarQuery } from './scoping-calendar.query.js';

@QueryHandler(ScopingCalendarQuery)
export class ScopingCalendarHandler implements IQueryHandler<ScopingCalendarQuery, ScopingCalendarType> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programs: ProgramRepository,
    private readonly assignments: AssignmentRepository,
  ) {}

  async execute({ internId, caller }: ScopingCalendarQuery): Promise<ScopingCalendarType> {
    const id = internId.trim();
    if (!id) throw ValidationError.field('internId', 'is required');
    const manager = this.dataSource.manager;
    // The intern's current enrollment: the latest one scoping has seen.
    const enrollment = await this.programs.latestEnrollment(manager, id);
    // A mentor sees their own mentees only (refused alike whether the intern exists or not).
    const mentors =
      enrollment && needsMentorsOf(caller, id)
        ? await this.assignments.mentorsOf(manager, id, enrollment.cohortId)
        : undefined;
    assertMayViewIntern(caller, id, mentors?.mentorIds);
    if (!enrollment) throw new NotFoundError('Intern', id);
    const program = await this.programs.program(manager, id, enrollment.cohortId);
    if (!program) throw new NotFoundError('Cohort', enrollment.cohortId);
    const { cohort, grants } = program;
    // The intern's own calendar: an extension inserted before the end of week 2 moves the deadline.
    const deadline = internDeadline(cohort, internScopeDueWeek(grants), grants);
    return {
      internId: id,
      cohortId: cohort.cohortId,
      cohortStartDate: cohort.startDate,
      cohortWeeks: cohort.weeks,
      timezone: cohort.timezone,
      scopeDueWeek: deadline.week,
      scopeDueDate: deadline.dueDate,
      scopeDueAt: deadline.dueAt,
    };
  }
}
