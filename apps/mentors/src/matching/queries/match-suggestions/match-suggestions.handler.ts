import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ConflictError, NotFoundError, ValidationError } from '#ddd';
import { MentorRole } from '../../../assignments/graphql/mentor-role.enum.js';
import { CohortProjectionRepository } from '../../../cohorts/persistence/cohort-projection.repository.js';
import { InternType } from '../../../interns/graphql/intern.type.js';
import { InternProjectionRepository } from '../../../interns/persistence/intern-projection.repository.js';
import { MentorType } from '../../../mentors/graphql/mentor.type.js';
import { MentorRepository } from '../../../mentors/persistence/mentor.repository.js';
import { suggestMatches } from '../../domain/matching.js';
import { MatchingPreferencesRepository } from '../../persistence/matching-preferences.repository.js';
import type { MatchSuggestionType } from '../../graphql/match-suggestion.type.js';
import { MatchSuggestionsQuery } from './match-suggestions.query.js';

/**
 * Reads the cohort's calendar, its interns still without a primary mentor, the mentors available
 * for it with their current load and working hours, and the cohort's matching preferences
 * (weights, excluded pairs), and solves the matching for all of them at once.
 * Nothing is written: a program manager applies suggestions with assignMentor.
 */
@QueryHandler(MatchSuggestionsQuery)
export class MatchSuggestionsHandler implements IQueryHandler<MatchSuggestionsQuery> {
  constructor(
    private readonly cohorts: CohortProjectionRepository,
    private readonly interns: InternProjectionRepository,
    private readonly mentors: MentorRepository,
    private readonly preferences: MatchingPreferencesRepository,
  ) {}

  async execute({ cohortId: raw }: MatchSuggestionsQuery): Promise<MatchSuggestionType[]> {
    const cohortId = typeof raw === 'string' ? raw.trim() : '';
    if (!cohortId) throw ValidationError.field('cohortId', 'must not be empty');
    const cohort = await this.cohorts.findById(cohortId);
    if (!cohort) throw new NotFoundError('cohort', cohortId);
    if (cohort.status === 'CANCELLED' || cohort.status === 'COMPLETED') {
      throw new ConflictError(`cohort ${cohortId} is ${cohort.status.toLowerCase()}: there is nobody left to match`);
    }
    const [interns, available, preferences] = await Promise.all([
      this.interns.unmatchedInCohort(cohortId),
      this.mentors.availableForCohort(cohortId),
      this.preferences.forCohort(cohortId),
    ]);
    const byId = new Map(available.map((a) => [a.mentor.id, a.mentor]));
    const result = suggestMatches(
      interns.map((i) => ({ internId: i.internId, focusAreas: i.focusAreas, timezone: i.timezone })),
      available.map(({ mentor, activeMentees }) => {
        const s = mentor.snapshot();
        return {
          mentorId: s.mentorId,
          expertise: s.expertise,
          timezone: s.timezone,
          workingHours: s.workingHours,
          capacity: s.capacity,
          activeMentees,
        };
      }),
      { startDate: cohort.startDate, weeks: cohort.weeks },
      { weights: preferences.weights, exclusions: preferences.exclusions },
    );
    return result.suggestions.map((s) => {
      const mentor = s.mentorId ? byId.get(s.mentorId) : undefined;
      return {
        intern: InternType.ref(s.internId),
        mentor: mentor ? MentorType.from(mentor) : null,
        role: MentorRole.PRIMARY,
        score: s.score,
        reasons: s.reasons,
        breakdown: s.breakdown,
        sharedFocusAreas: s.sharedFocusAreas,
        workingHoursOverlap: s.workingHours ? Math.round(s.workingHours.averageHours * 100) / 100 : null,
        placesLeft: s.placesLeft,
        weights: { ...result.weights },
      };
    });
  }
}
