import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErasureTrigger, scrubbed, type ErasedInternFields, type ErasedPerson } from '../domain/intern-erasure.js';

/** The advisory lock (two-key form: this key and the person's id hash) that serializes writes of one intern's personal data. */
export const PERSONAL_DATA_LOCK_KEY = 7_002_018;

/** One erasure as `personal_data_erasures` keeps it. */
export interface ErasureRecord {
  person: ErasedPerson;
  subjectId: string;
  reason: string | null;
  erasedBy: string | null;
  erasedAt: Date;
  trigger: ErasureTrigger;
}

/** An enrollment of the intern, with what the retention policy asks of its cohort. */
export interface InternEnrollmentOfCohort {
  cohortId: string;
  status: string;
  startDate: string;
  weeks: number;
  timezone: string;
}

interface ErasureRow {
  person: ErasedPerson;
  subject_id: string;
  reason: string | null;
  erased_by: string | null;
  erased_at: Date;
  trigger: string;
}

const fromRow = (r: ErasureRow): ErasureRecord => ({
  person: r.person,
  subjectId: r.subject_id,
  reason: r.reason,
  erasedBy: r.erased_by,
  erasedAt: new Date(r.erased_at),
  trigger: r.trigger as ErasureTrigger,
});

/**
 * The writes of an erasure and the erasure records, always in the caller's transaction: every
 * column of this database that holds an intern's personal data is rewritten here, so that one
 * place knows them all (enrollments' name, e-mail and university; the free-text reasons about
 * their enrollments), and the mentors' copies (registered_mentors).
 */
@Injectable()
export class PersonalDataRepository {
  /**
   * Serializes everything that writes one intern's personal data (an erasure, an enrollment)
   * until the transaction ends, so that an enrollment racing an erasure is either erased with
   * the rest or refused.
   */
  async lockIntern(tx: EntityManager, internId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [PERSONAL_DATA_LOCK_KEY, `intern:${internId}`]);
  }

  async find(tx: EntityManager, person: ErasedPerson, subjectId: string): Promise<ErasureRecord | null> {
    const rows = (await tx.query(`SELECT * FROM personal_data_erasures WHERE person = $1 AND subject_id = $2`, [
      person,
      subjectId,
    ])) as ErasureRow[];
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** Which of the ids were erased. */
  async erasedOf(tx: EntityManager, person: ErasedPerson, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await tx.query(
      `SELECT subject_id FROM personal_data_erasures WHERE person = $1 AND subject_id = ANY($2::text[])`,
      [person, [...ids]],
    )) as { subject_id: string }[];
    return new Set(rows.map((r) => r.subject_id));
  }

  /** Records an erasure; false (nothing written) when the person was erased already. */
  async record(tx: EntityManager, r: ErasureRecord): Promise<boolean> {
    const rows = (await tx.query(
      `INSERT INTO personal_data_erasures (person, subject_id, reason, erased_by, erased_at, trigger)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (person, subject_id) DO NOTHING RETURNING subject_id`,
      [r.person, r.subjectId, r.reason, r.erasedBy, r.erasedAt, r.trigger],
    )) as unknown[];
    return rows.length === 1;
  }

  /** The intern's enrollments with their cohorts (by the cohorts' start), locked: the rows an erasure rewrites. */
  async enrollmentsOfIntern(tx: EntityManager, internId: string): Promise<InternEnrollmentOfCohort[]> {
    const rows = (await tx.query(
      `SELECT e.cohort_id, c.status, to_char(c.start_date, 'YYYY-MM-DD') AS start_date, c.weeks, c.timezone
         FROM enrollments e JOIN cohorts c ON c.id = e.cohort_id
        WHERE e.intern_id = $1 ORDER BY c.start_date, e.enrolled_at, e.id FOR UPDATE OF e`,
      [internId],
    )) as { cohort_id: string; status: string; start_date: string; weeks: number; timezone: string }[];
    return rows.map((r) => ({
      cohortId: r.cohort_id,
      status: r.status,
      startDate: r.start_date,
      weeks: Number(r.weeks),
      timezone: r.timezone,
    }));
  }

  /** The interns enrolled in the cohort who were not erased yet. */
  async unerasedInternsOf(tx: EntityManager, cohortId: string): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT DISTINCT e.intern_id FROM enrollments e
        WHERE e.cohort_id = $1
          AND NOT EXISTS (SELECT 1 FROM personal_data_erasures x WHERE x.person = 'INTERN' AND x.subject_id = e.intern_id)
        ORDER BY e.intern_id`,
      [cohortId],
    )) as { intern_id: string }[];
    return rows.map((r) => r.intern_id);
  }

  /**
   * Rewrites every copy of the intern's personal data in this database: each enrollment's name,
   * e-mail and university become the erased values, and the free text of the service (reasons,
   * titles, descriptions: FREE_TEXT) loses every mention of their name or e-mail. Status,
   * outcome, offer, dates and counts are untouched. Returns the names and e-mails erased (to
   * scrub from other text of the same transaction).
   */
  async eraseIntern(
    tx: EntityManager,
    internId: string,
    erased: ErasedInternFields,
  ): Promise<{ name: string; email: string }[]> {
    const people = (await tx.query(
      `SELECT DISTINCT name, email FROM enrollments WHERE intern_id = $1 AND (name <> $2 OR email <> $3)`,
      [internId, erased.name, erased.email],
    )) as { name: string; email: string }[];
    await this.scrubFreeText(tx, people, erased);
    await tx.query(`UPDATE enrollments SET name = $2, email = $3, university = $4 WHERE intern_id = $1`, [
      internId,
      erased.name,
      erased.email,
      erased.university,
    ]);
    return people;
  }

  /**
   * The mentor's copy in `registered_mentors` reads as erased (nothing when they are not there),
   * and the free text of the service (a talk's speaker, say) loses every mention of them.
   */
  async eraseMentor(tx: EntityManager, mentorId: string, erased: { name: string; email: string }): Promise<void> {
    const people = (await tx.query(
      `SELECT name, email FROM registered_mentors WHERE mentor_id = $1 AND (name <> $2 OR email <> $3) FOR UPDATE`,
      [mentorId, erased.name, erased.email],
    )) as { name: string; email: string }[];
    await this.scrubFreeText(tx, people, erased);
    await tx.query(`UPDATE registered_mentors SET name = $2, email = $3 WHERE mentor_id = $1`, [
      mentorId,
      erased.name,
      erased.email,
    ]);
  }

  /** Replaces every mention of the people's names and e-mails in FREE_TEXT by the erased values. */
  private async scrubFreeText(
    tx: EntityManager,
    people: readonly { name: string; email: string }[],
    erased: { name: string; email: string },
  ): Promise<void> {
    const needles = [...new Set(people.flatMap((p) => [p.name.trim(), p.email.trim()]))].filter((n) => n.length >= 2);
    if (needles.length === 0) return;
    const scrub = (text: string) => people.reduce((t, person) => scrubbed(t, person, erased), text);
    for (const [table, key, column] of FREE_TEXT) {
      const rows = (await tx.query(
        `SELECT ${key}::text AS key, ${column} AS text FROM ${table}
          WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS n WHERE strpos(lower(${column}), lower(n)) > 0)`,
        [needles],
      )) as { key: string; text: string }[];
      for (const row of rows) {
        const text = scrub(row.text);
        if (text !== row.text) {
          await tx.query(`UPDATE ${table} SET ${column} = $2 WHERE ${key}::text = $1`, [row.key, text]);
        }
      }
    }
    // The outbox: the personal fields of its events are sealed (unreadable once the key is gone),
    // but free text in them (a withdrawal reason) is not. Unpublished rows go out scrubbed, and no
    // row kept here names the person any more. (What was published before stays in the log.)
    const events = (await tx.query(
      `SELECT id, envelope FROM outbox
        WHERE envelope IS NOT NULL
          AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS n WHERE strpos(lower(envelope::text), lower(n)) > 0)`,
      [needles],
    )) as { id: string; envelope: unknown }[];
    for (const row of events) {
      const envelope = scrubStrings(row.envelope, scrub);
      await tx.query(`UPDATE outbox SET envelope = $2::jsonb WHERE id = $1`, [row.id, JSON.stringify(envelope)]);
    }
  }
}

/** The JSON value with `scrub` applied to every string in it (keys kept). */
function scrubStrings(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v, scrub));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubStrings(v, scrub)]));
  }
  return value;
}

/**
 * Every column of this database where people write free text (table, key, column): a person's
 * name or e-mail may be typed there (a withdrawal reason, a talk's speaker). An erasure scrubs
 * them. A new free-text column belongs here (the integration spec scans every text column).
 */
const FREE_TEXT: readonly (readonly [table: string, key: string, column: string])[] = [
  ['cohorts', 'id', 'name'],
  ['cohorts', 'id', 'cancellation_reason'],
  ['enrollments', 'id', 'end_reason'],
  ['enrollment_extensions', 'id', 'reason'],
  ['onboarding_tasks', 'id', 'title'],
  ['onboarding_tasks', 'id', 'description'],
  ['tech_talks', 'id', 'title'],
  ['tech_talks', 'id', 'speaker'],
  ['tech_talks', 'id', 'abstract'],
  ['tech_talks', 'id', 'cancellation_reason'],
  ['presentation_slots', 'id', 'close_reason'],
  ['intern_milestones', 'milestone_id', 'title'],
];
