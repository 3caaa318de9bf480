import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { containsPersonalText, redactPersonalJson, redactPersonalText, type PersonalNeedle } from '#ddd';
import type { ErasedPerson } from '../domain/erasure.js';

/** Why a delivery to an erased person ended without a mail (email_deliveries.last_error, state SKIPPED). */
export const ERASED_DELIVERY = 'ERASED';

/** A row some of whose text columns name an erased person: selected when any needle occurs in one of them (case ignored). */
const mentions = (columns: string[], param = '$1') =>
  `EXISTS (SELECT 1 FROM unnest(${param}::text[]) AS n(t)
            WHERE ${columns.map((c) => `strpos(lower(${c}), lower(n.t)) > 0`).join(' OR ')})`;

/**
 * The gateway's side of an erasure (InternErased, MentorErased): who was erased, the person's
 * names and addresses as the gateway's tables hold them, and every copy of them removed: the
 * projections, the mail deliveries, the notifications' text and the stored answers of
 * idempotent mutations. All in the consumer's transaction.
 */
@Injectable()
export class ErasureRepository {
  /** Records the erasure; false when the person was erased before (the rest is then redone, changing nothing). */
  async markErased(tx: EntityManager, person: ErasedPerson, personId: string, erasedAt: string): Promise<boolean> {
    const rows = (await tx.query(
      `INSERT INTO erased_people (person_id, person, erased_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING person_id`,
      [personId, person, erasedAt],
    )) as unknown[];
    return rows.length > 0;
  }

  async isErased(tx: EntityManager, person: ErasedPerson, personId: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT 1 FROM erased_people WHERE person_id = $1 AND person = $2`, [
      personId,
      person,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** The person's names and addresses as the gateway holds them: to be read before they are anonymised. */
  async personalDataOf(
    tx: EntityManager,
    person: ErasedPerson,
    personId: string,
  ): Promise<{ names: string[]; emails: string[] }> {
    const names = (await tx.query(
      person === 'INTERN'
        ? `SELECT DISTINCT name FROM interns WHERE intern_id = $1 ORDER BY name`
        : `SELECT name FROM mentor_names WHERE mentor_id = $1`,
      [personId],
    )) as { name: string }[];
    const emails = (await tx.query(
      `SELECT email FROM recipient_emails WHERE user_id = $1
       UNION SELECT address FROM email_deliveries WHERE recipient = $1 AND address IS NOT NULL
       ORDER BY 1`,
      [personId],
    )) as { email: string }[];
    return { names: names.map((r) => r.name), emails: emails.map((r) => r.email) };
  }

  /** The person's name in the projections becomes `erasedName`; their address is forgotten. */
  async anonymise(tx: EntityManager, person: ErasedPerson, personId: string, erasedName: string): Promise<void> {
    await tx.query(
      person === 'INTERN'
        ? `UPDATE interns SET name = $2 WHERE intern_id = $1`
        : `UPDATE mentor_names SET name = $2 WHERE mentor_id = $1`,
      [personId, erasedName],
    );
    await tx.query(`DELETE FROM recipient_emails WHERE user_id = $1`, [personId]);
  }

  /**
   * The person's mails not sent yet will never be (PENDING → SKIPPED, `ERASED`), and no delivery
   * record keeps their address. Returns how many were cancelled.
   */
  async cancelDeliveries(tx: EntityManager, personId: string): Promise<number> {
    const [row] = (await tx.query(
      `WITH cancelled AS (
         UPDATE email_deliveries SET state = 'SKIPPED', last_error = $2
          WHERE recipient = $1 AND state = 'PENDING' RETURNING id
       )
       SELECT count(*)::int AS n FROM cancelled`,
      [personId, ERASED_DELIVERY],
    )) as { n: number }[];
    await tx.query(`UPDATE email_deliveries SET address = NULL WHERE recipient = $1 AND address IS NOT NULL`, [
      personId,
    ]);
    return row?.n ?? 0;
  }

  /** Every notification (whoever it is addressed to) whose title or body names the person, rewritten; returns how many. */
  async redactNotifications(tx: EntityManager, needles: readonly PersonalNeedle[]): Promise<number> {
    if (needles.length === 0) return 0;
    const rows = (await tx.query(
      `SELECT seq, title, body FROM notifications WHERE ${mentions(['title', 'body'])} ORDER BY seq`,
      [needles.map((n) => n.find)],
    )) as { seq: string; title: string; body: string }[];
    let changed = 0;
    for (const r of rows) {
      if (!containsPersonalText(r.title, needles) && !containsPersonalText(r.body, needles)) continue;
      await tx.query(`UPDATE notifications SET title = $2, body = $3 WHERE seq = $1`, [
        r.seq,
        redactPersonalText(r.title, needles),
        redactPersonalText(r.body, needles),
      ]);
      changed++;
    }
    return changed;
  }

  /** SMTP errors recorded on deliveries (a refusal quotes the address), rewritten; returns how many. */
  async redactDeliveryErrors(tx: EntityManager, needles: readonly PersonalNeedle[]): Promise<number> {
    if (needles.length === 0) return 0;
    const rows = (await tx.query(
      `SELECT id, last_error FROM email_deliveries WHERE last_error IS NOT NULL AND ${mentions(['last_error'])}`,
      [needles.map((n) => n.find)],
    )) as { id: string; last_error: string }[];
    for (const r of rows) {
      await tx.query(`UPDATE email_deliveries SET last_error = $2 WHERE id = $1`, [
        r.id,
        redactPersonalText(r.last_error, needles),
      ]);
    }
    return rows.length;
  }

  /**
   * The stored answers of idempotent mutations (an `enrollIntern` answered the intern's name and
   * e-mail), rewritten inside their JSON: a retry with the same key replays the erased answer.
   */
  async redactStoredResponses(tx: EntityManager, needles: readonly PersonalNeedle[]): Promise<number> {
    if (needles.length === 0) return 0;
    const inJson = needles.map((n) => JSON.stringify(n.find).slice(1, -1));
    const rows = (await tx.query(
      `SELECT user_id, key, response_body FROM idempotency_keys
        WHERE response_body IS NOT NULL AND ${mentions(['response_body'])}`,
      [inJson],
    )) as { user_id: string; key: string; response_body: string }[];
    let changed = 0;
    for (const r of rows) {
      const body = redactPersonalJson(r.response_body, needles);
      if (body === r.response_body) continue;
      await tx.query(`UPDATE idempotency_keys SET response_body = $3 WHERE user_id = $1 AND key = $2`, [
        r.user_id,
        r.key,
        body,
      ]);
      changed++;
    }
    return changed;
  }
}
