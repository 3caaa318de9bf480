import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TechTalk, type TechTalkSnapshot } from '../domain/tech-talk.js';
import { ONGOING_STATUSES } from '../../enrollments/domain/enrollment.js';
import { isUuid } from '../../shared/persistence/ids.js';
import { TechTalkOrmEntity } from './tech-talk.orm-entity.js';

export function talkFromOrm(row: TechTalkOrmEntity): TechTalkSnapshot {
  return {
    id: row.id,
    cohortId: row.cohortId,
    title: row.title,
    speaker: row.speaker,
    abstract: row.abstract,
    startsAt: row.startsAt,
    durationMinutes: row.durationMinutes,
    joinUrl: row.joinUrl,
    scheduledBy: row.scheduledBy,
    scheduledAt: row.scheduledAt,
    rsvpCount: row.rsvpCount,
    attendanceCount: row.attendanceCount,
    status: row.status,
    sequence: row.sequence,
    cancellationReason: row.cancellationReason,
    cancelledBy: row.cancelledBy,
    cancelledAt: row.cancelledAt,
  };
}

/** The write side of tech talks, their RSVPs and attendance (through the caller's transaction). */
@Injectable()
export class TechTalkRepository {
  async find(tx: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<TechTalk | null> {
    if (!isUuid(id)) return null;
    const row = await tx.getRepository(TechTalkOrmEntity).findOne({
      where: { id },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row ? TechTalk.rehydrate(talkFromOrm(row)) : null;
  }

  async insert(tx: EntityManager, talk: TechTalk): Promise<void> {
    await tx.getRepository(TechTalkOrmEntity).insert({ ...talk.toSnapshot() });
  }

  async updateCounts(tx: EntityManager, talk: TechTalk): Promise<void> {
    const s = talk.toSnapshot();
    await tx.query(`UPDATE tech_talks SET rsvp_count = $2, attendance_count = $3 WHERE id = $1`, [
      s.id,
      s.rsvpCount,
      s.attendanceCount,
    ]);
  }

  /** Writes a rescheduled or cancelled talk: its time, status, calendar sequence and cancellation. */
  async update(tx: EntityManager, talk: TechTalk): Promise<void> {
    const s = talk.toSnapshot();
    await tx.query(
      `UPDATE tech_talks SET starts_at = $2, duration_minutes = $3, status = $4, sequence = $5,
         cancellation_reason = $6, cancelled_by = $7, cancelled_at = $8 WHERE id = $1`,
      [s.id, s.startsAt, s.durationMinutes, s.status, s.sequence, s.cancellationReason, s.cancelledBy, s.cancelledAt],
    );
  }

  /** The interns who RSVPed to the talk and are still in the program (enrollment ongoing), by RSVP time. */
  async rsvpedInterns(tx: EntityManager, talkId: string): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT r.intern_id FROM tech_talk_rsvps r
         JOIN tech_talks t ON t.id = r.talk_id
         JOIN enrollments e ON e.cohort_id = t.cohort_id AND e.intern_id = r.intern_id
        WHERE r.talk_id = $1 AND e.status = ANY($2::text[])
        ORDER BY r.rsvped_at, r.intern_id`,
      [talkId, ONGOING_STATUSES],
    )) as { intern_id: string }[];
    return rows.map((r) => r.intern_id);
  }

  async hasRsvp(tx: EntityManager, talkId: string, internId: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT 1 FROM tech_talk_rsvps WHERE talk_id = $1 AND intern_id = $2`, [
      talkId,
      internId,
    ])) as unknown[];
    return rows.length > 0;
  }

  async insertRsvp(tx: EntityManager, talkId: string, internId: string, at: Date): Promise<void> {
    await tx.query(`INSERT INTO tech_talk_rsvps (talk_id, intern_id, rsvped_at) VALUES ($1, $2, $3)`, [
      talkId,
      internId,
      at,
    ]);
  }

  async attendees(tx: EntityManager, talkId: string): Promise<Set<string>> {
    const rows = (await tx.query(`SELECT intern_id FROM tech_talk_attendance WHERE talk_id = $1`, [talkId])) as {
      intern_id: string;
    }[];
    return new Set(rows.map((r) => r.intern_id));
  }

  async insertAttendance(
    tx: EntityManager,
    talkId: string,
    internIds: readonly string[],
    at: Date,
    by: string,
  ): Promise<void> {
    if (internIds.length === 0) return;
    await tx.query(
      `INSERT INTO tech_talk_attendance (talk_id, intern_id, recorded_at, recorded_by)
       SELECT $1, unnest($2::text[]), $3, $4`,
      [talkId, internIds, at, by],
    );
  }
}
