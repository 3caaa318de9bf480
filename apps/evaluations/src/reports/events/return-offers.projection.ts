import { Injectable } from '@nestjs/common';
import { ReturnOfferDecidedV1 } from '#contracts';
import { on, type ConsumesEvents } from '#messaging';
import { ReturnOffersRepository } from '../persistence/return-offers.repository.js';

/**
 * The return offers the cohorts service records (`recordOfferDecision`), for the cohort and program
 * reports: one row per intern and cohort, the latest decision by `decidedAt` (a redelivery is
 * stopped by the inbox, an older decision arriving late changes nothing).
 */
@Injectable()
export class ReturnOffersProjection implements ConsumesEvents {
  readonly handlers = [
    on(ReturnOfferDecidedV1, (d, _meta, tx) =>
      this.offers.decided(tx, {
        cohortId: d.cohortId,
        internId: d.internId,
        status: d.status,
        recommendation: d.recommendation,
        decidedAt: new Date(d.decidedAt),
      }),
    ),
  ];

  constructor(private readonly offers: ReturnOffersRepository) {}
}
