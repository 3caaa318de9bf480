import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

// `npm start` (scripts/lib/services.js, which the e2e, fault and simulation runs use too): an app
// that exits before it is ready is reported with the reason, the last lines of its log, not only
// "see its log". Here every app is started from dist/ with a LOG_LEVEL the config refuses, on ports
// of their own, as npm start would start them.

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

describe('an app that stops before it is ready', () => {
  it('is reported with the last lines of its log, which name the variable the config refused', async () => {
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-start-failure-'));
    const program = `
      import { startSystem } from ${JSON.stringify(path.join(REPO, 'scripts/lib/services.js'))};
      try {
        await startSystem({ env: { LOG_LEVEL: 'loud' }, basePort: 4750, databasePrefix: 'mentorflow_start_failure',
          logDir: ${JSON.stringify(logDir)}, log: () => undefined });
        console.log('STARTED');
      } catch (err) {
        console.log(err.message);
      }`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', program], {
      cwd: REPO,
      env: { ...process.env, NODE_ENV: 'test' },
      timeout: 120_000,
    });
    expect(stdout).not.toContain('STARTED');
    expect(stdout).toMatch(/^\w+ exited \(1\) before it was ready; the last lines of .*\.log:$/m);
    expect(stdout).toContain('LOG_LEVEL');
  }, 150_000);
});
