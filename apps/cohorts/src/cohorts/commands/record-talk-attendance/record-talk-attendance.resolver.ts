import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { TechTalkSnapshot } from '../../domain/tech-talk.js';
import { TechTalkType } from '../../graphql/tech-talk.type.js';
import { RecordTalkAttendanceCommand } from './record-talk-attendance.command.js';
import { RecordTalkAttendanceInput } from './record-talk-attendance.input.js';

@Resolver()
export class RecordTalkAttendanceResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => TechTalkType, {
    description: 'Records which interns attended a talk, once it has started (program managers)',
  })
  @Roles('PROGRAM_MANAGER')
  recordTalkAttendance(
    @Args('input', { type: () => RecordTalkAttendanceInput }) input: RecordTalkAttendanceInput,
    @CurrentUser() user: Identity,
  ): Promise<TechTalkSnapshot> {
    return this.commands.execute(new RecordTalkAttendanceCommand(input.talkId, input.internIds, user));
  }
}
