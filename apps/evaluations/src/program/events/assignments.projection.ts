import { Injectable } from '@nestjs/common';
import { MentorAssignedV1, MentorUnassignedV1 } from '#contracts';
import { on, type ConsumesEvents } from '#messaging';
import { ProgramProjectionRepository } from '../persistence/program-projection.repository.js';

/**
 * Who mentors whom, from the mentors context: the intern's primary mentor is the one who writes
 * their evaluations, and a mentor sees only their own mentees. Order-proof: an unassignment that
 * arrives before its assignment leaves the assignment ended.
 */
@Injectable()
export class AssignmentsProjection implements ConsumesEvents {
  readonly handlers = [
    on(MentorAssignedV1, (d, _meta, tx) => this.program.assigned(tx, { ...d, assignedAt: new Date(d.assignedAt) })),
    on(MentorUnassignedV1, (d, meta, tx) => this.program.unassigned(tx, { ...d, at: new Date(meta.time) })),
  ];

  constructor(private readonly program: ProgramProjectionRepository) {}
}
