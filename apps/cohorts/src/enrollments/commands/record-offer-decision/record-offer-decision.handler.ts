import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { enumOf, NotFoundError, requiredId, Violations } from '#ddd';
import { OfferStatus, type EnrollmentSnapshot } from '../../domain/enrollment.js';
import { CohortsCommandHandler } from '../../../shared/commands/cohorts-command-handler.js';
import { RecordOfferDecisionCommand } from './record-offer-decision.command.js';

/**
 * A program manager records what became of an intern's return offer: `EXTENDED`, then
 * `ACCEPTED` or `DECLINED` (Enrollment.decideOffer has the rules: a COMPLETED enrollment with
 * outcome PASS only, in that order, CONFLICT otherwise). The status the offer already has changes
 * nothing and publishes nothing; otherwise `ReturnOfferDecided`. Bad input (ids, status) is
 * refused, every field together, before any transaction.
 */
@CommandHandler(RecordOfferDecisionCommand)
export class RecordOfferDecisionHandler
  extends CohortsCommandHandler
  implements ICommandHandler<RecordOfferDecisionCommand>
{
  async execute({ cohortId, internId, status, actor }: RecordOfferDecisionCommand): Promise<EnrollmentSnapshot> {
    const v = new Violations();
    const cId = requiredId('cohortId', cohortId, {}, v);
    const iId = requiredId('internId', internId, {}, v);
    const decided = enumOf('status', status, OfferStatus, v)!;
    v.throwIfAny();
    return this.uow.run(async ({ tx, track }) => {
      const enrollment = track(await this.enrollments.find(tx, cId, iId, { forUpdate: true }));
      if (!enrollment) throw new NotFoundError('Enrollment', `of intern ${iId} in cohort ${cId}`);
      if (enrollment.decideOffer(decided, actor.sub, this.clock.now())) await this.enrollments.update(tx, enrollment);
      return enrollment.toSnapshot();
    });
  }
}
