import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type ErasedPerson = 'MENTOR' | 'INTERN';

/**
 * The free-text columns of scoping's tables that people write (scopes, milestones, reports,
 * reviews): where a name may be quoted. jsonb columns are searched in their text form.
 */
const FREE_TEXT: Record<string, { text: string[]; json: string[] }> = {
  scope_versions: {
    text: ['title', 'problem_statement', 'feedback'],
    json: ['objectives', 'success_metrics', 'deliverables'],
  },
  scope_milestones: { text: ['title'], json: ['acceptance_criteria'] },
  scope_history: { text: ['feedback'], json: [] },
  milestone_reports: { text: ['summary', 'feedback'], json: ['metric_results', 'links', 'blockers', 'next_steps'] },
};

/** The text as a regular expression matching it literally (Postgres ARE). */
function literalPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
   * Every free text that quotes `text` (any case, whole occurrences only: a first name alone is
   * not found) gets `replacement` in its place. The replacement must be JSON-safe (the erased
   * values are), since jsonb columns are edited in their text form.
   */
  async scrubFreeText(tx: EntityManager, text: string, replacement: string): Promise<void> {
    if (!text.trim() || text === replacement) return;
    for (const [table, columns] of Object.entries(FREE_TEXT)) {
      const edits = [
        ...columns.text.map((c) => `${c} = regexp_replace(${c}, $1, $2, 'gi')`),
        ...columns.json.map((c) => `${c} = regexp_replace(${c}::text, $1, $2, 'gi')::jsonb`),
      ];
      const haystack = [...columns.text, ...columns.json.map((c) => `${c}::text`)].join(', ');
      await tx.query(
        `UPDATE ${table} SET ${edits.join(', ')}
          WHERE strpos(lower(concat_ws(' ', ${haystack})), lower($3)) > 0`,
        [literalPattern(text), replacement, text],
      );
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
