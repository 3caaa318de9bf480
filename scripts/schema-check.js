#!/usr/bin/env node
// `npm run schema:check` / `npm run schema:update`: the composed supergraph schema, as clients see
// it through the gateway, against the committed schema/supergraph.graphql.
//
//   schema:check   prints the diff and the breaking changes (graphql's findBreakingChanges), and
//                  exits 1 when the running schema differs from the committed file;
//   schema:update  rewrites the committed file (listing what it breaks).
//
// The schema comes from the gateway at GATEWAY_URL (default http://127.0.0.1:4000/graphql) by
// introspection; when none answers there, the script builds and starts the whole system itself
// on spare ports (4200–4205, throwaway databases), reads it, and stops it again.
/* global AbortSignal */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SignJWT } from 'jose';
import {
  buildClientSchema,
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_FILE = path.join(REPO, 'schema', 'supergraph.graphql');
const DEV_SECRET = 'mentorflow-dev-secret-not-for-production';

async function devToken() {
  return new SignJWT({ roles: ['PROGRAM_MANAGER'], name: 'schema-check' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('schema-check')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(process.env.AUTH_JWT_SECRET ?? DEV_SECRET));
}

/** The gateway's schema as SDL, sorted, exactly as committed. */
export async function fetchSupergraphSdl(url, token) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? (await devToken())}` },
    body: JSON.stringify({ query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }) }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.json();
  if (!body.data) throw new Error(`introspection failed (${res.status}): ${JSON.stringify(body.errors ?? body)}`);
  return `${printSchema(lexicographicSortSchema(buildClientSchema(body.data)))}\n`;
}

/** What changed between two SDLs: a line diff, and the breaking and dangerous changes. */
export function compareSchemas(committed, current) {
  const diff = lineDiff(committed, current);
  if (!committed.trim()) return { changed: current.trim() !== '', diff, breaking: [], dangerous: [] };
  const before = buildSchema(committed);
  const after = buildSchema(current);
  return {
    changed: committed !== current,
    diff,
    breaking: findBreakingChanges(before, after).map((c) => `${c.type}: ${c.description}`),
    dangerous: findDangerousChanges(before, after).map((c) => `${c.type}: ${c.description}`),
  };
}

/** A unified-style diff of two texts (longest common subsequence of lines), changed lines with 2 lines of context. */
export function lineDiff(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) ops.push([' ', x[i++], j++]);
    else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push(['-', x[i++], j]);
    else ops.push(['+', y[j++], j]);
  }
  const keep = new Set();
  ops.forEach((op, k) => {
    if (op[0] !== ' ') for (let d = -2; d <= 2; d++) keep.add(k + d);
  });
  const out = [];
  let last = -1;
  ops.forEach((op, k) => {
    if (!keep.has(k)) return;
    if (last !== -1 && k !== last + 1) out.push('…');
    out.push(`${op[0]} ${op[1]}`);
    last = k;
  });
  return out.join('\n');
}

async function gatewayAnswers(url) {
  try {
    await fetchSupergraphSdl(url);
    return true;
  } catch {
    return false;
  }
}

/** Builds and starts the whole system on spare ports; returns its gateway URL and a stop function. */
async function startOwnSystem() {
  const { execFileSync } = await import('node:child_process');
  const { ensureInfra, dropDatabase } = await import('./lib/infra.js');
  const { SERVICES, startSystem } = await import('./lib/services.js');
  const env = await ensureInfra({ log: () => undefined });
  console.error('schema: no gateway answered; building and starting the system on :4200…');
  execFileSync(path.join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: REPO, stdio: 'inherit' });
  const prefix = 'mentorflow_schema';
  for (const s of [...SERVICES, 'gateway']) await dropDatabase(env.DATABASE_URL, `${prefix}_${s}`);
  const system = await startSystem({
    env: { ...env, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    basePort: 4200,
    databasePrefix: prefix,
    groupSuffix: 'schema',
    logDir: path.join(REPO, '.data', 'schema-logs'),
    log: () => undefined,
  });
  return { url: system.url, stop: () => system.stop() };
}

async function main() {
  const update = process.argv.includes('--update');
  const url = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
  const own = (await gatewayAnswers(url)) ? undefined : await startOwnSystem();
  let current;
  try {
    current = await fetchSupergraphSdl(own?.url ?? url);
  } finally {
    await own?.stop();
  }
  const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
  const result = compareSchemas(committed, current);
  if (result.breaking.length) console.log(`Breaking changes:\n${result.breaking.map((c) => `  ✗ ${c}`).join('\n')}\n`);
  if (result.dangerous.length) console.log(`Dangerous changes:\n${result.dangerous.map((c) => `  ! ${c}`).join('\n')}\n`);
  if (update) {
    fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
    fs.writeFileSync(SCHEMA_FILE, current);
    console.log(result.changed ? `schema: wrote ${path.relative(REPO, SCHEMA_FILE)}` : 'schema: unchanged');
    return 0;
  }
  if (!result.changed) {
    console.log(`schema: ${path.relative(REPO, SCHEMA_FILE)} matches the running gateway`);
    return 0;
  }
  console.log(`${result.diff}\n\nschema: the composed schema differs from ${path.relative(REPO, SCHEMA_FILE)}; run \`npm run schema:update\` and commit it`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`schema: ${err?.stack ?? err}`);
      process.exit(2);
    },
  );
}
