import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  cpuDelta,
  cpuSnapshot,
  lagFloor,
  machineInfo,
  metricValue,
  percentile,
  processCpuMs,
  ratio,
  renderResults,
  replaceResults,
  RESULTS_END,
  RESULTS_START,
  summarize,
} from './lib/report.js';

describe('bench report helpers', () => {
  it('takes nearest-rank percentiles and summaries', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([], 50)).toBeUndefined();
    expect(summarize([3, 1, 2])).toEqual({ n: 3, mean: 2, p50: 2, p90: 3, p99: 3, max: 3 });
    expect(summarize([])).toEqual({ n: 0 });
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeUndefined();
  });

  it('puts the lag floor at two bare commits plus the bare round trip, per percentile', () => {
    expect(lagFloor({ n: 9, p50: 1.5, p99: 4 }, { n: 9, p50: 0.5, p99: 3 })).toEqual({ p50: 3.5, p99: 11 });
    expect(lagFloor({ n: 0 }, { n: 9, p50: 0.5, p99: 3 })).toEqual({ p50: undefined, p99: undefined });
    expect(lagFloor(undefined, { n: 9, p50: 0.5, p99: 3 })).toEqual({ p50: undefined, p99: undefined });
  });

  it('describes the machine from /proc', () => {
    const m = machineInfo({
      cpuinfo: 'processor\t: 0\nmodel name\t: Test CPU @ 2.0GHz\n',
      meminfo: 'MemTotal:       25165824 kB\n',
    });
    expect(m.cpuModel).toBe('Test CPU @ 2.0GHz');
    expect(m.memoryGiB).toBe(24);
    expect(m.node).toBe(process.version);
    expect(m.cores).toBeGreaterThan(0);
  });

  it('reads a process’s CPU time from /proc/<pid>/stat, a command name with spaces and parentheses included', () => {
    const stat = '4242 (node (a b)) S 1 4242 4242 0 -1 4194304 9 0 0 0 123 45 0 0 20 0 11 0 100 0 0';
    expect(processCpuMs(4242, stat)).toBe(1680);
    expect(processCpuMs(process.pid)).toBeGreaterThan(0);
    expect(processCpuMs(2 ** 22 + 1)).toBeUndefined();
  });

  it('groups the CPU time of processes by pid and by command, and says where it went per unit of work', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-proc-'));
    const write = (stats: string, procs: Record<string, [string, string]>) => {
      fs.writeFileSync(path.join(dir, 'stat'), `cpu  ${stats}\ncpu0 1 1 1 1\n`);
      for (const [pid, [stat, cmdline]] of Object.entries(procs)) {
        fs.mkdirSync(path.join(dir, pid), { recursive: true });
        fs.writeFileSync(path.join(dir, pid, 'stat'), stat);
        fs.writeFileSync(path.join(dir, pid, 'cmdline'), cmdline.replace(/ /g, '\0'));
      }
    };
    const stat = (pid: number, comm: string, utime: number, stime: number) =>
      `${pid} (${comm}) S 1 1 1 0 -1 0 0 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 1 0 0`;
    const byCommand = {
      postgres: (comm: string) => comm === 'postgres',
      kafka: (comm: string, cmdline: string) => comm === 'java' && cmdline.includes('kafka.Kafka'),
    };
    try {
      write('100 0 50 800 50 0 0 0', {
        '11': [stat(11, 'postgres', 10, 5), 'postgres: x'],
        '12': [stat(12, 'postgres', 1, 0), 'postgres: y'],
        '13': [stat(13, 'java', 20, 0), 'java -cp k kafka.Kafka conf'],
        '14': [stat(14, 'java', 99, 0), 'java -jar other.jar'],
      });
      const before = cpuSnapshot({ named: {}, byCommand, proc: dir });
      expect(before.groups).toEqual({ postgres: 160, kafka: 200 });
      expect(before).toMatchObject({ busy: 1500, idle: 8500 });
      write('200 0 100 850 50 0 0 0', {
        '11': [stat(11, 'postgres', 30, 5), 'postgres: x'],
        '12': [stat(12, 'postgres', 1, 0), 'postgres: y'],
        '13': [stat(13, 'java', 30, 0), 'java -cp k kafka.Kafka conf'],
      });
      const after = cpuSnapshot({ named: {}, byCommand, proc: dir });
      // 1,500 ms busy and 500 ms idle between the two: 20 units of work.
      const d = cpuDelta(before, after, 20);
      expect(d.groups).toEqual({ postgres: 10, kafka: 5 });
      expect(d.busy).toBe(75);
      expect(d.other).toBe(60);
      expect(d.utilisation).toBe(0.75);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a metric out of Prometheus text, summed over the matching series', () => {
    const text = [
      '# HELP mentorflow_consumer_lag x',
      'mentorflow_consumer_lag{group="g",topic="t",partition="0",service="mentors"} 3',
      'mentorflow_consumer_lag{group="g",topic="t",partition="1",service="mentors"} 4',
      'mentorflow_consumer_lag_sampled_timestamp_seconds{group="g"} 99',
      'process_resident_memory_bytes 1048576',
    ].join('\n');
    expect(metricValue(text, 'mentorflow_consumer_lag')).toBe(7);
    expect(metricValue(text, 'mentorflow_consumer_lag', { partition: '1' })).toBe(4);
    expect(metricValue(text, 'process_resident_memory_bytes')).toBe(1048576);
    expect(metricValue(text, 'absent_metric')).toBeUndefined();
  });

  it('renders each figure beside its baseline and replaces only the results block', () => {
    const md = renderResults({
      quick: true,
      date: '2026-01-01T00:00:00Z',
      machine: { cores: 2, memoryGiB: 24, cpuModel: 'CPU', node: 'v20', platform: 'Linux', loadAverage: [1, 1, 1] },
      settings: 's',
      reads: {
        query: 'q',
        connections: 10,
        seconds: 3,
        direct: { rps: 2000, mean: 4.5, p50: 4, p99: 10, errors: 0, non2xx: 0, subgraphCpuMs: 0.9 },
        gateway: {
          rps: 1000,
          mean: 6.3,
          p50: 8,
          p99: 30,
          errors: 0,
          non2xx: 0,
          gatewayCpuMs: 0.45,
          subgraphCpuMs: 0.9,
        },
        peers: [
          { name: 'Hive Gateway 2.1', rps: 900, mean: 7, p50: 9, p99: 20, errors: 0, non2xx: 0 },
          { name: 'Apollo Gateway 2.2', rps: 1200, mean: 5, p50: 5, p99: 12, errors: 1, non2xx: 2 },
        ],
        targets: { overhead: false, throughput: true, peerThroughput: false, peerP50: false },
        distinct: {
          direct: { rps: 1500, mean: 6, p50: 6, p99: 12, errors: 0, non2xx: 0, subgraphCpuMs: 1.2 },
          gateway: { rps: 1100, mean: 8, p50: 7, p99: 15, errors: 0, non2xx: 0, gatewayCpuMs: 0.6, subgraphCpuMs: 1.2 },
          peers: [{ name: 'Hive Gateway 2.1', rps: 1000, mean: 9, p50: 9, p99: 20, errors: 0, non2xx: 0 }],
          targets: { overhead: true, throughput: true, peerThroughput: true, peerP50: true },
        },
      },
      lag: {
        rate: 100,
        seconds: 15,
        kafka: { n: 1500, p50: 0.5, p90: 1, p99: 3, max: 9 },
        commit: { n: 1500, p50: 1.25, p90: 2, p99: 4, max: 12 },
        floor: { p50: 3, p99: 11 },
        system: { n: 1500, p50: 9, p90: 20, p99: 40, max: 70 },
        mutation: { n: 1500, p50: 12, p90: 30, p99: 90, max: 120 },
        accepted: 1500,
        projected: 1500,
        failed: 0,
        targets: { p50Floor: false, p99: true },
      },
      notes: ['n'],
    });
    expect(md).toContain(
      '| cohorts subgraph, direct (baseline) | 2000 | 4.50 ms | 4.00 ms | 10.0 ms | 0 / 0 | 1.00× | — / 0.900 ms |',
    );
    expect(md).toContain(
      '| our gateway (@mercuriusjs/gateway) | 1000 | 6.30 ms | 8.00 ms | 30.0 ms | 0 / 0 | 2.00× | 0.450 ms / 0.900 ms |',
    );
    expect(md).toContain('| Hive Gateway 2.1 (peer) | 900 | 7.00 ms | 9.00 ms | 20.0 ms | 0 / 0 | 2.25× | — / — |');
    expect(md).toContain('| Apollo Gateway 2.2 (peer) | 1200 | 5.00 ms | 5.00 ms | 12.0 ms | 1 / 2 | 1.25× | — / — |');
    expect(md).toContain('p50 2.00× the direct subgraph (goal ≤ 1.3×: **not met**); mean 1.40×');
    // The distinct-documents scenario comes first, under its own explanation, with its own verdicts.
    const distinctAt = md.indexOf('no two subgraph requests in flight are identical');
    const sameAt = md.indexOf('The same document on every connection');
    expect(distinctAt).toBeGreaterThan(0);
    expect(sameAt).toBeGreaterThan(distinctAt);
    expect(md.slice(distinctAt, sameAt)).toContain(
      '| our gateway (@mercuriusjs/gateway) | 1100 | 8.00 ms | 7.00 ms | 15.0 ms | 0 / 0 | 1.17× | 0.600 ms / 1.200 ms |',
    );
    expect(md.slice(distinctAt, sameAt)).toContain('p50 1.17× the direct subgraph (goal ≤ 1.3×: **met**)');
    expect(md.slice(sameAt)).toContain('p50 2.00× the direct subgraph (goal ≤ 1.3×: **not met**)');
    expect(md).toContain(
      "the best peer, Apollo Gateway 2.2, 1200/s at p50 5.00 ms; ours 1000/s (0.83×; goal at least the best peer's: **not met**) at p50 8.00 ms (goal no higher: **not met**).",
    );
    expect(md).toContain(
      '| bare Postgres commit, one INSERT in its own transaction (baseline) | 1500 | 1.25 ms | 2.00 ms | 4.00 ms | 12.0 ms |',
    );
    expect(md).toContain('| **floor**: 2 bare commits + the bare round trip | — | 3.00 ms | — | 11.0 ms | — |');
    expect(md).toContain(
      'Lag against the floor: p50 3.0× (goal ≤ 2×: **not met**), p99 40.0 ms (goal ≤ 50 ms: **met**)',
    );
    const doc = `# B\n\nprose\n\n${RESULTS_START}\nold\n${RESULTS_END}\n\nmore prose\n`;
    const next = replaceResults(doc, 'new');
    expect(next).toBe(`# B\n\nprose\n\n${RESULTS_START}\nnew\n${RESULTS_END}\n\nmore prose\n`);
    expect(replaceResults('# B\n', 'x')).toBe(`# B\n\n${RESULTS_START}\nx\n${RESULTS_END}\n`);
  });
});
