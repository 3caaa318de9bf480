import { describe, expect, it } from '@jest/globals';
import { isRefusal, ReportLinkSigner } from './report-link.js';

const SECRET = 'a-report-link-secret-of-32-bytes!!';

describe('report share links', () => {
  let now = Date.parse('2026-03-02T10:00:00Z');
  const signer = new ReportLinkSigner(SECRET, 15 * 60_000, () => now);

  it('names the cohort, the PM and the expiry, and verifies for that cohort until it expires', () => {
    now = Date.parse('2026-03-02T10:00:00Z');
    const { token, expiresAt } = signer.sign('cohort-1', 'pm-1');
    expect(expiresAt.toISOString()).toBe('2026-03-02T10:15:00.000Z');
    expect(signer.verify(token, 'cohort-1')).toEqual({ cohortId: 'cohort-1', sub: 'pm-1', expiresAt });
    now = Date.parse('2026-03-02T10:14:59Z');
    expect(isRefusal(signer.verify(token, 'cohort-1'))).toBe(false);
    now = Date.parse('2026-03-02T10:15:00Z');
    expect(signer.verify(token, 'cohort-1')).toEqual({ status: 401, reason: 'expired' });
  });

  it('refuses a link for another cohort with 404', () => {
    now = Date.parse('2026-03-02T10:00:00Z');
    const { token } = signer.sign('cohort-1', 'pm-1');
    expect(signer.verify(token, 'cohort-2')).toEqual({ status: 404, reason: 'other-cohort' });
  });

  it('refuses a tampered payload, a tampered mac, another key and garbage with 401', () => {
    now = Date.parse('2026-03-02T10:00:00Z');
    const { token } = signer.sign('cohort-1', 'pm-1');
    const [v, payload, mac] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ c: 'cohort-2', s: 'pm-1', e: 9_999_999_999 })).toString('base64url');
    expect(signer.verify(`${v}.${forged}.${mac}`, 'cohort-2')).toEqual({ status: 401, reason: 'tampered' });
    const flipped = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1);
    expect(signer.verify(`${v}.${payload}.${flipped}`, 'cohort-1')).toEqual({ status: 401, reason: 'tampered' });
    const other = new ReportLinkSigner('another-secret-that-is-32-bytes-long', 60_000, () => now);
    expect(other.verify(token, 'cohort-1')).toEqual({ status: 401, reason: 'tampered' });
    for (const junk of ['', 'x', 'v1.a', 'v2.a.b', `${token}.x`, 'eyJhbGciOiJIUzI1NiJ9.e30.sig']) {
      expect(signer.verify(junk, 'cohort-1')).toMatchObject({ status: 401 });
    }
  });

  it('refuses a short secret or a lifetime under a second at construction', () => {
    expect(() => new ReportLinkSigner('short', 60_000)).toThrow(/REPORT_LINK_SECRET/);
    expect(() => new ReportLinkSigner(SECRET, 0)).toThrow(/lifetime/);
  });
});
