import { createHash, randomBytes } from 'node:crypto';
import { ConflictError } from '#ddd';

/**
 * A calendar feed: a read-only subscription URL of one person's own calendar, for calendar apps
 * (which cannot send an Authorization header). Its secret is a random token of 256 bits, shown
 * once, in the URL `createCalendarFeed` answers; only its SHA-256 is kept, with the owner's
 * `sub` and roles as they were when the feed was created. The token reads that calendar and
 * nothing else (it is no API token), until the owner revokes the feed.
 */
export interface CalendarFeedSnapshot {
  id: string;
  /** SHA-256 of the token, lowercase hex. */
  tokenHash: string;
  ownerSub: string;
  /** The owner's roles when the feed was created: which calendar the feed shows. */
  ownerRoles: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

/** Bytes of randomness in a feed token (256 bits; base64url, 43 characters). */
export const FEED_TOKEN_BYTES = 32;
/** Feeds one person may have that are not revoked. */
export const MAX_ACTIVE_FEEDS = 20;

const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const ROLES = ['PROGRAM_MANAGER', 'MENTOR', 'INTERN'];

/** A new feed token: 32 random bytes, base64url (URL-safe, no padding). */
export function newFeedToken(): string {
  return randomBytes(FEED_TOKEN_BYTES).toString('base64url');
}

/** Whether a string is shaped like a feed token (anything else names no feed). */
export function isFeedToken(value: unknown): value is string {
  return typeof value === 'string' && FEED_TOKEN.test(value);
}

/** What is stored of a token, and what a presented token is looked up by. */
export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class CalendarFeed {
  private constructor(private state: CalendarFeedSnapshot) {}

  /**
   * A new feed of the owner's calendar for `token` (the caller keeps the token; the feed only its
   * hash). Refused (CONFLICT) when the owner already has `MAX_ACTIVE_FEEDS` feeds not revoked.
   */
  static create(props: {
    id: string;
    token: string;
    owner: { sub: string; roles: readonly string[] };
    now: Date;
    activeFeeds: number;
  }): CalendarFeed {
    if (props.activeFeeds >= MAX_ACTIVE_FEEDS) {
      throw new ConflictError(`at most ${MAX_ACTIVE_FEEDS} calendar feeds at a time: revoke one first`);
    }
    return new CalendarFeed({
      id: props.id,
      tokenHash: hashFeedToken(props.token),
      ownerSub: props.owner.sub,
      ownerRoles: ROLES.filter((r) => props.owner.roles.includes(r)),
      createdAt: props.now,
      revokedAt: null,
    });
  }

  static rehydrate(snapshot: CalendarFeedSnapshot): CalendarFeed {
    return new CalendarFeed({ ...snapshot, ownerRoles: [...snapshot.ownerRoles] });
  }

  get id(): string {
    return this.state.id;
  }

  get revoked(): boolean {
    return this.state.revokedAt !== null;
  }

  isOwnedBy(sub: string): boolean {
    return this.state.ownerSub === sub;
  }

  /** Revokes the feed: its URL answers 404 from now on. Revoking it again changes nothing. */
  revoke(now: Date): boolean {
    if (this.revoked) return false;
    this.state = { ...this.state, revokedAt: now };
    return true;
  }

  toSnapshot(): CalendarFeedSnapshot {
    return { ...this.state, ownerRoles: [...this.state.ownerRoles] };
  }
}
