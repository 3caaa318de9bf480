import { beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, gql, signIn } from '../e2e/support/client.js';
import { enrollIntern, scheduleCohort } from '../e2e/support/program.js';
import { bearer, raw } from './support/http.js';

// The cohort report page (`GET /reports/cohorts/:id`) shows what users typed (intern names) as
// text, never as markup, under a Content-Security-Policy that would not run a script anyway; its
// share links open that one report only, and a forged one opens nothing.

const NAME = '<script>alert(1)</script><img src=x onerror=alert(2)>';

let pm: string;
let cohortId: string;

beforeAll(async () => {
  pm = await signIn('pm-security-report-page', 'PROGRAM_MANAGER');
  cohortId = (await scheduleCohort(pm)).id;
  await enrollIntern(pm, cohortId, { name: NAME });
  // internProgress is built from events: wait until it knows the intern.
  await eventually(
    async () => {
      const res = await gql(
        `query ($c: ID) { internProgress(cohortId: $c, first: 5) { totalCount } }`,
        { c: cohortId },
        { token: pm },
      );
      return (res.data?.internProgress?.totalCount ?? 0) > 0;
    },
    { what: 'internProgress to know the intern' },
  );
});

describe('cohort report page', () => {
  it('shows an intern name with markup as text, under a CSP that runs no script and loads nothing', async () => {
    const res = await raw('GET', `/reports/cohorts/${cohortId}`, { headers: bearer(pm) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'unsafe-inline'; img-src data:/,
    );
    // No tag of the name survives: its markup is text (an `onerror=` left inside escaped text is not an attribute).
    expect(res.text).not.toMatch(/<script|<img/i);
    expect(res.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;&#60;img src=x onerror=alert(2)&#62;');
  });

  it('opens nothing with a forged, truncated or other-cohort link, nor for a mentor', async () => {
    const link = await gql(
      `mutation ($input: CreateReportLinkInput!) { createReportLink(input: $input) { url } }`,
      { input: { cohortId } },
      { token: pm },
    );
    const token = new URL(link.data.createReportLink.url as string).searchParams.get('link')!;
    const [v, payload, mac] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, e: 9_999_999_999 })).toString('base64url');
    for (const bad of [`${v}.${forged}.${mac}`, `${v}.${payload}`, `${v}.${payload}.${mac.slice(1)}`, pm]) {
      const res = await raw('GET', `/reports/cohorts/${cohortId}?link=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(401);
      expect(res.text).not.toContain('<svg');
    }
    const other = await raw(
      'GET',
      `/reports/cohorts/${(await scheduleCohort(pm)).id}?link=${encodeURIComponent(token)}`,
    );
    expect(other.status).toBe(404);
    const mentor = await signIn('mentor-security-report-page', 'MENTOR');
    expect((await raw('GET', `/reports/cohorts/${cohortId}`, { headers: bearer(mentor) })).status).toBe(403);
  });
});
