import { describe, expect, it } from '@jest/globals';
import { solveAssignment } from './hungarian.js';
import {
  areaMatch,
  freePlaces,
  greedyMatches,
  loadPoints,
  MATCH_WEIGHTS,
  suggestMatches,
  type MatchableIntern,
  type MatchableMentor,
} from './matching.js';

const DEFAULT_WEIGHTS_REASON = 'weights: expertise 60 %, working hours 30 %, workload 10 %';
const span = { startDate: '2027-06-07', weeks: 12 };
const intern = (internId: string, focusAreas: string[], timezone = 'Europe/Berlin'): MatchableIntern => ({
  internId,
  focusAreas,
  timezone,
});
const mentor = (mentorId: string, expertise: string[], extra: Partial<MatchableMentor> = {}): MatchableMentor => ({
  mentorId,
  expertise,
  timezone: 'Europe/Berlin',
  capacity: 1,
  activeMentees: 0,
  ...extra,
});

function bruteForceBest(cost: number[][]): number {
  const rows = cost.length;
  const cols = cost[0]!.length;
  let best = Number.POSITIVE_INFINITY;
  const used = new Array<boolean>(cols).fill(false);
  const go = (r: number, sum: number): void => {
    if (r === rows) {
      best = Math.min(best, sum);
      return;
    }
    for (let c = 0; c < cols; c++) {
      if (used[c]) continue;
      used[c] = true;
      go(r + 1, sum + cost[r]![c]!);
      used[c] = false;
    }
  };
  go(0, 0);
  return best;
}

describe('the assignment solver', () => {
  it('finds the minimum-cost assignment (checked against brute force on random matrices)', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let t = 0; t < 200; t++) {
      const rows = 1 + Math.floor(rand() * 5);
      const cols = rows + Math.floor(rand() * 3);
      const cost = Array.from({ length: rows }, () =>
        Array.from({ length: cols }, () => Math.floor(rand() * 100) - 50),
      );
      const a = solveAssignment(rows, cols, (r, c) => cost[r]![c]!);
      expect(new Set(a).size).toBe(rows);
      const total = Array.from(a).reduce((s, c, r) => s + cost[r]![c]!, 0);
      expect(total).toBe(bruteForceBest(cost));
    }
  });

  it('refuses more rows than columns', () => {
    expect(() => solveAssignment(3, 2, () => 0)).toThrow(/rows/);
  });
});

describe('focus areas vs expertise', () => {
  it('matches the same area whatever the case, punctuation or word endings, and related areas by half', () => {
    expect(areaMatch('Recommender Systems', 'recommender-systems')).toBe(1);
    expect(areaMatch('recommender systems', 'recommendation system')).toBe(1);
    expect(areaMatch('machine learning', 'machine learning infrastructure')).toBe(0.5);
    expect(areaMatch('machine learning', 'deep learning')).toBe(0);
    expect(areaMatch('nlp', 'computer vision')).toBe(0);
    expect(areaMatch('', 'nlp')).toBe(0);
  });
});

describe('the matching objective', () => {
  it('beats greedy matching where taking the best mentor first leaves a later intern badly matched', () => {
    // Ada knows both of Ines's areas, Bob only one of them; Otto needs Ada's NLP and Bob has none.
    // Greedy (Ines first) gives Ines Ada and leaves Otto with Bob; the cohort as a whole does
    // better with Ines on Bob (who still shares recommender systems) and Otto on Ada.
    const interns = [intern('i1-ines', ['recommender systems', 'nlp']), intern('i2-otto', ['nlp'])];
    const mentors = [mentor('m1-ada', ['recommender systems', 'nlp']), mentor('m2-bob', ['recommender systems'])];

    const greedy = greedyMatches(interns, mentors, span);
    const ours = suggestMatches(interns, mentors, span);

    expect(greedy.suggestions.map((s) => [s.internId, s.mentorId])).toEqual([
      ['i1-ines', 'm1-ada'],
      ['i2-otto', 'm2-bob'],
    ]);
    expect(ours.suggestions.map((s) => [s.internId, s.mentorId])).toEqual([
      ['i1-ines', 'm2-bob'],
      ['i2-otto', 'm1-ada'],
    ]);
    // Greedy: Ines 60 + 30 + 10, Otto 0 + 30 + 10 = 140. Ours: Ines 30 + 30 + 10, Otto 60 + 30 + 10 = 170.
    expect(greedy.totalScore).toBeCloseTo(140, 6);
    expect(ours.totalScore).toBeCloseTo(170, 6);
    expect(ours.totalScore).toBeGreaterThan(greedy.totalScore);
  });

  it('explains each suggestion in words and scores it from 0 to 100', () => {
    const interns = [intern('i1', ['recommender systems', 'python'], 'Europe/London')];
    const mentors = [
      mentor('m1', ['Recommender systems', 'scala'], { timezone: 'America/New_York', capacity: 2, activeMentees: 1 }),
    ];
    const [s] = suggestMatches(interns, mentors, span).suggestions;
    expect(s!.mentorId).toBe('m1');
    expect(s!.reasons).toEqual([
      'shares recommender systems',
      '3 h working-hours overlap',
      '1 of 2 places left',
      DEFAULT_WEIGHTS_REASON,
    ]);
    // Expertise 1/2 of 60, overlap 3 h of 4 → 22.5 of 30, the mentor's second place → 5 of 10.
    expect(s!.breakdown).toEqual({ expertise: 30, workingHours: 22.5, load: 5 });
    expect(s!.score).toBe(57.5);
    expect(s!.sharedFocusAreas).toEqual(['recommender systems']);
    expect(s!.placesLeft).toBe(1);
    expect(s!.capacity).toBe(2);
  });

  it('says when working hours shift with daylight saving time, and when nothing is shared', () => {
    const [s] = suggestMatches(
      [intern('i1', ['compilers'], 'Europe/London')],
      [mentor('m1', ['databases'], { timezone: 'America/New_York' })],
      { startDate: '2027-03-15', weeks: 3 },
    ).suggestions;
    expect(s!.reasons).toEqual([
      'no shared focus areas',
      '3–4 h working-hours overlap (changes with daylight saving time)',
      '1 of 1 place left',
      DEFAULT_WEIGHTS_REASON,
    ]);
  });

  it('never uses more places than a mentor has left, and suggests no mentor when places run out', () => {
    const interns = ['a', 'b', 'c', 'd'].map((id) => intern(`i-${id}`, ['ml']));
    const mentors = [
      mentor('m-full', ['ml'], { capacity: 2, activeMentees: 2 }),
      mentor('m-one', ['ml'], { capacity: 3, activeMentees: 2 }),
      mentor('m-two', ['ml'], { capacity: 2 }),
    ];
    const result = suggestMatches(interns, mentors, span);
    const byMentor = new Map<string | null, number>();
    for (const s of result.suggestions) byMentor.set(s.mentorId, (byMentor.get(s.mentorId) ?? 0) + 1);
    expect(byMentor.get('m-full')).toBeUndefined();
    expect(byMentor.get('m-one')).toBe(1);
    expect(byMentor.get('m-two')).toBe(2);
    expect(byMentor.get(null)).toBe(1);
    const unmatched = result.suggestions.find((s) => s.mentorId === null)!;
    expect(unmatched.reasons).toEqual([
      'no mentor available for this cohort has a free place left',
      DEFAULT_WEIGHTS_REASON,
    ]);
    expect(unmatched.score).toBe(0);
    const twice = result.suggestions.filter((s) => s.mentorId === 'm-two');
    expect(twice.every((s) => s.reasons.includes('one of 2 interns suggested for this mentor'))).toBe(true);
  });

  it('spreads equally good matches over mentors instead of filling one up', () => {
    const interns = [intern('i1', ['ml']), intern('i2', ['ml'])];
    const mentors = [mentor('m1', ['ml'], { capacity: 2 }), mentor('m2', ['ml'], { capacity: 2 })];
    const result = suggestMatches(interns, mentors, span);
    expect(new Set(result.suggestions.map((s) => s.mentorId))).toEqual(new Set(['m1', 'm2']));
  });

  it('counts capacity: free places, and each further place worth less than the one before', () => {
    expect(freePlaces({ capacity: 2, activeMentees: 0 })).toBe(2);
    expect(freePlaces({ capacity: 2, activeMentees: 2 })).toBe(0);
    expect(freePlaces({ capacity: 2, activeMentees: 3 })).toBe(0); // capacity lowered below the load
    expect(loadPoints({ capacity: 2, activeMentees: 0 }, 1)).toBe(MATCH_WEIGHTS.load);
    expect(loadPoints({ capacity: 2, activeMentees: 0 }, 2)).toBe(MATCH_WEIGHTS.load / 2);
    expect(loadPoints({ capacity: 4, activeMentees: 1 }, 1)).toBe(7.5);
    expect(loadPoints({ capacity: 4, activeMentees: 1 }, 2)).toBeLessThan(
      loadPoints({ capacity: 4, activeMentees: 1 }, 1),
    );
  });

  it('prefers the mentor with working-hours overlap when expertise is equal', () => {
    const interns = [intern('i1', ['ml'], 'Asia/Tokyo')];
    const mentors = [
      mentor('m-la', ['ml'], { timezone: 'America/Los_Angeles' }),
      mentor('m-seoul', ['ml'], { timezone: 'Asia/Seoul' }),
    ];
    expect(suggestMatches(interns, mentors, span).suggestions[0]!.mentorId).toBe('m-seoul');
  });

  it('returns nothing to suggest for a cohort without unmatched interns', () => {
    expect(suggestMatches([], [mentor('m1', ['ml'])], span)).toEqual({
      suggestions: [],
      totalScore: 0,
      weights: { expertise: 0.6, timezone: 0.3, workload: 0.1 },
      points: { expertise: 60, workingHours: 30, load: 10 },
    });
  });

  it('is deterministic whatever the input order', () => {
    const interns = Array.from({ length: 12 }, (_, k) => intern(`i${k}`, [k % 2 ? 'ml' : 'nlp']));
    const mentors = Array.from({ length: 5 }, (_, k) => mentor(`m${k}`, [k % 2 ? 'ml' : 'nlp'], { capacity: 3 }));
    const a = suggestMatches(interns, mentors, span);
    const b = suggestMatches([...interns].reverse(), [...mentors].reverse(), span);
    expect(b.suggestions).toEqual(a.suggestions);
  });
});

describe('matching preferences: weights, exclusions, working hours', () => {
  it('scores with the cohort’s weights (as shares of 100) and says which weights it used', () => {
    const interns = [intern('i1', ['recommender systems', 'python'], 'Europe/London')];
    const mentors = [
      mentor('m1', ['Recommender systems'], { timezone: 'America/New_York', capacity: 2, activeMentees: 1 }),
    ];
    const weights = { expertise: 0.2, timezone: 0.2, workload: 0.6 };
    const result = suggestMatches(interns, mentors, span, { weights });
    const [s] = result.suggestions;
    expect(result.weights).toEqual(weights);
    expect(result.points).toEqual({ expertise: 20, workingHours: 20, load: 60 });
    // Expertise 1/2 of 20, overlap 3 h of 4 → 15 of 20, the mentor's second place → 30 of 60.
    expect(s!.breakdown).toEqual({ expertise: 10, workingHours: 15, load: 30 });
    expect(s!.score).toBe(55);
    expect(s!.reasons.at(-1)).toBe('weights: expertise 20 %, working hours 20 %, workload 60 %');
  });

  it('lets a weight of zero decide nothing: timezone only picks the overlapping mentor over the expert', () => {
    const interns = [intern('i1', ['ml'], 'Asia/Tokyo')];
    const mentors = [
      mentor('m-expert', ['ml'], { timezone: 'America/Los_Angeles' }),
      mentor('m-near', ['cooking'], { timezone: 'Asia/Seoul' }),
    ];
    expect(suggestMatches(interns, mentors, span).suggestions[0]!.mentorId).toBe('m-expert');
    const byHours = suggestMatches(interns, mentors, span, { weights: { expertise: 0, timezone: 1, workload: 0 } });
    expect(byHours.suggestions[0]!.mentorId).toBe('m-near');
    expect(byHours.suggestions[0]!.score).toBe(100);
  });

  it('never suggests an excluded pair, even when it is the best one, and says when every mentor is excluded', () => {
    const interns = [intern('i1', ['ml']), intern('i2', ['ml'])];
    const mentors = [mentor('m-ml', ['ml']), mentor('m-other', ['databases'])];
    const free = suggestMatches(interns, mentors, span).suggestions;
    expect(free.find((s) => s.internId === 'i1')!.mentorId).not.toBeNull();
    const exclusions = [{ internId: 'i1', mentorId: 'm-ml' }];
    const result = suggestMatches(interns, mentors, span, { exclusions });
    expect(result.suggestions.map((s) => [s.internId, s.mentorId])).toEqual([
      ['i1', 'm-other'],
      ['i2', 'm-ml'],
    ]);
    const greedy = greedyMatches(interns, mentors, span, { exclusions });
    expect(greedy.suggestions.find((s) => s.internId === 'i1')!.mentorId).toBe('m-other');

    const all = suggestMatches([intern('i1', ['ml'])], [mentor('m-ml', ['ml'], { capacity: 3 })], span, { exclusions });
    expect(all.suggestions[0]!.mentorId).toBeNull();
    expect(all.suggestions[0]!.reasons[0]).toBe('every mentor with a free place is excluded for this intern');
  });

  it('leaves an intern unmatched rather than forcing an excluded pair when places are scarce', () => {
    const interns = [intern('i1', ['ml']), intern('i2', ['ml'])];
    const mentors = [mentor('m1', ['ml'], { capacity: 2 })];
    const result = suggestMatches(interns, mentors, span, { exclusions: [{ internId: 'i2', mentorId: 'm1' }] });
    expect(result.suggestions.map((s) => s.mentorId)).toEqual(['m1', null]);
  });

  it('uses each mentor’s working hours: the same zone with 13:00–21:00 overlaps the intern’s 09:00–17:00 by 4 h', () => {
    const interns = [intern('i1', ['ml'], 'Europe/Berlin')];
    const late = mentor('m-late', ['ml'], { workingHours: { start: '13:00', end: '21:00' } });
    const [s] = suggestMatches(interns, [late], span).suggestions;
    expect(s!.workingHours!.averageHours).toBe(4);
    expect(s!.reasons).toContain('4 h working-hours overlap');
    // New York 09:00–17:00 is Berlin 15:00–23:00: 2 h with the intern; a New York mentor starting at 06:00 shares 5 h.
    const ny = mentor('m-ny', ['ml'], { timezone: 'America/New_York' });
    const early = mentor('m-early', ['ml'], {
      timezone: 'America/New_York',
      workingHours: { start: '06:00', end: '14:00' },
    });
    const both = suggestMatches(interns, [ny, early], span).suggestions;
    expect(both[0]!.mentorId).toBe('m-early');
    expect(both[0]!.workingHours!.averageHours).toBe(5);
    expect(suggestMatches(interns, [ny], span).suggestions[0]!.workingHours!.averageHours).toBe(2);
  });
});
