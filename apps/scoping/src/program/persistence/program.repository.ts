import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { totalExtensionWeeks } from '#calendar';
import type { CohortCalendar, ExtensionGrant } from '../domain/program-calendar.js';
import { CohortOrmEntity } from './cohort.orm-entity.js';
import { InternExtensionOrmEntity } from './intern-extension.orm-entity.js';
import { InternOrmEntity, type InternStatus } from './intern.orm-entity.js';

/** An intern's own program in one cohort, as scoping knows it from the cohorts context's events. */
export interface InternProgram {
  internId: string;
  cohortId: string;
  enrollmentId: string;
  status: InternStatus;
  cohort: CohortCalendar & { currentWeek: number };
  /** The intern's extensions in the order granted. */
  grants: ExtensionGrant[];
  /** The cohort's weeks plus the intern's extension. */
  programWeeks: number;
}

export const programKey = (internId: string, cohortId: string): string => `${cohortId}/${internId}`;

/** Reads the program projections through the caller's manager (a transaction or the DataSource's). */
@Injectable()
export class ProgramRepository {
  /** The intern's most recent enrollment scoping has seen. */
  async latestEnrollment(manager: EntityManager, internId: string): Promise<InternOrmEntity | null> {
    return manager.getRepository(InternOrmEntity).findOne({ where: { internId }, order: { enrolledAt: 'DESC' } });
  }

  async program(manager: EntityManager, internId: string, cohortId: string): Promise<InternProgram | null> {
    return (await this.programs(manager, [{ internId, cohortId }])).get(programKey(internId, cohortId)) ?? null;
  }

  /** The programs of the given interns (keyed by programKey); missing ones are left out. */
  async programs(
    manager: EntityManager,
    keys: readonly { internId: string; cohortId: string }[],
  ): Promise<Map<string, InternProgram>> {
    if (keys.length === 0) return new Map();
    const internIds = [...new Set(keys.map((k) => k.internId))];
    const cohortIds = [...new Set(keys.map((k) => k.cohortId))];
    const wanted = new Set(keys.map((k) => programKey(k.internId, k.cohortId)));
    const interns = (
      await manager.getRepository(InternOrmEntity).find({ where: { internId: In(internIds), cohortId: In(cohortIds) } })
    ).filter((i) => wanted.has(programKey(i.internId, i.cohortId)));
    return this.assemble(manager, interns);
  }

  /** Every intern of a cohort with their program. */
  async programsOfCohort(manager: EntityManager, cohortId: string): Promise<InternProgram[]> {
    const interns = await manager
      .getRepository(InternOrmEntity)
      .find({ where: { cohortId }, order: { internId: 'ASC' } });
    return [...(await this.assemble(manager, interns)).values()];
  }

  private async assemble(manager: EntityManager, interns: InternOrmEntity[]): Promise<Map<string, InternProgram>> {
    const out = new Map<string, InternProgram>();
    if (interns.length === 0) return out;
    const cohortIds = [...new Set(interns.map((i) => i.cohortId))];
    const cohorts = new Map(
      (await manager.getRepository(CohortOrmEntity).findBy({ cohortId: In(cohortIds) })).map((c) => [c.cohortId, c]),
    );
    const extensions = await manager.getRepository(InternExtensionOrmEntity).find({
      where: { cohortId: In(cohortIds), internId: In([...new Set(interns.map((i) => i.internId))]) },
      order: { totalWeeks: 'ASC' },
    });
    for (const intern of interns) {
      const cohort = cohorts.get(intern.cohortId);
      if (!cohort) continue;
      const grants = extensions
        .filter((x) => x.cohortId === intern.cohortId && x.internId === intern.internId)
        .map((x) => ({ weeks: x.weeks, afterWeek: x.afterWeek }));
      out.set(programKey(intern.internId, intern.cohortId), {
        internId: intern.internId,
        cohortId: intern.cohortId,
        enrollmentId: intern.enrollmentId,
        status: intern.status,
        cohort: {
          cohortId: cohort.cohortId,
          startDate: cohort.startDate,
          weeks: cohort.weeks,
          timezone: cohort.timezone,
          currentWeek: cohort.currentWeek,
        },
        grants,
        programWeeks: cohort.weeks + totalExtensionWeeks(grants),
      });
    }
    return out;
  }
}
