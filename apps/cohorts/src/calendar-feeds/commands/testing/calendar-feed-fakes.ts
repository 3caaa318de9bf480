import type { EntityManager } from 'typeorm';
import { CLOCK } from '#ddd';
import { FAKE_TX, FakeClock, handlerFakes, type TransactionalStore } from '#testing';
import { CohortsUnitOfWork } from '../../../shared/commands/unit-of-work.js';
import { CalendarFeed, type CalendarFeedSnapshot } from '../../domain/calendar-feed.js';
import { CalendarFeedRepository } from '../../persistence/calendar-feed.repository.js';

function inTx(tx: EntityManager): void {
  if (tx !== FAKE_TX) throw new Error('repository called outside the command transaction');
}

/** In-memory calendar feeds (handler specs only): whole snapshots, rolled back with the fake transaction. */
export class FakeCalendarFeedRepository implements TransactionalStore {
  feeds = new Map<string, CalendarFeedSnapshot>();
  /** Owners whose feeds were counted under their lock, and ids read FOR UPDATE. */
  lockedOwners: string[] = [];
  lockedIds: string[] = [];
  private saved: Map<string, CalendarFeedSnapshot> | undefined;

  begin(): void {
    this.saved = new Map(this.feeds);
  }
  commit(): void {
    this.saved = undefined;
  }
  rollback(): void {
    if (this.saved) this.feeds = this.saved;
    this.saved = undefined;
  }

  async find(tx: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<CalendarFeed | null> {
    inTx(tx);
    if (options.forUpdate) this.lockedIds.push(id);
    const s = this.feeds.get(id);
    return s ? CalendarFeed.rehydrate(s) : null;
  }
  async countActive(tx: EntityManager, ownerSub: string): Promise<number> {
    inTx(tx);
    this.lockedOwners.push(ownerSub);
    return [...this.feeds.values()].filter((f) => f.ownerSub === ownerSub && !f.revokedAt).length;
  }
  async insert(tx: EntityManager, feed: CalendarFeed): Promise<void> {
    inTx(tx);
    this.feeds.set(feed.id, feed.toSnapshot());
  }
  async update(tx: EntityManager, feed: CalendarFeed): Promise<void> {
    inTx(tx);
    this.feeds.set(feed.id, feed.toSnapshot());
  }
  asRepository(): CalendarFeedRepository {
    return this as unknown as CalendarFeedRepository;
  }
}

export function calendarFeedFakes(now: Date) {
  const feeds = new FakeCalendarFeedRepository();
  const clock = new FakeClock(now);
  return {
    feeds,
    clock,
    ...handlerFakes(
      CohortsUnitOfWork,
      [feeds],
      [
        [CalendarFeedRepository, feeds.asRepository()],
        [CLOCK, clock],
      ],
    ),
  };
}
