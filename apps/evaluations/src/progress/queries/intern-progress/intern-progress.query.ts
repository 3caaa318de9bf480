import { Query } from '@nestjs/cqrs';
import type { Connection, Identity, PageArgs } from '#platform';
import type { RiskLevel } from '../../domain/intern-progress.js';
import type { InternProgressType } from '../../graphql/intern-progress.type.js';

/** One page of intern progress rows, by name, that the caller may see. */
export class InternProgressQuery extends Query<Connection<InternProgressType>> {
  constructor(
    readonly caller: Identity,
    readonly cohortId: string | null | undefined,
    readonly riskLevel: RiskLevel | null | undefined,
    readonly page: PageArgs,
  ) {
    super();
  }
}
