import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isErasedAddress } from '../domain/erasure.js';
import { PM_AUDIENCE } from '../domain/routing.js';
import { ERASED_DELIVERY } from './erasure.repository.js';

/** SQL: the delivery's recipient is an erased person (erased_people). */
const RECIPIENT_ERASED = `EXISTS (SELECT 1 FROM erased_people e WHERE e.person_id = email_deliveries.recipient)`;

/** A delivery claimed for sending, with what the mail needs. */
export interface ClaimedDelivery {
  id: string;
  notificationId: string;
  recipient: string;
  attempts: number;
  title: string;
  body: string;
  /** The recipient's address: from the projections (interns, mentors), else their token (program managers). */
  address: string | null;
  /** False when the recipient opted out of email. */
  wantsEmail: boolean;
}

export type DeliveryState = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED' | 'SKIPPED' | 'UNCONFIRMED';

/** The email channel's tables: addresses, preferences, and the delivery records. */
@Injectable()
export class EmailRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ---- addresses (projections, written by the consumer inside its transaction) ----------------

  /**
   * An intern's or mentor's address, from their events; never an erased person's (a replayed or
   * late event), nor an erased address (`…@erased.invalid`, what a replay carries once the key is gone).
   */
  async recordAddress(tx: EntityManager, userId: string, email: string, source: 'INTERN' | 'MENTOR'): Promise<void> {
    if (isErasedAddress(email)) return;
    await tx.query(
      `INSERT INTO recipient_emails (user_id, email, source)
       SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM erased_people WHERE person_id = $1 AND person = $3)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, source = EXCLUDED.source, updated_at = now()`,
      [userId, email, source],
    );
  }

  /** A program manager seen with an `email` claim in their token: they get the PM audience's mails. */
  async seeProgramManager(userId: string, email: string, name: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO program_managers (user_id, email, name) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, name = EXCLUDED.name, last_seen_at = now()`,
      [userId, email, name],
    );
  }

  // ---- preferences ------------------------------------------------------------------------------

  /** Whether the user gets email: true unless they opted out. */
  async wantsEmail(userId: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT email FROM notification_preferences WHERE user_id = $1`, [
      userId,
    ])) as { email: boolean }[];
    return row?.email ?? true;
  }

  async setWantsEmail(userId: string, email: boolean): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, email) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, updated_at = now()
       RETURNING email`,
      [userId, email],
    )) as { email: boolean }[];
    return row!.email;
  }

  // ---- deliveries -------------------------------------------------------------------------------

  /**
   * One PENDING delivery per recipient of each stored notification, in the consumer's transaction
   * (so a notification is stored with its deliveries or not at all): the user it is for, or every
   * program manager the gateway has seen for the PM audience.
   */
  async enqueue(tx: EntityManager, notifications: { id: string; audience: string }[]): Promise<number> {
    let queued = 0;
    for (const n of notifications) {
      // An erased person's delivery is recorded SKIPPED (ERASED) at once: never claimed, never mailed.
      const rows = (await tx.query(
        n.audience === PM_AUDIENCE
          ? `INSERT INTO email_deliveries (notification_id, recipient)
             SELECT $1, user_id FROM program_managers ORDER BY user_id
             ON CONFLICT DO NOTHING RETURNING id`
          : `INSERT INTO email_deliveries (notification_id, recipient, state, last_error)
             SELECT $1, $2, CASE WHEN erased THEN 'SKIPPED' ELSE 'PENDING' END, CASE WHEN erased THEN $3 END
               FROM (SELECT EXISTS (SELECT 1 FROM erased_people WHERE person_id = $2) AS erased) e
             ON CONFLICT DO NOTHING RETURNING id`,
        n.audience === PM_AUDIENCE ? [n.id] : [n.id, n.audience.replace(/^user:/, ''), ERASED_DELIVERY],
      )) as unknown[];
      queued += rows.length;
    }
    return queued;
  }

  /**
   * Claims up to `limit` due PENDING deliveries (FOR UPDATE SKIP LOCKED: each goes to one sender
   * among the replicas) and marks them SENDING, one statement committed before any mail is sent.
   */
  async claim(limit: number): Promise<ClaimedDelivery[]> {
    const rows = (await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM email_deliveries
          WHERE state = 'PENDING' AND next_attempt_at <= now()
          ORDER BY next_attempt_at, id LIMIT $1
          FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE email_deliveries d SET state = 'SENDING', attempts = d.attempts + 1, claimed_at = now()
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.notification_id, d.recipient, d.attempts
       )
       SELECT c.id, c.notification_id, c.recipient, c.attempts, n.title, n.body,
              COALESCE(e.email, pm.email) AS address, COALESCE(p.email, true) AS wants_email
         FROM claimed c
         JOIN notifications n ON n.id = c.notification_id
         LEFT JOIN recipient_emails e ON e.user_id = c.recipient
         LEFT JOIN program_managers pm ON pm.user_id = c.recipient
         LEFT JOIN notification_preferences p ON p.user_id = c.recipient
        ORDER BY c.id`,
      [limit],
    )) as {
      id: string;
      notification_id: string;
      recipient: string;
      attempts: number;
      title: string;
      body: string;
      address: string | null;
      wants_email: boolean;
    }[];
    return rows.map((r) => ({
      id: String(r.id),
      notificationId: r.notification_id,
      recipient: r.recipient,
      attempts: r.attempts,
      title: r.title,
      body: r.body,
      address: r.address,
      wantsEmail: r.wants_email,
    }));
  }

  async markSent(id: string, address: string, messageId: string): Promise<void> {
    await this.dataSource.query(
      // The recipient erased while their mail was being sent: it went out, but the address is not kept.
      `UPDATE email_deliveries SET state = 'SENT', sent_at = now(), message_id = $3, last_error = NULL,
              address = CASE WHEN ${RECIPIENT_ERASED} THEN NULL ELSE $2 END
        WHERE id = $1 AND state = 'SENDING'`,
      [id, address, messageId],
    );
  }

  /** Back to PENDING, due again after `delayMs` (an SMTP outage or a transient refusal). */
  async retryLater(id: string, delayMs: number, error: string): Promise<void> {
    await this.dataSource.query(
      // Not for a recipient erased meanwhile: SKIPPED, and the SMTP error (which may quote the address) not kept.
      `UPDATE email_deliveries
          SET state = CASE WHEN ${RECIPIENT_ERASED} THEN 'SKIPPED' ELSE 'PENDING' END,
              next_attempt_at = now() + make_interval(secs => $2::double precision / 1000),
              last_error = CASE WHEN ${RECIPIENT_ERASED} THEN '${ERASED_DELIVERY}' ELSE $3 END
        WHERE id = $1 AND state = 'SENDING'`,
      [id, delayMs, error.slice(0, 1000)],
    );
  }

  /** Ends a delivery without a mail: FAILED (refused for good) or SKIPPED (opted out, no address). */
  async close(id: string, state: 'FAILED' | 'SKIPPED', reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_deliveries SET state = $2,
              last_error = CASE WHEN ${RECIPIENT_ERASED} THEN '${ERASED_DELIVERY}' ELSE $3 END
        WHERE id = $1 AND state = 'SENDING'`,
      [id, state, reason.slice(0, 1000)],
    );
  }

  /**
   * Deliveries left SENDING longer than `olderThanMs` (their sender died between claiming and
   * recording the outcome) become UNCONFIRMED: the mail may have gone out, so it is never sent again.
   */
  async markUnconfirmed(olderThanMs: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      // An UPDATE's answer through TypeORM is [rows, count]: selected from a CTE, it is the rows.
      `WITH stale AS (
         UPDATE email_deliveries SET state = 'UNCONFIRMED',
                last_error = 'the sender stopped while sending: the mail may or may not have gone out'
          WHERE state = 'SENDING' AND claimed_at < now() - make_interval(secs => $1::double precision / 1000)
          RETURNING id
       )
       SELECT id FROM stale ORDER BY id`,
      [olderThanMs],
    )) as { id: string }[];
    return rows.map((r) => String(r.id));
  }

  /** The deliveries of a notification (tests, operations). */
  async deliveriesOf(
    notificationId: string,
  ): Promise<{ recipient: string; state: DeliveryState; attempts: number; messageId: string | null }[]> {
    const rows = (await this.dataSource.query(
      `SELECT recipient, state, attempts, message_id FROM email_deliveries WHERE notification_id = $1 ORDER BY recipient`,
      [notificationId],
    )) as { recipient: string; state: DeliveryState; attempts: number; message_id: string | null }[];
    return rows.map((r) => ({ recipient: r.recipient, state: r.state, attempts: r.attempts, messageId: r.message_id }));
  }
}
