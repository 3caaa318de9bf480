import { Injectable } from '@nestjs/common';
import { erasedValue, InternErasedV1 } from '#contracts';
import { personalNeedles } from '#ddd';
import { on, type ConsumesEvents } from '#messaging';
import { CheckInRepository } from '../../check-ins/persistence/check-in.repository.js';
import { InternProjectionRepository } from '../persistence/intern-projection.repository.js';

/**
 * An intern's personal data was erased (InternErased): this service's copies go, in the inbox
 * transaction. Their name in the interns projection (every cohort) becomes "Erased intern", as
 * does any check-in text that quoted it; the erasure is recorded, so that a replayed
 * InternEnrolled never brings the name back. Ids, statuses, assignments and check-ins stay.
 * A redelivery changes nothing more.
 */
@Injectable()
export class InternErasedProjection implements ConsumesEvents {
  readonly handlers = [
    on(InternErasedV1, async (d, _meta, tx) => {
      const erasedName = erasedValue('intern', 'name', d.internId);
      const formerNames = await this.interns.eraseName(tx, d.internId, erasedName);
      await this.checkIns.redactPersonalText(
        tx,
        personalNeedles(formerNames, [], { name: erasedName, email: erasedValue('intern', 'email', d.internId) }),
      );
      await this.interns.recordErasure(tx, {
        internId: d.internId,
        erasedAt: new Date(d.erasedAt),
        trigger: d.trigger,
      });
    }),
  ];

  constructor(
    private readonly interns: InternProjectionRepository,
    private readonly checkIns: CheckInRepository,
  ) {}
}
