import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { PresentationSlotSnapshot } from '../../domain/presentation-slot.js';
import { PresentationSlotType } from '../../graphql/presentation-slot.type.js';
import { BookPresentationSlotCommand } from './book-presentation-slot.command.js';
import { BookPresentationSlotInput } from './book-presentation-slot.input.js';

@Resolver()
export class BookPresentationSlotResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => PresentationSlotType, {
    description:
      'Books a free presentation slot in your presentations week: one booking per intern, one intern per slot (interns)',
  })
  @Roles('INTERN')
  bookPresentationSlot(
    @Args('input', { type: () => BookPresentationSlotInput }) input: BookPresentationSlotInput,
    @CurrentUser() user: Identity,
  ): Promise<PresentationSlotSnapshot> {
    return this.commands.execute(new BookPresentationSlotCommand(input.slotId, user));
  }
}
