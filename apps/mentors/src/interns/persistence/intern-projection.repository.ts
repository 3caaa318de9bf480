import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { erasedValue } from '#contracts';
import { returnedRows } from '../../persistence/sql.js';
import { ENDED_INTERN_STATUSES, InternProjectionOrmEntity, type InternStatus } from './intern-projection.orm-entity.js';

export interface EnrollmentFacts {
  internId: string;
  cohortId: string;
  enrollmentId: string;
  name: string;
  focusAreas: string[];
  timezone: string;
  enrolledAt: Date;
}

@Injectable()
export class InternProjectionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records an enrollment through the caller's transaction. Safe to repeat: the same event again
   * changes nothing, and an event older than what the row already reflects is ignored. The name
   * of an intern whose personal data was erased stays erased, whatever the event says (a replay
   * from before the erasure). Returns whether the row was written.
   */
  async upsertEnrollment(tx: EntityManager, facts: EnrollmentFacts): Promise<boolean> {
    const rows = (await tx.query(
      `INSERT INTO interns (intern_id, cohort_id, enrollment_id, name, focus_areas, timezone, status, enrolled_at, last_event_at)
       VALUES ($1, $2, $3,
               CASE WHEN EXISTS (SELECT 1 FROM personal_data_erasures WHERE person = 'INTERN' AND subject_id = $1)
                    THEN $8 ELSE $4 END,
               $5::text[], $6, 'ENROLLED', $7, $7)
       ON CONFLICT (intern_id, cohort_id) DO UPDATE SET
         enrollment_id = EXCLUDED.enrollment_id,
         name = EXCLUDED.name,
         focus_areas = EXCLUDED.focus_areas,
         timezone = EXCLUDED.timezone,
         status = EXCLUDED.status,
         enrolled_at = EXCLUDED.enrolled_at,
         last_event_at = EXCLUDED.last_event_at,
         updated_at = now()
       WHERE interns.last_event_at < EXCLUDED.last_event_at
       RETURNING intern_id`,
      [
        facts.internId,
        facts.cohortId,
        facts.enrollmentId,
        facts.name,
        facts.focusAreas,
        facts.timezone,
        facts.enrolledAt,
        erasedValue('intern', 'name', facts.internId),
      ],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Erasure (InternErased): every enrollment of the intern gets the erased name. Returns the names
   * it replaced (none when already erased: a redelivery changes nothing), so that their other
   * copies can be found.
   */
  async eraseName(tx: EntityManager, internId: string, erasedName: string): Promise<string[]> {
    const rows = returnedRows<{ name: string }>(
      await tx.query(
        `WITH former AS (
           SELECT cohort_id, name FROM interns WHERE intern_id = $1 AND name <> $2 FOR UPDATE
         )
         UPDATE interns i SET name = $2, updated_at = now()
           FROM former
          WHERE i.intern_id = $1 AND i.cohort_id = former.cohort_id
          RETURNING former.name`,
        [internId, erasedName],
      ),
    );
    return [...new Set(rows.map((r) => r.name))];
  }

  /** Records that the intern's personal data was erased here (once; who asked and why stay with cohorts). */
  async recordErasure(
    tx: EntityManager,
    e: { internId: string; erasedAt: Date; trigger: 'REQUEST' | 'RETENTION_POLICY' },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO personal_data_erasures (person, subject_id, erased_at, trigger)
       VALUES ('INTERN', $1, $2, $3) ON CONFLICT DO NOTHING`,
      [e.internId, e.erasedAt, e.trigger],
    );
  }

  /** Each intern's most recent enrollment (an intern may have been in more than one cohort). */
  async latestForInterns(internIds: readonly string[]): Promise<InternProjectionOrmEntity[]> {
    if (internIds.length === 0) return [];
    return this.dataSource
      .getRepository(InternProjectionOrmEntity)
      .createQueryBuilder('i')
      .distinctOn(['i.intern_id'])
      .where('i.intern_id = ANY(:ids)', { ids: [...internIds] })
      .orderBy('i.intern_id')
      .addOrderBy('i.enrolled_at', 'DESC')
      .getMany();
  }

  /**
   * Records that an enrollment ended (withdrawn, terminated, completed), unless the row already
   * reflects a newer event. Returns whether the intern of that cohort is known here.
   */
  async recordEnded(
    tx: EntityManager,
    e: { internId: string; cohortId: string; status: InternStatus; at: Date },
  ): Promise<boolean> {
    const updated = returnedRows(
      await tx.query(
        `UPDATE interns SET status = $3, last_event_at = GREATEST(last_event_at, $4), updated_at = now()
          WHERE intern_id = $1 AND cohort_id = $2 AND last_event_at <= $4
          RETURNING intern_id`,
        [e.internId, e.cohortId, e.status, e.at],
      ),
    );
    if (updated.length > 0) return true;
    return tx.exists(InternProjectionOrmEntity, { where: { internId: e.internId, cohortId: e.cohortId } });
  }

  /** The intern's own extension (total weeks), from InternshipExtended. */
  async recordExtension(
    tx: EntityManager,
    e: { internId: string; cohortId: string; totalWeeks: number },
  ): Promise<void> {
    await tx.query(
      `UPDATE interns SET extension_weeks = GREATEST(extension_weeks, $3), updated_at = now()
        WHERE intern_id = $1 AND cohort_id = $2`,
      [e.internId, e.cohortId, e.totalWeeks],
    );
  }

  /**
   * The intern's extensions were replaced (InternshipExtensionRevoked): their total is the event's,
   * lower than before, so their program (and the weeks of their check-ins) is shorter again.
   */
  async replaceExtension(
    tx: EntityManager,
    e: { internId: string; cohortId: string; totalWeeks: number },
  ): Promise<void> {
    await tx.query(
      `UPDATE interns SET extension_weeks = $3, updated_at = now() WHERE intern_id = $1 AND cohort_id = $2`,
      [e.internId, e.cohortId, e.totalWeeks],
    );
  }

  /**
   * A withdrawn intern is active again (InternReinstated). Only a WITHDRAWN enrollment comes back
   * (never a terminated or completed one). Returns whether it did.
   */
  async recordReinstated(tx: EntityManager, e: { internId: string; cohortId: string; at: Date }): Promise<boolean> {
    const updated = returnedRows(
      await tx.query(
        `UPDATE interns SET status = 'ACTIVE', last_event_at = GREATEST(last_event_at, $3), updated_at = now()
          WHERE intern_id = $1 AND cohort_id = $2 AND status = 'WITHDRAWN'
          RETURNING intern_id`,
        [e.internId, e.cohortId, e.at],
      ),
    );
    return updated.length > 0;
  }

  /**
   * The intern's most recent enrollment, locked for the rest of the transaction: assignments to
   * one intern (and the intern leaving) are serialised on this row.
   */
  async lockLatest(tx: EntityManager, internId: string): Promise<InternProjectionOrmEntity | null> {
    return tx
      .getRepository(InternProjectionOrmEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.intern_id = :internId', { internId })
      .orderBy('i.enrolled_at', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Which of these interns have (or had) an enrollment in the cohort. */
  async enrolledInCohort(tx: EntityManager, cohortId: string, internIds: readonly string[]): Promise<Set<string>> {
    if (internIds.length === 0) return new Set();
    const rows = await tx.findBy(InternProjectionOrmEntity, { cohortId, internId: In([...internIds]) });
    return new Set(rows.map((r) => r.internId));
  }

  async findEnrollment(internId: string, cohortId: string): Promise<InternProjectionOrmEntity | null> {
    return this.dataSource.getRepository(InternProjectionOrmEntity).findOneBy({ internId, cohortId });
  }

  /**
   * The interns of a cohort still in the program who have no active primary mentor: the ones
   * match suggestions are for.
   */
  async unmatchedInCohort(cohortId: string): Promise<InternProjectionOrmEntity[]> {
    return this.dataSource
      .getRepository(InternProjectionOrmEntity)
      .createQueryBuilder('i')
      .where('i.cohort_id = :cohortId', { cohortId })
      .andWhere('i.status <> ALL(:ended)', { ended: [...ENDED_INTERN_STATUSES] })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM assignments a
                      WHERE a.intern_id = i.intern_id AND a.role = 'PRIMARY' AND a.unassigned_at IS NULL)`,
      )
      .orderBy('i.intern_id')
      .getMany();
  }
}
