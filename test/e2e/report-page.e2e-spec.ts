import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchBrowser, withPage } from './support/browser.js';
import { codes, eventually, gql, signIn } from './support/client.js';
import {
  advanceCohort,
  assignMentor,
  enrollIntern,
  missingId,
  ok,
  registerMentor,
  scheduleCohort,
  type CohortRef,
  type Person,
} from './support/program.js';
import { inject } from './support/system.js';

/**
 * Issue 17: the cohort report page. A program manager asks for a share link of a cohort taken
 * through a few weeks, opens it in headless Chromium (no header: the link is the credential) and
 * every chart is drawn with that cohort's data, loading nothing from outside; a mentor cannot make
 * a link. The screenshot is kept as .data/screenshots/report-page.png.
 */

const gatewayOrigin = () => new URL(inject('gatewayUrl')).origin;

const CREATE_LINK = `mutation ($input: CreateReportLinkInput!) { createReportLink(input: $input) { url expiresAt } }`;
const REPORT = `query ($c: ID!) { cohortReport(cohortId: $c) { currentWeek interns withdrawn } }`;
const PROGRESS = `query ($c: ID) { internProgress(cohortId: $c, first: 20) { totalCount } }`;

describe('cohort report page through the gateway', () => {
  let pm: string;
  let cohort: CohortRef;
  let interns: Person[];
  let browser: Browser | undefined;

  beforeAll(async () => {
    pm = await signIn(`pm-report-page-${missingId('uuid').slice(0, 8)}`, 'PROGRAM_MANAGER');
    cohort = await scheduleCohort(pm);
    interns = [
      await enrollIntern(pm, cohort.id, { name: 'Ada Report' }),
      await enrollIntern(pm, cohort.id, { name: 'Bo Report' }),
      await enrollIntern(pm, cohort.id, { name: 'Cy Report' }),
    ];
    const mentor = await registerMentor(pm, { name: 'Grace Report' });
    await assignMentor(pm, interns[0]!.id, mentor.id);
    await assignMentor(pm, interns[1]!.id, mentor.id);
    await advanceCohort(pm, cohort.id, 1);
    ok(
      await gql(
        `mutation ($input: WithdrawInternInput!) { withdrawIntern(input: $input) { id } }`,
        { input: { cohortId: cohort.id, internId: interns[2]!.id, reason: 'moved abroad' } },
        { token: pm },
      ),
      'withdrawIntern',
    );
    await advanceCohort(pm, cohort.id, 3);
    // The report and progress are built from events: wait until they show the three weeks.
    await eventually(
      async () => {
        const report = (await gql(REPORT, { c: cohort.id }, { token: pm })).data?.cohortReport;
        const progress = (await gql(PROGRESS, { c: cohort.id }, { token: pm })).data?.internProgress;
        return report?.currentWeek === 3 && report.interns === 3 && report.withdrawn === 1 && progress?.totalCount === 3;
      },
      { timeoutMs: 45_000, what: 'the cohort report and progress at week 3' },
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a mentor a link (FORBIDDEN)', async () => {
    const mentor = await signIn(`mentor-report-page-${missingId('uuid').slice(0, 8)}`, 'MENTOR');
    const res = await gql(CREATE_LINK, { input: { cohortId: cohort.id } }, { token: mentor });
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });

  it('gives a PM a short-lived link that opens the page in Chromium with every chart drawn', async () => {
    const before = Date.now();
    const link = ok(await gql(CREATE_LINK, { input: { cohortId: cohort.id } }, { token: pm }), 'createReportLink')
      .createReportLink as { url: string; expiresAt: string };
    const url = new URL(link.url);
    expect(url.pathname).toBe(`/reports/cohorts/${cohort.id}`);
    expect(url.searchParams.get('link')).toMatch(/^v1\./);
    const expiresAt = Date.parse(link.expiresAt);
    expect(expiresAt).toBeGreaterThan(before + 14 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 15 * 60_000);

    // A link for this report opens no other.
    const other = await scheduleCohort(pm);
    const elsewhere = await fetch(`${gatewayOrigin()}/reports/cohorts/${other.id}${url.search}`);
    expect(elsewhere.status).toBe(404);

    browser = await launchBrowser();
    await withPage(browser, 'report-page', async (page, seen) => {
      const res = await page.goto(`${gatewayOrigin()}${url.pathname}${url.search}`);
      expect(res?.status()).toBe(200);
      expect(await page.locator('svg[role="img"]').count()).toBe(7);
      for (const id of ['funnel', 'risk', 'rubric', 'presentation', 'offers', 'nps', 'calibration']) {
        const chart = page.locator(`#chart-${id}`);
        expect((await chart.boundingBox())?.width).toBeGreaterThan(0);
        expect(await chart.locator('title').first().textContent()).toBeTruthy();
      }
      // The funnel with this cohort's figures: 3 enrolled, 1 withdrawn.
      const funnel = await page.locator('#chart-funnel').textContent();
      expect(funnel).toContain('Enrolled3');
      expect(funnel).toContain('Withdrawn1');
      // A risk cell per intern and week (weeks 1–3), each lettered, and the page at week 3.
      expect(await page.locator('#chart-risk g.cell').count()).toBe(9);
      expect(await page.locator('#chart-risk .cell-letter').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringMatching(/^[GAR]$/)]),
      );
      const text = await page.locator('body').innerText();
      for (const name of ['Ada Report', 'Bo Report', 'Cy Report']) expect(text).toContain(name);
      expect(text).toContain('Week 3');
      expect(seen.external).toEqual([]);
      expect(seen.consoleErrors).toEqual([]);
    });
  }, 90_000);
});
