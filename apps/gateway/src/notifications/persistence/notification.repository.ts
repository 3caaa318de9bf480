import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { erasedName, type ErasedPerson } from '../domain/erasure.js';
import { audienceKey, type Directory, type NotificationDraft, type NotificationType } from '../domain/routing.js';

/** SQL: the person whose id is the parameter was erased (erased_people). */
const ERASED = (param: string, person: ErasedPerson) =>
  `EXISTS (SELECT 1 FROM erased_people WHERE person_id = ${param} AND person = '${person}')`;

/** A notification as one reader sees it. */
export interface NotificationRecord {
  seq: string;
  id: string;
  audience: string;
  type: NotificationType;
  title: string;
  body: string;
  cohortId: string | null;
  internId: string | null;
  subjectId: string | null;
  eventType: string;
  occurredAt: Date;
  createdAt: Date;
  readAt: Date | null;
}

/** A row as Postgres answers it: the record's text columns as they are, the others in snake case. */
interface NotificationRow extends Pick<NotificationRecord, 'seq' | 'id' | 'audience' | 'type' | 'title' | 'body'> {
  cohort_id: string | null;
  intern_id: string | null;
  subject_id: string | null;
  event_type: string;
  occurred_at: Date | string;
  created_at: Date | string;
  read_at?: Date | string | null;
}

export function toRecord(row: NotificationRow): NotificationRecord {
  return {
    seq: String(row.seq),
    id: row.id,
    audience: row.audience,
    type: row.type,
    title: row.title,
    body: row.body,
    cohortId: row.cohort_id,
    internId: row.intern_id,
    subjectId: row.subject_id,
    eventType: row.event_type,
    occurredAt: new Date(row.occurred_at),
    createdAt: new Date(row.created_at),
    readAt: row.read_at ? new Date(row.read_at) : null,
  };
}

/** The `reason` of a MentorUnassigned the mentors service publishes when the intern was withdrawn. */
export const WITHDRAWAL_REASON = 'INTERN_WITHDRAWN';

const COLUMNS = `n.seq, n.id, n.audience, n.type, n.title, n.body, n.cohort_id, n.intern_id, n.subject_id, n.event_type, n.occurred_at, n.created_at`;

/** A Directory over the gateway's projections, read inside the consumer's transaction. */
export function directoryOf(tx: EntityManager): Directory {
  return {
    mentorsOf: async (internId) =>
      (
        await tx.query(
          `SELECT mentor_id, role FROM intern_mentors
            WHERE intern_id = $1 AND NOT ended_by_withdrawal ORDER BY assigned_at, mentor_id`,
          [internId],
        )
      ).map((r: { mentor_id: string; role: 'PRIMARY' | 'CO_MENTOR' }) => ({ mentorId: r.mentor_id, role: r.role })),
    mentorsAtWithdrawal: async (internId, cohortId) =>
      (
        (await tx.query(
          `SELECT mentor_id FROM intern_mentors
            WHERE intern_id = $1 AND cohort_id = $2 AND ended_by_withdrawal ORDER BY assigned_at, mentor_id`,
          [internId, cohortId],
        )) as { mentor_id: string }[]
      ).map((r) => r.mentor_id),
    mentorName: async (mentorId) =>
      (
        (await tx.query(`SELECT name FROM mentor_names WHERE mentor_id = $1`, [mentorId])) as {
          name: string;
        }[]
      )[0]?.name,
    internsOf: async (cohortId) =>
      (
        (await tx.query(`SELECT intern_id FROM interns WHERE cohort_id = $1 AND active ORDER BY intern_id`, [
          cohortId,
        ])) as { intern_id: string }[]
      ).map((r) => r.intern_id),
    internName: async (internId) =>
      (
        (await tx.query(`SELECT name FROM interns WHERE intern_id = $1 ORDER BY active DESC LIMIT 1`, [internId])) as {
          name: string;
        }[]
      )[0]?.name,
  };
}

@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ---- projections (written by the consumer, inside its transaction) ---------------------------

  async assign(
    tx: EntityManager,
    a: { internId: string; mentorId: string; cohortId: string; role: string; assignmentId: string; assignedAt: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO intern_mentors (intern_id, mentor_id, cohort_id, role, assignment_id, assigned_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (intern_id, mentor_id) DO UPDATE
         SET cohort_id = EXCLUDED.cohort_id, role = EXCLUDED.role, assignment_id = EXCLUDED.assignment_id,
             assigned_at = EXCLUDED.assigned_at, ended_by_withdrawal = false
       WHERE intern_mentors.assigned_at <= EXCLUDED.assigned_at`,
      [a.internId, a.mentorId, a.cohortId, a.role, a.assignmentId, a.assignedAt],
    );
    if (a.role === 'PRIMARY') {
      // One primary per intern: an older primary is now at most a co-mentor (its unassignment follows).
      await tx.query(
        `UPDATE intern_mentors SET role = 'CO_MENTOR' WHERE intern_id = $1 AND mentor_id <> $2 AND role = 'PRIMARY' AND assigned_at <= $3`,
        [a.internId, a.mentorId, a.assignedAt],
      );
    }
  }

  /**
   * An assignment ended: the pair is gone, except when the intern's withdrawal ended it — then it
   * is kept, marked, so that a reinstatement tells that mentor too (no mentor of the intern meanwhile).
   */
  async unassign(tx: EntityManager, assignmentId: string, reason?: string): Promise<void> {
    if (reason === WITHDRAWAL_REASON) {
      await tx.query(`UPDATE intern_mentors SET ended_by_withdrawal = true WHERE assignment_id = $1`, [assignmentId]);
    } else {
      await tx.query(`DELETE FROM intern_mentors WHERE assignment_id = $1`, [assignmentId]);
    }
  }

  /** An intern's enrollment; an erased intern's (a replayed or late InternEnrolled) is recorded under the erased name. */
  async enroll(tx: EntityManager, internId: string, cohortId: string, name: string): Promise<void> {
    await tx.query(
      `INSERT INTO interns (intern_id, cohort_id, name, active)
       VALUES ($1, $2, CASE WHEN ${ERASED('$1', 'INTERN')} THEN $4 ELSE $3 END, true)
       ON CONFLICT (intern_id, cohort_id) DO UPDATE SET name = EXCLUDED.name`,
      [internId, cohortId, name, erasedName('INTERN', internId)],
    );
  }

  async leave(tx: EntityManager, internId: string, cohortId: string): Promise<void> {
    await tx.query(`UPDATE interns SET active = false WHERE intern_id = $1 AND cohort_id = $2`, [internId, cohortId]);
  }

  /** A mentor's name as registered or last changed; "Erased mentor" once they were erased, whatever a later event says. */
  async nameMentor(tx: EntityManager, mentorId: string, name: string): Promise<void> {
    await tx.query(
      `INSERT INTO mentor_names (mentor_id, name) VALUES ($1, CASE WHEN ${ERASED('$1', 'MENTOR')} THEN $3 ELSE $2 END)
       ON CONFLICT (mentor_id) DO UPDATE SET name = EXCLUDED.name`,
      [mentorId, name, erasedName('MENTOR', mentorId)],
    );
  }

  /** A withdrawn intern is back (InternReinstated): active again in that cohort. */
  async rejoin(tx: EntityManager, internId: string, cohortId: string): Promise<void> {
    await tx.query(`UPDATE interns SET active = true WHERE intern_id = $1 AND cohort_id = $2`, [internId, cohortId]);
  }

  // ---- notifications -------------------------------------------------------------------------

  /** Stores the drafts of one event (a redelivered event stores nothing twice); returns the new rows. */
  async insert(
    tx: EntityManager,
    event: { id: string; type: string; time: string },
    drafts: NotificationDraft[],
  ): Promise<NotificationRecord[]> {
    const stored: NotificationRecord[] = [];
    for (const d of drafts) {
      const rows = (await tx.query(
        `INSERT INTO notifications AS n (id, audience, type, title, body, cohort_id, intern_id, subject_id, event_id, event_type, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (event_id, audience, type) DO NOTHING
         RETURNING ${COLUMNS}`,
        [
          randomUUID(),
          audienceKey(d.audience),
          d.type,
          d.title,
          d.body,
          d.cohortId ?? null,
          d.internId ?? null,
          d.subjectId ?? null,
          event.id,
          event.type,
          event.time,
        ],
      )) as NotificationRow[];
      stored.push(...rows.map(toRecord));
    }
    return stored;
  }

  /** A reader's notifications, newest first, after the keyset cursor `beforeSeq`. */
  async page(
    userId: string,
    audiences: string[],
    options: { unreadOnly: boolean; limit: number; beforeSeq?: string },
  ): Promise<{ rows: NotificationRecord[]; totalCount: number; unreadCount: number }> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, r.read_at FROM notifications n
         LEFT JOIN notification_reads r ON r.notification_seq = n.seq AND r.user_id = $1
        WHERE n.audience = ANY($2) AND ($3::bigint IS NULL OR n.seq < $3::bigint) AND (NOT $4 OR r.read_at IS NULL)
        ORDER BY n.seq DESC LIMIT $5`,
      [userId, audiences, options.beforeSeq ?? null, options.unreadOnly, options.limit + 1],
    )) as NotificationRow[];
    const [counts] = (await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE r.read_at IS NULL)::int AS unread
         FROM notifications n
         LEFT JOIN notification_reads r ON r.notification_seq = n.seq AND r.user_id = $1
        WHERE n.audience = ANY($2)`,
      [userId, audiences],
    )) as { total: number; unread: number }[];
    return {
      rows: rows.map(toRecord),
      totalCount: options.unreadOnly ? counts!.unread : counts!.total,
      unreadCount: counts!.unread,
    };
  }

  /** A reader's notifications stored after `afterSeq`, oldest first (a subscription's catch-up). */
  async since(userId: string, audiences: string[], afterSeq: string, limit: number): Promise<NotificationRecord[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, r.read_at FROM notifications n
         LEFT JOIN notification_reads r ON r.notification_seq = n.seq AND r.user_id = $1
        WHERE n.audience = ANY($2) AND n.seq > $3::bigint
        ORDER BY n.seq LIMIT $4`,
      [userId, audiences, afterSeq, limit],
    )) as NotificationRow[];
    return rows.map(toRecord);
  }

  /** Notifications stored since `since` (a listener's reconnection catch-up), oldest first. */
  async storedSince(since: Date, limit: number): Promise<NotificationRecord[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifications n WHERE n.created_at >= $1 ORDER BY n.seq LIMIT $2`,
      [since, limit],
    )) as NotificationRow[];
    return rows.map(toRecord);
  }

  /** Marks the named notifications read; returns them (with readAt) or the ids the reader cannot see. */
  async markRead(
    userId: string,
    audiences: string[],
    ids: string[],
  ): Promise<{ marked: NotificationRecord[]; missing: string[]; newlyRead: number }> {
    return this.dataSource.transaction(async (tx) => {
      const visible = (await tx.query(
        `SELECT n.seq, n.id FROM notifications n WHERE n.id::text = ANY($1) AND n.audience = ANY($2)`,
        [ids, audiences],
      )) as { seq: string; id: string }[];
      const found = new Set(visible.map((v) => v.id));
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length) return { marked: [], missing, newlyRead: 0 };
      const inserted = (await tx.query(
        `INSERT INTO notification_reads (user_id, notification_seq) SELECT $1, unnest($2::bigint[])
         ON CONFLICT DO NOTHING RETURNING notification_seq`,
        [userId, visible.map((v) => v.seq)],
      )) as unknown[];
      const rows = (await tx.query(
        `SELECT ${COLUMNS}, r.read_at FROM notifications n
           JOIN notification_reads r ON r.notification_seq = n.seq AND r.user_id = $1
          WHERE n.seq = ANY($2::bigint[]) ORDER BY n.seq DESC`,
        [userId, visible.map((v) => v.seq)],
      )) as NotificationRow[];
      return { marked: rows.map(toRecord), missing: [], newlyRead: inserted.length };
    });
  }

  /** Marks every notification of the reader read; returns how many were unread. */
  async markAllRead(userId: string, audiences: string[]): Promise<number> {
    const inserted = (await this.dataSource.query(
      `INSERT INTO notification_reads (user_id, notification_seq)
       SELECT $1, n.seq FROM notifications n WHERE n.audience = ANY($2)
       ON CONFLICT DO NOTHING RETURNING notification_seq`,
      [userId, audiences],
    )) as unknown[];
    return inserted.length;
  }

  async unreadCount(userId: string, audiences: string[]): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications n
        WHERE n.audience = ANY($2)
          AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_seq = n.seq AND r.user_id = $1)`,
      [userId, audiences],
    )) as { n: number }[];
    return row?.n ?? 0;
  }
}
