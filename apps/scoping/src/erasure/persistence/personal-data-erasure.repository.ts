import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { redactPersonalText, type PersonalNeedle } from '#ddd';

export type ErasedPerson = 'MENTOR' | 'INTERN';

/**
 * The free-text columns of scoping's tables that people write (scopes, milestones, reports,
 * reviews), where a name may be quoted, with each table's key. jsonb columns are searched in their
 * text form and edited value by value (their keys and structure never change).
 */
const FREE_TEXT: Record<string, { key: string[]; text: string[]; json: string[] }> = {
  scope_versions: {
    key: ['project_id', 'version'],
    text: ['title', 'problem_statement', 'feedback'],
    json: ['objectives', 'success_metrics', 'deliverables'],
  },
  scope_milestones: { key: ['project_id', 'version', 'milestone_id'], text: ['title'], json: ['acceptance_criteria'] },
  scope_history: { key: ['id'], text: ['feedback'], json: [] },
  milestone_reports: {
    key: ['id'],
    text: ['summary', 'feedback'],
    json: ['metric_results', 'links', 'blockers', 'next_steps'],
  },
};

/** Every string in a JSON value with `edit` applied; keys and structure as they were. */
function editStrings(value: unknown, edit: (s: string) => string): unknown {
  if (typeof value === 'string') return edit(value);
  if (Array.isArray(value)) return value.map((v) => editStrings(v, edit));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, editStrings(v, edit)]));
  }
  return value;
}

/** The erasures of personal data in scoping's database: what the erasure consumers write. */
@Injectable()
export class PersonalDataErasureRepository {
  /**
   * Every enrollment of the intern gets the erased name. Returns the names it replaced (none when
   * already erased), so that their copies in free text can be found.
   */
  async eraseInternName(tx: EntityManager, internId: string, erasedName: string): Promise<string[]> {
    const [rows] = (await tx.query(
      `WITH former AS (
         SELECT cohort_id, name FROM interns WHERE intern_id = $1 AND name <> $2 FOR UPDATE
       )
       UPDATE interns i SET name = $2
         FROM former
        WHERE i.intern_id = $1 AND i.cohort_id = former.cohort_id
        RETURNING former.name`,
      [internId, erasedName],
    )) as [{ name: string }[], number];
    return [...new Set(rows.map((r) => r.name))];
  }

  /**
   * Every free text that names an erased person gets what they read as once erased
   * (`redactPersonalText`: names as whole words, e-mail addresses anywhere, any case), the rows
   * found by SQL, locked and rewritten one by one.
   */
  async redactFreeText(tx: EntityManager, needles: readonly PersonalNeedle[]): Promise<void> {
    if (needles.length === 0) return;
    const edit = (s: string): string => redactPersonalText(s, needles);
    for (const [table, { key, text: texts, json }] of Object.entries(FREE_TEXT)) {
      const haystack = [...texts, ...json.map((c) => `${c}::text`)].join(', ');
      const rows = (await tx.query(
        `SELECT ${[...key, ...texts, ...json].join(', ')} FROM ${table}
          WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS needle
                         WHERE strpos(lower(concat_ws(' ', ${haystack})), needle) > 0)
          FOR UPDATE`,
        [needles.map((n) => n.find.toLowerCase())],
      )) as Record<string, unknown>[];
      for (const row of rows) {
        const values = [
          ...texts.map((c) => (typeof row[c] === 'string' ? edit(row[c]) : row[c])),
          ...json.map((c) => (row[c] === null ? null : JSON.stringify(editStrings(row[c], edit)))),
          ...key.map((c) => row[c]),
        ];
        const sets = [
          ...texts.map((c, i) => `${c} = $${i + 1}`),
          ...json.map((c, i) => `${c} = $${texts.length + i + 1}::jsonb`),
        ];
        const where = key.map((c, i) => `${c} = $${texts.length + json.length + i + 1}`);
        await tx.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`, values);
      }
    }
  }

  /** Records the erasure once (a redelivery finds it there). */
  async record(
    tx: EntityManager,
    e: { person: ErasedPerson; subjectId: string; erasedAt: Date; trigger: 'REQUEST' | 'RETENTION_POLICY' },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO personal_data_erasures (person, subject_id, erased_at, trigger)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [e.person, e.subjectId, e.erasedAt, e.trigger],
    );
  }

  /**
   * After an enrollment was projected: an erased intern's name stays erased, whatever the event
   * carried (a replay from before the erasure).
   */
  async keepInternErased(tx: EntityManager, internId: string, erasedName: string): Promise<void> {
    await tx.query(
      `UPDATE interns SET name = $2
        WHERE intern_id = $1 AND name <> $2
          AND EXISTS (SELECT 1 FROM personal_data_erasures WHERE person = 'INTERN' AND subject_id = $1)`,
      [internId, erasedName],
    );
  }
}
