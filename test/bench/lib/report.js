// Pure helpers of `npm run bench` (scripts/bench.js): statistics, the machine description and the
// Markdown written into BENCHMARKS.md between the results markers. Plain ESM JavaScript so that the
// bench runs without a build of its own; typed by report.d.ts, tested by test/bench/report.spec.ts.
import fs from 'node:fs';
import os from 'node:os';
import process from 'node:process';

export const RESULTS_START = '<!-- bench:results:start -->';
export const RESULTS_END = '<!-- bench:results:end -->';

/** The p-th percentile (0–100) of numbers, nearest-rank on a sorted copy; undefined when empty. */
export function percentile(values, p) {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Count, mean, p50, p90, p99 and max of a sample. */
export function summarize(values) {
  const n = values.length;
  if (!n) return { n: 0 };
  return {
    n,
    mean: values.reduce((a, b) => a + b, 0) / n,
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: Math.max(...values),
  };
}

/** a / b, or undefined when either is missing or b is 0. */
export function ratio(a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : undefined;
}

/**
 * The floor of command → projection lag: two bare Postgres commits (the relay's claim, the
 * consumer's inbox row with its effect) plus the bare Kafka produce → consume round trip, at each
 * percentile (adding p99s gives a floor no lower than any single event's: a conservative one).
 */
export function lagFloor(commit, kafka) {
  const at = (k) =>
    typeof commit?.[k] === 'number' && typeof kafka?.[k] === 'number' ? 2 * commit[k] + kafka[k] : undefined;
  return { p50: at('p50'), p99: at('p99') };
}

/** What the figures were measured on: cores, memory, CPU model, Node, load when the run began. */
export function machineInfo({ cpuinfo, meminfo } = {}) {
  const cpuText = cpuinfo ?? readOr('/proc/cpuinfo');
  const memText = meminfo ?? readOr('/proc/meminfo');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuText)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const memKb = Number(/^MemTotal:\s*(\d+)\s*kB/m.exec(memText)?.[1] ?? Math.round(os.totalmem() / 1024));
  return {
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round((memKb / 1024 / 1024) * 10) / 10,
    cpuModel: model,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

function readOr(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat (fields 14
 * and 15, in clock ticks of 1/100 s); undefined when it cannot be read. `stat` is for tests.
 */
export function processCpuMs(pid, stat) {
  let text = stat;
  if (text === undefined) {
    try {
      text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return undefined;
    }
  }
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) * 10 : undefined;
}

/**
 * CPU time (ms) of every process on the machine, grouped: `named` maps a group to its pids (the
 * apps), `byCommand` a group to a predicate on a process's command name and command line
 * (Postgres backends, the Kafka broker); the machine's total busy and idle time from /proc/stat.
 * Two snapshots subtracted (`cpuDelta`) say where the CPU went between them.
 */
export function cpuSnapshot({ named = {}, byCommand = {}, proc = '/proc' } = {}) {
  const groups = {};
  for (const [group, pids] of Object.entries(named)) {
    groups[group] = pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
  }
  if (Object.keys(byCommand).length) {
    for (const entry of fs.readdirSync(proc)) {
      if (!/^\d+$/.test(entry)) continue;
      let stat, cmdline;
      try {
        stat = fs.readFileSync(`${proc}/${entry}/stat`, 'utf8');
        cmdline = fs.readFileSync(`${proc}/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        continue; // the process ended meanwhile
      }
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      for (const [group, matches] of Object.entries(byCommand)) {
        if (matches(comm, cmdline)) groups[group] = (groups[group] ?? 0) + (processCpuMs(entry, stat) ?? 0);
      }
    }
  }
  const cpuLine = readOr(`${proc}/stat`).split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: ticks of 10 ms
  const idle = ((cpuLine[3] ?? 0) + (cpuLine[4] ?? 0)) * 10;
  const busy = cpuLine.slice(0, 8).reduce((a, b) => a + (b || 0), 0) * 10 - idle;
  return { groups, busy, idle, at: Date.now() };
}

/** Where the CPU went between two snapshots, per unit of work (`per`: e.g. the mutations accepted). */
export function cpuDelta(before, after, per) {
  const groups = {};
  let known = 0;
  for (const [g, ms] of Object.entries(after.groups)) {
    const d = ms - (before.groups[g] ?? 0);
    groups[g] = d / per;
    known += d;
  }
  const busy = after.busy - before.busy;
  const idle = after.idle - before.idle;
  return {
    groups,
    other: Math.max(0, busy - known) / per,
    busy: busy / per,
    utilisation: busy + idle > 0 ? busy / (busy + idle) : undefined,
    seconds: (after.at - before.at) / 1000,
  };
}

/** Value of one Prometheus metric in /metrics text, summed over the series matching `labels`. */
export function metricValue(text, name, labels = {}) {
  let sum;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (!Object.entries(labels).every(([k, v]) => have[k] === v)) continue;
    sum = (sum ?? 0) + Number(m[4]);
  }
  return sum;
}

const fmt = (v, digits = 1) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—');
const ms = (v) => (typeof v === 'number' ? `${fmt(v, v < 10 ? 2 : 1)} ms` : '—');
const cpuMs = (v) => (typeof v === 'number' ? `${fmt(v, 3)} ms` : '—');
const mib = (bytes) => (typeof bytes === 'number' ? `${fmt(bytes / 1024 / 1024, 0)} MiB` : '—');
const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? '**met**' : '**not met**');

/** The Markdown of one run (what goes between the results markers). */
export function renderResults(r) {
  const lines = [];
  const m = r.machine;
  lines.push(
    `### ${r.quick ? 'Trial run (`--quick`, short durations: figures are indicative only)' : 'Run'} of ${r.date}`,
  );
  lines.push('');
  lines.push(
    `Machine: ${m.cores} cores, ${m.memoryGiB} GiB, ${m.cpuModel}; Node ${m.node}; ${m.platform}; ` +
      `load average at start ${m.loadAverage.join(' / ')}${r.busyNote ? ` (${r.busyNote})` : ''}.`,
  );
  lines.push(`Settings: ${r.settings}.`);
  lines.push('');
  if (r.catchUp) {
    lines.push(
      `Before measuring, the fresh consumer groups replayed ${r.catchUp.messages} historical messages of the shared topics in ` +
        `${fmt(r.catchUp.seconds)} s (${fmt(r.catchUp.messages / Math.max(r.catchUp.seconds, 0.001), 0)} messages/s).`,
    );
    lines.push('');
  }

  const rd = r.reads;
  if (rd) {
    lines.push(`#### Reads: \`${rd.query}\`, ${rd.connections} connections, ${rd.seconds} s each`);
    lines.push('');
    if (rd.distinct) {
      lines.push(
        'Each connection its own alias of a field in the page (`node { id name enrolledCount k0: id }`, `k1`, …): no two subgraph requests in flight are identical, so every request costs a subgraph call — the gateways’ own overhead.',
      );
      lines.push('');
      renderReads(lines, rd.distinct);
      lines.push(
        'The same document on every connection: identical requests are in flight at once, which a gateway that deduplicates in-flight subgraph queries (Hive Gateway by default, ours with `SUBGRAPH_DEDUPLICATE_INFLIGHT`) sends once.',
      );
      lines.push('');
    }
    renderReads(lines, rd);
  }

  const lg = r.lag;
  if (lg) {
    lines.push(`#### Command-to-projection lag at ${lg.rate} mutations/s for ${lg.seconds} s`);
    lines.push('');
    lines.push('| path | n | p50 | p90 | p99 | max |');
    lines.push('|---|---:|---:|---:|---:|---:|');
    const row = (name, s) =>
      lines.push(`| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} |`);
    row('bare KafkaJS produce → consume, scratch topic (baseline)', lg.kafka);
    if (lg.commit) row('bare Postgres commit, one INSERT in its own transaction (baseline)', lg.commit);
    if (lg.floor)
      lines.push(
        `| **floor**: 2 bare commits + the bare round trip | — | ${ms(lg.floor.p50)} | — | ${ms(lg.floor.p99)} | — |`,
      );
    row('`enrollIntern` answered → row in the mentors read model', lg.system);
    row('`enrollIntern` request → answer (through the gateway)', lg.mutation);
    lines.push('');
    lines.push(
      `Lag against the floor: p50 ${fmt(ratio(lg.system.p50, lg.floor?.p50), 1)}× (goal ≤ 2×: ${verdict(lg.targets.p50Floor)}), ` +
        `p99 ${ms(lg.system.p99)} (goal ≤ 50 ms: ${verdict(lg.targets.p99)}); against the bare round trip alone p50 ${fmt(ratio(lg.system.p50, lg.kafka.p50), 1)}×, p99 ${fmt(ratio(lg.system.p99, lg.kafka.p99), 1)}×. ` +
        `Accepted ${lg.accepted}, projected ${lg.projected}${lg.failed ? `, refused ${lg.failed} (${lg.failures})` : ''}.`,
    );
    if (lg.breakdown) {
      lines.push('');
      lines.push(
        'Where the time goes (p50 / p99): commits seen through NOTIFY, Kafka’s acknowledgement of the relay’s produce (`outbox.published_at`) and the handler start (`inbox.processed_at`).',
      );
      lines.push('');
      lines.push('| segment | p50 | p99 |');
      lines.push('|---|---:|---:|');
      for (const [name, s] of Object.entries(lg.breakdown)) lines.push(`| ${name} | ${ms(s.p50)} | ${ms(s.p99)} |`);
    }
    if (lg.cpu) {
      lines.push('');
      lines.push(
        `Where the CPU goes, per accepted \`enrollIntern\` (process CPU time from /proc over the ${fmt(lg.cpu.seconds, 1)} s from the first request to the last projection; the machine was ${fmt((lg.cpu.utilisation ?? 0) * 100, 0)} % busy):`,
      );
      lines.push('');
      lines.push('| process | CPU per mutation | share |');
      lines.push('|---|---:|---:|');
      const rows = [...Object.entries(lg.cpu.groups), ['everything else (kernel, other processes)', lg.cpu.other]];
      for (const [name, v] of rows.sort((a, b) => b[1] - a[1]))
        lines.push(`| ${name} | ${ms(v)} | ${fmt((100 * v) / lg.cpu.busy, 0)} % |`);
      lines.push(`| **the whole machine** | **${ms(lg.cpu.busy)}** | 100 % |`);
    }
    lines.push('');
  }

  if (r.sustained?.length) {
    lines.push('#### Sustained `enrollIntern` load (open loop), every event delivered?');
    lines.push('');
    lines.push(
      '| offered/s | accepted/s | accepted | refused | in mentors read model | all consumer groups caught up after | max consumer lag (sampled 1/s) | lag in mentors /metrics at the end |',
    );
    lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const s of r.sustained) {
      lines.push(
        `| ${s.rate} | ${fmt(s.achieved, 0)} | ${s.accepted} | ${s.failed} | ${s.projected}${s.projected === s.accepted ? ' (all)' : ' (**missing**)'} | ` +
          `${s.drainSeconds === undefined ? `not within the wait${s.lagging ? ` (behind: ${s.lagging})` : ''}` : `${fmt(s.drainSeconds)} s`} | ${s.maxLag ?? '—'} | ${s.metricsLag ?? '—'} |`,
      );
    }
    lines.push('');
    if (r.sustainedNote) {
      lines.push(r.sustainedNote);
      lines.push('');
    }
  }

  if (r.memory) {
    lines.push('#### Memory (resident set size)');
    lines.push('');
    lines.push('| process | at rest | peak under load | after load |');
    lines.push('|---|---:|---:|---:|');
    for (const [name, x] of Object.entries(r.memory))
      lines.push(`| ${name} | ${mib(x.rest)} | ${mib(x.peak)} | ${mib(x.after)} |`);
    lines.push('');
  }
  if (r.notes?.length) {
    for (const n of r.notes) lines.push(`- ${n}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** The table and the goals of one reads scenario ({ direct, gateway, peers, targets }). */
function renderReads(lines, rd) {
  lines.push(
    '| target | requests/s | mean | p50 | p99 | errors / non-2xx | p50 / direct | CPU per request: gateway / subgraph |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  const targets = [
    ['cohorts subgraph, direct (baseline)', rd.direct],
    ['our gateway (@mercuriusjs/gateway)', rd.gateway],
    ...(rd.peers ?? []).map((p) => [`${p.name} (peer)`, p]),
  ];
  for (const [name, x] of targets) {
    lines.push(
      `| ${name} | ${fmt(x.rps, 0)} | ${ms(x.mean)} | ${ms(x.p50)} | ${ms(x.p99)} | ${x.errors} / ${x.non2xx} | ${fmt(ratio(x.p50, rd.direct.p50), 2)}× | ` +
        `${cpuMs(x.gatewayCpuMs)} / ${cpuMs(x.subgraphCpuMs)} |`,
    );
  }
  lines.push('');
  const meanRatio = ratio(rd.gateway.mean, rd.direct.mean);
  lines.push(
    `Gateway overhead: p50 ${fmt(ratio(rd.gateway.p50, rd.direct.p50), 2)}× the direct subgraph (goal ≤ 1.3×: ${verdict(rd.targets.overhead)})` +
      `${meanRatio === undefined ? '' : `; mean ${fmt(meanRatio, 2)}× (autocannon's percentiles are whole milliseconds)`}; ` +
      `throughput ${fmt(rd.gateway.rps, 0)}/s at p99 ${ms(rd.gateway.p99)} (target ≥ 1,000/s at p99 ≤ 50 ms: ${verdict(rd.targets.throughput)}).`,
  );
  const best = [...(rd.peers ?? [])].sort((a, b) => b.rps - a.rps)[0];
  if (best) {
    lines.push('');
    lines.push(
      `Against the peers (the same subgraphs, supergraph and query): the best peer, ${best.name}, ${fmt(best.rps, 0)}/s at p50 ${ms(best.p50)}; ` +
        `ours ${fmt(rd.gateway.rps, 0)}/s (${fmt(ratio(rd.gateway.rps, best.rps), 2)}×; goal at least the best peer's: ${verdict(rd.targets.peerThroughput)}) ` +
        `at p50 ${ms(rd.gateway.p50)} (goal no higher: ${verdict(rd.targets.peerP50)}).`,
    );
  }
  lines.push('');
}

/** Replaces the text between the results markers of `document` (appending them when missing). */
export function replaceResults(document, section) {
  const start = document.indexOf(RESULTS_START);
  const end = document.indexOf(RESULTS_END);
  const block = `${RESULTS_START}\n${section.trim()}\n${RESULTS_END}`;
  if (start === -1 || end === -1 || end < start) return `${document.trimEnd()}\n\n${block}\n`;
  return document.slice(0, start) + block + document.slice(end + RESULTS_END.length);
}
