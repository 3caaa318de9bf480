import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { redactPersonalText, type PersonalNeedle } from '#ddd';
import type { CursorKey } from '#platform';
import { ENDED_INTERN_STATUSES } from '../../interns/persistence/intern-projection.orm-entity.js';
import type { CheckIn } from '../domain/check-in.js';
import { CheckInOrmEntity } from './check-in.orm-entity.js';
import { MissedCheckInOrmEntity } from './missed-check-in.orm-entity.js';

/** A check-in as read back, with when it was logged. */
export type StoredCheckIn = CheckInOrmEntity;

export interface CheckInPage {
  /** Up to `limit + 1` check-ins, newest first: the extra one tells there is a next page. */
  rows: StoredCheckIn[];
  totalCount: number;
}

/** An intern's week without a check-in from any of their mentors. */
export interface DetectedMiss {
  cohortId: string;
  internId: string;
  week: number;
  /** Every mentor who could have logged one, the primary first. */
  mentorIds: string[];
  primaryMentorId: string | null;
}

/** The keyset cursor of a check-in in the newest-first history: (occurredOn, loggedAt) then id. */
export function checkInCursorKey(c: Pick<StoredCheckIn, 'id' | 'occurredOn' | 'loggedAt'>): CursorKey {
  return { sort: `${c.occurredOn}|${c.loggedAt.toISOString()}`, id: c.id };
}

function parseCursor(key: CursorKey): { occurredOn: string; loggedAt: string; id: string } | null {
  const [occurredOn, loggedAt] = key.sort.split('|');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!occurredOn || !loggedAt || !/^\d{4}-\d{2}-\d{2}$/.test(occurredOn) || Number.isNaN(Date.parse(loggedAt))) {
    return null;
  }
  return uuid.test(key.id) ? { occurredOn, loggedAt, id: key.id } : null;
}

@Injectable()
export class CheckInRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Erasure: every check-in text (format, notes, private notes, blockers, action items) that
   * names an erased person gets what they read as once erased (`redactPersonalText`: names as
   * whole words, e-mail addresses anywhere, any case). The rows are found by SQL, locked and
   * rewritten one by one. Idempotent.
   */
  async redactPersonalText(tx: EntityManager, needles: readonly PersonalNeedle[]): Promise<void> {
    if (needles.length === 0) return;
    const rows = (await tx.query(
      `SELECT id, format, notes, private_notes, blockers, action_items FROM check_ins
        WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS needle
                       WHERE strpos(lower(concat_ws(' ', format, notes, private_notes,
                                                    array_to_string(blockers, ' '), array_to_string(action_items, ' '))),
                                    needle) > 0)
        FOR UPDATE`,
      [needles.map((n) => n.find.toLowerCase())],
    )) as {
      id: string;
      format: string;
      notes: string;
      private_notes: string | null;
      blockers: string[];
      action_items: string[];
    }[];
    const edit = (text: string): string => redactPersonalText(text, needles);
    for (const r of rows) {
      await tx.query(
        `UPDATE check_ins SET format = $2, notes = $3, private_notes = $4, blockers = $5::text[], action_items = $6::text[]
          WHERE id = $1`,
        [
          r.id,
          edit(r.format),
          edit(r.notes),
          r.private_notes === null ? null : edit(r.private_notes),
          r.blockers.map(edit),
          r.action_items.map(edit),
        ],
      );
    }
  }

  async insert(tx: EntityManager, checkIn: CheckIn): Promise<StoredCheckIn> {
    const s = checkIn.snapshot();
    const [row] = (await tx.query(
      `INSERT INTO check_ins (id, cohort_id, intern_id, mentor_id, assignment_id, occurred_on, week,
                              duration_minutes, format, progress, notes, private_notes, blockers, action_items)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text[], $14::text[])
       RETURNING logged_at`,
      [
        s.checkInId,
        s.cohortId,
        s.internId,
        s.mentorId,
        s.assignmentId,
        s.occurredOn,
        s.week,
        s.durationMinutes,
        s.format,
        s.progress,
        s.notes,
        s.privateNotes,
        s.blockers,
        s.actionItems,
      ],
    )) as { logged_at: Date }[];
    const stored = new CheckInOrmEntity();
    Object.assign(stored, {
      id: s.checkInId,
      cohortId: s.cohortId,
      internId: s.internId,
      mentorId: s.mentorId,
      assignmentId: s.assignmentId,
      occurredOn: s.occurredOn,
      week: s.week,
      durationMinutes: s.durationMinutes,
      format: s.format,
      progress: s.progress,
      notes: s.notes,
      privateNotes: s.privateNotes,
      blockers: s.blockers,
      actionItems: s.actionItems,
      loggedAt: row!.logged_at,
    });
    return stored;
  }

  /**
   * One page of each intern's history, newest first, in one query for all of them (what the
   * `Intern.checkIns` loader batches), plus each intern's total.
   */
  async pagesForInterns(
    internIds: readonly string[],
    limit: number,
    after: CursorKey | undefined,
  ): Promise<Map<string, CheckInPage>> {
    const pages = new Map<string, CheckInPage>(internIds.map((id) => [id, { rows: [], totalCount: 0 }]));
    if (internIds.length === 0) return pages;
    const cursor = after ? parseCursor(after) : null;
    if (after && !cursor) return pages; // a cursor of another connection: nothing after it
    const ids = [...internIds];
    const repo = this.dataSource.getRepository(CheckInOrmEntity);
    const windowed = repo
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect(
        'row_number() OVER (PARTITION BY c.intern_id ORDER BY c.occurred_on DESC, c.logged_at DESC, c.id DESC)',
        'rn',
      )
      .where('c.intern_id = ANY(:ids)', { ids });
    if (cursor) {
      windowed.andWhere(
        '(c.occurred_on, c.logged_at, c.id) < (:afterOn::date, :afterAt::timestamptz, :afterId::uuid)',
        {
          afterOn: cursor.occurredOn,
          afterAt: cursor.loggedAt,
          afterId: cursor.id,
        },
      );
    }
    const [rows, totals] = await Promise.all([
      repo
        .createQueryBuilder('c')
        .innerJoin(`(${windowed.getQuery()})`, 'w', 'w.id = c.id')
        .setParameters(windowed.getParameters())
        .where('w.rn <= :take', { take: limit + 1 })
        .orderBy('c.intern_id')
        .addOrderBy('c.occurred_on', 'DESC')
        .addOrderBy('c.logged_at', 'DESC')
        .addOrderBy('c.id', 'DESC')
        .getMany(),
      this.dataSource.query(
        `SELECT intern_id, count(*)::int AS n FROM check_ins WHERE intern_id = ANY($1) GROUP BY intern_id`,
        [ids],
      ) as Promise<{ intern_id: string; n: number }[]>,
    ]);
    for (const row of rows) pages.get(row.internId)!.rows.push(row);
    for (const t of totals) pages.get(t.intern_id)!.totalCount = t.n;
    return pages;
  }

  /** The check-ins of the given (intern, week) pairs, in the intern's latest cohort. */
  async forWeeks(keys: readonly { internId: string; cohortId: string; week: number }[]): Promise<StoredCheckIn[]> {
    if (keys.length === 0) return [];
    return this.dataSource
      .getRepository(CheckInOrmEntity)
      .createQueryBuilder('c')
      .where(
        '(c.intern_id, c.cohort_id, c.week) IN (SELECT * FROM unnest(:internIds::text[], :cohortIds::text[], :weeks::int[]))',
        {
          internIds: keys.map((k) => k.internId),
          cohortIds: keys.map((k) => k.cohortId),
          weeks: keys.map((k) => k.week),
        },
      )
      .orderBy('c.occurred_on', 'DESC')
      .addOrderBy('c.logged_at', 'DESC')
      .getMany();
  }

  async missedForWeeks(
    keys: readonly { internId: string; cohortId: string; week: number }[],
  ): Promise<MissedCheckInOrmEntity[]> {
    if (keys.length === 0) return [];
    return this.dataSource
      .getRepository(MissedCheckInOrmEntity)
      .createQueryBuilder('m')
      .where(
        '(m.intern_id, m.cohort_id, m.week) IN (SELECT * FROM unnest(:internIds::text[], :cohortIds::text[], :weeks::int[]))',
        {
          internIds: keys.map((k) => k.internId),
          cohortIds: keys.map((k) => k.cohortId),
          weeks: keys.map((k) => k.week),
        },
      )
      .getMany();
  }

  /**
   * Records the interns of the cohort who missed `week`: still in the program, the week one of
   * their own program (the cohort's weeks plus their extension), at least one mentor assigned before
   * the week ended and still assigned, and no check-in of the intern in that week by any mentor.
   * One row per intern and week in missed_intern_weeks (with every such mentor, the primary first),
   * plus one per mentor in missed_check_ins for the week status. Returns only the interns recorded
   * now: an intern already recorded for that week (a redelivered or republished event) is skipped
   * by the primary key.
   */
  async recordMissed(
    tx: EntityManager,
    w: { cohortId: string; week: number; weekEndedAt: Date },
  ): Promise<DetectedMiss[]> {
    const rows = (await tx.query(
      `WITH due AS (
         SELECT a.cohort_id, a.intern_id, a.mentor_id, a.id AS assignment_id, a.role, a.assigned_at
           FROM assignments a
           JOIN interns i ON i.intern_id = a.intern_id AND i.cohort_id = a.cohort_id
           JOIN cohorts c ON c.cohort_id = a.cohort_id
          WHERE a.cohort_id = $1
            AND a.unassigned_at IS NULL
            AND a.assigned_at < $3
            AND i.status <> ALL($4::text[])
            AND $2 <= c.weeks + i.extension_weeks
            AND NOT EXISTS (SELECT 1 FROM check_ins ci
                             WHERE ci.cohort_id = a.cohort_id AND ci.intern_id = a.intern_id AND ci.week = $2)
       ), interns_missed AS (
         INSERT INTO missed_intern_weeks (cohort_id, intern_id, week, mentor_ids, primary_mentor_id)
         SELECT cohort_id, intern_id, $2,
                array_agg(mentor_id ORDER BY (role = 'PRIMARY') DESC, assigned_at, mentor_id),
                max(mentor_id) FILTER (WHERE role = 'PRIMARY')
           FROM due GROUP BY cohort_id, intern_id
         ON CONFLICT DO NOTHING
         RETURNING cohort_id, intern_id, week, mentor_ids, primary_mentor_id
       ), pairs AS (
         INSERT INTO missed_check_ins (cohort_id, intern_id, mentor_id, week, assignment_id, role)
         SELECT d.cohort_id, d.intern_id, d.mentor_id, $2, d.assignment_id, d.role
           FROM due d JOIN interns_missed m ON m.cohort_id = d.cohort_id AND m.intern_id = d.intern_id
         ON CONFLICT DO NOTHING
       )
       SELECT * FROM interns_missed ORDER BY intern_id`,
      [w.cohortId, w.week, w.weekEndedAt, [...ENDED_INTERN_STATUSES]],
    )) as {
      cohort_id: string;
      intern_id: string;
      week: number;
      mentor_ids: string[];
      primary_mentor_id: string | null;
    }[];
    return rows.map((r) => ({
      cohortId: r.cohort_id,
      internId: r.intern_id,
      week: r.week,
      mentorIds: r.mentor_ids,
      primaryMentorId: r.primary_mentor_id,
    }));
  }
}
