import { Command } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { InternErasureSnapshot } from '../../domain/intern-erasure.js';

export class EraseInternCommand extends Command<InternErasureSnapshot> {
  constructor(
    readonly internId: string,
    readonly reason: string,
    readonly actor: Identity,
  ) {
    super();
  }
}
