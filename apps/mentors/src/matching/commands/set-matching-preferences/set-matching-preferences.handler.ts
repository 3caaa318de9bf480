import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '#ddd';
import { CohortProjectionRepository } from '../../../cohorts/persistence/cohort-projection.repository.js';
import { InternProjectionRepository } from '../../../interns/persistence/intern-projection.repository.js';
import { MentorsUnitOfWork } from '../../../mentors/commands/unit-of-work.js';
import { MentorRepository } from '../../../mentors/persistence/mentor.repository.js';
import { cleanPreferences, unknownPartiesError, type MatchingPreferences } from '../../domain/preferences.js';
import { MatchingPreferencesRepository } from '../../persistence/matching-preferences.repository.js';
import { SetMatchingPreferencesCommand } from './set-matching-preferences.command.js';

/**
 * Replaces a cohort's matching preferences. Input bad on its own is refused before any
 * transaction; then the cohort must be known (NOT_FOUND) and every excluded intern enrolled in
 * it and every excluded mentor registered (BAD_USER_INPUT naming `exclusions[i].internId` /
 * `.mentorId`), else nothing changes. No event: the preferences matter only to this service.
 */
@CommandHandler(SetMatchingPreferencesCommand)
export class SetMatchingPreferencesHandler implements ICommandHandler<SetMatchingPreferencesCommand> {
  constructor(
    private readonly uow: MentorsUnitOfWork,
    private readonly cohorts: CohortProjectionRepository,
    private readonly interns: InternProjectionRepository,
    private readonly mentors: MentorRepository,
    private readonly preferences: MatchingPreferencesRepository,
  ) {}

  async execute({ input, caller }: SetMatchingPreferencesCommand): Promise<MatchingPreferences> {
    const { preferences, positions } = cleanPreferences(input);
    return this.uow.run(async ({ tx }) => {
      const cohort = await this.cohorts.findById(preferences.cohortId, tx);
      if (!cohort) throw new NotFoundError('cohort', preferences.cohortId);
      const [interns, mentors] = await Promise.all([
        this.interns.enrolledInCohort(tx, preferences.cohortId, [
          ...new Set(preferences.exclusions.map((e) => e.internId)),
        ]),
        this.mentors.registeredIds(tx, [...new Set(preferences.exclusions.map((e) => e.mentorId))]),
      ]);
      const unknown = unknownPartiesError(
        preferences.exclusions,
        positions,
        (id) => interns.has(id),
        (id) => mentors.has(id),
      );
      if (unknown) throw unknown;
      await this.preferences.replace(tx, preferences, caller.sub, new Date());
      return preferences;
    });
  }
}
