import { describe, expect, it } from '@jest/globals';
import { ConflictError, ValidationError } from '#ddd';
import { ReportLinkSigner } from './report-link.js';
import { ReportLinkResolver } from './report-link.resolver.js';
import { ReportLinks } from './report-links.js';

const SECRET = 'a-report-link-secret-of-32-bytes!!';
const pm = { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] };

describe('createReportLink', () => {
  const links = new ReportLinks(
    new ReportLinkSigner(SECRET, 15 * 60_000),
    { secret: 'jwt' },
    'https://mf.example',
    undefined,
  );

  it('returns a link to that cohort’s page, for that PM, expiring after the configured lifetime', () => {
    const before = Date.now();
    const link = new ReportLinkResolver(links).createReportLink({ cohortId: ' c 1 ' }, pm);
    expect(link.url).toMatch(/^https:\/\/mf\.example\/reports\/cohorts\/c%201\?link=v1\.[\w-]+\.[\w-]+$/);
    expect(link.expiresAt.getTime()).toBeGreaterThan(before + 14 * 60_000);
    expect(link.expiresAt.getTime()).toBeLessThanOrEqual(before + 15 * 60_000 + 1_000);
    const token = decodeURIComponent(new URL(link.url).searchParams.get('link')!);
    expect(links.signer!.verify(token, 'c 1')).toMatchObject({ cohortId: 'c 1', sub: 'pm-1' });
  });

  it('refuses a blank cohortId, naming the field', () => {
    expect(() => new ReportLinkResolver(links).createReportLink({ cohortId: ' ' }, pm)).toThrow(ValidationError);
    expect(() => new ReportLinkResolver(links).createReportLink({ cohortId: ' ' }, pm)).toThrow(/cohortId/);
  });

  it('says why when this gateway makes no links', () => {
    const off = new ReportLinks(
      undefined,
      {},
      'https://mf.example',
      'report links are not configured on this gateway (REPORT_LINK_SECRET)',
    );
    expect(() => new ReportLinkResolver(off).createReportLink({ cohortId: 'c-1' }, pm)).toThrow(ConflictError);
  });

  it('makes links in development without REPORT_LINK_SECRET, none in production without it', async () => {
    const { testGatewayConfig } = await import('../testing/gateway-config.js');
    expect(ReportLinks.fromConfig(testGatewayConfig()).disabledReason).toBeUndefined();
    const production = { ...testGatewayConfig(), NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(64) } as never;
    expect(ReportLinks.fromConfig(production).disabledReason).toMatch(/REPORT_LINK_SECRET/);
  });
});
