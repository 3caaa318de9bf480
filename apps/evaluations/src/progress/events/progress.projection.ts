import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InternRiskChangedV1 } from '#contracts';
import { HandlesEvents, Outbox, outgoing, type ConsumedEvent, type IntegrationEventHandler } from '#messaging';
import { PROGRESS_CONTRACTS } from '../projection/event-facts.js';
import { ProgressProjector, type ProgressChange } from '../projection/progress-projector.js';

/**
 * Taken shared by every live progress transaction and exclusively by a rebuild's swap, so that the
 * swap copies a rebuilt model while no live event is half applied (see ProgressRebuild.swap).
 */
export const PROGRESS_SWAP_LOCK = 7_006_006;

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
@HandlesEvents(...PROGRESS_CONTRACTS)
export class ProgressProjection implements IntegrationEventHandler<unknown> {
  constructor(
    private readonly projector: ProgressProjector,
    private readonly outbox: Outbox,
  ) {}

  async handle(event: ConsumedEvent<unknown>, tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock_shared($1)`, [PROGRESS_SWAP_LOCK]);
    const changes = await this.projector.apply(tx, event);
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
  }
}
