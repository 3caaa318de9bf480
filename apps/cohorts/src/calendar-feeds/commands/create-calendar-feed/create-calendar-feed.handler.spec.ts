import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConflictError } from '#ddd';
import { MAX_ACTIVE_FEEDS } from '../../domain/calendar-feed.js';
import { calendarFeedFakes } from '../testing/calendar-feed-fakes.js';
import { CreateCalendarFeedCommand } from './create-calendar-feed.command.js';
import { CreateCalendarFeedHandler } from './create-calendar-feed.handler.js';

const NOW = new Date('2027-05-20T10:00:00Z');
const INTERN = { sub: 'intern-1', roles: ['INTERN'], name: 'Ines', email: 'ines@example.com' };
const BASE = 'https://mentorflow.example.com';
const FEED_URL = /^https:\/\/mentorflow\.example\.com\/calendar\/([A-Za-z0-9_-]{43})\.ics$/;

function setup() {
  const f = calendarFeedFakes(NOW);
  const handler = f.build(CreateCalendarFeedHandler);
  return { ...f, handler };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('CreateCalendarFeedHandler', () => {
  it("stores only the SHA-256 of a new 256-bit token, with the caller's sub and roles; the token is in the URL, once", async () => {
    const { handler, feeds, outbox, dataSource } = setup();
    const created = await handler.execute(
      new CreateCalendarFeedCommand({ ...INTERN, roles: ['INTERN', 'SOMETHING_ELSE'] }, BASE),
    );
    const token = FEED_URL.exec(created.url ?? '')?.[1];
    expect(token).toBeDefined();
    expect(Buffer.from(token!, 'base64url')).toHaveLength(32);
    expect(created).toEqual({ id: expect.any(String), url: created.url, createdAt: NOW, revokedAt: null });
    expect([...feeds.feeds.values()]).toEqual([
      {
        id: created.id,
        tokenHash: sha256(token!),
        ownerSub: 'intern-1',
        ownerRoles: ['INTERN'],
        createdAt: NOW,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify([...feeds.feeds.values()])).not.toContain(token);
    expect(feeds.lockedOwners).toEqual(['intern-1']); // counted under the owner's lock
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([]); // no other context needs to know
  });

  it('gives every feed its own id and token', async () => {
    const { handler, feeds } = setup();
    const a = await handler.execute(new CreateCalendarFeedCommand(INTERN, BASE));
    const b = await handler.execute(new CreateCalendarFeedCommand(INTERN, BASE));
    expect(a.id).not.toBe(b.id);
    expect(a.url).not.toBe(b.url);
    expect(new Set([...feeds.feeds.values()].map((f) => f.tokenHash)).size).toBe(2);
  });

  it('points the URL at the public base as given, a path prefix kept', async () => {
    const { handler } = setup();
    const created = await handler.execute(new CreateCalendarFeedCommand(INTERN, 'https://example.com/mentorflow'));
    expect(created.url).toMatch(/^https:\/\/example\.com\/mentorflow\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  });

  it(`refuses a feed beyond ${MAX_ACTIVE_FEEDS} not revoked (CONFLICT) and stores nothing; revoked ones do not count`, async () => {
    const { handler, feeds, outbox } = setup();
    for (let i = 0; i < MAX_ACTIVE_FEEDS; i++) await handler.execute(new CreateCalendarFeedCommand(INTERN, BASE));
    const before = new Map(feeds.feeds);
    await expect(handler.execute(new CreateCalendarFeedCommand(INTERN, BASE))).rejects.toBeInstanceOf(ConflictError);
    expect(feeds.feeds).toEqual(before);
    expect(outbox.events).toEqual([]);

    // another person is not limited by these
    await handler.execute(new CreateCalendarFeedCommand({ sub: 'pm-1', roles: ['PROGRAM_MANAGER'] }, BASE));
    // one revoked makes room for one more
    const [first] = [...feeds.feeds.values()];
    feeds.feeds.set(first!.id, { ...first!, revokedAt: NOW });
    await expect(handler.execute(new CreateCalendarFeedCommand(INTERN, BASE))).resolves.toMatchObject({
      revokedAt: null,
    });
  });
});
