import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { ScheduleTechTalkProps, TechTalkSnapshot } from '../../domain/tech-talk.js';

export class ScheduleTechTalkCommand extends Command<TechTalkSnapshot> {
  constructor(
    readonly cohortId: string,
    readonly talk: ScheduleTechTalkProps,
    readonly actor: Identity,
  ) {
    super();
  }
}
