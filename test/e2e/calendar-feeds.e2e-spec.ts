import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { codes, gql, signIn } from './support/client.js';
import {
  enrollIntern,
  missingId,
  ok,
  OPS,
  scheduleCohort,
  talkInput,
  type CohortRef,
  type Person,
} from './support/program.js';
import { inject } from './support/system.js';

/**
 * Issue 11, item 8 (SPEC §7 `createCalendarFeed` / `revokeCalendarFeed`): calendar apps subscribe
 * to a read-only feed URL on the gateway, `GET /calendar/<token>.ics`, that carries a token of
 * its own (never the API token), serves the owner's own calendar without any header, and stops
 * working when its owner revokes it. Through the gateway with every service running.
 */

const CREATE = `mutation { createCalendarFeed { id url createdAt revokedAt } }`;
const REVOKE = `mutation ($input: RevokeCalendarFeedInput!) { revokeCalendarFeed(input: $input) { id url revokedAt } }`;
const LIST = `{ calendarFeeds(first: 10) { totalCount edges { node { id url revokedAt } } } }`;

const gatewayOrigin = () => new URL(inject('gatewayUrl')).origin;

function events(text: string): ICAL.Event[] {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('calendar feeds through the gateway', () => {
  let pm: string;
  let cohort: CohortRef;
  let ines: Person;
  let other: Person;
  let talkId: string;
  let feed: { id: string; url: string };

  beforeAll(async () => {
    pm = await signIn(`pm-feeds-${missingId('uuid').slice(0, 8)}`, 'PROGRAM_MANAGER');
    cohort = await scheduleCohort(pm);
    ines = await enrollIntern(pm, cohort.id, { name: 'Ines Feed' });
    other = await enrollIntern(pm, cohort.id, { name: 'Otto Other' });
    talkId = ok(await gql(OPS.scheduleTalk, { input: talkInput(cohort, 2) }, { token: pm }), 'scheduleTechTalk')
      .scheduleTechTalk.id;
  });

  it("an intern creates a feed: a URL on the gateway with a token of its own, never the intern's JWT", async () => {
    expect((await gql(CREATE)).status).toBe(401);
    const res = await gql(CREATE, {}, { token: ines.token });
    feed = ok(res, 'createCalendarFeed').createCalendarFeed;
    expect(feed.url).toMatch(new RegExp(`^${gatewayOrigin()}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(feed.url).not.toContain(ines.token);
    for (const part of ines.token.split('.')) expect(feed.url).not.toContain(part);
    expect(feed).toMatchObject({ id: expect.any(String), revokedAt: null });
  });

  it("serves the intern's own calendar to a calendar app with no header, as iCalendar that ical.js reads", async () => {
    const res = await fetch(feed.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    const vcalendar = new ICAL.Component(ICAL.parse(text));
    expect(vcalendar.getFirstPropertyValue('x-wr-calname')).toContain('Ines Feed');
    const parsed = events(text);
    const uids = parsed.map((e) => e.uid);
    expect(uids).toContain(`intern-${ines.id}-cohort-${cohort.id}-scope-due@mentorflow`);
    expect(uids).toContain(`talk-${talkId}@mentorflow`);
    expect(parsed.every((e) => e.component.getFirstPropertyValue('dtstamp'))).toBe(true);
    expect(text).not.toContain(other.id);
    expect(text).not.toContain('Otto Other');
  });

  it('answers 404 with no detail for an unknown token, and the API token-in-URL routes are not on the gateway', async () => {
    const unknown = await fetch(`${gatewayOrigin()}/calendar/${'A'.repeat(43)}.ics`);
    expect(unknown.status).toBe(404);
    const body = await unknown.text();
    expect(body).not.toMatch(/feed|token|revoked/i);
    const viaToken = await fetch(
      `${gatewayOrigin()}/cohorts/${cohort.id}/calendar.ics?token=${encodeURIComponent(ines.token)}`,
    );
    expect(viaToken.status).toBe(404);
  });

  it('another user cannot revoke it: NOT_FOUND, as for a feed that does not exist; it keeps working', async () => {
    const refused = await gql(REVOKE, { input: { feedId: feed.id } }, { token: other.token });
    const missing = await gql(REVOKE, { input: { feedId: missingId() } }, { token: other.token });
    expect(codes(refused)).toEqual(['NOT_FOUND']);
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    expect(codes(await gql(REVOKE, { input: { feedId: feed.id } }, { token: pm }))).toEqual(['NOT_FOUND']);
    expect((await fetch(feed.url)).status).toBe(200);
    expect(ok(await gql(LIST, {}, { token: other.token }), 'calendarFeeds').calendarFeeds.totalCount).toBe(0);
  });

  it('its owner lists and revokes it; the URL answers 404 from then on', async () => {
    const listed = ok(await gql(LIST, {}, { token: ines.token }), 'calendarFeeds').calendarFeeds;
    expect(listed.edges.map((e: any) => e.node)).toEqual([{ id: feed.id, url: null, revokedAt: null }]);

    const revoked = ok(
      await gql(REVOKE, { input: { feedId: feed.id } }, { token: ines.token }),
      'revoke',
    ).revokeCalendarFeed;
    expect(revoked).toMatchObject({ id: feed.id, url: null, revokedAt: expect.any(String) });
    const gone = await fetch(feed.url);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe(await (await fetch(`${gatewayOrigin()}/calendar/${'A'.repeat(43)}.ics`)).text());
    // The API token does not bring it back.
    expect((await fetch(feed.url, { headers: { authorization: `Bearer ${ines.token}` } })).status).toBe(404);
  });
});
