import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { RescheduleTechTalkProps, TechTalkSnapshot } from '../../domain/tech-talk.js';

export class RescheduleTechTalkCommand extends Command<TechTalkSnapshot> {
  constructor(
    readonly talkId: string,
    readonly time: RescheduleTechTalkProps,
    readonly actor: Identity,
  ) {
    super();
  }
}
