import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Headless Chromium for the browser tests of the e2e tier: Debian's `chromium` (installed by
 * `.ci/run`; `CHROMIUM_PATH` names another) driven by playwright-core. The flags keep it off the
 * network this machine does not have (no background connections, no component updates), and each
 * run gets an empty profile (playwright's own temporary one: it refuses a `--user-data-dir` flag). Screenshots go to `.data/screenshots/` (kept as CI artifacts).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('.data', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a page, records every request that leaves 127.0.0.1 (a page must load nothing from a CDN)
 * and every console error, runs `use`, and keeps a screenshot named `name`.
 */
export async function withPage<T>(
  browser: Browser,
  name: string,
  use: (page: Page, seen: { external: string[]; consoleErrors: string[] }) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const seen = { external: [] as string[], consoleErrors: [] as string[] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:', 'about:'].includes(url.protocol)) {
      seen.external.push(request.url());
    }
  });
  page.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
  });
  try {
    return await use(page, seen);
  } finally {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
    await context.close();
  }
}
