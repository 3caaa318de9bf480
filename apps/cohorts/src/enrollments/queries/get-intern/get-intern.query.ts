import { Query } from '@nestjs/cqrs';
import type { Identity } from '#platform';
import type { InternView } from '../../../shared/graphql/cohort.loaders.js';

export class GetInternQuery extends Query<InternView | null> {
  constructor(
    readonly id: string,
    readonly caller: Identity,
  ) {
    super();
  }
}
