import { performance } from 'node:perf_hooks';
import { percentile } from './lib/report.js';
import { greedyMatches, suggestMatches } from '../../dist/apps/mentors/src/matching/domain/matching.js';
/**
 * How fast `matchSuggestions` optimises a whole cohort: 200 interns × 120 mentors (the size the
 * issue asks to handle "well under a second"), over a 12-week program that crosses the US and
 * European DST changes, interns and mentors spread over 24 time zones and 30 focus areas.
 *
 *   npm run bench:matching
 *
 * A plain script that runs the built domain code (dist/, after `npm run build`): prints a one-off measurement (first call,
 * cold Intl caches) and the quality against the greedy baseline, then a table of repeated runs
 * (runs per second, mean/p75/p99 in ms), each case for a fixed time and at least 10 runs.
 *
 * The cases "with preferences" run as a program manager's `setMatchingPreferences` makes them:
 * weights 0.4/0.4/0.2 instead of the default 0.6/0.3/0.1, 400 excluded pairs (two per intern),
 * and every other mentor with working hours of their own (06:00–14:00 to 12:00–20:00), so the
 * overlap table holds many more (zone, hours) schedules than zones.
 */
const SPAN = { startDate: '2027-03-08', weeks: 12 };
const ZONES = [
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Madrid',
  'Europe/Warsaw',
  'Europe/Athens',
  'Europe/Istanbul',
  'Africa/Lagos',
  'Africa/Nairobi',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/Sao_Paulo',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'America/Mexico_City',
  'UTC',
];
const AREAS = [
  'recommender systems',
  'nlp',
  'computer vision',
  'machine learning',
  'machine learning infrastructure',
  'deep learning',
  'reinforcement learning',
  'data engineering',
  'distributed systems',
  'databases',
  'compilers',
  'frontend',
  'react',
  'mobile',
  'ios',
  'android',
  'security',
  'cryptography',
  'networking',
  'kubernetes',
  'observability',
  'search',
  'information retrieval',
  'ranking',
  'experimentation',
  'statistics',
  'causal inference',
  'robotics',
  'embedded systems',
  'speech recognition',
];
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function pick(rand, list, count) {
  const out = new Set();
  while (out.size < count) out.add(list[Math.floor(rand() * list.length)]);
  return [...out];
}
function cohort(internCount, mentorCount, capacity, seed = 2027) {
  const rand = prng(seed);
  const interns = Array.from({ length: internCount }, (_, k) => ({
    internId: `intern-${String(k).padStart(4, '0')}`,
    focusAreas: pick(rand, AREAS, 1 + Math.floor(rand() * 3)),
    timezone: ZONES[Math.floor(rand() * ZONES.length)],
  }));
  const mentors = Array.from({ length: mentorCount }, (_, k) => {
    const cap = capacity(rand);
    return {
      mentorId: `mentor-${String(k).padStart(4, '0')}`,
      expertise: pick(rand, AREAS, 2 + Math.floor(rand() * 4)),
      timezone: ZONES[Math.floor(rand() * ZONES.length)],
      capacity: cap,
      activeMentees: rand() < 0.2 ? Math.floor(rand() * cap) : 0,
    };
  });
  return { interns, mentors };
}
/** What setMatchingPreferences gives: weights, two excluded mentors per intern, and mentors' own hours. */
function withPreferences(c, seed = 7) {
  const rand = prng(seed);
  const mentors = c.mentors.map((m, k) => {
    if (k % 2) return m;
    const start = 6 + Math.floor(rand() * 7);
    const hh = (h) => `${String(h).padStart(2, '0')}:00`;
    return { ...m, workingHours: { start: hh(start), end: hh(start + 8) } };
  });
  const exclusions = c.interns.flatMap((i) =>
    pick(rand, mentors, 2).map((m) => ({ internId: i.internId, mentorId: m.mentorId })),
  );
  return { ...c, mentors, options: { weights: { expertise: 0.4, timezone: 0.4, workload: 0.2 }, exclusions } };
}
const SCENARIOS = {
  '200 interns × 120 mentors, capacity 2': cohort(200, 120, () => 2),
  '200 interns × 120 mentors, capacity 1–5': cohort(200, 120, (r) => 1 + Math.floor(r() * 5)),
  '200 interns × 120 mentors, capacity 1 (places run out)': cohort(200, 120, () => 1),
  'with preferences, 200 × 120, capacity 2': withPreferences(cohort(200, 120, () => 2)),
  'with preferences, 200 × 120, capacity 1–5': withPreferences(cohort(200, 120, (r) => 1 + Math.floor(r() * 5))),
};
function ms(start) {
  return `${(performance.now() - start).toFixed(1)} ms`;
}
const rows = {};
for (const [name, c] of Object.entries(SCENARIOS)) {
  const t0 = performance.now();
  const ours = suggestMatches(c.interns, c.mentors, SPAN, c.options);
  const first = ms(t0);
  const t1 = performance.now();
  suggestMatches(c.interns, c.mentors, SPAN, c.options);
  const second = ms(t1);
  const greedy = greedyMatches(c.interns, c.mentors, SPAN, c.options);
  const matched = ours.suggestions.filter((s) => s.mentorId).length;
  if (c.options) {
    const excluded = new Set(c.options.exclusions.map((e) => `${e.internId}|${e.mentorId}`));
    const broken = ours.suggestions.filter((s) => s.mentorId && excluded.has(`${s.internId}|${s.mentorId}`));
    if (broken.length) throw new Error(`${name}: ${broken.length} excluded pairs suggested`);
  }
  rows[name] = {
    places: c.mentors.reduce((s, m) => s + Math.max(0, m.capacity - m.activeMentees), 0),
    'first call': first,
    'second call': second,
    matched: `${matched}/${c.interns.length}`,
    'total score': Number(ours.totalScore.toFixed(1)),
    'greedy total': Number(greedy.totalScore.toFixed(1)),
    'gain vs greedy': `${(((ours.totalScore - greedy.totalScore) / greedy.totalScore) * 100).toFixed(2)}%`,
    'mean score': Number((ours.totalScore / Math.max(1, matched)).toFixed(1)),
  };
}
console.log(`\nmatchSuggestions: one whole-cohort optimisation (node ${process.version})`);
console.table(rows);
/** Runs `fn` for `timeMs` (at least `minRuns` times) after one warm-up run; per-run times in ms. */
function measure(fn, timeMs, minRuns = 10) {
  fn();
  const times = [];
  const end = performance.now() + timeMs;
  while (times.length < minRuns || performance.now() < end) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const fixed = (v) => Number((v ?? Number.NaN).toFixed(2));
  return {
    runs: times.length,
    'runs/s': Number((1000 / mean).toFixed(1)),
    'mean ms': fixed(mean),
    'p75 ms': fixed(percentile(times, 75)),
    'p99 ms': fixed(percentile(times, 99)),
    'max ms': fixed(Math.max(...times)),
  };
}
const repeated = {};
for (const [name, c] of Object.entries(SCENARIOS)) {
  repeated[name] = measure(() => suggestMatches(c.interns, c.mentors, SPAN, c.options), 3000);
}
const baseline = SCENARIOS['200 interns × 120 mentors, capacity 2'];
repeated['greedy baseline, 200 × 120, capacity 2 (for comparison)'] = measure(
  () => greedyMatches(baseline.interns, baseline.mentors, SPAN),
  2000,
);
console.log('\nrepeated runs');
console.table(repeated);
