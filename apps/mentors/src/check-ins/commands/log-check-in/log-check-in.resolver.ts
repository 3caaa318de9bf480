import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import { CheckInType } from '../../graphql/check-in.type.js';
import { LogCheckInCommand } from './log-check-in.command.js';
import { LogCheckInInput } from './log-check-in.input.js';

@Resolver(() => CheckInType)
export class LogCheckInResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation(() => CheckInType, {
    description: 'Logs a check-in with one of the calling mentor’s interns (FORBIDDEN for anyone else’s).',
  })
  @Roles('MENTOR')
  async logCheckIn(
    @Args('input', { type: () => LogCheckInInput }) input: LogCheckInInput,
    @CurrentUser() caller: Identity,
  ): Promise<CheckInType> {
    const stored = await this.commandBus.execute(
      new LogCheckInCommand(
        {
          internId: input.internId,
          occurredOn: input.occurredOn,
          durationMinutes: input.durationMinutes,
          format: input.format,
          progress: input.progress,
          notes: input.notes,
          privateNotes: input.privateNotes,
          blockers: input.blockers,
          actionItems: input.actionItems,
        },
        caller.sub,
      ),
    );
    return CheckInType.from(stored);
  }
}
