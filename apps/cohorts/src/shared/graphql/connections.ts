import { ConnectionType } from '#platform';
import { CohortType } from '../../cohorts/graphql/cohort.type.js';
import { EnrollmentType } from '../../enrollments/graphql/enrollment.type.js';
import { PresentationSlotType } from '../../presentations/graphql/presentation-slot.type.js';
import { TechTalkType } from '../../tech-talks/graphql/tech-talk.type.js';

/** Declared once each: one class per GraphQL type. */
export const CohortConnection = ConnectionType(CohortType, 'Cohort');
export const EnrollmentConnection = ConnectionType(EnrollmentType, 'Enrollment');
export const TechTalkConnection = ConnectionType(TechTalkType, 'TechTalk');
export const PresentationSlotConnection = ConnectionType(PresentationSlotType, 'PresentationSlot');
