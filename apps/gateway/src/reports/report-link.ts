import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Share links of a cohort report (`GET /reports/cohorts/:id?link=<token>`): a browser following a
 * link cannot send a bearer header, so a program manager asks for a short-lived, read-only link
 * naming that one report.
 *
 * The token is `v1.<payload>.<mac>`: the payload is base64url JSON `{ c, s, e }` (cohort id, the
 * PM's `sub`, expiry in epoch seconds) and the mac is HMAC-SHA256 over `v1.<payload>` with the
 * gateway's REPORT_LINK_SECRET — never the API's JWT key, and the token is never a JWT: it opens
 * this page only, and no other endpoint accepts it.
 */

const VERSION = 'v1';

export interface ReportLinkClaims {
  cohortId: string;
  sub: string;
  /** When the link stops working. */
  expiresAt: Date;
}

/** Why a link is refused: the HTTP status it earns. */
export type LinkRefusal =
  { status: 401; reason: 'malformed' | 'tampered' | 'expired' } | { status: 404; reason: 'other-cohort' };

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

export class ReportLinkSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    /** How long a link lives, in ms. */
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (Buffer.byteLength(secret, 'utf8') < 32) throw new Error('REPORT_LINK_SECRET must be at least 32 bytes');
    if (!Number.isInteger(ttlMs) || ttlMs < 1_000) throw new Error('the report link lifetime must be at least 1 s');
    this.key = Buffer.from(secret, 'utf8');
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  /** A token for this cohort's report, as this PM, expiring ttlMs from now (rounded down to the second). */
  sign(cohortId: string, sub: string): { token: string; expiresAt: Date } {
    const e = Math.floor((this.now() + this.ttlMs) / 1000);
    const body = `${VERSION}.${b64(JSON.stringify({ c: cohortId, s: sub, e }))}`;
    return { token: `${body}.${this.mac(body)}`, expiresAt: new Date(e * 1000) };
  }

  /** The claims of a token for `cohortId`, or why it is refused (checked in this order: form, mac, expiry, cohort). */
  verify(token: string, cohortId: string): ReportLinkClaims | LinkRefusal {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION || token.length > 2_000) return { status: 401, reason: 'malformed' };
    const body = `${parts[0]}.${parts[1]}`;
    const expected = Buffer.from(this.mac(body), 'utf8');
    const given = Buffer.from(parts[2]!, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      return { status: 401, reason: 'tampered' };
    let claims: { c?: unknown; s?: unknown; e?: unknown };
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return { status: 401, reason: 'malformed' };
    }
    if (typeof claims.c !== 'string' || typeof claims.s !== 'string' || typeof claims.e !== 'number') {
      return { status: 401, reason: 'malformed' };
    }
    if (claims.e * 1000 <= this.now()) return { status: 401, reason: 'expired' };
    if (claims.c !== cohortId) return { status: 404, reason: 'other-cohort' };
    return { cohortId: claims.c, sub: claims.s, expiresAt: new Date(claims.e * 1000) };
  }
}

export function isRefusal(result: ReportLinkClaims | LinkRefusal): result is LinkRefusal {
  return 'status' in result;
}
