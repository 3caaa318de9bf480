import { Module } from '@nestjs/common';
import { StoreModule } from '../store.module.js';
import { InternLeftConsumer } from './events/intern-left.consumer.js';
import { InternReinstatedConsumer } from './events/intern-reinstated.consumer.js';
import { InternProjection } from './events/intern.projection.js';
import { InternResolver } from './graphql/intern.resolver.js';

/**
 * The interns the cohorts context enrolled, projected from its events (enrolled, extended, and
 * leaving the program, which frees their mentors' places; reinstated, which restores them), and
 * the Intern entity extension.
 */
@Module({
  imports: [StoreModule],
  providers: [InternProjection, InternLeftConsumer, InternReinstatedConsumer, InternResolver],
})
export class InternsModule {}
