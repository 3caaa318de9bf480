import { Module } from '@nestjs/common';
import { EnrollmentLifecycle } from './commands/enrollment-lifecycle.js';
import { EnrollInternHandler } from './commands/enroll-intern/enroll-intern.handler.js';
import { EnrollInternResolver } from './commands/enroll-intern/enroll-intern.resolver.js';
import { WithdrawInternHandler } from './commands/withdraw-intern/withdraw-intern.handler.js';
import { WithdrawInternResolver } from './commands/withdraw-intern/withdraw-intern.resolver.js';
import { ExtendInternshipHandler } from './commands/extend-internship/extend-internship.handler.js';
import { ExtendInternshipResolver } from './commands/extend-internship/extend-internship.resolver.js';
import { ReinstateInternHandler } from './commands/reinstate-intern/reinstate-intern.handler.js';
import { ReinstateInternResolver } from './commands/reinstate-intern/reinstate-intern.resolver.js';
import { RecordOfferDecisionHandler } from './commands/record-offer-decision/record-offer-decision.handler.js';
import { RecordOfferDecisionResolver } from './commands/record-offer-decision/record-offer-decision.resolver.js';
import { EvaluationDecisionsConsumer } from './events/evaluation-decisions.consumer.js';
import { GetInternHandler } from './queries/get-intern/get-intern.handler.js';
import { InternQueryResolver } from './queries/get-intern/get-intern.resolver.js';
import { MeQueryResolver } from './queries/me/me-query.resolver.js';
import { EnrollmentFieldsResolver } from './graphql/enrollment.resolver.js';
import { InternFieldsResolver } from './graphql/intern.resolver.js';
import { MeFieldsResolver } from './graphql/me.resolver.js';

/** Enrollments: enrolling, withdrawing and extending interns, their ends decided by evaluations, the intern/me queries and Enrollment, Intern and Me fields. */
@Module({
  providers: [
    EnrollmentLifecycle,
    EnrollInternHandler,
    EnrollInternResolver,
    WithdrawInternHandler,
    WithdrawInternResolver,
    ExtendInternshipHandler,
    ExtendInternshipResolver,
    EvaluationDecisionsConsumer,
    ReinstateInternHandler,
    ReinstateInternResolver,
    RecordOfferDecisionHandler,
    RecordOfferDecisionResolver,
    GetInternHandler,
    InternQueryResolver,
    MeQueryResolver,
    EnrollmentFieldsResolver,
    InternFieldsResolver,
    MeFieldsResolver,
  ],
})
export class EnrollmentsModule {}
