import { Module } from '@nestjs/common';
import { StoreModule } from '../store.module.js';
import { LogCheckInHandler } from './commands/log-check-in/log-check-in.handler.js';
import { LogCheckInResolver } from './commands/log-check-in/log-check-in.resolver.js';
import { MissedCheckInsConsumer } from './events/missed-check-ins.consumer.js';
import { CheckInResolver } from './graphql/check-in.resolver.js';
import { InternCheckInsResolver } from './graphql/intern-check-ins.resolver.js';

/** Weekly check-ins: logging, the history and week status on Intern, and missed check-ins. */
@Module({
  imports: [StoreModule],
  providers: [LogCheckInHandler, LogCheckInResolver, CheckInResolver, InternCheckInsResolver, MissedCheckInsConsumer],
})
export class CheckInsModule {}
