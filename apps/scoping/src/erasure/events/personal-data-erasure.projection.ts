import { Injectable } from '@nestjs/common';
import { erasedValue, InternErasedV1, MentorErasedV1 } from '#contracts';
import { personalNeedles } from '#ddd';
import { on, type ConsumesEvents } from '#messaging';
import { PersonalDataErasureRepository } from '../persistence/personal-data-erasure.repository.js';

/**
 * Erasures of personal data (InternErased, MentorErased), in the inbox transaction. An intern's
 * name in the interns projection becomes "Erased intern", as does every free text of scopes,
 * milestones and reports that quoted it; scoping keeps no mentor's name or e-mail, so a mentor's
 * erasure is only recorded. Each erasure is recorded, so a redelivery changes nothing more and an
 * InternEnrolled replayed later keeps the name erased (ProgramProjection asks
 * `keepInternErased`). Ids, statuses, scopes and reports stay.
 */
@Injectable()
export class PersonalDataErasureProjection implements ConsumesEvents {
  readonly handlers = [
    on(InternErasedV1, async (d, _meta, tx) => {
      const erasedName = erasedValue('intern', 'name', d.internId);
      const formerNames = await this.erasures.eraseInternName(tx, d.internId, erasedName);
      await this.erasures.redactFreeText(
        tx,
        personalNeedles(formerNames, [], { name: erasedName, email: erasedValue('intern', 'email', d.internId) }),
      );
      await this.erasures.record(tx, {
        person: 'INTERN',
        subjectId: d.internId,
        erasedAt: new Date(d.erasedAt),
        trigger: d.trigger,
      });
    }),
    on(MentorErasedV1, (d, _meta, tx) =>
      this.erasures.record(tx, {
        person: 'MENTOR',
        subjectId: d.mentorId,
        erasedAt: new Date(d.erasedAt),
        trigger: d.trigger,
      }),
    ),
  ];

  constructor(private readonly erasures: PersonalDataErasureRepository) {}
}
