import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PresentationScoreOrmEntity } from './presentation-score.orm-entity.js';

@Injectable()
export class PresentationScoreRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(
    tx: EntityManager,
    key: { slotId: string; internId: string; mentorId: string },
  ): Promise<PresentationScoreOrmEntity | null> {
    return tx.findOneBy(PresentationScoreOrmEntity, key);
  }

  async save(tx: EntityManager, row: PresentationScoreOrmEntity): Promise<void> {
    await tx.save(PresentationScoreOrmEntity, row);
  }

  async forIntern(internId: string): Promise<PresentationScoreOrmEntity[]> {
    return this.dataSource.manager.find(PresentationScoreOrmEntity, {
      where: { internId },
      order: { scoredAt: 'ASC' },
    });
  }

  async forCohort(cohortId: string): Promise<PresentationScoreOrmEntity[]> {
    return this.dataSource.manager.find(PresentationScoreOrmEntity, {
      where: { cohortId },
      order: { scoredAt: 'ASC' },
    });
  }
}
