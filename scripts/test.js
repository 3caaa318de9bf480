#!/usr/bin/env node
// `npm test`: every test tier against the real Kafka and Postgres. Starts what is missing
// (Kafka broker and topics, a Postgres server), type-checks, builds the apps (the end-to-end
// tier runs them from dist/), runs the Jest projects one after another and prints one closing
// line: "tests: N passed, N failed".
//
//   npm test                                   every tier: unit, integration, e2e, security, faults, scale
//   npm test -- --selectProjects unit          only the tiers named (Jest project names)
//   npm test -- --selectProjects unit -t clock other arguments go to Jest
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './lib/chromium.js';
import { ensureInfra, REPO } from './lib/infra.js';
import { runsOf } from './lib/test-runs.js';

// The tiers run one after another. The e2e, security, fault and scale tiers run their files one
// at a time (they share one running system, or stop and restart Kafka and Postgres under it). The
// integration files each make their own databases, consumer groups and ports: in a whole run they
// run two at a time, but for the one file that stops the shared Kafka broker, which runs alone
// after them. A run given files or options of its own runs every tier's files one at a time.
const TIERS = ['unit', 'integration', 'e2e', 'security', 'faults', 'scale'];
/** The tiers with tests in headless Chromium. */
const BROWSER_TIERS = new Set(['integration', 'e2e']);

/** Splits `--selectProjects a b` / `--selectProjects=a` out of the arguments. */
export function selectTiers(argv) {
  const rest = [];
  const picked = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--selectProjects=')) picked.push(...a.slice('--selectProjects='.length).split(','));
    else if (a === '--selectProjects') while (argv[i + 1] && !argv[i + 1].startsWith('-')) picked.push(argv[++i]);
    else rest.push(a);
  }
  const unknown = picked.filter((p) => !TIERS.includes(p));
  if (unknown.length) throw new Error(`unknown project(s) ${unknown.join(', ')}; the projects are ${TIERS.join(', ')}`);
  return { tiers: picked.length ? TIERS.filter((t) => picked.includes(t)) : TIERS, rest };
}

const started = Date.now();
const step = (name, cmd, cmdArgs, env) => {
  const t = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: REPO, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`  ${name}: ${r.status === 0 ? 'ok' : `failed (exit ${r.status})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return r.status ?? 1;
};

const { tiers, rest } = selectTiers(process.argv.slice(2));
const env = await ensureInfra();
const bin = path.join(REPO, 'node_modules/.bin');
if (step('type check', path.join(bin, 'tsc'), ['-p', 'tsconfig.json', '--noEmit']) !== 0) process.exit(1);
if (step('build', path.join(bin, 'tsc'), ['-p', 'tsconfig.build.json']) !== 0) process.exit(1);

const totals = { passed: 0, failed: 0, skipped: 0, total: 0 };
let status = 0;
let chromiumChecked = false;
fs.mkdirSync(path.join(REPO, '.data'), { recursive: true });
for (const tier of tiers) {
  // The browser tests (GraphiQL, test/e2e/support/browser.ts; the integration tier has one too) run
  // in Debian's Chromium: installed here when missing and this process can (root and apt-get), else
  // said here, and those tests fail with the same message (the tier's other tests still run).
  if (BROWSER_TIERS.has(tier) && !chromiumChecked) {
    chromiumChecked = true;
    const chromium = ensureChromium();
    if (!chromium.ok) console.error(`\n✗ ${chromium.message}`);
  }
  for (const [label, suffix, tierArgs] of runsOf(tier, rest)) {
    const results = path.join(REPO, '.data', `test-results-${tier}${suffix}.json`);
    fs.rmSync(results, { force: true });
    const code = step(
      label,
      process.execPath,
      [
        '--experimental-vm-modules',
        '--no-warnings=ExperimentalWarning',
        path.join(REPO, 'node_modules/jest/bin/jest.js'),
        '--selectProjects',
        tier,
        '--json',
        `--outputFile=${results}`,
        // A tier ends when its last test does, not when every socket a test left open has closed.
        '--forceExit',
        ...tierArgs,
      ],
      { ...env, MENTORFLOW_SKIP_BUILD: '1' },
    );
    if (code !== 0) status = code;
    if (fs.existsSync(results)) {
      const r = JSON.parse(fs.readFileSync(results, 'utf8'));
      totals.passed += r.numPassedTests ?? 0;
      totals.failed += r.numFailedTests ?? 0;
      totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
      totals.total += r.numTotalTests ?? 0;
      // A file that failed to load (a syntax or import error) counts no test: count it as a failure.
      totals.failed += r.numRuntimeErrorTestSuites ?? 0;
    } else if (code !== 0) {
      totals.failed += 1; // the tier could not even report (a setup failure)
    }
  }
}
let summary = `tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
if (totals.total === 0) summary = 'tests: 0 passed, 1 failed (no test ran)';
console.log(`\nwhole run: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(summary);
process.exit(status === 0 && totals.failed === 0 && totals.total > 0 ? 0 : 1);
