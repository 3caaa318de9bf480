import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ValidationError } from '#ddd';
import type { CursorKey } from '#platform';
import type { ExtensionRecord } from '../../enrollments/domain/enrollment.js';
import type { OnboardingTask } from '../../onboarding/domain/onboarding.js';
import type { PresentationSlotSnapshot } from '../../presentations/domain/presentation-slot.js';
import type { TechTalkSnapshot, TechTalkStatus } from '../../tech-talks/domain/tech-talk.js';
import { EnrollmentExtensionOrmEntity } from '../../enrollments/persistence/enrollment-extension.orm-entity.js';
import { extensionFromOrm } from '../../enrollments/persistence/enrollment.repository.js';
import { isUuid, perId } from './ids.js';
import { OnboardingTaskOrmEntity } from '../../onboarding/persistence/onboarding.orm-entity.js';
import { PresentationSlotOrmEntity } from '../../presentations/persistence/presentation-slot.orm-entity.js';
import { slotFromOrm } from '../../presentations/persistence/presentation-slot.repository.js';
import { RegisteredMentorOrmEntity } from '../../mentors/persistence/registered-mentor.orm-entity.js';
import { TechTalkOrmEntity } from '../../tech-talks/persistence/tech-talk.orm-entity.js';
import { talkFromOrm } from '../../tech-talks/persistence/tech-talk.repository.js';

interface TalkRow {
  id: string;
  cohort_id: string;
  title: string;
  speaker: string;
  abstract: string | null;
  starts_at: Date;
  duration_minutes: number;
  join_url: string | null;
  scheduled_by: string;
  scheduled_at: Date;
  rsvp_count: number;
  attendance_count: number;
  status: TechTalkStatus;
  sequence: number;
  cancellation_reason: string | null;
  cancelled_by: string | null;
  cancelled_at: Date | null;
}

interface SlotRow {
  id: string;
  cohort_id: string;
  starts_at: Date;
  duration_minutes: number;
  panel_mentor_ids: string[];
  booked_by: string | null;
  booked_at: Date | null;
  opened_by: string;
  opened_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
  close_reason: string | null;
}

function talkFromRow(r: TalkRow): TechTalkSnapshot {
  return {
    id: r.id,
    cohortId: r.cohort_id,
    title: r.title,
    speaker: r.speaker,
    abstract: r.abstract,
    startsAt: new Date(r.starts_at),
    durationMinutes: r.duration_minutes,
    joinUrl: r.join_url,
    scheduledBy: r.scheduled_by,
    scheduledAt: new Date(r.scheduled_at),
    rsvpCount: Number(r.rsvp_count),
    attendanceCount: Number(r.attendance_count),
    status: r.status,
    sequence: Number(r.sequence),
    cancellationReason: r.cancellation_reason,
    cancelledBy: r.cancelled_by,
    cancelledAt: r.cancelled_at ? new Date(r.cancelled_at) : null,
  };
}

function slotFromRow(r: SlotRow): PresentationSlotSnapshot {
  return {
    id: r.id,
    cohortId: r.cohort_id,
    startsAt: new Date(r.starts_at),
    durationMinutes: r.duration_minutes,
    panelMentorIds: r.panel_mentor_ids ?? [],
    bookedBy: r.booked_by,
    bookedAt: r.booked_at ? new Date(r.booked_at) : null,
    openedBy: r.opened_by,
    openedAt: new Date(r.opened_at),
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
    closedBy: r.closed_by,
    closeReason: r.close_reason,
  };
}

/** Refuses an `after` cursor that a talks or slots connection did not hand out. */
export function checkTimeCursor(after: CursorKey | undefined): void {
  if (after && (Number.isNaN(Date.parse(after.sort)) || !isUuid(after.id))) {
    throw ValidationError.field('after', 'is not a cursor returned by this connection');
  }
}

export interface InternTalk {
  talk: TechTalkSnapshot;
  rsvped: boolean;
  attended: boolean;
}

/**
 * The read side of the cohort's life (talks, slots, checklists, extensions, mentors) for the
 * GraphQL DataLoaders and the calendar export. Talks and slots are in start order (`starts_at,
 * id`), and so are their keyset cursors.
 */
@Injectable()
export class ProgramReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of talks (or slots) for each of several cohorts, in one query: up to `limit + 1` each. */
  private async pages<R extends { cohort_id: string }>(
    table: 'tech_talks' | 'presentation_slots',
    cohortIds: readonly string[],
    page: { limit?: number; after?: CursorKey },
  ): Promise<Map<string, R[]>> {
    checkTimeCursor(page.after);
    return perId<R[]>(
      cohortIds,
      () => [],
      async (valid, result) => {
        const params: unknown[] = [valid];
        let where = 'cohort_id = ANY($1::uuid[])';
        if (page.after) {
          params.push(page.after.sort, page.after.id);
          where += ` AND (starts_at, id) > ($2::timestamptz, $3::uuid)`;
        }
        let limit = '';
        if (page.limit !== undefined) {
          params.push(page.limit + 1);
          limit = `WHERE rn <= $${params.length}`;
        }
        const rows = (await this.dataSource.query(
          `SELECT * FROM (
           SELECT t.*, row_number() OVER (PARTITION BY cohort_id ORDER BY starts_at, id) AS rn FROM ${table} t WHERE ${where}
         ) page ${limit} ORDER BY cohort_id, starts_at, id`,
          params,
        )) as R[];
        for (const row of rows) result.get(row.cohort_id)?.push(row);
      },
    );
  }

  private async counts(
    table: 'tech_talks' | 'presentation_slots',
    cohortIds: readonly string[],
  ): Promise<Map<string, number>> {
    return perId<number>(
      cohortIds,
      () => 0,
      async (valid, result) => {
        const rows = (await this.dataSource.query(
          `SELECT cohort_id, count(*)::int AS n FROM ${table} WHERE cohort_id = ANY($1::uuid[]) GROUP BY cohort_id`,
          [valid],
        )) as { cohort_id: string; n: number }[];
        for (const r of rows) result.set(r.cohort_id, Number(r.n));
      },
    );
  }

  async talkPages(
    cohortIds: readonly string[],
    page: { limit?: number; after?: CursorKey },
  ): Promise<Map<string, TechTalkSnapshot[]>> {
    const pages = await this.pages<TalkRow>('tech_talks', cohortIds, page);
    return new Map([...pages].map(([id, rows]) => [id, rows.map(talkFromRow)]));
  }

  async slotPages(
    cohortIds: readonly string[],
    page: { limit?: number; after?: CursorKey },
  ): Promise<Map<string, PresentationSlotSnapshot[]>> {
    const pages = await this.pages<SlotRow>('presentation_slots', cohortIds, page);
    return new Map([...pages].map(([id, rows]) => [id, rows.map(slotFromRow)]));
  }

  talkCounts(cohortIds: readonly string[]): Promise<Map<string, number>> {
    return this.counts('tech_talks', cohortIds);
  }

  slotCounts(cohortIds: readonly string[]): Promise<Map<string, number>> {
    return this.counts('presentation_slots', cohortIds);
  }

  async talks(ids: readonly string[]): Promise<TechTalkSnapshot[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return (await this.dataSource.getRepository(TechTalkOrmEntity).findBy({ id: In(valid) })).map(talkFromOrm);
  }

  async slots(ids: readonly string[]): Promise<PresentationSlotSnapshot[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return (await this.dataSource.getRepository(PresentationSlotOrmEntity).findBy({ id: In(valid) })).map(slotFromOrm);
  }

  /** Each cohort's checklist, in order. */
  async checklists(cohortIds: readonly string[]): Promise<Map<string, OnboardingTask[]>> {
    return perId<OnboardingTask[]>(
      cohortIds,
      () => [],
      async (valid, result) => {
        const rows = await this.dataSource
          .getRepository(OnboardingTaskOrmEntity)
          .find({ where: { cohortId: In(valid) }, order: { cohortId: 'ASC', position: 'ASC' } });
        for (const r of rows) {
          result.get(r.cohortId)?.push({
            id: r.id,
            cohortId: r.cohortId,
            position: r.position,
            title: r.title,
            description: r.description,
          });
        }
      },
    );
  }

  /** The tasks each enrollment completed, with when. */
  async completions(enrollmentIds: readonly string[]): Promise<Map<string, Map<string, Date>>> {
    return perId<Map<string, Date>>(
      enrollmentIds,
      () => new Map(),
      async (valid, result) => {
        const rows = (await this.dataSource.query(
          `SELECT enrollment_id, task_id, completed_at FROM onboarding_completions WHERE enrollment_id = ANY($1::uuid[])`,
          [valid],
        )) as { enrollment_id: string; task_id: string; completed_at: Date }[];
        for (const r of rows) result.get(r.enrollment_id)?.set(r.task_id, new Date(r.completed_at));
      },
    );
  }

  /** Each enrollment's extensions, in the order they were granted. */
  async extensions(enrollmentIds: readonly string[]): Promise<Map<string, ExtensionRecord[]>> {
    return perId<ExtensionRecord[]>(
      enrollmentIds,
      () => [],
      async (valid, result) => {
        const rows = await this.dataSource
          .getRepository(EnrollmentExtensionOrmEntity)
          .find({ where: { enrollmentId: In(valid) }, order: { grantedAt: 'ASC', id: 'ASC' } });
        for (const r of rows) result.get(r.enrollmentId)?.push(extensionFromOrm(r));
      },
    );
  }

  /** The slot each intern booked in each cohort, keyed `cohortId/internId`. */
  async bookings(
    keys: readonly { cohortId: string; internId: string }[],
  ): Promise<Map<string, PresentationSlotSnapshot>> {
    const result = new Map<string, PresentationSlotSnapshot>();
    const valid = keys.filter((k) => isUuid(k.cohortId));
    if (valid.length === 0) return result;
    const rows = (await this.dataSource.query(
      `SELECT s.* FROM presentation_slots s
         JOIN unnest($1::uuid[], $2::text[]) AS k (cohort_id, intern_id)
           ON s.cohort_id = k.cohort_id AND s.booked_by = k.intern_id`,
      [valid.map((k) => k.cohortId), valid.map((k) => k.internId)],
    )) as SlotRow[];
    for (const r of rows) result.set(`${r.cohort_id}/${r.booked_by}`, slotFromRow(r));
    return result;
  }

  /** Names of mentors known to the projection. */
  async mentorNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(RegisteredMentorOrmEntity).findBy({ mentorId: In([...ids]) });
    return new Map(rows.map((r) => [r.mentorId, r.name]));
  }

  /** Of the talks, those the intern RSVPed to and those they attended. */
  async internTalkMarks(
    internId: string,
    talkIds: readonly string[],
  ): Promise<{ rsvped: Set<string>; attended: Set<string> }> {
    const valid = talkIds.filter(isUuid);
    if (valid.length === 0) return { rsvped: new Set(), attended: new Set() };
    const rows = (await this.dataSource.query(
      `SELECT talk_id, 'RSVP' AS kind FROM tech_talk_rsvps WHERE intern_id = $1 AND talk_id = ANY($2::uuid[])
       UNION ALL
       SELECT talk_id, 'ATTENDED' AS kind FROM tech_talk_attendance WHERE intern_id = $1 AND talk_id = ANY($2::uuid[])`,
      [internId, valid],
    )) as { talk_id: string; kind: string }[];
    return {
      rsvped: new Set(rows.filter((r) => r.kind === 'RSVP').map((r) => r.talk_id)),
      attended: new Set(rows.filter((r) => r.kind === 'ATTENDED').map((r) => r.talk_id)),
    };
  }

  /** Each intern's talks across their cohorts: how many, RSVPed to, attended. */
  async talkAttendance(
    internIds: readonly string[],
  ): Promise<Map<string, { talks: number; rsvped: number; attended: number }>> {
    const result = new Map(internIds.map((id) => [id, { talks: 0, rsvped: 0, attended: 0 }]));
    if (internIds.length === 0) return result;
    const rows = (await this.dataSource.query(
      `SELECT e.intern_id,
              count(t.id)::int AS talks,
              count(r.talk_id)::int AS rsvped,
              count(a.talk_id)::int AS attended
         FROM enrollments e
         JOIN tech_talks t ON t.cohort_id = e.cohort_id AND t.status <> 'CANCELLED'
         LEFT JOIN tech_talk_rsvps r ON r.talk_id = t.id AND r.intern_id = e.intern_id
         LEFT JOIN tech_talk_attendance a ON a.talk_id = t.id AND a.intern_id = e.intern_id
        WHERE e.intern_id = ANY($1::text[])
        GROUP BY e.intern_id`,
      [internIds],
    )) as { intern_id: string; talks: number; rsvped: number; attended: number }[];
    for (const r of rows)
      result.set(r.intern_id, { talks: Number(r.talks), rsvped: Number(r.rsvped), attended: Number(r.attended) });
    return result;
  }

  /**
   * One page of the talks of each intern's cohorts (the same page size and cursor for all), in
   * start order, with their RSVP and attendance: up to `limit + 1` per intern, in one query.
   */
  async internTalkPages(
    internIds: readonly string[],
    page: { limit: number; after?: CursorKey },
  ): Promise<Map<string, InternTalk[]>> {
    checkTimeCursor(page.after);
    const result = new Map<string, InternTalk[]>(internIds.map((id) => [id, []]));
    if (internIds.length === 0) return result;
    const params: unknown[] = [internIds, page.limit + 1];
    let after = '';
    if (page.after) {
      params.push(page.after.sort, page.after.id);
      after = ' AND (t.starts_at, t.id) > ($3::timestamptz, $4::uuid)';
    }
    const rows = (await this.dataSource.query(
      `SELECT * FROM (
         SELECT t.*, e.intern_id, (r.talk_id IS NOT NULL) AS rsvped, (a.talk_id IS NOT NULL) AS attended,
                row_number() OVER (PARTITION BY e.intern_id ORDER BY t.starts_at, t.id) AS rn
           FROM enrollments e
           JOIN tech_talks t ON t.cohort_id = e.cohort_id
           LEFT JOIN tech_talk_rsvps r ON r.talk_id = t.id AND r.intern_id = e.intern_id
           LEFT JOIN tech_talk_attendance a ON a.talk_id = t.id AND a.intern_id = e.intern_id
          WHERE e.intern_id = ANY($1::text[])${after}
       ) page WHERE rn <= $2 ORDER BY intern_id, starts_at, id`,
      params,
    )) as (TalkRow & { intern_id: string; rsvped: boolean; attended: boolean })[];
    for (const r of rows)
      result.get(r.intern_id)?.push({ talk: talkFromRow(r), rsvped: r.rsvped, attended: r.attended });
    return result;
  }
}
