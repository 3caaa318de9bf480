#!/usr/bin/env node
// `npm test`: every test tier against the real Kafka and Postgres. Starts what is missing
// (Kafka broker and topics, a Postgres server), type-checks, builds the apps (the end-to-end
// tier runs them from dist/), runs Vitest and prints one closing line: "tests: N passed, N failed".
// Extra arguments go to Vitest, e.g. `npm test -- --project unit`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureInfra, REPO } from './lib/infra.js';

const args = process.argv.slice(2);
const started = Date.now();
const step = (name, cmd, cmdArgs, env) => {
  const t = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: REPO, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`  ${name}: ${r.status === 0 ? 'ok' : `failed (exit ${r.status})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return r.status ?? 1;
};

const env = await ensureInfra();
const npx = path.join(REPO, 'node_modules/.bin');
if (step('type check', path.join(npx, 'tsc'), ['-p', 'tsconfig.json', '--noEmit']) !== 0) process.exit(1);
if (step('build', path.join(npx, 'tsc'), ['-p', 'tsconfig.build.json']) !== 0) process.exit(1);

// The tiers run one after another: integration and fault tests stop and restart the shared
// Kafka broker and Postgres, which must not happen under another tier's feet.
const TIERS = ['unit', 'integration', 'e2e', 'faults'];
const chosen = args.some((a) => a === '--project' || a.startsWith('--project='))
  ? [null] // the caller picked projects themselves
  : TIERS;
const totals = { passed: 0, failed: 0, skipped: 0, total: 0 };
let status = 0;
fs.mkdirSync(path.join(REPO, '.data'), { recursive: true });
for (const tier of chosen) {
  const results = path.join(REPO, '.data', `test-results${tier ? `-${tier}` : ''}.json`);
  fs.rmSync(results, { force: true });
  const code = step(
    tier ? `${tier} tests` : 'vitest',
    path.join(npx, 'vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...(tier ? ['--project', tier] : []), ...args],
    { ...env, MENTORFLOW_SKIP_BUILD: '1' },
  );
  if (code !== 0) status = code;
  if (fs.existsSync(results)) {
    const r = JSON.parse(fs.readFileSync(results, 'utf8'));
    totals.passed += r.numPassedTests ?? 0;
    totals.failed += r.numFailedTests ?? 0;
    totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    totals.total += r.numTotalTests ?? 0;
  } else if (code !== 0) {
    totals.failed += 1; // the tier could not even report (a setup failure)
  }
}
let summary = `tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
if (totals.total === 0) summary = 'tests: 0 passed, 1 failed (no test ran)';
console.log(`\nwhole run: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(summary);
process.exit(status === 0 && totals.failed === 0 && totals.total > 0 ? 0 : 1);
