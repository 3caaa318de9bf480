import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import type { Identity } from '#platform';
import type { TechTalkSnapshot } from '../../domain/tech-talk.js';
import { TechTalkType } from '../../graphql/tech-talk.type.js';
import { RsvpTechTalkCommand } from './rsvp-tech-talk.command.js';
import { RsvpTechTalkInput } from './rsvp-tech-talk.input.js';

@Resolver()
export class RsvpTechTalkResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => TechTalkType, { description: 'RSVPs to a tech talk of your cohort before it starts (interns)' })
  @Roles('INTERN')
  rsvpTechTalk(
    @Args('input', { type: () => RsvpTechTalkInput }) input: RsvpTechTalkInput,
    @CurrentUser() user: Identity,
  ): Promise<TechTalkSnapshot> {
    return this.commands.execute(new RsvpTechTalkCommand(input.talkId, user));
  }
}
