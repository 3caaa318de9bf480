import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InternReinstatedV1, type EventData } from '#contracts';
import { ConflictError } from '#ddd';
import { on, Outbox, type ConsumesEvents, type EventMeta } from '#messaging';
import { mentorAssigned } from '../../assignments/commands/assignment-events.js';
import { planAssignment, type ActivePair } from '../../assignments/domain/assignment-policy.js';
import { AssignmentRepository } from '../../assignments/persistence/assignment.repository.js';
import type { Mentor } from '../../mentors/domain/mentor.js';
import { MentorRepository } from '../../mentors/persistence/mentor.repository.js';
import { InternProjectionRepository } from '../persistence/intern-projection.repository.js';

/**
 * A withdrawn intern is reinstated (SPEC §7): the intern is active again here, and the mentor
 * assignments their withdrawal ended come back, as new assignments (MentorAssigned, keyed by the
 * intern), primary first, under the same rules as assignMentor: a mentor who has meanwhile filled
 * the freed place, or is no longer available for the cohort, is not assigned again (the PM assigns
 * someone; the intern shows in matchSuggestions while without a primary). Locks: the intern's row
 * (the update), then the mentors' rows in id order, as assignMentor does. All in the inbox transaction.
 */
@Injectable()
export class InternReinstatedConsumer implements ConsumesEvents {
  readonly handlers = [on(InternReinstatedV1, (d, meta, tx) => this.reinstated(d, meta, tx))];

  constructor(
    private readonly interns: InternProjectionRepository,
    private readonly mentors: MentorRepository,
    private readonly assignments: AssignmentRepository,
    private readonly outbox: Outbox,
  ) {}

  private async reinstated(d: EventData<typeof InternReinstatedV1>, meta: EventMeta, tx: EntityManager): Promise<void> {
    const { internId, cohortId } = d;
    const back = await this.interns.recordReinstated(tx, { internId, cohortId, at: new Date(meta.time) });
    if (!back) return; // unknown here, or not withdrawn: nothing ended to restore
    const formers = await this.assignments.endedByLatestWithdrawal(tx, internId, cohortId);
    // Mentor rows are locked in id order (two reinstatements sharing mentors cannot deadlock).
    const mentors = new Map<string, Mentor | null>();
    for (const id of [...new Set(formers.map((f) => f.mentorId))].sort()) {
      mentors.set(id, await this.mentors.lockForUpdate(tx, id));
    }
    const active: ActivePair[] = [];
    const restored = [];
    for (const former of formers) {
      const mentor = mentors.get(former.mentorId);
      if (!mentor) continue;
      try {
        planAssignment({
          internId,
          cohortId,
          endedAs: null,
          mentorId: former.mentorId,
          mentorCapacity: mentor.capacity,
          mentorAvailableForCohort: mentor.isAvailableFor(cohortId),
          mentorErased: mentor.isErased,
          mentorActiveCount: await this.assignments.countActiveForMentor(tx, former.mentorId),
          internActive: active,
          role: former.role,
        });
      } catch (err) {
        if (err instanceof ConflictError) continue; // that place is gone: not restored
        throw err;
      }
      const created = await this.assignments.insert(tx, {
        internId,
        mentorId: former.mentorId,
        cohortId,
        role: former.role,
        assignedBy: d.reinstatedBy,
      });
      active.push({ assignmentId: created.id, mentorId: created.mentorId, role: created.role });
      restored.push(mentorAssigned(created));
    }
    if (restored.length) await this.outbox.append(tx, restored);
  }
}
