import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { PresentationSlotSnapshot } from '../../domain/presentation-slot.js';
import { PresentationSlotType } from '../../graphql/presentation-slot.type.js';
import { OpenPresentationSlotsCommand } from './open-presentation-slots.command.js';
import { OpenPresentationSlotsInput } from './open-presentation-slots.input.js';

@Resolver()
export class OpenPresentationSlotsResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => [PresentationSlotType], {
    description:
      'Opens final-presentation slots in the presentations week, with panels of registered mentors (program managers)',
  })
  @Roles('PROGRAM_MANAGER')
  openPresentationSlots(
    @Args('input', { type: () => OpenPresentationSlotsInput }) input: OpenPresentationSlotsInput,
    @CurrentUser() user: Identity,
  ): Promise<PresentationSlotSnapshot[]> {
    return this.commands.execute(new OpenPresentationSlotsCommand(input.cohortId, input.slots, user));
  }
}
