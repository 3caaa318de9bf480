import { Query } from '@nestjs/cqrs';
import type { PresentationResultType } from '../../graphql/presentation.type.js';

/** An intern's presentation scores, averaged per intern and per criterion. */
export class PresentationResultQuery extends Query<PresentationResultType> {
  constructor(readonly internId: string) {
    super();
  }
}
