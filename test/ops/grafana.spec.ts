import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectDefaultMetrics, register, Registry } from 'prom-client';
import { describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';
// Importing them registers the platform's and the messaging library's metrics in the default registry.
import '../../libs/messaging/src/metrics.js';
import '../../libs/platform/src/health.js';
// …and the gateway's subgraph gauge.
import '../../apps/gateway/src/subgraphs.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DASHBOARD = path.join(REPO, 'infra/grafana/mentorflow-dashboard.json');

interface Panel {
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: { expr: string }[];
}

/** PromQL functions, aggregations and keywords: every other identifier outside braces is a metric. */
const PROMQL_WORDS = new Set(
  `sum min max avg count stddev stdvar topk bottomk quantile count_values group by without on ignoring group_left group_right
   bool and or unless offset rate irate increase delta idelta deriv histogram_quantile time abs ceil floor round clamp clamp_min
   clamp_max label_replace label_join absent absent_over_time sum_over_time avg_over_time max_over_time min_over_time
   count_over_time changes resets predict_linear vector scalar sort sort_desc timestamp inf nan`.split(/\s+/),
);

/** The metric names a PromQL expression reads. */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // strings
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' '); // label lists
  const names = new Set<string>();
  for (const m of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const word = m[0];
    const next = stripped.slice(m.index! + word.length).trimStart();
    if (PROMQL_WORDS.has(word) || next.startsWith('(')) continue;
    names.add(word);
  }
  return [...names];
}

/** Every series name the code exposes: its own metrics and prom-client's default process metrics. */
async function exposedNames(): Promise<Set<string>> {
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults });
  const names = new Set<string>();
  for (const metric of [...(await register.getMetricsAsJSON()), ...(await defaults.getMetricsAsJSON())]) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram')
      for (const s of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${s}`);
    if (String(metric.type) === 'summary') for (const s of ['_sum', '_count']) names.add(`${metric.name}${s}`);
  }
  return names;
}

describe('Grafana dashboard (infra/grafana)', () => {
  const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as {
    uid: string;
    panels: Panel[];
    templating: { list: { name: string }[] };
  };
  const graphs = dashboard.panels.filter((p) => p.type !== 'row');
  const exprs = graphs.flatMap((p) => (p.targets ?? []).map((t) => t.expr));

  it('reads every metric by a name the code exposes', async () => {
    const exposed = await exposedNames();
    const used = new Set(exprs.flatMap(metricNames));
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((n) => !exposed.has(n))).toEqual([]);
  });

  it('shows request rate and p99 latency per service, consumer lag, outbox backlog, dead letters, event handle time, memory and the subgraphs the gateway sees up', () => {
    const reads = (metric: string) => exprs.some((e) => metricNames(e).includes(metric));
    expect(
      exprs.some((e) => /rate\(mentorflow_http_request_duration_seconds_count/.test(e) && /by \(service\)/.test(e)),
    ).toBe(true);
    expect(
      exprs.some((e) =>
        /histogram_quantile\(0\.99, sum by \(service, le\) \(rate\(mentorflow_http_request_duration_seconds_bucket/.test(
          e,
        ),
      ),
    ).toBe(true);
    for (const metric of [
      'mentorflow_consumer_lag',
      'mentorflow_outbox_backlog',
      'mentorflow_dead_letters_total',
      'mentorflow_event_handle_seconds_bucket',
      'process_resident_memory_bytes',
      'mentorflow_gateway_subgraph_up',
    ]) {
      expectLabelled(reads(metric), metric).toBe(true);
    }
  });

  it('filters every query by the service variable and lays the panels out without overlap', () => {
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['datasource', 'service']);
    for (const e of exprs) expectLabelled(e, e).toContain('service=~"$service"');
    const cells = new Set<string>();
    for (const p of dashboard.panels) {
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          const cell = `${x},${y}`;
          expectLabelled(cells.has(cell), `${p.title} overlaps at ${cell}`).toBe(false);
          cells.add(cell);
        }
      }
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  it('finds metric names in PromQL', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (service, le) (rate(a_bucket{service=~"$service", x="y"}[$__rate_interval])))',
      ),
    ).toEqual(['a_bucket']);
    expect(metricNames('time() - max by (group) (b_ts{service=~"$service"}) / c')).toEqual(['b_ts', 'c']);
  });
});
