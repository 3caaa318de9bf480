import { Injectable } from '@nestjs/common';
import { InternRiskChangedV1 } from '#contracts';
import { on, Outbox, outgoing, type ConsumesEvents } from '#messaging';
import { ProgressProjectionRepository } from '../persistence/progress-projection.repository.js';
import { PROGRESS_CONTRACTS } from '../projection/event-facts.js';
import { ProgressProjector, type ProgressChange } from '../projection/progress-projector.js';

/** The level changed (an intern's first row counts as a change from GREEN). */
export function riskChanged(change: ProgressChange): boolean {
  return !!change.after && change.after.risk.level !== (change.before?.level ?? 'GREEN');
}

/**
 * The live progress read model: applies each event through the ProgressProjector (the code a
 * rebuild runs too) inside the inbox transaction, and publishes InternRiskChanged, in the same
 * transaction, for every intern whose risk level it changed.
 */
@Injectable()
export class ProgressProjection implements ConsumesEvents {
  readonly handlers = PROGRESS_CONTRACTS.map((contract) =>
    on(contract, async (data, meta, tx) => {
      await this.progress.holdSwapLock(tx);
      const changes = await this.projector.apply(tx, { id: meta.id, type: meta.type, time: meta.time, data });
      const changed = changes.filter(riskChanged);
      if (changed.length === 0) return;
      await this.outbox.append(
        tx,
        changed.map((c) =>
          outgoing(InternRiskChangedV1, c.internId, {
            cohortId: c.cohortId,
            internId: c.internId,
            previousLevel: c.before?.level ?? null,
            level: c.after!.risk.level,
            reasons: c.after!.risk.reasons,
          }),
        ),
      );
    }),
  );

  constructor(
    private readonly projector: ProgressProjector,
    private readonly progress: ProgressProjectionRepository,
    private readonly outbox: Outbox,
  ) {}
}
