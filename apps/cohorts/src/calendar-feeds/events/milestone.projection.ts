import { Injectable } from '@nestjs/common';
import { ProjectScopeApprovedV1, ProjectScopeApprovedV2 } from '#contracts';
import { on, type ConsumesEvents } from '#messaging';
import { InternMilestoneRepository } from '../persistence/intern-milestone.repository.js';

/**
 * The milestones of each intern's approved scope, for their own calendar feed (issue 13): from
 * scoping's ProjectScopeApproved (v1 from the primary mentor, v2 also from a program manager; the
 * same milestones either way). Ordered by the scope's version: an older approval arriving late, or
 * one delivered again, changes nothing.
 */
@Injectable()
export class MilestoneProjection implements ConsumesEvents {
  constructor(private readonly milestones: InternMilestoneRepository) {}

  readonly handlers = [
    on(ProjectScopeApprovedV1, (data, _meta, tx) => this.milestones.applyApproval(tx, data)),
    on(ProjectScopeApprovedV2, (data, _meta, tx) => this.milestones.applyApproval(tx, data)),
  ];
}
