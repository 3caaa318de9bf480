#!/usr/bin/env node
// `npm run bench`: the system's figures, each beside its raw baseline measured in the same run,
// written into BENCHMARKS.md (between the results markers) with the machine and the date.
//
//   npm run bench                 the full run (several minutes; run it on a quiet machine)
//   npm run bench -- --quick      a short trial that proves the harness (figures indicative only)
//   options: --no-build  --base-port 4200  --out BENCHMARKS.md  --connections 10  --read-seconds N
//            --lag-rate 100  --rates 50,100,200,400  --log-level info  --keep (keep the databases)
//            --only reads,lag,sustained (some sections only; with --out elsewhere while profiling)
//            --prefix bench (databases mentorflow_<prefix>_*, consumer groups …-<prefix>-<run>)
//
// It starts what is missing of the infrastructure (Kafka, Postgres), builds the apps, runs the
// whole system itself on its own ports (gateway on --base-port, the services on the next four,
// the gateway's notifications subgraph on the fifth, the peer gateways on +10 and +11) with fresh
// `mentorflow_bench_*` databases and consumer groups of its own, and stops it at the end.
// Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { cpuDelta, cpuSnapshot, lagFloor, machineInfo, metricValue, processCpuMs, ratio, renderResults, replaceResults, summarize } from '../test/bench/lib/report.js';
import { composeSupergraph, fetchSubgraphSdl, schemaDifference, withoutFederationDefinitions } from '../test/bench/lib/supergraph.js';
import { dropDatabase, ensureInfra, REPO } from './lib/infra.js';
import { startPeers } from './lib/peers.js';
import { SERVICES, startSystem } from './lib/services.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'base-port': { type: 'string', default: '4200' },
    out: { type: 'string', default: 'BENCHMARKS.md' },
    connections: { type: 'string', default: '10' },
    'read-seconds': { type: 'string' },
    'lag-rate': { type: 'string', default: '100' },
    rates: { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    keep: { type: 'boolean', default: false },
    only: { type: 'string', default: 'reads,lag,sustained' },
    prefix: { type: 'string', default: 'bench' },
  },
});
if (!/^[a-z][a-z0-9]{0,15}$/.test(args.prefix)) throw new Error(`--prefix: lower-case letters and digits, a letter first (got "${args.prefix}")`);
const SECTIONS = ['reads', 'lag', 'sustained'];
const only = new Set(args.only.split(',').map((x) => x.trim()));
for (const x of only) if (!SECTIONS.includes(x)) throw new Error(`--only: unknown section "${x}" (one of ${SECTIONS.join(', ')})`);

const quick = args.quick;
const plan = {
  readSeconds: Number(args['read-seconds'] ?? (quick ? 3 : 10)),
  warmupSeconds: quick ? 1 : 3,
  connections: Number(args.connections),
  lagRate: Number(args['lag-rate']),
  lagSeconds: quick ? 4 : 15,
  rates: (args.rates ?? (quick ? '50,100' : '50,100,200,300,400')).split(',').map(Number),
  stepSeconds: quick ? 4 : 15,
  drainWaitMs: quick ? 20_000 : 60_000,
  catchUpWaitMs: quick ? 60_000 : 240_000,
};
const PREFIX = `mentorflow_${args.prefix}`;
const BENCH_RATE_LIMIT = { MUTATION_RATE_BURST: '5000', MUTATION_RATE_PER_MINUTE: '60000' };
const SECRET = 'mentorflow-bench-secret-0123456789';
const run = randomBytes(3).toString('hex');
const suffix = `${args.prefix}-${run}`;
const READ_QUERY = 'cohorts(first: 20) { edges { node { id name enrolledCount } } }';
const ENROLLED_TYPE = 'mentorflow.cohorts.InternEnrolled.v1';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (m) => console.log(`[bench] ${m}`);

const machine = machineInfo();
const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const results = { quick, date, machine, notes: [] };
results.settings =
  `reads ${plan.connections} connections × ${plan.readSeconds} s after ${plan.warmupSeconds} s warm-up, one target after the other ` +
  `(the cohorts subgraph directly, our gateway, then Hive Gateway and Apollo Gateway as peers, each its own process with Node's defaults, on the same subgraphs); ` +
  `lag at ${plan.lagRate}/s for ${plan.lagSeconds} s; sustained steps ${plan.rates.join(', ')}/s × ${plan.stepSeconds} s; ` +
  `apps with NODE_ENV=production, LOG_LEVEL=${args['log-level']}, one process each, Kafka and Postgres on the same machine; ` +
  `the gateway's per-user mutation limit raised to ${BENCH_RATE_LIMIT.MUTATION_RATE_PER_MINUTE}/min (burst ${BENCH_RATE_LIMIT.MUTATION_RATE_BURST}) for the load generator's single token`;
if (machine.loadAverage[0] > machine.cores * 0.5) {
  results.busyNote = 'the machine was busy with other work: expect worse figures than on a quiet machine';
}

// ---------------------------------------------------------------------------------------------
log(
  `machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverage.join(' ')}`,
);
const infra = await ensureInfra({ log });
if (!args['no-build']) {
  log('building the apps (tsc -p tsconfig.build.json)');
  const build = spawnSync(path.join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    const missing = [...SERVICES, 'gateway'].filter(
      (s) => !fs.existsSync(path.join(REPO, 'dist/apps', s, 'src/main.js')),
    );
    if (missing.length) {
      console.error(build.stdout, build.stderr);
      throw new Error(`the build failed and left no entry point for ${missing.join(', ')}`);
    }
    const errors = (build.stdout.match(/error TS/g) ?? []).length;
    log(`the build reported ${errors} type error(s) (emitted anyway); benchmarking what it emitted`);
    results.notes.push(
      `The build reported ${errors} type error(s) in work in progress; the apps ran from what tsc emitted.`,
    );
  }
}
const { computeLag } = await import(path.join(REPO, 'dist/libs/messaging/src/consumer-lag.js'));

const databases = [...SERVICES, 'gateway'].map((s) => `${PREFIX}_${s}`);
for (const name of databases) await dropDatabase(infra.DATABASE_URL, name);
const kafka = new Kafka({
  clientId: `mentorflow-bench-${run}`,
  brokers: infra.KAFKA_BROKERS.split(','),
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const groups = [...SERVICES, 'gateway'].map((s) => `mentorflow-${s}-${suffix}`);
// The run's consumer groups start at the current ends of the shared topics: what other runs left
// there is not this run's to replay (the services subscribe from the beginning).
await admin.connect();
{
  const { topics } = JSON.parse(fs.readFileSync(path.join(REPO, 'infra/kafka/topics.json'), 'utf8'));
  let skipped = 0;
  for (const { name } of topics.filter((t) => t.name.endsWith('.events'))) {
    const ends = await admin.fetchTopicOffsets(name);
    skipped += ends.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    const partitions = ends.map((p) => ({ partition: p.partition, offset: p.high }));
    for (const groupId of groups) await admin.setOffsets({ groupId, topic: name, partitions });
  }
  log(`consumer groups of this run start at the topics' ends (${skipped} earlier messages not replayed)`);
}
const basePort = Number(args['base-port']);
const logDir = path.join(REPO, '.data', 'logs', 'bench');
log(`starting the system on :${basePort}–${basePort + 4} (logs in ${path.relative(REPO, logDir)})`);
const system = await startSystem({
  env: {
    ...infra,
    NODE_ENV: 'production',
    AUTH_JWT_SECRET: SECRET,
    LOG_LEVEL: args['log-level'],
    // The load comes from one program manager's token: the per-user mutation limit (20/s by
    // default) would otherwise refuse most of it and the bench would measure the limiter.
    ...BENCH_RATE_LIMIT,
  },
  basePort,
  databasePrefix: PREFIX,
  groupSuffix: suffix,
  logDir,
  log,
});
/** The peer gateways while the reads run (stopped right after them, or at the end on an error). */
let peerGateways;
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log('interrupted: stopping the system');
  void Promise.all([system.stop(), peerGateways?.stop()]).then(() => process.exit(130));
});

const dbUrl = (service) => {
  const url = new URL(infra.DATABASE_URL);
  url.pathname = `/${PREFIX}_${service}`;
  return url.toString();
};
const clients = [];
async function sql(service) {
  const client = new pg.Client({ connectionString: dbUrl(service) });
  await client.connect();
  clients.push(client);
  return client;
}

try {
  const pm = await new SignJWT({ roles: ['PROGRAM_MANAGER'], name: 'Bench PM', email: 'pm-bench@example.com' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('pm-bench')
    .setIssuedAt()
    .setExpirationTime('6h')
    .sign(new TextEncoder().encode(SECRET));
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${pm}` };
  const urlOf = (service) => `http://127.0.0.1:${system.ports[service]}`;
  /** /metrics is served on each app's ops port only. */
  const opsUrlOf = (service) => `http://127.0.0.1:${system.opsPorts[service]}`;
  // The load generator shares the two cores with the system it measures: plain node:http on
  // kept-alive sockets costs it about a third of what fetch() does per request.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const gql = (url, query, variables) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ query, variables });
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch (err) {
              reject(new Error(`${url} answered ${res.statusCode} with a body that is not JSON: ${err.message}`));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  // --- consumer groups of this run and their lag -----------------------------------------------
  async function groupLag() {
    const described = await admin.describeGroups(groups);
    let total = 0;
    const byGroup = {};
    for (const g of described.groups) {
      const topics = new Set();
      for (const member of g.members) {
        const decoded = member.memberAssignment?.length
          ? AssignerProtocol.MemberAssignment.decode(member.memberAssignment)
          : null;
        for (const t of Object.keys(decoded?.assignment ?? {})) topics.add(t);
      }
      if (!topics.size) continue;
      const committed = await admin.fetchOffsets({ groupId: g.groupId, topics: [...topics] });
      const ends = await Promise.all(
        [...topics].map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })),
      );
      const lag = computeLag(committed, ends).reduce((n, p) => n + p.lag, 0);
      byGroup[g.groupId.replace(`-${suffix}`, '')] = lag;
      total += lag;
    }
    return { total, byGroup };
  }
  const behind = (byGroup) =>
    Object.entries(byGroup)
      .filter(([, n]) => n > 0)
      .map(([g, n]) => `${g} ${n}`)
      .join(', ');
  /** Seconds until every group of this run has consumed everything, or undefined after `timeoutMs`. */
  async function waitCaughtUp(timeoutMs, what) {
    const started = Date.now();
    let zeroes = 0;
    for (;;) {
      const { total, byGroup } = await groupLag();
      zeroes = total === 0 ? zeroes + 1 : 0;
      if (zeroes >= 2) return (Date.now() - started) / 1000;
      if (Date.now() - started > timeoutMs) {
        const note = `${what}: consumer groups still behind after ${timeoutMs / 1000} s (${behind(byGroup)}); measured anyway.`;
        log(note);
        results.notes.push(note);
        return undefined;
      }
      await sleep(500);
    }
  }

  // Anything produced between the offsets' setting and the groups' joining is consumed first.
  await sleep(1000);
  await waitCaughtUp(plan.catchUpWaitMs, 'At start');

  // --- RSS sampling ------------------------------------------------------------------------------
  const apps = [...SERVICES, 'gateway'];
  async function rssFromMetrics() {
    const out = {};
    for (const a of apps) {
      const text = await (await fetch(`${opsUrlOf(a)}/metrics`)).text();
      out[a] = metricValue(text, 'process_resident_memory_bytes');
    }
    return out;
  }
  function rssFromProc() {
    const out = {};
    for (const child of system.children) {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        out[child.serviceName] = Number(/^VmRSS:\s*(\d+)\s*kB/m.exec(status)?.[1] ?? 0) * 1024;
      } catch {
        /* exited */
      }
    }
    return out;
  }
  /** The processes whose CPU the lag phase accounts for: each app, Postgres, the Kafka broker, this bench. */
  const cpuGroups = () => ({
    named: {
      ...Object.fromEntries(system.children.map((c) => [c.serviceName, [c.pid]])),
      'load generator (this bench: HTTP client, LISTEN)': [process.pid],
    },
    byCommand: {
      'Postgres (every backend, WAL writer, checkpointer)': (comm) => comm === 'postgres',
      'Kafka broker': (comm, cmdline) => comm === 'java' && cmdline.includes('kafka.Kafka'),
    },
  });
  const peak = {};
  const samplePeak = () => {
    for (const [name, bytes] of Object.entries(rssFromProc())) peak[name] = Math.max(peak[name] ?? 0, bytes);
  };

  // --- cohorts to read and to enroll into ------------------------------------------------------
  const startDate = (() => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7) + 7);
    return d.toISOString().slice(0, 10);
  })();
  const CAPACITY = 250;
  let cohortSeq = 0;
  async function scheduleCohort() {
    const r = await gql(
      `${system.url}`,
      `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`,
      {
        input: {
          name: `Bench cohort ${run}-${++cohortSeq}`,
          startDate,
          weeks: 12,
          timezone: 'UTC',
          location: 'Bench',
          workMode: 'REMOTE',
          capacity: CAPACITY,
        },
      },
    );
    if (r.errors) throw new Error(`scheduleCohort failed: ${JSON.stringify(r.errors)}`);
    return r.data.scheduleCohort.id;
  }
  /** Spreads enrollments round-robin over a few cohorts (one row lock per cohort), replacing full ones. */
  const pool = { active: [], used: new Map(), width: 16 };
  async function ensurePool(needed) {
    const free = () => pool.active.reduce((n, id) => n + CAPACITY - (pool.used.get(id) ?? 0), 0);
    pool.active = pool.active.filter((id) => (pool.used.get(id) ?? 0) < CAPACITY - 5);
    while (pool.active.length < pool.width || free() < needed) {
      const id = await scheduleCohort();
      pool.active.push(id);
      pool.used.set(id, 0);
    }
  }
  let rr = 0;
  function takeCohort() {
    for (let i = 0; i < pool.active.length; i++) {
      const id = pool.active[rr++ % pool.active.length];
      if ((pool.used.get(id) ?? 0) < CAPACITY) {
        pool.used.set(id, (pool.used.get(id) ?? 0) + 1);
        return id;
      }
    }
    throw new Error('no cohort capacity left in the pool; call ensurePool first');
  }
  let internSeq = 0;
  const ENROLL = `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id } }`;
  async function enroll(tag) {
    const internId = `bench-${run}-${tag}-${++internSeq}`;
    const input = {
      cohortId: takeCohort(),
      internId,
      name: `Bench Intern ${internSeq}`,
      email: `${internId}@example.edu`,
      university: 'Bench University',
      degreeLevel: 'MASTERS',
      focusAreas: ['nlp', 'ranking'],
      timezone: 'Europe/Berlin',
    };
    const sentAt = performance.now();
    try {
      const r = await gql(system.url, ENROLL, { input });
      const answeredAt = performance.now();
      if (r.errors || !r.data?.enrollIntern?.id) {
        return {
          internId,
          ok: false,
          code: r.errors?.[0]?.extensions?.code ?? 'NO_DATA',
          sentAt,
          answeredAt,
          answeredWall: Date.now(),
        };
      }
      return { internId, ok: true, sentAt, answeredAt, answeredWall: Date.now() };
    } catch (err) {
      return {
        internId,
        ok: false,
        code: err.code ?? err.message,
        sentAt,
        answeredAt: performance.now(),
        answeredWall: Date.now(),
      };
    }
  }
  /** Open loop: one call every 1000/rate ms whatever the answers, at most `maxInFlight` outstanding. */
  async function openLoop(rate, seconds, call, { maxInFlight = 200, onTick } = {}) {
    const total = Math.round(rate * seconds);
    const interval = 1000 / rate;
    const started = performance.now();
    const pending = [];
    let inFlight = 0;
    let skipped = 0;
    let nextTick = started + 1000;
    for (let i = 0; i < total; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      if (onTick && performance.now() >= nextTick) {
        nextTick += 1000;
        onTick();
      }
      if (inFlight >= maxInFlight) {
        skipped++;
        continue;
      }
      inFlight++;
      pending.push(call(i).finally(() => inFlight--));
    }
    const outcomes = await Promise.all(pending);
    return { outcomes, skipped, seconds: (performance.now() - started) / 1000 };
  }
  const failures = (outcomes) => {
    const codes = {};
    for (const o of outcomes.filter((x) => !x.ok)) codes[o.code] = (codes[o.code] ?? 0) + 1;
    return Object.entries(codes)
      .map(([c, n]) => `${n}× ${c}`)
      .join(', ');
  };

  log('seeding 20 cohorts with a few interns each for the reads');
  await ensurePool(100);
  while (cohortSeq < 20) {
    const id = await scheduleCohort();
    pool.used.set(id, 0);
  }
  for (let i = 0; i < 100; i++) {
    const r = await enroll('seed');
    if (!r.ok) throw new Error(`seeding enrollIntern failed: ${r.code}`);
  }
  await waitCaughtUp(plan.catchUpWaitMs, 'After seeding');
  const rssAtRest = await rssFromMetrics();

  // --- 1. reads: the subgraph directly, our gateway, and the peers ------------------------------
  if (only.has('reads')) {
    // The peers serve the same subgraphs composed into a supergraph from their own SDL (what ours
    // composes too), whose API schema must be the committed schema/supergraph.graphql.
    const subgraphs = [
      ...SERVICES.map((name) => ({ name, url: `${urlOf(name)}/graphql` })),
      { name: 'notifications', url: `http://127.0.0.1:${system.internalPorts.notifications}/graphql` },
    ];
    const { supergraphSdl, apiSdl } = composeSupergraph(await fetchSubgraphSdl(subgraphs));
    const committed = fs.readFileSync(path.join(REPO, 'schema/supergraph.graphql'), 'utf8');
    const difference = schemaDifference(withoutFederationDefinitions(committed), withoutFederationDefinitions(apiSdl));
    if (!difference.same) {
      throw new Error(
        `the subgraphs composed for the peers differ from schema/supergraph.graphql (npm run schema:check): ` +
          `missing ${JSON.stringify(difference.missing)}, extra ${JSON.stringify(difference.extra)}`,
      );
    }
    const supergraphFile = path.join(logDir, 'supergraph.graphql');
    fs.writeFileSync(supergraphFile, supergraphSdl);
    log(`reads: starting the peer gateways on the composed supergraph (= schema/supergraph.graphql)`);
    peerGateways = await startPeers({
      supergraphFile,
      ports: { hive: basePort + 10, apollo: basePort + 11 },
      logDir,
    });

    const body = JSON.stringify({ query: `{ ${READ_QUERY} }` });
    const pidOf = (name) => system.children.find((c) => c.serviceName === name)?.pid;
    const targets = [
      { key: 'direct', label: 'cohorts subgraph, direct', url: `${urlOf('cohorts')}/graphql` },
      { key: 'gateway', label: 'our gateway', url: system.url, pid: pidOf('gateway') },
      ...peerGateways.peers.map((p) => ({ key: p.peer, label: `${p.label} ${p.version}`, url: p.url, pid: p.pid })),
    ];
    // Every target must answer the same data (the peers forward the same bearer token the subgraph verifies).
    let expected;
    for (const t of targets) {
      const r = await (await fetch(t.url, { method: 'POST', headers, body })).json();
      if (r.errors || r.data?.cohorts?.edges?.length !== 20)
        throw new Error(`the read query fails on ${t.label} (${t.url}): ${JSON.stringify(r).slice(0, 400)}`);
      const data = JSON.stringify(r.data);
      expected ??= data;
      if (data !== expected) throw new Error(`${t.label} answers other data than the subgraph: ${data.slice(0, 400)}`);
    }
    // "same": every connection sends the same document, so identical requests are in flight at
    // once (what a gateway that deduplicates in-flight subgraph queries, Hive's and ours, shares);
    // "distinct": each connection its own alias of a field inside the page (gateways drop a root
    // field's alias from the subgraph query, not the ones below it), so no two subgraph requests in
    // flight are identical and each costs a subgraph call: the gateway's own overhead per request.
    const distinctBody = (i) =>
      JSON.stringify({ query: `{ ${READ_QUERY.replace('enrolledCount', `enrolledCount k${i}: id`)} }` });
    const cannon = async (url, seconds, distinct) => {
      let connection = 0;
      const r = await autocannon({
        url,
        method: 'POST',
        headers,
        body,
        connections: plan.connections,
        duration: seconds,
        ...(distinct ? { setupClient: (client) => client.setBody(distinctBody(connection++)) } : {}),
      });
      return {
        rps: r.requests.average,
        // autocannon's percentiles are whole milliseconds; the mean is not.
        mean: r.latency.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        total: r.requests.total,
      };
    };
    const measured = {};
    const measuredDistinct = {};
    for (const t of targets) {
      const r = await (await fetch(t.url, { method: 'POST', headers, body: distinctBody(7) })).json();
      const nodes = r.data?.cohorts?.edges?.map((e) => e.node) ?? [];
      const ids = JSON.parse(expected).cohorts.edges.map((e) => e.node.id);
      if (r.errors || JSON.stringify(nodes.map((n) => n.id)) !== JSON.stringify(ids) || nodes.some((n) => n.k7 !== n.id))
        throw new Error(`the aliased read query fails on ${t.label} (${t.url}): ${JSON.stringify(r).slice(0, 400)}`);
    }
    const cpu = (t) => ({ gateway: t.pid && processCpuMs(t.pid), subgraph: processCpuMs(pidOf('cohorts')) });
    const perRequest = (before, after, total) => (k) =>
      after[k] === undefined || before[k] === undefined || !total ? undefined : (after[k] - before[k]) / total;
    const line = (x) =>
      `${x.rps.toFixed(0)}/s p50 ${x.p50} ms p99 ${x.p99} ms (mean ${x.mean.toFixed(2)} ms); CPU per request: ` +
      `gateway ${x.gatewayCpuMs?.toFixed(3) ?? '—'} ms, subgraph ${x.subgraphCpuMs?.toFixed(3) ?? '—'} ms`;
    for (const t of targets) {
      log(`reads: ${t.label}, distinct documents per connection, ${plan.connections} connections × ${plan.readSeconds} s`);
      await cannon(t.url, plan.warmupSeconds, true);
      const before = cpu(t);
      const x = await cannon(t.url, plan.readSeconds, true);
      const of = perRequest(before, cpu(t), x.total);
      measuredDistinct[t.key] = { ...x, gatewayCpuMs: of('gateway'), subgraphCpuMs: of('subgraph') };
      log(`  ${t.key}: ${line(measuredDistinct[t.key])}`);
      samplePeak();
    }
    for (const t of targets) {
      log(`reads: ${t.label}, the same document on every connection, ${plan.connections} connections × ${plan.readSeconds} s`);
      await cannon(t.url, plan.warmupSeconds);
      // CPU per request of the gateway process and of the subgraph: unlike latency on a shared
      // machine, it hardly depends on what else runs.
      const before = cpu(t);
      const x = await cannon(t.url, plan.readSeconds);
      const of = perRequest(before, cpu(t), x.total);
      measured[t.key] = { ...x, gatewayCpuMs: of('gateway'), subgraphCpuMs: of('subgraph') };
      log(`  ${t.key}: ${line(measured[t.key])}`);
      samplePeak();
    }
    await peerGateways.stop();
    peerGateways = undefined;
    const scenario = (m) => {
      const peers = targets.slice(2).map((t) => ({ name: t.label, ...m[t.key] }));
      const best = [...peers].sort((a, b) => b.rps - a.rps)[0];
      const overhead = ratio(m.gateway.p50, m.direct.p50);
      return {
        direct: m.direct,
        gateway: m.gateway,
        peers,
        targets: {
          overhead: overhead === undefined ? undefined : overhead <= 1.3,
          throughput: m.gateway.rps >= 1000 && m.gateway.p99 <= 50,
          peerThroughput: best ? m.gateway.rps >= best.rps : undefined,
          peerP50: best ? m.gateway.p50 <= best.p50 : undefined,
        },
      };
    };
    results.reads = {
      query: READ_QUERY,
      connections: plan.connections,
      seconds: plan.readSeconds,
      ...scenario(measured),
      distinct: scenario(measuredDistinct),
    };
  }

  // --- 2. lag: bare KafkaJS round trip, then enrollIntern → mentors read model ----------------
  if (only.has('lag')) {
    const topic = `bench.roundtrip.${run}`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    const consumer = kafka.consumer({ groupId: `bench-roundtrip-${run}` });
    const received = new Map();
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: false });
      const joined = new Promise((r) => consumer.on(consumer.events.GROUP_JOIN, r));
      await consumer.run({
        eachMessage: async ({ message }) => void received.set(message.key.toString(), performance.now()),
      });
      await joined;
      await sleep(500);
      log(`lag baseline: bare KafkaJS produce → consume at ${plan.lagRate}/s for ${plan.lagSeconds} s`);
      const sent = new Map();
      await openLoop(plan.lagRate, plan.lagSeconds, async (i) => {
        sent.set(String(i), performance.now());
        await producer.send({
          topic,
          acks: -1,
          messages: [{ key: String(i), value: JSON.stringify({ i, padding: 'x'.repeat(400) }) }],
        });
      });
      const deadline = Date.now() + 10_000;
      while (received.size < sent.size && Date.now() < deadline) await sleep(50);
      results.lag = {
        rate: plan.lagRate,
        seconds: plan.lagSeconds,
        kafka: summarize([...sent].filter(([k]) => received.has(k)).map(([k, t]) => received.get(k) - t)),
      };
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    }
    log(`  bare round trip p50 ${results.lag.kafka.p50?.toFixed(2)} ms p99 ${results.lag.kafka.p99?.toFixed(2)} ms`);

    // The other part of the floor: a bare Postgres commit (one INSERT of a row the size of an
    // outbox row in its own transaction, one connection, same server), at the same rate. The event's
    // path needs at least two after the command's own (the relay's claim, the consumer's inbox row
    // with the effect), so the floor is two of these plus the bare round trip.
    {
      // A few connections, like a service's pool: at this rate a commit never waits for another.
      const floorDb = new pg.Pool({ connectionString: dbUrl('cohorts'), max: 4 });
      await floorDb.query(`CREATE TABLE IF NOT EXISTS bench_floor (id text PRIMARY KEY, payload jsonb NOT NULL)`);
      log(`lag baseline: bare Postgres commits at ${plan.lagRate}/s for ${plan.lagSeconds} s`);
      const payload = JSON.stringify({ padding: 'x'.repeat(400) });
      const { outcomes } = await openLoop(plan.lagRate, plan.lagSeconds, async (i) => {
        const started = performance.now();
        await floorDb.query(`INSERT INTO bench_floor (id, payload) VALUES ($1, $2)`, [`${run}-${i}`, payload]);
        return performance.now() - started;
      });
      await floorDb.query(`DROP TABLE bench_floor`);
      await floorDb.end();
      results.lag.commit = summarize(outcomes);
      results.lag.floor = lagFloor(results.lag.commit, results.lag.kafka);
      log(
        `  bare commit p50 ${results.lag.commit.p50?.toFixed(2)} ms p99 ${results.lag.commit.p99?.toFixed(2)} ms; ` +
          `floor p50 ${results.lag.floor.p50?.toFixed(2)} ms p99 ${results.lag.floor.p99?.toFixed(2)} ms`,
      );
    }

    // NOTIFYs at the commits that matter, delivered to the bench when they commit: each outbox row
    // written by cohorts (a deferred constraint trigger runs at commit time), and each intern
    // projected by mentors. Bench databases only.
    const mentorsDb = await sql('mentors');
    await mentorsDb.query(`
      CREATE OR REPLACE FUNCTION bench_notify_intern() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('bench_projection', NEW.intern_id); RETURN NULL; END $$`);
    await mentorsDb.query(`DROP TRIGGER IF EXISTS bench_notify_intern ON interns`);
    await mentorsDb.query(
      `CREATE TRIGGER bench_notify_intern AFTER INSERT ON interns FOR EACH ROW EXECUTE FUNCTION bench_notify_intern()`,
    );
    const projected = new Map();
    mentorsDb.on('notification', (n) => projected.set(n.payload, { at: performance.now(), wall: Date.now() }));
    await mentorsDb.query('LISTEN bench_projection');
    const cohortsDb = await sql('cohorts');
    await cohortsDb.query(`
      CREATE OR REPLACE FUNCTION bench_notify_outbox_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('bench_outbox_commit', NEW.event_id::text); RETURN NULL; END $$`);
    await cohortsDb.query(`DROP TRIGGER IF EXISTS bench_outbox_commit ON outbox`);
    await cohortsDb.query(
      `CREATE CONSTRAINT TRIGGER bench_outbox_commit AFTER INSERT ON outbox DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bench_notify_outbox_commit()`,
    );
    const committed = new Map();
    cohortsDb.on('notification', (n) => committed.set(n.payload, Date.now()));
    await cohortsDb.query('LISTEN bench_outbox_commit');

    await ensurePool(plan.lagRate * plan.lagSeconds + 50);
    log(`lag: enrollIntern at ${plan.lagRate}/s for ${plan.lagSeconds} s → mentors read model`);
    const cpuBefore = cpuSnapshot(cpuGroups());
    const { outcomes, skipped } = await openLoop(plan.lagRate, plan.lagSeconds, () => enroll('lag'), {
      onTick: samplePeak,
    });
    const accepted = outcomes.filter((o) => o.ok);
    const deadline = Date.now() + 20_000;
    while (accepted.some((o) => !projected.has(o.internId)) && Date.now() < deadline) await sleep(50);
    if (accepted.length) results.lag.cpu = cpuDelta(cpuBefore, cpuSnapshot(cpuGroups()), accepted.length);
    const lags = accepted
      .filter((o) => projected.has(o.internId))
      .map((o) => projected.get(o.internId).at - o.answeredAt);
    results.lag.system = summarize(lags);
    results.lag.mutation = summarize(outcomes.map((o) => o.answeredAt - o.sentAt));
    results.lag.accepted = accepted.length;
    results.lag.projected = accepted.filter((o) => projected.has(o.internId)).length;
    results.lag.failed = outcomes.length - accepted.length + skipped;
    results.lag.failures =
      failures(outcomes) + (skipped ? `${failures(outcomes) ? ', ' : ''}${skipped} not sent (200 in flight)` : '');
    const p50OverFloor = ratio(results.lag.system.p50, results.lag.floor.p50);
    results.lag.targets = {
      p50Floor: p50OverFloor === undefined ? undefined : p50OverFloor <= 2,
      p99: results.lag.system.p99 === undefined ? undefined : results.lag.system.p99 <= 50,
    };
    log(
      `  projection lag p50 ${results.lag.system.p50?.toFixed(1)} ms p99 ${results.lag.system.p99?.toFixed(1)} ms (${results.lag.projected}/${results.lag.accepted})`,
    );

    // Where the time goes: the outbox commit (NOTIFY), Kafka's acknowledgement of the relay's
    // produce (published_at, set by clock_timestamp() right after it, inside the relay's
    // claim-and-mark transaction), the mentors handler's transaction start (inbox processed_at), the
    // projection's commit (NOTIFY); Postgres and the bench read the same clock.
    const ids = accepted.map((o) => o.internId);
    const outbox = await cohortsDb.query(
      `SELECT event_id::text AS event_id, envelope->'data'->>'internId' AS intern_id, extract(epoch FROM published_at) * 1000 AS published
         FROM outbox WHERE event_type = $1 AND envelope->'data'->>'internId' = ANY($2)`,
      [ENROLLED_TYPE, ids],
    );
    const inbox = await mentorsDb.query(
      `SELECT event_id, extract(epoch FROM processed_at) * 1000 AS processed FROM inbox WHERE event_id = ANY($1)`,
      [outbox.rows.map((r) => r.event_id)],
    );
    const processedBy = new Map(inbox.rows.map((r) => [r.event_id, Number(r.processed)]));
    const answeredBy = new Map(accepted.map((o) => [o.internId, o.answeredWall]));
    const seg = { answer: [], pickup: [], kafka: [], apply: [] };
    for (const r of outbox.rows) {
      const commit = committed.get(r.event_id);
      const published = Number(r.published);
      const processed = processedBy.get(r.event_id);
      const notified = projected.get(r.intern_id)?.wall;
      if (commit === undefined || !r.published || processed === undefined || notified === undefined) continue;
      seg.answer.push(answeredBy.get(r.intern_id) - commit);
      seg.pickup.push(published - commit);
      seg.kafka.push(processed - published);
      seg.apply.push(notified - processed);
    }
    results.lag.breakdown = {
      'command committed → answer received through the gateway': summarize(seg.answer),
      'command committed → Kafka acknowledged the relay’s produce (NOTIFY, relay wake-up, claim, produce with acks all)':
        summarize(seg.pickup),
      'Kafka acknowledged → mentors handler transaction starts (relay’s mark and commit in parallel; fetch, consumer dispatch, a pool connection)':
        summarize(seg.kafka),
      'handler transaction starts → projection committed': summarize(seg.apply),
    };
  }

  // --- 3. sustained load at increasing rates -----------------------------------------------------
  if (only.has('sustained')) {
    results.sustained = [];
    const mentorsDb = await sql('mentors');
    for (const rate of plan.rates) {
      await ensurePool(rate * plan.stepSeconds + 50);
      const tag = `s${rate}`;
      let maxLag = 0;
      let sampling = false;
      const sampleLag = () => {
        samplePeak();
        if (sampling) return;
        sampling = true;
        void groupLag()
          .then(({ total }) => (maxLag = Math.max(maxLag, total)))
          .catch(() => undefined)
          .finally(() => (sampling = false));
      };
      log(`sustained: enrollIntern at ${rate}/s for ${plan.stepSeconds} s`);
      const { outcomes, skipped, seconds } = await openLoop(rate, plan.stepSeconds, () => enroll(tag), {
        onTick: sampleLag,
        maxInFlight: 200,
      });
      const accepted = outcomes.filter((o) => o.ok);
      const stepEnded = Date.now();
      let drainSeconds;
      let projectedCount = 0;
      let lagging = '';
      for (;;) {
        sampleLag();
        const { rows } = await mentorsDb.query(`SELECT count(*)::int AS n FROM interns WHERE intern_id LIKE $1`, [
          `bench-${run}-${tag}-%`,
        ]);
        projectedCount = rows[0].n;
        const lag = await groupLag();
        if (projectedCount >= accepted.length && lag.total === 0) {
          drainSeconds = (Date.now() - stepEnded) / 1000;
          break;
        }
        if (Date.now() - stepEnded > plan.drainWaitMs) {
          lagging = behind(lag.byGroup);
          break;
        }
        await sleep(250);
      }
      const metricsText = await (await fetch(`${opsUrlOf('mentors')}/metrics`)).text();
      const step = {
        rate,
        achieved: accepted.length / seconds,
        accepted: accepted.length,
        failed: outcomes.length - accepted.length + skipped,
        failures:
          failures(outcomes) + (skipped ? `${failures(outcomes) ? ', ' : ''}${skipped} not sent (200 in flight)` : ''),
        projected: projectedCount,
        drainSeconds,
        maxLag,
        metricsLag: metricValue(metricsText, 'mentorflow_consumer_lag'),
        lagging,
      };
      results.sustained.push(step);
      log(
        `  offered ${rate}/s: accepted ${step.accepted} (${step.achieved.toFixed(0)}/s), refused ${step.failed}${step.failures ? ` (${step.failures})` : ''}, ` +
          `projected ${step.projected}, caught up ${drainSeconds === undefined ? `not in time (${lagging})` : `${drainSeconds.toFixed(1)} s`} after, max lag ${maxLag}`,
      );
      if (step.projected < step.accepted || step.achieved < rate * 0.9) {
        results.sustainedNote = `Stopped raising the rate after ${rate}/s: ${step.projected < step.accepted ? 'not every accepted mutation reached the read model within the wait' : 'the system no longer accepted the offered rate'}.`;
        break;
      }
    }
    const best = results.sustained
      .filter((s) => s.projected === s.accepted && s.drainSeconds !== undefined)
      .sort((a, b) => b.achieved - a.achieved)[0];
    if (best) {
      results.notes.push(
        `Highest sustained rate with every event delivered: ${best.achieved.toFixed(0)} enrollIntern/s (offered ${best.rate}/s).`,
      );
    }
  }

  const rssAfter = await rssFromMetrics();
  results.memory = Object.fromEntries(apps.map((a) => [a, { rest: rssAtRest[a], peak: peak[a], after: rssAfter[a] }]));
} finally {
  for (const c of clients) await c.end().catch(() => undefined);
  log('stopping the system');
  await peerGateways?.stop();
  await system.stop();
  if (!args.keep) {
    await admin.deleteGroups(groups).catch(() => undefined);
    for (const name of databases) await dropDatabase(infra.DATABASE_URL, name).catch(() => undefined);
  }
  await admin.disconnect().catch(() => undefined);
}

const section = renderResults(results);
const outFile = path.resolve(REPO, args.out);
const document = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '# Mentorflow benchmarks\n';
fs.writeFileSync(outFile, replaceResults(document, section));
console.log(`\n${section}\n`);
log(`results written to ${path.relative(REPO, outFile)}`);
