import { ConnectionType } from '#platform';
import { CohortType } from './cohort.type.js';
import { EnrollmentType } from './enrollment.type.js';
import { PresentationSlotType } from './presentation-slot.type.js';
import { TechTalkType } from './tech-talk.type.js';

/** Declared once each: one class per GraphQL type. */
export const CohortConnection = ConnectionType(CohortType, 'Cohort');
export const EnrollmentConnection = ConnectionType(EnrollmentType, 'Enrollment');
export const TechTalkConnection = ConnectionType(TechTalkType, 'TechTalk');
export const PresentationSlotConnection = ConnectionType(PresentationSlotType, 'PresentationSlot');
