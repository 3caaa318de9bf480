import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventContract } from '#contracts';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging-options.js';
import { newPersonalDataKey } from './cipher.js';
import { personalSubject, sealPersonalFields } from './personal-fields.js';
import { keysTopicFor, PERSONAL_DATA_KEY_ROW } from './keys-topic.js';
import { insertOutboxRows, type OutboxRow } from '../outbox-rows.js';

/** Raised when personal data of an erased person would be published again. */
export class PersonalDataErased extends Error {
  constructor(readonly subjectId: string) {
    super(`the personal data of ${subjectId} was erased and cannot be published again`);
  }
}

/**
 * The keys of the people whose record this service owns (crypto-shredding). The outbox seals an
 * event's personal fields with the person's key, created with their first such event and
 * published, in the same transaction, to the context's compacted keys topic (an outbox row that
 * the relay sends before the events of its batch). `erase` destroys the key: every copy of those
 * fields, in the log and in any replay, then reads as erased.
 */
@Injectable()
export class PersonalDataKeys {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  /**
   * The data with the contract's personal fields sealed (the data as it is when it has none), and,
   * when this made the person's key, the outbox row that publishes it: the caller writes it before
   * the event, in the same transaction.
   */
  async seal<T>(tx: EntityManager, contract: EventContract, data: T): Promise<{ data: T; keyRow?: OutboxRow }> {
    const subjectId = personalSubject(contract, data);
    if (!subjectId) return { data };
    const { key, keyRow } = await this.keyFor(tx, subjectId, contract);
    return { data: sealPersonalFields(contract, data, subjectId, key), keyRow };
  }

  private async keyFor(
    tx: EntityManager,
    subjectId: string,
    contract: EventContract,
  ): Promise<{ key: Buffer; keyRow?: OutboxRow }> {
    const inserted = (await tx.query(
      `INSERT INTO personal_data_keys (subject_id, person, key) VALUES ($1, $2, $3)
       ON CONFLICT (subject_id) DO NOTHING RETURNING key`,
      [subjectId, contract.personal!.person, newPersonalDataKey()],
    )) as { key: Buffer }[];
    if (inserted[0]) {
      const keyRow = this.keyRow(contract.context, subjectId, {
        person: contract.personal!.person,
        key: inserted[0].key.toString('base64'),
      });
      return { key: inserted[0].key, keyRow };
    }
    const [row] = (await tx.query(`SELECT key FROM personal_data_keys WHERE subject_id = $1`, [subjectId])) as {
      key: Buffer | null;
    }[];
    if (!row?.key) throw new PersonalDataErased(subjectId);
    return { key: row.key };
  }

  /**
   * Inside the caller's transaction: destroys the person's key (a row stays, so that nothing of
   * theirs is ever published again), deletes their key rows from the outbox and appends a
   * tombstone, so that every consumer forgets the key and compaction removes it from the topic.
   * False when there was no key (never published, or erased before).
   */
  async erase(tx: EntityManager, subjectId: string, person: 'intern' | 'mentor' = this.defaultPerson()): Promise<boolean> {
    const [before] = (await tx.query(`SELECT key FROM personal_data_keys WHERE subject_id = $1 FOR UPDATE`, [
      subjectId,
    ])) as { key: Buffer | null }[];
    await tx.query(
      `INSERT INTO personal_data_keys (subject_id, person, key, erased_at) VALUES ($1, $2, NULL, now())
       ON CONFLICT (subject_id) DO UPDATE SET key = NULL, erased_at = COALESCE(personal_data_keys.erased_at, now())`,
      [subjectId, person],
    );
    if (!before?.key) return false;
    await tx.query(`DELETE FROM outbox WHERE event_type = $1 AND message_key = $2`, [PERSONAL_DATA_KEY_ROW, subjectId]);
    await insertOutboxRows(tx, [this.keyRow(this.options.publishes!, subjectId, null)]);
    return true;
  }

  private defaultPerson(): 'intern' | 'mentor' {
    return this.options.publishes === 'mentors' ? 'mentor' : 'intern';
  }

  /** The outbox row of a person's key on the context's keys topic (null: its tombstone). */
  private keyRow(
    context: EventContract['context'],
    subjectId: string,
    value: { person: string; key: string } | null,
  ): OutboxRow {
    return {
      eventId: randomUUID(),
      topic: keysTopicFor(this.options, context),
      key: subjectId,
      type: PERSONAL_DATA_KEY_ROW,
      envelope: value && JSON.stringify(value),
    };
  }
}
