import { Injectable } from '@nestjs/common';
import { InternEnrolledV1, InternshipExtendedV1, InternshipExtensionRevokedV1 } from '#contracts';
import { on, type ConsumesEvents } from '#messaging';
import { InternProjectionRepository } from '../persistence/intern-projection.repository.js';

/**
 * Projects `cohorts.InternEnrolled` into this service's `interns` table, inside the transaction
 * that records the event in the inbox (so a redelivery is applied once); the upsert itself is
 * also idempotent and ignores events older than the row. An intern's own program that got
 * longer (`InternshipExtended`) gives their check-ins after the cohort's last week a week still;
 * a revoked extension (`InternshipExtensionRevoked`) takes it back.
 */
@Injectable()
export class InternProjection implements ConsumesEvents {
  readonly handlers = [
    on(InternEnrolledV1, (d, meta, tx) =>
      this.interns.upsertEnrollment(tx, {
        internId: d.internId,
        cohortId: d.cohortId,
        enrollmentId: d.enrollmentId,
        name: d.name,
        focusAreas: d.focusAreas,
        timezone: d.timezone,
        enrolledAt: new Date(meta.time),
      }),
    ),
    on(InternshipExtendedV1, (d, _meta, tx) =>
      this.interns.recordExtension(tx, {
        internId: d.internId,
        cohortId: d.cohortId,
        totalWeeks: d.totalExtensionWeeks,
      }),
    ),
    // A revoked extension: the intern keeps the event's list, its total replaces ours.
    on(InternshipExtensionRevokedV1, (d, _meta, tx) =>
      this.interns.replaceExtension(tx, {
        internId: d.internId,
        cohortId: d.cohortId,
        totalWeeks: d.totalExtensionWeeks,
      }),
    ),
  ];

  constructor(private readonly interns: InternProjectionRepository) {}
}
