import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { TechTalkSnapshot } from '../../domain/tech-talk.js';

export class CancelTechTalkCommand extends Command<TechTalkSnapshot> {
  constructor(
    readonly talkId: string,
    readonly reason: string,
    readonly actor: Identity,
  ) {
    super();
  }
}
