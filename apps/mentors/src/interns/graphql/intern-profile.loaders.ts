import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { requestLoader } from '../../graphql/request.loaders.js';
import type { InternProjectionOrmEntity } from '../persistence/intern-projection.orm-entity.js';
import { InternProjectionRepository } from '../persistence/intern-projection.repository.js';

@Injectable()
export class InternProfileLoaders {
  constructor(private readonly interns: InternProjectionRepository) {}

  /** Each intern's latest projected enrollment, or null when none was consumed yet. */
  latestByIntern(context: object | undefined): DataLoader<string, InternProjectionOrmEntity | null> {
    return requestLoader(context, 'interns.latestByIntern', async (internIds: readonly string[]) => {
      const rows = await this.interns.latestForInterns(internIds);
      const byId = new Map(rows.map((r) => [r.internId, r]));
      return internIds.map((id) => byId.get(id) ?? null);
    });
  }
}
