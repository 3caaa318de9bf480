import { solveAssignment } from './hungarian.js';
import { DEFAULT_WEIGHTS, pointsOf, type MatchExclusion, type MatchPoints, type MatchWeights } from './preferences.js';
import {
  scheduleKey,
  ZoneOverlapTable,
  type OverlapSummary,
  type ProgramSpan,
  type WorkingHours,
} from './working-hours.js';

/**
 * Match suggestions for a whole cohort at once: every unmatched intern gets a primary mentor so
 * that the SUM of the suggestion scores over the cohort is as high as it can be (an assignment
 * problem over interns × the mentors' free places, solved exactly), rather than each intern in
 * turn taking the best mentor still free (which can leave later interns with poor matches).
 *
 * A suggestion's score (0–100) is, with the cohort's weights (`MatchingPreferences`; by default
 * 0.6/0.3/0.1, i.e. 60/30/10 points):
 * - expertise (up to 100 × its share of the weights): the share of the intern's focus areas the
 *   mentor knows (an exact match counts 1, a related one such as "machine learning systems" for
 *   "machine learning" counts ½);
 * - working hours (the timezone weight): the average overlap per working day of the intern's
 *   (09:00–17:00 local) and the mentor's working hours over the cohort's weeks, DST-aware; 4 h or
 *   more earns it all;
 * - load (the workload weight): how free the mentor still is when taking this intern. A mentor's
 *   k-th place in this batch is worth less than the (k-1)-th, so equally good matches spread.
 * Excluded pairs are never suggested (the intern gets another mentor, or none).
 */
export const MATCH_WEIGHTS: Readonly<MatchPoints> = Object.freeze(pointsOf(DEFAULT_WEIGHTS));
export const FULL_OVERLAP_HOURS = 4;
const RELATED_MATCH = 0.5;
/** Scores are optimised as integers (thousandths of a point): exact and deterministic. */
const SCALE = 1000;

export interface MatchableIntern {
  internId: string;
  focusAreas: readonly string[];
  timezone: string;
  /** null or left out: 09:00–17:00 local. */
  workingHours?: WorkingHours | null;
}

export interface MatchableMentor {
  mentorId: string;
  expertise: readonly string[];
  timezone: string;
  /** null or left out: 09:00–17:00 local. */
  workingHours?: WorkingHours | null;
  capacity: number;
  /** Active assignments (any role, any cohort): the places already taken. */
  activeMentees: number;
}

export interface ScoreBreakdown {
  expertise: number;
  workingHours: number;
  load: number;
}

export interface MatchSuggestion {
  internId: string;
  /** null when no mentor had a free place left for this intern. */
  mentorId: string | null;
  /** 0–100, one decimal. */
  score: number;
  breakdown: ScoreBreakdown;
  /** The intern's focus areas the mentor shares, in the intern's words. */
  sharedFocusAreas: string[];
  /** The intern's focus areas the mentor knows something close to. */
  relatedFocusAreas: string[];
  workingHours: OverlapSummary | null;
  /** The mentor's free places now (before any of these suggestions), and their capacity. */
  placesLeft: number | null;
  capacity: number | null;
  /** Why, in words: "shares recommender systems", "3 h working-hours overlap", "1 of 2 places left". */
  reasons: string[];
}

/** What a matching run honours besides the people: the cohort's weights and excluded pairs. */
export interface MatchOptions {
  weights?: MatchWeights;
  exclusions?: readonly MatchExclusion[];
}

export interface MatchResult {
  suggestions: MatchSuggestion[];
  /** The weights used, and the most points each part could earn under them. */
  weights: MatchWeights;
  points: MatchPoints;
  /** Sum of the suggestions' scores (unrounded): what the optimiser maximised. */
  totalScore: number;
}

// ---------------------------------------------------------------------------------------------
// Focus areas vs expertise

const STOP_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'with', 'to', 'a', 'an', '&']);

export function normalizeArea(area: string): string {
  return area
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim();
}

/** A crude stemmer, enough for "recommender" ~ "recommendation", "systems" ~ "system". */
function stem(word: string): string {
  for (const suffix of ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ers', 'er', 'ies', 'es', 's']) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
      return suffix === 'ies' ? `${word.slice(0, -3)}y` : word.slice(0, -suffix.length);
    }
  }
  return word;
}

function stems(normalized: string): Set<string> {
  return new Set(
    normalized
      .split(' ')
      .filter((w) => w && !STOP_WORDS.has(w))
      .map(stem),
  );
}

/**
 * 1 when two areas are the same (after normalising case, punctuation and word endings), ½ when
 * they share at least half of their words (Jaccard ≥ ½), else 0.
 */
export function areaMatch(a: string, b: string): number {
  const na = normalizeArea(a);
  const nb = normalizeArea(b);
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const sa = stems(na);
  const sb = stems(nb);
  let common = 0;
  for (const s of sa) if (sb.has(s)) common++;
  if (common === 0) return 0;
  const union = sa.size + sb.size - common;
  if (common === sa.size && common === sb.size) return 1;
  return common / union >= 0.5 ? RELATED_MATCH : 0;
}

/** Interns' and mentors' areas as small integer ids, with the match of every pair computed once. */
class AreaIndex {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  private readonly memo = new Map<number, number>();

  id(area: string): number {
    const key = normalizeArea(area);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(key, id);
      this.texts.push(key);
    }
    return id;
  }

  match(a: number, b: number): number {
    if (a === b) return 1;
    const key = a * 1_000_003 + b;
    let m = this.memo.get(key);
    if (m === undefined) {
      m = areaMatch(this.texts[a]!, this.texts[b]!);
      this.memo.set(key, m);
    }
    return m;
  }
}

// ---------------------------------------------------------------------------------------------
// Scores

export function workingHoursPoints(averageHours: number, points: MatchPoints = MATCH_WEIGHTS): number {
  return (points.workingHours * Math.min(averageHours, FULL_OVERLAP_HOURS)) / FULL_OVERLAP_HOURS;
}

/**
 * What a mentor's `k`-th free place (1-based) is worth in load points: full for an idle mentor,
 * less the fuller the mentor already is. Strictly decreasing in k, so places fill in order.
 */
export function loadPoints(
  mentor: Pick<MatchableMentor, 'capacity' | 'activeMentees'>,
  k: number,
  points: MatchPoints = MATCH_WEIGHTS,
): number {
  const taken = mentor.activeMentees + k - 1;
  return points.load * Math.max(0, 1 - taken / mentor.capacity);
}

export function freePlaces(mentor: Pick<MatchableMentor, 'capacity' | 'activeMentees'>): number {
  return Math.max(0, mentor.capacity - mentor.activeMentees);
}

interface PairFacts {
  expertise: number;
  workingHours: number;
  shared: string[];
  related: string[];
  overlap: OverlapSummary;
}

/** Precomputed pair scores of a cohort (interns × mentors) and the facts behind them. */
class PairScores {
  readonly points: Float64Array;
  private readonly areas = new AreaIndex();
  private readonly internAreas: number[][];
  private readonly mentorAreas: number[][];
  private readonly overlaps: ZoneOverlapTable;

  /** Excluded pairs, as `i * mentors + m` (never suggested). */
  readonly excluded = new Set<number>();

  constructor(
    readonly interns: readonly MatchableIntern[],
    readonly mentors: readonly MatchableMentor[],
    span: ProgramSpan,
    readonly weights: MatchPoints,
    exclusions: readonly MatchExclusion[],
  ) {
    this.overlaps = new ZoneOverlapTable(span);
    this.internAreas = interns.map((i) => i.focusAreas.map((a) => this.areas.id(a)));
    this.mentorAreas = mentors.map((m) => [...new Set(m.expertise.map((a) => this.areas.id(a)))]);
    const n = interns.length;
    const mCount = mentors.length;

    if (exclusions.length) {
      const internIndex = new Map(interns.map((x, i) => [x.internId, i]));
      const mentorIndex = new Map(mentors.map((x, m) => [x.mentorId, m]));
      for (const e of exclusions) {
        const i = internIndex.get(e.internId);
        const m = mentorIndex.get(e.mentorId);
        if (i !== undefined && m !== undefined) this.excluded.add(i * mentors.length + m);
      }
    }

    // Working-hours points per pair of schedules (zone and hours: a cohort has a few dozen, not hundreds).
    const zoneIds = new Map<string, number>();
    const people: { timezone: string; workingHours: WorkingHours | null }[] = [];
    const zoneOf = (p: { timezone: string; workingHours?: WorkingHours | null }): number => {
      const key = scheduleKey(p.timezone, p.workingHours);
      let id = zoneIds.get(key);
      if (id === undefined) {
        zoneIds.set(key, (id = zoneIds.size));
        people.push({ timezone: p.timezone, workingHours: p.workingHours ?? null });
      }
      return id;
    };
    const internZone = Int32Array.from(interns, zoneOf);
    const mentorZone = Int32Array.from(mentors, zoneOf);
    const z = people.length;
    const hours = new Float64Array(z * z).fill(Number.NaN);

    // Best match of each intern area with each mentor's expertise.
    const internAreaIds = [...new Set(this.internAreas.flat())];
    const column = new Map(internAreaIds.map((id, k) => [id, k]));
    const t = internAreaIds.length;
    const best = new Float64Array(mCount * t);
    for (let m = 0; m < mCount; m++) {
      for (let k = 0; k < t; k++) {
        let b = 0;
        for (const e of this.mentorAreas[m]!) {
          const v = this.areas.match(internAreaIds[k]!, e);
          if (v > b) b = v;
        }
        best[m * t + k] = b;
      }
    }
    const internColumns = this.internAreas.map((ids) => ids.map((id) => column.get(id)!));

    this.points = new Float64Array(n * mCount);
    for (let i = 0; i < n; i++) {
      const cols = internColumns[i]!;
      for (let m = 0; m < mCount; m++) {
        let coverage = 0;
        if (cols.length) {
          for (const k of cols) coverage += best[m * t + k]!;
          coverage /= cols.length;
        }
        const zk = internZone[i]! * z + mentorZone[m]!;
        let h = hours[zk]!;
        if (Number.isNaN(h)) {
          const a = people[internZone[i]!]!;
          const b = people[mentorZone[m]!]!;
          h = workingHoursPoints(
            this.overlaps.overlap(a.timezone, b.timezone, a.workingHours, b.workingHours).averageHours,
            weights,
          );
          hours[zk] = h;
        }
        this.points[i * mCount + m] = weights.expertise * coverage + h;
      }
    }
  }

  pair(i: number, m: number): number {
    return this.points[i * this.mentors.length + m]!;
  }

  isExcluded(i: number, m: number): boolean {
    return this.excluded.size > 0 && this.excluded.has(i * this.mentors.length + m);
  }

  facts(i: number, m: number): PairFacts {
    const intern = this.interns[i]!;
    const known = this.mentorAreas[m]!;
    const shared: string[] = [];
    const related: string[] = [];
    let coverage = 0;
    intern.focusAreas.forEach((area, k) => {
      const a = this.internAreas[i]![k]!;
      let best = 0;
      for (const b of known) best = Math.max(best, this.areas.match(a, b));
      coverage += best;
      if (best === 1) shared.push(area);
      else if (best > 0) related.push(area);
    });
    const mentor = this.mentors[m]!;
    const overlap = this.overlaps.overlap(
      intern.timezone,
      mentor.timezone,
      intern.workingHours ?? null,
      mentor.workingHours ?? null,
    );
    return {
      expertise: intern.focusAreas.length ? (this.weights.expertise * coverage) / intern.focusAreas.length : 0,
      workingHours: workingHoursPoints(overlap.averageHours, this.weights),
      shared: unique(shared),
      related: unique(related),
      overlap,
    };
  }
}

function unique(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = normalizeArea(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Reasons in words

export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function hoursText(h: number): string {
  const r = Math.round(h * 2) / 2;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

export function overlapReason(overlap: OverlapSummary): string {
  const min = hoursText(overlap.minWeeklyHours);
  const max = hoursText(overlap.maxWeeklyHours);
  if (max === '0') return 'no working-hours overlap';
  if (min !== max) return `${min}–${max} h working-hours overlap (changes with daylight saving time)`;
  return `${hoursText(overlap.averageHours)} h working-hours overlap`;
}

export function placesReason(placesLeft: number, capacity: number): string {
  return `${placesLeft} of ${capacity} ${capacity === 1 ? 'place' : 'places'} left`;
}

function reasonsFor(
  intern: MatchableIntern,
  facts: PairFacts,
  mentor: MatchableMentor,
  suggestedToMentor: number,
  weights: MatchPoints,
): string[] {
  const reasons: string[] = [];
  if (facts.shared.length) reasons.push(`shares ${joinWords(facts.shared)}`);
  if (facts.related.length) reasons.push(`related expertise in ${joinWords(facts.related)}`);
  if (!facts.shared.length && !facts.related.length) {
    reasons.push(intern.focusAreas.length ? 'no shared focus areas' : 'the intern listed no focus areas');
  }
  reasons.push(overlapReason(facts.overlap));
  reasons.push(placesReason(freePlaces(mentor), mentor.capacity));
  if (suggestedToMentor > 1) reasons.push(`one of ${suggestedToMentor} interns suggested for this mentor`);
  reasons.push(weightsReason(weights));
  return reasons;
}

const percent = (x: number): string => `${Math.round(x)} %`;

/** The weights a score was computed with, e.g. "weights: expertise 60 %, working hours 30 %, workload 10 %". */
export function weightsReason(points: MatchPoints): string {
  return `weights: expertise ${percent(points.expertise)}, working hours ${percent(points.workingHours)}, workload ${percent(points.load)}`;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

// ---------------------------------------------------------------------------------------------
// The whole cohort at once

interface Slot {
  mentor: number;
  /** 1-based rank of the place among the mentor's free places. */
  k: number;
  points: number;
}

function slotsOf(mentors: readonly MatchableMentor[], interns: number, points: MatchPoints): Slot[] {
  const slots: Slot[] = [];
  mentors.forEach((mentor, m) => {
    const free = Math.min(freePlaces(mentor), interns);
    for (let k = 1; k <= free; k++) slots.push({ mentor: m, k, points: loadPoints(mentor, k, points) });
  });
  return slots;
}

function byId<T>(list: readonly T[], id: (x: T) => string): T[] {
  return [...list].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}

/** Turns intern → slot choices into suggestions (in intern id order) with reasons. */
function describe(scores: PairScores, slots: Slot[], chosen: (number | null)[], weights: MatchWeights): MatchResult {
  const perMentor = new Map<number, number>();
  for (const s of chosen) if (s !== null) perMentor.set(slots[s]!.mentor, (perMentor.get(slots[s]!.mentor) ?? 0) + 1);
  const anyMentor = scores.mentors.length > 0;
  const excludedFromAll = (i: number): boolean => anyMentor && scores.mentors.every((_, m) => scores.isExcluded(i, m));
  let totalScore = 0;
  const suggestions = scores.interns.map((intern, i): MatchSuggestion => {
    const s = chosen[i];
    if (s === null || s === undefined) {
      return {
        internId: intern.internId,
        mentorId: null,
        score: 0,
        breakdown: { expertise: 0, workingHours: 0, load: 0 },
        sharedFocusAreas: [],
        relatedFocusAreas: [],
        workingHours: null,
        placesLeft: null,
        capacity: null,
        reasons: [
          !anyMentor
            ? 'no mentor is available for this cohort'
            : excludedFromAll(i)
              ? 'every mentor with a free place is excluded for this intern'
              : scores.excluded.size > 0
                ? 'no mentor available for this cohort and not excluded for this intern has a free place left'
                : 'no mentor available for this cohort has a free place left',
          weightsReason(scores.weights),
        ],
      };
    }
    const slot = slots[s]!;
    const mentor = scores.mentors[slot.mentor]!;
    const facts = scores.facts(i, slot.mentor);
    const score = facts.expertise + facts.workingHours + slot.points;
    totalScore += score;
    return {
      internId: intern.internId,
      mentorId: mentor.mentorId,
      score: round1(score),
      breakdown: {
        expertise: round1(facts.expertise),
        workingHours: round1(facts.workingHours),
        load: round1(slot.points),
      },
      sharedFocusAreas: facts.shared,
      relatedFocusAreas: facts.related,
      workingHours: facts.overlap,
      placesLeft: freePlaces(mentor),
      capacity: mentor.capacity,
      reasons: reasonsFor(intern, facts, mentor, perMentor.get(slot.mentor) ?? 1, scores.weights),
    };
  });
  return { suggestions, totalScore, weights: { ...weights }, points: { ...scores.weights } };
}

/** What both matchers start from: the interns and the mentors with free places (by id), their scores and places. */
function matchingProblem(
  internsIn: readonly MatchableIntern[],
  mentorsIn: readonly MatchableMentor[],
  span: ProgramSpan,
  options: MatchOptions,
) {
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const points = pointsOf(weights);
  const interns = byId(internsIn, (i) => i.internId);
  const mentors = byId(
    mentorsIn.filter((m) => freePlaces(m) > 0),
    (m) => m.mentorId,
  );
  const scores = new PairScores(interns, mentors, span, points, options.exclusions ?? []);
  return { interns, mentors, scores, weights, slots: slotsOf(mentors, interns.length, points) };
}

/**
 * The best primary mentor for every intern, jointly: maximises the total score over the cohort
 * (every intern is matched while free places last; then the sum of scores is maximal).
 */
export function suggestMatches(
  internsIn: readonly MatchableIntern[],
  mentorsIn: readonly MatchableMentor[],
  span: ProgramSpan,
  options: MatchOptions = {},
): MatchResult {
  const { interns, mentors, scores, slots, weights } = matchingProblem(internsIn, mentorsIn, span, options);
  const n = interns.length;
  if (n === 0) return { suggestions: [], totalScore: 0, weights: { ...weights }, points: { ...scores.weights } };
  const real = slots.length;
  // With exclusions every intern gets a padding column of their own, so that an excluded pair is
  // never forced on anyone.
  const cols = scores.excluded.size > 0 ? real + n : Math.max(real, n);
  const mCount = mentors.length;
  // Integer costs: minus the points of (intern, slot); a padding column (no place) costs more
  // than any real place, so every intern gets a place while there are places; an excluded pair
  // costs more than a padding column, so it is never chosen.
  const slotMentor = Int32Array.from(slots, (s) => s.mentor);
  const slotPoints = Float64Array.from(slots, (s) => s.points);
  const excluded = scores.excluded;
  const cost = (i: number, j: number): number => {
    if (j >= real) return 1;
    const pair = i * mCount + slotMentor[j]!;
    if (excluded.size > 0 && excluded.has(pair)) return 2;
    return -Math.round((scores.points[pair]! + slotPoints[j]!) * SCALE);
  };
  const assignment = solveAssignment(n, cols, cost);
  const chosen = Array.from(assignment, (j, i) =>
    j >= 0 && j < real && !scores.isExcluded(i, slotMentor[j]!) ? j : null,
  );
  return describe(scores, slots, chosen, weights);
}

/**
 * The greedy baseline: interns in id order, each taking the best place still free. Kept for the
 * tests and the benchmark, which show what optimising the whole cohort gains over it.
 */
export function greedyMatches(
  internsIn: readonly MatchableIntern[],
  mentorsIn: readonly MatchableMentor[],
  span: ProgramSpan,
  options: MatchOptions = {},
): MatchResult {
  const { interns, scores, slots, weights } = matchingProblem(internsIn, mentorsIn, span, options);
  const nextSlot = new Map<number, number>();
  slots.forEach((s, j) => {
    if (!nextSlot.has(s.mentor)) nextSlot.set(s.mentor, j);
  });
  const chosen = interns.map((_, i): number | null => {
    let best: number | null = null;
    let bestPoints = -1;
    for (const [m, j] of nextSlot) {
      if (scores.isExcluded(i, m)) continue;
      const p = scores.pair(i, m) + slots[j]!.points;
      if (p > bestPoints) {
        bestPoints = p;
        best = j;
      }
    }
    if (best === null) return null;
    const m = slots[best]!.mentor;
    const following = best + 1 < slots.length && slots[best + 1]!.mentor === m ? best + 1 : undefined;
    if (following === undefined) nextSlot.delete(m);
    else nextSlot.set(m, following);
    return best;
  });
  return describe(scores, slots, chosen, weights);
}
