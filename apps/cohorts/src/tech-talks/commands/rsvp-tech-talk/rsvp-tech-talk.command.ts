import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { TechTalkSnapshot } from '../../domain/tech-talk.js';

export class RsvpTechTalkCommand extends Command<TechTalkSnapshot> {
  constructor(
    readonly talkId: string,
    readonly actor: Identity,
  ) {
    super();
  }
}
