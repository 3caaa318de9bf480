// The e2e tier's global set-up, run by Jest in its parent process before any test file (plain
// JavaScript: Jest loads it with Node itself, outside its module sandbox and transforms).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import { dropDatabase, ensureInfra, REPO } from '../../scripts/lib/infra.js';
import { startMailCatcher } from '../../scripts/lib/mail-catcher.js';
import { SERVICES, startSystem } from '../../scripts/lib/services.js';

/** Read by `inject()` in support/system.ts, in every test worker (they inherit the environment). */
export const E2E_SYSTEM_ENV = 'MENTORFLOW_E2E_SYSTEM';

/**
 * Brings up the whole system for the end-to-end tier: real Kafka and Postgres, the four services
 * on fresh databases, and the gateway, all from dist/ as separate processes. global-teardown.js
 * stops them (Jest runs both in one global scope).
 */
export default async function setup() {
  await takeSystemLock();
  const env = await ensureInfra({ log: () => undefined });
  if (!process.env.MENTORFLOW_SKIP_BUILD) {
    execFileSync(path.join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
      cwd: REPO,
      stdio: 'inherit',
    });
  }
  for (const service of [...SERVICES, 'gateway']) await dropDatabase(env.DATABASE_URL, `mentorflow_e2e_${service}`);
  // The gateway mails through a real SMTP server: the local catcher, writing .eml files that the
  // email spec reads (email.e2e-spec.ts).
  const mailDir = path.join(REPO, '.data', 'e2e-mail');
  fs.rmSync(mailDir, { recursive: true, force: true });
  const mail = await startMailCatcher({ dir: mailDir });
  globalThis.mentorflowE2eMail = mail;
  // GraphiQL (off by default outside development) for graphiql.e2e-spec.ts, its header editor
  // holding a program manager's token as npm start's does (signed as signTestToken signs).
  const graphiqlToken = await new SignJWT({
    roles: ['PROGRAM_MANAGER'],
    name: 'pm-graphiql',
    email: 'pm-graphiql@example.com',
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('pm-graphiql')
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(process.env.AUTH_JWT_SECRET ?? 'mentorflow-dev-secret-not-for-production'));
  const system = await startSystem({
    env: {
      ...env,
      GRAPHIQL: 'true',
      GRAPHIQL_DEFAULT_HEADERS: JSON.stringify({ Authorization: `Bearer ${graphiqlToken}` }),
      SMTP_URL: mail.url,
      EMAIL_POLL_INTERVAL_MS: '200',
      NODE_ENV: 'test',
      CLOCK_MODE: 'sandbox',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
      // SQL statements counted per service on /metrics, on each app's ops port (the N+1 test reads them).
      MENTORFLOW_QUERY_COUNT: '1',
    },
    basePort: 4100,
    databasePrefix: 'mentorflow_e2e',
    groupSuffix: 'e2e',
    logDir: path.join(REPO, '.data', 'e2e-logs'),
    log: () => undefined,
  });
  globalThis.mentorflowE2eSystem = system;
  process.env[E2E_SYSTEM_ENV] = JSON.stringify({
    gatewayUrl: system.url,
    servicePorts: system.ports,
    opsPorts: system.opsPorts,
    logDir: system.logDir,
    mailDir,
  });
}

/**
 * One started system at a time on this machine: a second run would drop the first one's
 * databases and find its ports taken. Waits for a live holder (up to 15 minutes), takes over from
 * a dead one; global-teardown.js releases it.
 */
export const SYSTEM_LOCK = path.join(REPO, '.data', 'e2e-system.lock');

async function takeSystemLock() {
  fs.mkdirSync(path.dirname(SYSTEM_LOCK), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.writeFileSync(SYSTEM_LOCK, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const holder = Number(fs.readFileSync(SYSTEM_LOCK, 'utf8')) || 0;
    if (!isAlive(holder)) {
      fs.rmSync(SYSTEM_LOCK, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`the e2e system is still held by process ${holder} (${SYSTEM_LOCK})`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
