import type { DataSource, EntityManager } from 'typeorm';
import { PROGRESS_SWAP_LOCK } from './progress-projection.repository.js';
import { createProgressTables, createRiskWeeksTable, PROGRESS_TABLES } from './progress-tables.js';

/** How the rows of one progress table are compared: a key and a value, as SQL expressions. */
export interface ComparedTable {
  table: string;
  key: string;
  value: string;
}

/** The progress tables compared between the live model and a rebuilt one. */
export const COMPARED_TABLES: readonly ComparedTable[] = [
  {
    table: 'intern_progress',
    key: `cohort_id || ' / ' || intern_id`,
    value: `json_build_array(name, enrollment_status, risk_level, risk_reasons, primary_mentor_id, mentor_ids, details)::text`,
  },
  {
    table: 'progress_facts',
    key: `cohort_id || ' / ' || intern_id || ' / ' || kind || ' / ' || fact_key`,
    value: `json_build_array(event_id, occurred_at, data)::text`,
  },
  {
    table: 'intern_risk_weeks',
    key: `cohort_id || ' / ' || intern_id || ' / ' || week`,
    value: `json_build_array(level, reasons)::text`,
  },
];

/** One message a rebuild applies, recorded in its own inbox. */
export interface ReplayedMessage {
  eventId: string;
  type: string;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * The schema a progress rebuild writes into (ProgressRebuild): the progress tables and an inbox
 * of its own, created and dropped here, the swap into the live `public` tables, and the reads
 * that compare the two models.
 */
export class ProgressRebuildRepository {
  constructor(
    private readonly dataSource: DataSource,
    readonly schema: string,
  ) {}

  private get q(): string {
    return `"${this.schema}"`;
  }

  async createSchema(): Promise<void> {
    await this.dataSource.query(`CREATE SCHEMA ${this.q}`);
    await createProgressTables((sql) => this.dataSource.query(sql), this.schema);
    await createRiskWeeksTable((sql) => this.dataSource.query(sql), this.schema);
    await this.dataSource.query(`
      CREATE TABLE ${this.q}.rebuild_inbox (
        event_id text PRIMARY KEY,
        event_type text NOT NULL,
        topic text NOT NULL,
        kafka_partition int NOT NULL,
        kafka_offset bigint NOT NULL
      )`);
  }

  async dropSchema(): Promise<void> {
    await this.dataSource.query(`DROP SCHEMA IF EXISTS ${this.q} CASCADE`);
  }

  /**
   * Points the transaction at the rebuild's schema and records the message in its inbox; false
   * when it was applied before (the transaction then has nothing to do).
   */
  async enterAndRecord(tx: EntityManager, message: ReplayedMessage): Promise<boolean> {
    await tx.query(`SET LOCAL search_path TO ${this.q}`);
    const inserted = (await tx.query(
      `INSERT INTO rebuild_inbox (event_id, event_type, topic, kafka_partition, kafka_offset)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING event_id`,
      [message.eventId, message.type, message.topic, message.partition, message.offset],
    )) as unknown[];
    return inserted.length > 0;
  }

  /**
   * Under the lock every live progress transaction takes shared: when the live inbox (of
   * `liveGroupId`) and the rebuild's have applied the same events of `types` up to the same
   * offsets, copies the rebuilt tables over the live ones, in one transaction. False when they differ.
   */
  async swapWhenEqual(liveGroupId: string, types: readonly string[]): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [PROGRESS_SWAP_LOCK]);
      const live = await this.positions(
        tx,
        `SELECT topic, kafka_partition AS p, max(kafka_offset::bigint)::text AS o FROM public.inbox
          WHERE consumer = $1 AND event_type = ANY($2) GROUP BY topic, kafka_partition`,
        [liveGroupId, types],
      );
      const rebuilt = await this.positions(
        tx,
        `SELECT topic, kafka_partition AS p, max(kafka_offset)::text AS o FROM ${this.q}.rebuild_inbox
          WHERE event_type = ANY($1) GROUP BY topic, kafka_partition`,
        [types],
      );
      if (live !== rebuilt) return false;
      for (const table of PROGRESS_TABLES) {
        await tx.query(`DELETE FROM public.${table}`);
        await tx.query(`INSERT INTO public.${table} SELECT * FROM ${this.q}.${table}`);
      }
      return true;
    });
  }

  private async positions(tx: EntityManager, sql: string, params: unknown[]): Promise<string> {
    const rows = (await tx.query(sql, params)) as { topic: string; p: number; o: string }[];
    return rows
      .map((r) => `${r.topic}:${r.p}@${r.o}`)
      .sort()
      .join(',');
  }

  /** The rows of a compared table, key to value, in the live model or the rebuilt one. */
  async rows(spec: ComparedTable, model: 'live' | 'rebuilt'): Promise<Map<string, string>> {
    const schema = model === 'live' ? 'public' : this.q;
    const rows = (await this.dataSource.query(
      `SELECT ${spec.key} AS k, ${spec.value} AS v FROM ${schema}.${spec.table}`,
    )) as { k: string; v: string }[];
    return new Map(rows.map((r) => [r.k, r.v]));
  }
}
