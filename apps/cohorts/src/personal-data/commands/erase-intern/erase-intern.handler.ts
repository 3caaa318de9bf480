import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '#ddd';
import { CohortsUnitOfWork } from '../../../shared/commands/unit-of-work.js';
import { ErasureTrigger, validateErasureInput, type InternErasureSnapshot } from '../../domain/intern-erasure.js';
import { InternEraser } from '../intern-eraser.js';
import { EraseInternCommand } from './erase-intern.command.js';

/**
 * `eraseIntern` (PM): the intern's name, e-mail and university are erased from every table of
 * this service, their key destroyed, the erasure recorded and InternErased published, in one
 * transaction (see InternEraser). Bad input is refused before any transaction; an unknown intern
 * is NOT_FOUND, one erased already a CONFLICT.
 */
@CommandHandler(EraseInternCommand)
export class EraseInternHandler implements ICommandHandler<EraseInternCommand> {
  constructor(
    private readonly uow: CohortsUnitOfWork,
    private readonly eraser: InternEraser,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ internId, reason, actor }: EraseInternCommand): Promise<InternErasureSnapshot> {
    const input = validateErasureInput({ internId, reason });
    return this.uow.run(({ tx }) =>
      this.eraser.erase(tx, {
        ...input,
        erasedBy: actor.sub,
        trigger: ErasureTrigger.REQUEST,
        now: this.clock.now(),
      }),
    );
  }
}
