import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '#ddd';
import { CohortRepository } from '../../cohorts/persistence/cohort.repository.js';
import { EnrollmentRepository } from '../../enrollments/persistence/enrollment.repository.js';
import { RegisteredMentorRepository } from '../../mentors/persistence/registered-mentor.repository.js';
import { PresentationSlotRepository } from '../../presentations/persistence/presentation-slot.repository.js';
import { TechTalkRepository } from '../../tech-talks/persistence/tech-talk.repository.js';
import { CohortsUnitOfWork } from './unit-of-work.js';

/**
 * What the cohorts commands work with, injected once: the unit of work, the clock and the
 * repositories of the program (cohorts, enrollments, talks, presentation slots, registered
 * mentors). A handler `extends CohortsCommandHandler` and writes only `execute`; it keeps a
 * constructor of its own only for a collaborator outside this set (EnrollmentLifecycle, the
 * program clock, the calendar feeds).
 */
@Injectable()
export abstract class CohortsCommandHandler {
  constructor(
    protected readonly uow: CohortsUnitOfWork,
    protected readonly cohorts: CohortRepository,
    protected readonly enrollments: EnrollmentRepository,
    protected readonly talks: TechTalkRepository,
    protected readonly slots: PresentationSlotRepository,
    protected readonly mentors: RegisteredMentorRepository,
    @Inject(CLOCK) protected readonly clock: Clock,
  ) {}
}
