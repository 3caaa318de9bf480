import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { ExtensionGrant } from '#calendar';
import type { CohortClock } from '../../evaluations/domain/evaluation-window.js';
import { CohortClockOrmEntity } from './cohort-clock.orm-entity.js';
import { InternOrmEntity } from './intern.orm-entity.js';
import { MentorAssignmentOrmEntity } from './mentor-assignment.orm-entity.js';
import { PresentationSlotOrmEntity } from './presentation-slot.orm-entity.js';

export interface CohortClockRow extends CohortClock {
  name: string | null;
  timezone: string | null;
  status: string;
}

export function grantsOf(intern: Pick<InternOrmEntity, 'extensions'>): ExtensionGrant[] {
  return (intern.extensions ?? []).map((e) => ({ weeks: e.weeks, afterWeek: e.afterWeek }));
}

export function totalExtension(intern: Pick<InternOrmEntity, 'extensions'>): number {
  return (intern.extensions ?? []).reduce((s, e) => s + e.weeks, 0);
}

/**
 * The extension weeks a midpoint decision is checked against (the 5-week total): every extension
 * but the one the intern's midpoint decision itself was granted (there is one midpoint mentor
 * evaluation per intern, so a MIDPOINT_DECISION extension is the one its earlier revision asked
 * for: a correction replaces it). Extensions recorded without their source (older rows): the
 * total less the weeks the earlier revision asked for, never below 0.
 */
export function extensionBesidesMidpointDecision(
  intern: Pick<InternOrmEntity, 'extensions'>,
  earlierRevisionWeeks: number,
): number {
  const extensions = intern.extensions ?? [];
  if (extensions.some((e) => !e.source)) return Math.max(0, totalExtension(intern) - earlierRevisionWeeks);
  return extensions.filter((e) => e.source !== 'MIDPOINT_DECISION').reduce((s, e) => s + e.weeks, 0);
}

/**
 * Reads of what the evaluations service keeps of the other contexts: each cohort's clock, the
 * interns' enrollments, mentor assignments and presentation slots (all projected from events).
 */
@Injectable()
export class ProgramRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  async clock(cohortId: string, tx?: EntityManager): Promise<CohortClockRow | null> {
    const row = await this.m(tx).findOneBy(CohortClockOrmEntity, { cohortId });
    return row
      ? {
          cohortId: row.cohortId,
          name: row.name,
          startDate: row.startDate,
          weeks: row.weeks,
          timezone: row.timezone,
          currentWeek: row.currentWeek,
          status: row.status,
        }
      : null;
  }

  /** The cohort's clock row, locked until the transaction ends (serialises against the clock projection). */
  async lockClock(tx: EntityManager, cohortId: string): Promise<CohortClockRow | null> {
    await tx.query(`SELECT 1 FROM eval_cohorts WHERE cohort_id = $1 FOR UPDATE`, [cohortId]);
    return this.clock(cohortId, tx);
  }

  async enrollment(cohortId: string, internId: string, tx?: EntityManager): Promise<InternOrmEntity | null> {
    return this.m(tx).findOneBy(InternOrmEntity, { cohortId, internId });
  }

  /** The intern's enrollment that is still running, else their latest one; null when none is known. */
  async currentEnrollment(internId: string, tx?: EntityManager): Promise<InternOrmEntity | null> {
    const rows = await this.m(tx).find(InternOrmEntity, { where: { internId }, order: { enrolledAt: 'DESC' } });
    return rows.find((r) => r.status === 'ENROLLED') ?? rows[0] ?? null;
  }

  async enrollmentsOf(internId: string): Promise<InternOrmEntity[]> {
    return this.dataSource.manager.find(InternOrmEntity, { where: { internId }, order: { enrolledAt: 'DESC' } });
  }

  async internsOfCohort(tx: EntityManager, cohortId: string): Promise<InternOrmEntity[]> {
    return tx.find(InternOrmEntity, { where: { cohortId }, order: { internId: 'ASC' } });
  }

  /** The intern's active primary mentor in the cohort (the latest assigned, should there be two). */
  async primaryMentor(cohortId: string, internId: string, tx?: EntityManager): Promise<string | null> {
    const row = await this.m(tx).findOne(MentorAssignmentOrmEntity, {
      where: { cohortId, internId, role: 'PRIMARY', unassigned: false },
      order: { assignedAt: 'DESC' },
    });
    return row?.mentorId ?? null;
  }

  /** Whether the mentor is or was (before an unassignment) a mentor of the intern in the cohort. */
  async everMentored(cohortId: string, internId: string, mentorId: string, tx?: EntityManager): Promise<boolean> {
    return this.m(tx).exists(MentorAssignmentOrmEntity, { where: { cohortId, internId, mentorId } });
  }

  /** The active mentors (primary and co-mentors) of each intern, in any cohort. */
  async mentorsOf(internIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(internIds.map((id) => [id, []]));
    if (internIds.length === 0) return out;
    const rows = await this.dataSource.manager.find(MentorAssignmentOrmEntity, {
      where: { internId: In([...internIds]), unassigned: false },
    });
    for (const r of rows) out.get(r.internId)?.push(r.mentorId);
    return out;
  }

  /** The interns a mentor actively mentors (any role, any cohort). */
  async menteesOf(mentorId: string): Promise<string[]> {
    const rows = await this.dataSource.manager.find(MentorAssignmentOrmEntity, {
      where: { mentorId, unassigned: false },
    });
    return [...new Set(rows.map((r) => r.internId))];
  }

  /** The slot, its row locked until the transaction ends (a second score of it waits). */
  async lockSlot(tx: EntityManager, slotId: string): Promise<PresentationSlotOrmEntity | null> {
    await tx.query(`SELECT 1 FROM presentation_slots WHERE slot_id = $1 FOR UPDATE`, [slotId]);
    return this.slot(slotId, tx);
  }

  async slot(slotId: string, tx?: EntityManager): Promise<PresentationSlotOrmEntity | null> {
    return this.m(tx).findOneBy(PresentationSlotOrmEntity, { slotId });
  }
}
