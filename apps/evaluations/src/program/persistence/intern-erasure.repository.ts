import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { redactPersonalJson, redactPersonalText, type PersonalNeedle } from '#ddd';

/** The free-text columns people write about interns, table by table (the key says which row). */
const TEXT_COLUMNS = [
  { table: 'evaluations', key: ['id'], text: ['shared_comments', 'private_comments', 'reflections'], json: ['scores'] },
  { table: 'presentation_scores', key: ['slot_id', 'intern_id', 'mentor_id'], text: ['comments'], json: [] },
  { table: 'mentor_feedback', key: ['id'], text: ['comments'], json: [] },
] as const;

/**
 * The evaluations service's side of an intern's erasure (InternErased), outside the progress read
 * model (which records it as a fact of its own): the record of who was erased, the names the
 * `interns` projection holds, and the free text (evaluation comments, reflections, per-score
 * comments, presentation and feedback comments) that names them. In the consumer's transaction.
 */
@Injectable()
export class InternErasureRepository {
  /** The intern's names as the `interns` projection holds them: read before they are anonymised. */
  async namesOf(tx: EntityManager, internId: string): Promise<string[]> {
    const rows = (await tx.query(`SELECT DISTINCT name FROM interns WHERE intern_id = $1 ORDER BY name`, [
      internId,
    ])) as { name: string }[];
    return rows.map((r) => r.name);
  }

  /** Records the erasure; false when the intern was erased before. */
  async markErased(tx: EntityManager, internId: string, erasedAt: string): Promise<boolean> {
    const rows = (await tx.query(
      `INSERT INTO erased_interns (intern_id, erased_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING intern_id`,
      [internId, erasedAt],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The intern's rows in the `interns` projection carry `erasedName` (in every cohort). */
  async anonymise(tx: EntityManager, internId: string, erasedName: string): Promise<void> {
    await tx.query(`UPDATE interns SET name = $2 WHERE intern_id = $1 AND name <> $2`, [internId, erasedName]);
  }

  /** An erased intern's enrollment recorded again (a replayed InternEnrolled) keeps the erased name. */
  async keepErased(tx: EntityManager, internId: string, erasedName: string): Promise<void> {
    await tx.query(
      `UPDATE interns SET name = $2
        WHERE intern_id = $1 AND name <> $2 AND EXISTS (SELECT 1 FROM erased_interns WHERE intern_id = $1)`,
      [internId, erasedName],
    );
  }

  /** Every comment that names the intern (whoever it is about), rewritten; returns how many rows changed. */
  async redactTexts(tx: EntityManager, needles: readonly PersonalNeedle[]): Promise<number> {
    if (needles.length === 0) return 0;
    let changed = 0;
    for (const t of TEXT_COLUMNS) {
      const columns = [...t.text, ...t.json];
      const rows = (await tx.query(
        `SELECT ${[...t.key, ...t.text].join(', ')}${t.json.map((c) => `, ${c}::text AS ${c}`).join('')}
           FROM ${t.table}
          WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS n(x)
                         WHERE ${columns.map((c) => `strpos(lower(${c}::text), lower(n.x)) > 0`).join(' OR ')})`,
        [needles.map((n) => n.find)],
      )) as Record<string, string | null>[];
      for (const row of rows) {
        const values = [
          ...t.text.map((c) => (row[c] == null ? null : redactPersonalText(row[c], needles))),
          ...t.json.map((c) => (row[c] == null ? null : redactPersonalJson(row[c], needles))),
        ];
        if (values.every((v, i) => v === row[columns[i]!])) continue;
        const sets = columns.map(
          (c, i) => `${c} = $${i + 1}${(t.json as readonly string[]).includes(c) ? '::jsonb' : ''}`,
        );
        const where = t.key.map((k, i) => `${k} = $${columns.length + i + 1}`);
        await tx.query(`UPDATE ${t.table} SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`, [
          ...values,
          ...t.key.map((k) => row[k]),
        ]);
        changed++;
      }
    }
    return changed;
  }
}
