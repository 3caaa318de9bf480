import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { NotFoundError } from '#ddd';
import { CreateCalendarFeedCommand } from '../create-calendar-feed/create-calendar-feed.command.js';
import { CreateCalendarFeedHandler } from '../create-calendar-feed/create-calendar-feed.handler.js';
import { calendarFeedFakes } from '../testing/calendar-feed-fakes.js';
import { RevokeCalendarFeedCommand } from './revoke-calendar-feed.command.js';
import { RevokeCalendarFeedHandler } from './revoke-calendar-feed.handler.js';

const CREATED = new Date('2027-05-20T10:00:00Z');
const LATER = new Date('2027-05-21T08:30:00Z');
const INTERN = { sub: 'intern-1', roles: ['INTERN'] };
const OTHER = { sub: 'intern-2', roles: ['INTERN'] };
const PM = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };

async function setup() {
  const f = calendarFeedFakes(CREATED);
  const create = f.build(CreateCalendarFeedHandler);
  const feed = await create.execute(new CreateCalendarFeedCommand(INTERN, 'http://127.0.0.1:4000'));
  f.dataSource.transactions = 0;
  f.clock.current = LATER;
  const handler = f.build(RevokeCalendarFeedHandler);
  return { ...f, handler, feedId: feed.id };
}

describe('RevokeCalendarFeedHandler', () => {
  it("revokes the owner's feed under a row lock: revokedAt set, no URL shown again, nothing in the outbox", async () => {
    const { handler, feeds, outbox, feedId } = await setup();
    const revoked = await handler.execute(new RevokeCalendarFeedCommand(feedId, INTERN));
    expect(revoked).toEqual({ id: feedId, url: null, createdAt: CREATED, revokedAt: LATER });
    expect(feeds.lockedIds).toEqual([feedId]);
    expect(feeds.feeds.get(feedId)).toMatchObject({ ownerSub: 'intern-1', revokedAt: LATER });
    expect(outbox.events).toEqual([]);
  });

  it('refuses a missing feed id naming the field, before any transaction', async () => {
    const { handler, feeds, dataSource, feedId } = await setup();
    for (const feedIdInput of ['', '  ', undefined as unknown as string]) {
      expect(await refusedFields(handler.execute(new RevokeCalendarFeedCommand(feedIdInput, INTERN)))).toEqual([
        'feedId',
      ]);
    }
    expect(dataSource.transactions).toBe(0);
    expect(feeds.feeds.get(feedId)?.revokedAt).toBeNull();
  });

  it("answers another person's feed as NOT_FOUND, as an id that does not exist, and leaves it as it was", async () => {
    const { handler, feeds, feedId } = await setup();
    for (const actor of [OTHER, PM]) {
      const err = await handler.execute(new RevokeCalendarFeedCommand(feedId, actor)).catch((e) => e);
      expect(err).toBeInstanceOf(NotFoundError);
      expect((err as Error).message).toBe(`CalendarFeed ${feedId} was not found`);
    }
    const missing = '00000000-0000-4000-8000-00000000dead';
    const unknown = await handler.execute(new RevokeCalendarFeedCommand(missing, INTERN)).catch((e) => e);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((unknown as Error).message).toBe(`CalendarFeed ${missing} was not found`);
    expect(feeds.feeds.get(feedId)?.revokedAt).toBeNull();
  });

  it('answers a feed revoked before unchanged', async () => {
    const { handler, feeds, clock, feedId } = await setup();
    await handler.execute(new RevokeCalendarFeedCommand(feedId, INTERN));
    clock.current = new Date('2027-06-01T00:00:00Z');
    const again = await handler.execute(new RevokeCalendarFeedCommand(feedId, INTERN));
    expect(again.revokedAt).toEqual(LATER);
    expect(feeds.feeds.get(feedId)?.revokedAt).toEqual(LATER);
  });
});
