import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ValidationError } from '#ddd';
import type { CursorKey } from '#platform';
import { CalendarFeed, type CalendarFeedSnapshot } from '../domain/calendar-feed.js';
import { CalendarFeedOrmEntity } from './calendar-feed.orm-entity.js';
import type { Page } from '../../cohorts/persistence/cohort-read.repository.js';
import { isUuid } from '../../shared/persistence/ids.js';

function fromOrm(row: CalendarFeedOrmEntity): CalendarFeedSnapshot {
  return {
    id: row.id,
    tokenHash: row.tokenHash,
    ownerSub: row.ownerSub,
    ownerRoles: [...row.ownerRoles],
    createdAt: new Date(row.createdAt),
    revokedAt: row.revokedAt ? new Date(row.revokedAt) : null,
  };
}

/**
 * Calendar feeds: the write side through the command's transaction, and the two reads (a token's
 * feed, an owner's feeds newest first). Only the SHA-256 of a token is ever stored or queried.
 */
@Injectable()
export class CalendarFeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(tx: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<CalendarFeed | null> {
    if (!isUuid(id)) return null;
    const row = await tx.getRepository(CalendarFeedOrmEntity).findOne({
      where: { id },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row ? CalendarFeed.rehydrate(fromOrm(row)) : null;
  }

  /**
   * How many feeds the owner has that are not revoked; first takes a transaction lock on the
   * owner, so that two creations at the same time count each other.
   */
  async countActive(tx: EntityManager, ownerSub: string): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('calendar_feeds:' || $1, 0))`, [ownerSub]);
    const rows = (await tx.query(
      `SELECT count(*)::int AS n FROM calendar_feeds WHERE owner_sub = $1 AND revoked_at IS NULL`,
      [ownerSub],
    )) as { n: number }[];
    return Number(rows[0]?.n ?? 0);
  }

  async insert(tx: EntityManager, feed: CalendarFeed): Promise<void> {
    await tx.getRepository(CalendarFeedOrmEntity).insert({ ...feed.toSnapshot() });
  }

  async update(tx: EntityManager, feed: CalendarFeed): Promise<void> {
    const s = feed.toSnapshot();
    await tx.query(`UPDATE calendar_feeds SET revoked_at = $2 WHERE id = $1`, [s.id, s.revokedAt]);
  }

  /** The feed whose token hashes to `tokenHash`, unless it was revoked. */
  async findActiveByTokenHash(tokenHash: string): Promise<CalendarFeedSnapshot | null> {
    const row = await this.dataSource
      .getRepository(CalendarFeedOrmEntity)
      .createQueryBuilder('f')
      .where('f.token_hash = :tokenHash AND f.revoked_at IS NULL', { tokenHash })
      .getOne();
    return row ? fromOrm(row) : null;
  }

  /** One page of the owner's feeds (revoked ones too), newest first: up to `limit + 1`. */
  async listOwned(ownerSub: string, page: { limit: number; after?: CursorKey }): Promise<Page<CalendarFeedSnapshot>> {
    const { after } = page;
    if (after && (Number.isNaN(Date.parse(after.sort)) || !isUuid(after.id))) {
      throw ValidationError.field('after', 'is not a cursor returned by this connection');
    }
    const qb = this.dataSource
      .getRepository(CalendarFeedOrmEntity)
      .createQueryBuilder('f')
      .where('f.owner_sub = :ownerSub', { ownerSub });
    const totalCount = await qb.clone().getCount();
    if (after) {
      qb.andWhere('(f.created_at, f.id) < (CAST(:afterSort AS timestamptz), CAST(:afterId AS uuid))', {
        afterSort: after.sort,
        afterId: after.id,
      });
    }
    const rows = await qb
      .orderBy('f.createdAt', 'DESC')
      .addOrderBy('f.id', 'DESC')
      .limit(page.limit + 1)
      .getMany();
    return { rows: rows.map(fromOrm), totalCount };
  }
}
