import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PresentationSlot, type PresentationSlotSnapshot } from '../domain/presentation-slot.js';
import { isUuid } from '../../shared/persistence/ids.js';
import { PresentationSlotOrmEntity } from './presentation-slot.orm-entity.js';

export function slotFromOrm(row: PresentationSlotOrmEntity): PresentationSlotSnapshot {
  return {
    id: row.id,
    cohortId: row.cohortId,
    startsAt: row.startsAt,
    durationMinutes: row.durationMinutes,
    panelMentorIds: row.panelMentorIds ?? [],
    bookedBy: row.bookedBy,
    bookedAt: row.bookedAt,
    openedBy: row.openedBy,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
    closedBy: row.closedBy,
    closeReason: row.closeReason,
  };
}

/**
 * The write side of presentation slots. Booking is race-safe without any lock: the conditional
 * update claims the slot only while it is free and open (one of two concurrent bookings of a slot updates
 * no row), and the partial unique index keeps one booking per intern per cohort.
 */
@Injectable()
export class PresentationSlotRepository {
  async find(tx: EntityManager, id: string): Promise<PresentationSlot | null> {
    if (!isUuid(id)) return null;
    const row = await tx.getRepository(PresentationSlotOrmEntity).findOne({ where: { id } });
    return row ? PresentationSlot.rehydrate(slotFromOrm(row)) : null;
  }

  async ofCohort(tx: EntityManager, cohortId: string): Promise<PresentationSlotSnapshot[]> {
    const rows = await tx
      .getRepository(PresentationSlotOrmEntity)
      .find({ where: { cohortId }, order: { startsAt: 'ASC', id: 'ASC' } });
    return rows.map(slotFromOrm);
  }

  /** The slot the intern booked in the cohort, if any. */
  async bookingOf(tx: EntityManager, cohortId: string, internId: string): Promise<PresentationSlot | null> {
    const row = await tx.getRepository(PresentationSlotOrmEntity).findOne({ where: { cohortId, bookedBy: internId } });
    return row ? PresentationSlot.rehydrate(slotFromOrm(row)) : null;
  }

  async insertMany(tx: EntityManager, slots: readonly PresentationSlot[]): Promise<void> {
    if (slots.length)
      await tx.getRepository(PresentationSlotOrmEntity).insert(slots.map((s) => ({ ...s.toSnapshot() })));
  }

  /**
   * Claims the slot for the intern only if it is still free: false when another booking got
   * there first. A second booking of the same intern breaks the unique index (the caller maps it).
   */
  async claim(tx: EntityManager, slot: PresentationSlot): Promise<boolean> {
    const s = slot.toSnapshot();
    const [rows] = (await tx.query(
      `UPDATE presentation_slots SET booked_by = $2, booked_at = $3 WHERE id = $1 AND booked_by IS NULL AND closed_at IS NULL RETURNING id`,
      [s.id, s.bookedBy, s.bookedAt],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  /**
   * Closes the slot (its booking, if any, released) only if it is still open and booked by
   * `bookedBy` (null: free) as it was read: false when a booking or a closing got there first.
   */
  async close(tx: EntityManager, slot: PresentationSlot, bookedBy: string | null): Promise<boolean> {
    const s = slot.toSnapshot();
    const [rows] = (await tx.query(
      `UPDATE presentation_slots SET booked_by = NULL, booked_at = NULL, closed_at = $2, closed_by = $3, close_reason = $4
        WHERE id = $1 AND closed_at IS NULL AND booked_by IS NOT DISTINCT FROM $5 RETURNING id`,
      [s.id, s.closedAt, s.closedBy, s.closeReason, bookedBy],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  /** Frees the slot if it is still booked by `internId`; false when it was not. */
  async release(tx: EntityManager, slotId: string, internId: string): Promise<boolean> {
    const [rows] = (await tx.query(
      `UPDATE presentation_slots SET booked_by = NULL, booked_at = NULL WHERE id = $1 AND booked_by = $2 RETURNING id`,
      [slotId, internId],
    )) as [unknown[], number];
    return rows.length === 1;
  }
}
