import { commandMutation } from '#platform';
import { EnrollmentType } from '../../graphql/enrollment.type.js';
import { RecordOfferDecisionCommand } from './record-offer-decision.command.js';
import { RecordOfferDecisionInput } from './record-offer-decision.input.js';

export const RecordOfferDecisionResolver = commandMutation(RecordOfferDecisionInput, () => EnrollmentType, {
  roles: ['PROGRAM_MANAGER'],
  description:
    "Records what became of an intern's return offer: EXTENDED, then ACCEPTED or DECLINED (program managers; only for an intern who completed with PASS)",
  command: (input, user) => new RecordOfferDecisionCommand(input.cohortId, input.internId, input.status, user),
});
