import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '#ddd';
import { InternProjectionRepository } from '../../../interns/persistence/intern-projection.repository.js';
import { ENDED_INTERN_STATUSES } from '../../../interns/persistence/intern-projection.orm-entity.js';
import { MentorRepository } from '../../../mentors/persistence/mentor.repository.js';
import { planAssignment, validateAssignment } from '../../domain/assignment-policy.js';
import { AssignmentRepository, type AssignmentView } from '../../persistence/assignment.repository.js';
import { mentorAssigned, mentorUnassigned } from '../assignment-events.js';
import { MentorsUnitOfWork } from '../../../mentors/commands/unit-of-work.js';
import { AssignMentorCommand } from './assign-mentor.command.js';

/**
 * Assigns a mentor in one transaction that locks the intern's enrollment row and then the
 * mentor's row (always in that order, so concurrent assignments cannot deadlock), counts the
 * mentor's places under the lock, applies the assignment rules, ends what the new assignment
 * replaces, and appends MentorUnassigned/MentorAssigned to the outbox. Two program managers
 * giving away a mentor's last place at the same moment: the second waits for the first, then
 * sees the place taken and gets CONFLICT.
 */
@CommandHandler(AssignMentorCommand)
export class AssignMentorHandler implements ICommandHandler<AssignMentorCommand> {
  constructor(
    private readonly uow: MentorsUnitOfWork,
    private readonly interns: InternProjectionRepository,
    private readonly mentors: MentorRepository,
    private readonly assignments: AssignmentRepository,
  ) {}

  async execute({ input, assignedBy }: AssignMentorCommand): Promise<AssignmentView> {
    const wanted = validateAssignment(input);
    return this.uow.run(async ({ tx, publish }) => {
      const intern = await this.interns.lockLatest(tx, wanted.internId);
      if (!intern) throw new NotFoundError('intern', wanted.internId);
      const mentor = await this.mentors.lockForUpdate(tx, wanted.mentorId);
      if (!mentor) throw new NotFoundError('mentor', wanted.mentorId);

      const internActive = await this.assignments.activeForInternTx(tx, wanted.internId);
      const plan = planAssignment({
        internId: wanted.internId,
        cohortId: intern.cohortId,
        endedAs: ENDED_INTERN_STATUSES.includes(intern.status) ? intern.status : null,
        mentorId: wanted.mentorId,
        mentorCapacity: mentor.capacity,
        mentorAvailableForCohort: mentor.isAvailableFor(intern.cohortId),
        mentorErased: mentor.isErased,
        mentorActiveCount: await this.assignments.countActiveForMentor(tx, wanted.mentorId),
        internActive: internActive.map((a) => ({ assignmentId: a.id, mentorId: a.mentorId, role: a.role })),
        role: wanted.role,
        replace: wanted.replace,
      });

      for (const end of plan.end) {
        for (const ended of await this.assignments.end(tx, [end.assignmentId], end.reason, assignedBy)) {
          publish(mentorUnassigned(ended, end.reason));
        }
      }
      const created = await this.assignments.insert(tx, {
        internId: wanted.internId,
        mentorId: wanted.mentorId,
        cohortId: intern.cohortId,
        role: plan.create.role,
        assignedBy,
      });
      publish(mentorAssigned(created));
      return created;
    });
  }
}
