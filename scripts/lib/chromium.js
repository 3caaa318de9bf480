// Chromium for the browser tests of the e2e tier (test/e2e/support/browser.ts): Debian's
// `chromium` at /usr/bin/chromium, or the one CHROMIUM_PATH names. `npm test` calls
// ensureChromium() before the e2e tier: when it is missing and this process may install packages
// (root, apt-get present) it runs `apt-get install -y chromium` (after `apt-get update`, retried);
// otherwise it says how to install it and the tier does not run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Where the browser tests look for Chromium. */
export function chromiumPath(env = process.env) {
  return env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
}

/** The message when Chromium is missing and cannot be installed here. */
export function missingChromiumMessage(path, why) {
  return (
    `no Chromium at ${path} (${why}): the browser tests (integration and e2e tiers) need it. ` +
    "Install Debian's chromium (`sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary, then run npm test again."
  );
}

/**
 * Makes sure Chromium is there: returns { ok: true, path, installed } or { ok: false, message }.
 * `deps` are for tests (what exists, whether we are root, how a command runs).
 */
export function ensureChromium({
  env = process.env,
  exists = (p) => fs.existsSync(p),
  isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0,
  run = (cmd, args) =>
    spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status,
  log = (line) => console.log(line),
  updateAttempts = 3,
} = {}) {
  const path = chromiumPath(env);
  if (exists(path)) return { ok: true, path, installed: false };
  if (env.CHROMIUM_PATH) return { ok: false, message: missingChromiumMessage(path, 'CHROMIUM_PATH names no file') };
  if (!isRoot()) return { ok: false, message: missingChromiumMessage(path, 'not root, so npm test cannot install it') };
  if (!exists('/usr/bin/apt-get'))
    return { ok: false, message: missingChromiumMessage(path, 'no apt-get on this machine') };
  log(`• installing Debian's chromium for the browser tests (apt-get install -y chromium)`);
  let updated = false;
  for (let attempt = 1; attempt <= updateAttempts && !updated; attempt++) {
    updated = run('apt-get', ['update']) === 0;
    if (!updated) log(`  apt-get update failed (attempt ${attempt} of ${updateAttempts})`);
  }
  if (!updated) return { ok: false, message: missingChromiumMessage(path, 'apt-get update failed') };
  if (run('apt-get', ['install', '-y', 'chromium']) !== 0 || !exists(path)) {
    return { ok: false, message: missingChromiumMessage(path, 'apt-get install chromium failed') };
  }
  return { ok: true, path, installed: true };
}
