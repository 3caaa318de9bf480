import { Module } from '@nestjs/common';
import { StoreModule } from '../store.module.js';
import { InternErasedProjection } from './events/intern-erased.projection.js';
import { InternLeftConsumer } from './events/intern-left.consumer.js';
import { InternReinstatedConsumer } from './events/intern-reinstated.consumer.js';
import { InternProjection } from './events/intern.projection.js';
import { InternResolver } from './graphql/intern.resolver.js';

/**
 * The interns the cohorts context enrolled, projected from its events (enrolled, extended, and
 * leaving the program, which frees their mentors' places; reinstated, which restores them; erased,
 * which removes their name), and the Intern entity extension.
 */
@Module({
  imports: [StoreModule],
  providers: [InternProjection, InternErasedProjection, InternLeftConsumer, InternReinstatedConsumer, InternResolver],
})
export class InternsModule {}
