import { Injectable } from '@nestjs/common';
import { CheckInMissedV1, CohortWeekStartedV1 } from '#contracts';
import { zonedTimeToInstant } from '#ddd';
import { on, Outbox, outgoing, type ConsumesEvents } from '#messaging';
import { CohortProjectionRepository } from '../../cohorts/persistence/cohort-projection.repository.js';
import { CheckInRepository } from '../persistence/check-in.repository.js';

/**
 * When a cohort's week N starts, week N-1 is over: every active mentor–intern pair of the cohort
 * (primary and co-mentors alike) that logged no check-in in week N-1 gets a CheckInMissed. Once
 * per pair and week: the inbox makes a redelivery of the same event a no-op, and the
 * missed_check_ins key makes any other event for the same week (a republished clock tick)
 * find every pair already recorded.
 */
@Injectable()
export class MissedCheckInsConsumer implements ConsumesEvents {
  readonly handlers = [
    on(CohortWeekStartedV1, async ({ cohortId, week, startsOn }, _meta, tx) => {
      if (week < 2) return;
      const cohort = await this.cohorts.findById(cohortId, tx);
      // The week that ended, ended when this one started: local midnight in the cohort's zone.
      const weekEndedAt = zonedTimeToInstant(startsOn, cohort?.timezone ?? 'UTC');
      const missed = await this.checkIns.recordMissed(tx, { cohortId, week: week - 1, weekEndedAt });
      if (missed.length === 0) return;
      await this.outbox.append(
        tx,
        missed.map((m) =>
          outgoing(CheckInMissedV1, m.internId, {
            cohortId: m.cohortId,
            internId: m.internId,
            mentorId: m.mentorId,
            week: m.week,
          }),
        ),
      );
    }),
  ];

  constructor(
    private readonly cohorts: CohortProjectionRepository,
    private readonly checkIns: CheckInRepository,
    private readonly outbox: Outbox,
  ) {}
}
