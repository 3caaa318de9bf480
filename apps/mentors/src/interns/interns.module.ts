import { Module } from '@nestjs/common';
import { StoreModule } from '../store.module.js';
import { InternEnrolledHandler } from './events/intern-enrolled.handler.js';
import { InternLeftHandler } from './events/intern-left.handler.js';
import { InternshipExtendedHandler } from './events/internship-extended.handler.js';
import { InternResolver } from './graphql/intern.resolver.js';

/**
 * The interns the cohorts context enrolled, projected from its events (enrolled, extended, and
 * leaving the program, which frees their mentors' places), and the Intern entity extension.
 */
@Module({
  imports: [StoreModule],
  providers: [InternEnrolledHandler, InternLeftHandler, InternshipExtendedHandler, InternResolver],
})
export class InternsModule {}
