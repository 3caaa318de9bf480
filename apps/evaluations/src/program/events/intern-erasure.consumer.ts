import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { erasedValue, InternErasedV1, type EventData } from '#contracts';
import { personalNeedles } from '#ddd';
import { on, type ConsumesEvents } from '#messaging';
import { InternErasureRepository } from '../persistence/intern-erasure.repository.js';

/**
 * An intern was erased (InternErased): the evaluations service forgets their name outside the
 * progress read model (which applies the event itself, see ProgressProjector): it reads the names
 * the `interns` projection holds, records the erasure (erased_interns), renames them "Erased
 * intern" there, and rewrites every comment that names them. Evaluations, scores and outcomes stay:
 * the reports keep counting the intern, as "Erased intern". It holds no e-mail and no mentor's
 * name or e-mail (mentors are ids here), so MentorErased has nothing to change.
 */
@Injectable()
export class InternErasureConsumer implements ConsumesEvents {
  readonly handlers = [on(InternErasedV1, (d, _meta, tx) => this.erase(tx, d))];

  constructor(private readonly erasure: InternErasureRepository) {}

  async erase(tx: EntityManager, d: EventData<typeof InternErasedV1>): Promise<{ first: boolean; comments: number }> {
    const erased = {
      name: erasedValue('intern', 'name', d.internId),
      email: erasedValue('intern', 'email', d.internId),
    };
    // Read before anything is anonymised: the text to find in the comments.
    const needles = personalNeedles(await this.erasure.namesOf(tx, d.internId), [], erased);
    const first = await this.erasure.markErased(tx, d.internId, d.erasedAt);
    await this.erasure.anonymise(tx, d.internId, erased.name);
    const comments = await this.erasure.redactTexts(tx, needles);
    return { first, comments };
  }
}
