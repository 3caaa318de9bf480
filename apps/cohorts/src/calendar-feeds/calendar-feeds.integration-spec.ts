import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { describe, expect, it } from '@jest/globals';
import { eventsTopic, MentorAssignedV1 } from '#contracts';
import { eventually } from '#testing';
import { cohortLifeWorld, internInput, M } from '../testing/cohort-life-world.js';
import { PUBLIC_URL_HEADER } from './export/feed-url.js';

/**
 * Calendar feeds in the cohorts service, in process against the real Postgres and Kafka:
 * `createCalendarFeed` / `revokeCalendarFeed` / `calendarFeeds` through GraphQL, and the internal
 * route the gateway relays, `GET /calendar-feeds/<token>.ics`, which serves the owner's own
 * calendar to whoever holds the token, and nothing once the feed is revoked.
 */
const world = cohortLifeWorld();
const { run, ids, tokens, gql, ok, fails } = world;

const CREATE = `mutation { createCalendarFeed { id url createdAt revokedAt } }`;
const REVOKE = `mutation ($input: RevokeCalendarFeedInput!) { revokeCalendarFeed(input: $input) { id url createdAt revokedAt } }`;
const LIST = `query ($first: Int, $after: String) { calendarFeeds(first: $first, after: $after) {
  totalCount edges { cursor node { id url createdAt revokedAt } } pageInfo { hasNextPage endCursor } } }`;
const FEED_URL = /^https:\/\/mentorflow\.example\.com\/calendar\/([A-Za-z0-9_-]{43})\.ics$/;

type Who = keyof typeof ids;

async function createFeed(who: Who): Promise<{ id: string; url: string; token: string }> {
  const res = await world.svc.gql(
    CREATE,
    {},
    { token: tokens[who], headers: { [PUBLIC_URL_HEADER]: 'https://mentorflow.example.com' } },
  );
  expect(res.errors).toBeUndefined();
  const feed = res.data!.createCalendarFeed as { id: string; url: string };
  const token = FEED_URL.exec(feed.url)?.[1];
  expect(token).toBeDefined();
  return { ...feed, token: token! };
}

const fetchFeed = (token: string, headers: Record<string, string> = {}) =>
  world.svc.http.inject({ method: 'GET', url: `/calendar-feeds/${token}.ics`, headers });

function uids(ics: string): string[] {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid);
}

describe('calendar feeds', () => {
  let cohortA: string;
  let cohortB: string;
  let talkId: string;
  const feeds = {} as Record<'i1' | 'm1' | 'pm', { id: string; url: string; token: string }>;

  it('set-up: two cohorts, a talk, interns in each, a mentor of one of them', async () => {
    const cohort = (name: string) => ({
      name: `${name} ${run}`,
      startDate: '2027-06-07',
      weeks: 12,
      timezone: 'Europe/Berlin',
      location: 'Berlin',
      workMode: 'HYBRID',
      capacity: 5,
    });
    cohortA = (await ok('pm', M.schedule, cohort('Feeds A'))).id;
    cohortB = (await ok('pm', M.schedule, cohort('Feeds B'))).id;
    await ok('pm', M.enroll, internInput(cohortA, ids.i1));
    await ok('pm', M.enroll, internInput(cohortA, ids.i2));
    await ok('pm', M.enroll, internInput(cohortB, ids.i3));
    talkId = (
      await ok('pm', M.talk, {
        cohortId: cohortA,
        title: 'Ranking at scale',
        speaker: 'Grace',
        startsAt: '2027-06-15T16:00:00+02:00',
        durationMinutes: 45,
      })
    ).id;
    await world.publish(eventsTopic('mentors'), MentorAssignedV1, ids.i1, {
      assignmentId: randomUUID(),
      cohortId: cohortA,
      internId: ids.i1,
      mentorId: ids.m1,
      role: 'PRIMARY',
      assignedAt: new Date().toISOString(),
    });
    await eventually(
      async () =>
        (
          (await world.svc.dataSource.query(
            `SELECT 1 FROM mentor_assignments WHERE mentor_id = $1 AND intern_id = $2`,
            [ids.m1, ids.i1],
          )) as unknown[]
        ).length > 0,
      { timeoutMs: 60_000, what: 'the assignment projection' },
    );
  });

  it('createCalendarFeed: signed in only; a URL on the public base with a token of its own, only its hash stored', async () => {
    expect((await gql(null, CREATE)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    feeds.i1 = await createFeed('i1');
    feeds.m1 = await createFeed('m1');
    feeds.pm = await createFeed('pm');
    for (const who of ['i1', 'm1', 'pm'] as const) expect(feeds[who].url).not.toContain(tokens[who]);

    const rows = (await world.svc.dataSource.query(`SELECT * FROM calendar_feeds WHERE id = $1`, [
      feeds.i1.id,
    ])) as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        id: feeds.i1.id,
        token_hash: createHash('sha256').update(feeds.i1.token).digest('hex'),
        owner_sub: ids.i1,
        owner_roles: ['INTERN'],
        created_at: expect.any(Date),
        revoked_at: null,
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain(feeds.i1.token);

    // Called without the gateway's header: the gateway's default address.
    const direct = await gql('i2', CREATE);
    expect(direct.data!.createCalendarFeed.url).toMatch(
      /^http:\/\/127\.0\.0\.1:4000\/calendar\/[A-Za-z0-9_-]{43}\.ics$/,
    );
  });

  it("serves the owner's own calendar to the token, with no Authorization: an intern's own dates and talks", async () => {
    const res = await fetchFeed(feeds.i1.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    const events = uids(res.body);
    expect(events).toContain(`intern-${ids.i1}-cohort-${cohortA}-scope-due@mentorflow`);
    expect(events).toContain(`talk-${talkId}@mentorflow`);
    expect(events.some((uid) => uid.includes(ids.i2) || uid.includes(cohortB))).toBe(false);
    expect(res.body).not.toContain(`Intern ${ids.i2}`);
  });

  it("a mentor's feed: the cohorts of their mentees; a PM's feed: every cohort", async () => {
    const mentor = uids((await fetchFeed(feeds.m1.token)).body);
    expect(mentor).toContain(`cohort-${cohortA}-scope-due@mentorflow`);
    expect(mentor).toContain(`talk-${talkId}@mentorflow`);
    expect(mentor.some((uid) => uid.includes(cohortB))).toBe(false);

    const pm = uids((await fetchFeed(feeds.pm.token)).body);
    expect(pm).toEqual(
      expect.arrayContaining([`cohort-${cohortA}-start@mentorflow`, `cohort-${cohortB}-start@mentorflow`]),
    );
  });

  it('answers a malformed or unknown token 404 alike, and never takes an API token instead', async () => {
    const unknown = await fetchFeed('A'.repeat(43));
    expect(unknown.statusCode).toBe(404);
    // An API token in its place: refused (a JWT is even too long for the path: 414).
    const jwt = await fetchFeed(tokens.i1);
    expect([404, 414]).toContain(jwt.statusCode);
    expect(jwt.body).not.toContain('BEGIN:VCALENDAR');
    for (const res of [
      await fetchFeed('short'),
      await fetchFeed(`${feeds.i1.token}x`),
      await fetchFeed('B'.repeat(43), { authorization: `Bearer ${tokens.pm}` }),
      await world.svc.http.inject({ method: 'GET', url: `/calendar-feeds/${feeds.i1.token}` }), // no .ics
    ]) {
      expect({ status: res.statusCode, body: res.body }).toEqual({ status: 404, body: unknown.body });
    }
  });

  it("calendarFeeds: the caller's own feeds, newest first, never a URL", async () => {
    world.clock.current = new Date(world.clock.current.getTime() + 60_000);
    const second = await createFeed('i1');
    const page1 = await gql('i1', LIST, { first: 1 });
    expect(page1.errors).toBeUndefined();
    const list = page1.data!.calendarFeeds;
    expect(list.totalCount).toBe(2);
    expect(list.edges.map((e: any) => e.node)).toEqual([
      { id: second.id, url: null, createdAt: expect.any(String), revokedAt: null },
    ]);
    const page2 = await gql('i1', LIST, { first: 5, after: list.pageInfo.endCursor });
    expect(page2.data!.calendarFeeds.edges.map((e: any) => e.node.id)).toEqual([feeds.i1.id]);
    expect((await gql('i3', LIST)).data!.calendarFeeds.totalCount).toBe(0);
    expect((await gql('i1', LIST, { after: 'garbage' })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it("revokeCalendarFeed: the owner's only (another person's reads as missing); a revoked feed answers 404", async () => {
    const other = await fails('i2', REVOKE, { feedId: feeds.i1.id });
    const missing = await fails('i2', REVOKE, { feedId: randomUUID() });
    expect(other.extensions.code).toBe('NOT_FOUND');
    expect(missing.extensions.code).toBe('NOT_FOUND');
    expect((await fails('pm', REVOKE, { feedId: feeds.i1.id })).extensions.code).toBe('NOT_FOUND');
    expect((await fails('i1', REVOKE, { feedId: '' })).extensions.fields).toEqual([
      { field: 'feedId', message: 'is required' },
    ]);
    expect((await fetchFeed(feeds.i1.token)).statusCode).toBe(200);

    const revoked = await ok('i1', REVOKE, { feedId: feeds.i1.id });
    expect(revoked).toMatchObject({ id: feeds.i1.id, url: null, revokedAt: expect.any(String) });
    const gone = await fetchFeed(feeds.i1.token);
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toBe((await fetchFeed('A'.repeat(43))).body);
    // The owner's other feeds still work.
    expect((await fetchFeed(feeds.m1.token)).statusCode).toBe(200);
  });
});
