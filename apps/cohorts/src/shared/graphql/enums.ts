import { registerEnumType } from '@nestjs/graphql';
import { CohortPhase } from '#calendar';
import { CohortStatus, WorkMode } from '../../cohorts/domain/cohort.js';
import { DegreeLevel, EnrollmentStatus, OfferStatus } from '../../enrollments/domain/enrollment.js';

/** How an extension came about. */
export enum ExtensionSource {
  PROGRAM_MANAGER = 'PROGRAM_MANAGER',
  MIDPOINT_DECISION = 'MIDPOINT_DECISION',
}

/** The final outcome an enrollment completed with. */
export enum EnrollmentOutcome {
  PASS = 'PASS',
  FAIL = 'FAIL',
}

registerEnumType(WorkMode, { name: 'WorkMode' });
registerEnumType(CohortStatus, {
  name: 'CohortStatus',
  description: 'SCHEDULED → IN_PROGRESS → COMPLETED, or CANCELLED before it starts',
});
registerEnumType(CohortPhase, { name: 'CohortPhase' });
registerEnumType(DegreeLevel, { name: 'DegreeLevel' });
registerEnumType(EnrollmentStatus, {
  name: 'EnrollmentStatus',
  description: 'ENROLLED → ONBOARDING → ACTIVE → COMPLETED, or WITHDRAWN / TERMINATED',
});

registerEnumType(ExtensionSource, { name: 'ExtensionSource' });
registerEnumType(EnrollmentOutcome, { name: 'EnrollmentOutcome' });

/** The final evaluation's return-offer recommendation. */
export enum ReturnOfferRecommendation {
  STRONG_YES = 'STRONG_YES',
  YES = 'YES',
  NO = 'NO',
}
registerEnumType(ReturnOfferRecommendation, { name: 'ReturnOfferRecommendation' });
registerEnumType(OfferStatus, {
  name: 'OfferStatus',
  description: 'What became of a return offer: EXTENDED, then ACCEPTED or DECLINED',
});

export { CohortPhase, CohortStatus, DegreeLevel, EnrollmentStatus, OfferStatus, WorkMode };
