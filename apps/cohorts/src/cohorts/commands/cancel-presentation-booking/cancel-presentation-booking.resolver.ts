import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { PresentationSlotSnapshot } from '../../domain/presentation-slot.js';
import { PresentationSlotType } from '../../graphql/presentation-slot.type.js';
import { CancelPresentationBookingCommand } from './cancel-presentation-booking.command.js';
import { CancelPresentationBookingInput } from './cancel-presentation-booking.input.js';

@Resolver()
export class CancelPresentationBookingResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => PresentationSlotType, {
    description: 'Cancels a presentation booking before the slot starts: your own (interns) or any (program managers)',
  })
  @Roles('INTERN', 'PROGRAM_MANAGER')
  cancelPresentationBooking(
    @Args('input', { type: () => CancelPresentationBookingInput }) input: CancelPresentationBookingInput,
    @CurrentUser() user: Identity,
  ): Promise<PresentationSlotSnapshot> {
    return this.commands.execute(new CancelPresentationBookingCommand(input.slotId, user));
  }
}
