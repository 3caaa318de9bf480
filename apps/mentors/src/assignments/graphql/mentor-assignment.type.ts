import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ActiveAssignment } from '../persistence/assignment.repository.js';
import { MentorRole } from './mentor-role.enum.js';

@ObjectType('MentorAssignment', { description: 'A mentor assigned to an intern, active or ended.' })
export class MentorAssignmentType {
  @Field(() => ID)
  id: string;

  /** Resolved by MentorAssignmentResolver (`intern`, `mentor`). */
  internId: string;
  mentorId: string;

  @Field(() => ID, { description: 'The cohort of the intern’s enrollment the assignment belongs to.' })
  cohortId: string;

  @Field(() => MentorRole)
  role: MentorRole;

  @Field()
  assignedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it ended; null while active.' })
  unassignedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it ended: UNASSIGNED, REPLACED_BY_NEW_PRIMARY, ROLE_CHANGED, INTERN_WITHDRAWN, INTERN_TERMINATED or INTERN_COMPLETED.',
  })
  endReason: string | null;

  @Field()
  active: boolean;

  static from(a: ActiveAssignment & { unassignedAt?: Date | null; endReason?: string | null }): MentorAssignmentType {
    const t = new MentorAssignmentType();
    t.id = a.id;
    t.internId = a.internId;
    t.mentorId = a.mentorId;
    t.cohortId = a.cohortId;
    t.role = a.role as MentorRole;
    t.assignedAt = a.assignedAt;
    t.unassignedAt = a.unassignedAt ?? null;
    t.endReason = a.endReason ?? null;
    t.active = t.unassignedAt === null;
    return t;
  }
}
