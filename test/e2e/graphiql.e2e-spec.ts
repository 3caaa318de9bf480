import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { signIn } from './support/client.js';
import { launchBrowser, withPage } from './support/browser.js';
import { enrollIntern, missingId, scheduleCohort } from './support/program.js';
import { inject } from './support/system.js';

/**
 * Issue 17: GraphiQL served by the gateway from its own assets, opened in headless Chromium (the
 * e2e set-up turns it on with GRAPHIQL=true and fills its header editor with a program manager's
 * token, as npm start does in development). The page loads nothing from outside 127.0.0.1, and its
 * run button runs the example query (the cohorts and their enrollments) to data, not an error. The
 * screenshot is kept as .data/screenshots/graphiql.png.
 */

const gatewayOrigin = () => new URL(inject('gatewayUrl')).origin;

describe('GraphiQL in a browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    const pm = await signIn(`pm-graphiql-${missingId('uuid').slice(0, 8)}`, 'PROGRAM_MANAGER');
    const cohort = await scheduleCohort(pm);
    await enrollIntern(pm, cohort.id);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens with the example query and the token, loads nothing from outside, and runs the query to data', async () => {
    await withPage(browser, 'graphiql', async (page, seen) => {
      await page.goto(`${gatewayOrigin()}/graphiql`, { waitUntil: 'load' });
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor({ timeout: 30_000 });
      expect(await page.locator('.graphiql-query-editor').innerText()).toContain('query DemoCohort');
      expect(await page.locator('.graphiql-editor-tool').innerText()).toContain('"Authorization": "Bearer ');

      // The answer as the page received it (the result pane draws only its visible lines) ...
      const answered = page.waitForResponse(
        (response) =>
          new URL(response.url()).pathname === '/graphql' &&
          response.request().postData()?.includes('DemoCohort') === true,
        { timeout: 30_000 },
      );
      await page.locator('.graphiql-execute-button').click();
      const response = await answered;
      expect(response.status()).toBe(200);
      const body = (await response.json()) as {
        data?: { cohorts: { edges: { node: { id: string } }[] } };
        errors?: unknown;
      };
      expect(body.errors).toBeUndefined();
      expect(body.data?.cohorts.edges.length).toBeGreaterThan(0);
      // ... and as the result pane shows it: data, not an error.
      const result = page.locator('.graphiql-response');
      await result.getByText('"cohorts"').waitFor({ timeout: 30_000 });
      const text = await result.innerText();
      expect(text).toContain('"data"');
      expect(text).not.toContain('"errors"');

      expect(seen.external).toEqual([]);
      expect(seen.consoleErrors).toEqual([]);
    });
  });
});
