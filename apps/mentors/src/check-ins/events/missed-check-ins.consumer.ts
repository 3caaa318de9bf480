import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CheckInMissedV2, CohortCompletedV1, CohortWeekStartedV1 } from '#contracts';
import { zonedTimeToInstant } from '#ddd';
import { on, Outbox, outgoing, type ConsumesEvents } from '#messaging';
import { CohortProjectionRepository } from '../../cohorts/persistence/cohort-projection.repository.js';
import { CheckInRepository } from '../persistence/check-in.repository.js';

/**
 * Missed check-ins, per intern (SPEC §7): a week is missed for an intern when none of their
 * mentors logged a check-in in it. A week is checked when it is over on the cohort's clock:
 * `CohortWeekStarted {week}` closes week − 1 (the clock goes on past the cohort's end for
 * extended interns' weeks), and `CohortCompleted` closes the cohort's last week, which no
 * CohortWeekStarted follows unless an intern was extended. Only interns whose own program
 * includes the week are checked. One CheckInMissed v2 per intern and week, naming every mentor
 * who could have logged one: the inbox makes a redelivery a no-op, and the missed_intern_weeks key
 * makes any other event closing the same week (CohortCompleted then CohortWeekStarted weeks + 1, a
 * republished tick) find the intern already recorded.
 */
@Injectable()
export class MissedCheckInsConsumer implements ConsumesEvents {
  readonly handlers = [
    on(CohortWeekStartedV1, async ({ cohortId, week, startsOn }, _meta, tx) => {
      if (week < 2) return;
      const cohort = await this.cohorts.findById(cohortId, tx);
      // The week that ended, ended when this one started: local midnight in the cohort's zone.
      const weekEndedAt = zonedTimeToInstant(startsOn, cohort?.timezone ?? 'UTC');
      await this.detect(tx, { cohortId, week: week - 1, weekEndedAt });
    }),
    on(CohortCompletedV1, ({ cohortId, weeks, completedAt }, _meta, tx) =>
      this.detect(tx, { cohortId, week: weeks, weekEndedAt: new Date(completedAt) }),
    ),
  ];

  constructor(
    private readonly cohorts: CohortProjectionRepository,
    private readonly checkIns: CheckInRepository,
    private readonly outbox: Outbox,
  ) {}

  private async detect(tx: EntityManager, w: { cohortId: string; week: number; weekEndedAt: Date }): Promise<void> {
    const missed = await this.checkIns.recordMissed(tx, w);
    if (missed.length === 0) return;
    await this.outbox.append(
      tx,
      missed.map((m) =>
        outgoing(CheckInMissedV2, m.internId, {
          cohortId: m.cohortId,
          internId: m.internId,
          week: m.week,
          mentorIds: m.mentorIds,
          primaryMentorId: m.primaryMentorId,
        }),
      ),
    );
  }
}
