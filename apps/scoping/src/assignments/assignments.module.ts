import { Module } from '@nestjs/common';
import { AssignmentProjection } from './events/assignment.projection.js';
import { AssignmentRepository } from './persistence/assignment.repository.js';

/** Who mentors whom, projected from the mentors context's assignment events. */
@Module({ providers: [AssignmentProjection, AssignmentRepository], exports: [AssignmentRepository] })
export class AssignmentsModule {}
