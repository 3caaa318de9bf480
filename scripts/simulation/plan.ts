import type { FinalDecision, Milestone, MidpointDecision, ReturnOffer } from './operations.js';
import { rng } from './support.js';

/** The program's shape, as the simulation runs it. */
export const WEEKS = 12;
export const MIDPOINT_WEEK = 6;
export const MILESTONE_WEEKS = [4, 7, 10];
export const EXTENSION_WEEKS = 2;
export const TALK_WEEKS = [3, 8];
export const TIMEZONE = 'Europe/Berlin';
const AREAS = [
  'recommender systems',
  'nlp',
  'computer vision',
  'ranking',
  'statistics',
  'distributed systems',
  'time series',
  'causal inference',
];
const ZONES = [
  'Europe/Berlin',
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'Asia/Kolkata',
  'Asia/Singapore',
];
const FIRST_NAMES = ['Amara', 'Bo', 'Carla', 'Dev', 'Emma', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Luca'];
const LAST_NAMES = ['Okafor', 'Chen', 'Ruiz', 'Patel', 'Novak', 'Haddad', 'Berg', 'Sato', 'Costa', 'Weber', 'Adeyemi'];

/** The k-th competency's or criterion's score. */
export type Score = (k: number) => number;
export type Role = 'REGULAR' | 'TERMINATE' | 'EXTEND' | 'FAIL';

export interface MentorPlan {
  id: string;
  name: string;
  team: string;
  expertise: string[];
  timezone: string;
  capacity: number;
}

export interface FinalPlan {
  decision: FinalDecision;
  offer: ReturnOffer;
  score: Score;
  /** The program NPS answer (0–10) of the final self-evaluation. */
  nps: number;
  self: Score;
}

/** One intern: what the plan decided for them, and what the run learnt about them on the way. */
export interface SimIntern {
  id: string;
  name: string;
  university: string;
  degreeLevel: string;
  focusAreas: string[];
  timezone: string;
  role: Role;
  changesRequested: boolean;
  /** Weeks whose check-in the pair skips. */
  skipWeeks: Set<number>;
  /** Milestones (by index) reported a week late. */
  lateMilestones: Set<number>;
  /** The milestone (by index) whose first report gets REVISION_REQUESTED. */
  revisionOn: number | null;
  midpoint: { decision: MidpointDecision; score: Score; self: Score };
  /** Null for the intern terminated at the midpoint. */
  final: FinalPlan | null;
  talkRsvp: boolean[];
  talkAttend: boolean[];
  // What the run learns (set as it goes):
  token: string;
  mentorId: string;
  projectId: string;
  revision: number;
  milestones: Milestone[];
  terminated: boolean;
  slot: { id: string; panel: string[] } | null;
  /** The week of the intern's FINAL window (later for the extended intern). */
  finalWeek: number;
}

export interface Plan {
  seed: number | string;
  runTag: string;
  interns: SimIntern[];
  mentors: MentorPlan[];
  areas: string[];
  capacity: number;
}

/** Everything the run will do, decided up front from the seed. */
export function makePlan({
  interns: internCount,
  mentors: mentorCount,
  seed,
  runTag,
}: {
  interns: number;
  mentors: number;
  seed: number | string;
  runTag: string;
}): Plan {
  if (!Number.isInteger(internCount) || internCount < 6) throw new Error('--interns must be a whole number ≥ 6');
  if (!Number.isInteger(mentorCount) || mentorCount < 2) throw new Error('--mentors must be a whole number ≥ 2');
  if (internCount > 120) throw new Error('--interns is at most 120 (the presentation slots of one week)');
  const r = rng(seed);
  const areas = AREAS.map((a) => `${a} ${runTag}`);
  const capacity = Math.min(10, Math.ceil(internCount / mentorCount) + 1);
  if (capacity * mentorCount < internCount) {
    throw new Error(`${mentorCount} mentors with at most 10 places each cannot mentor ${internCount} interns`);
  }
  const pad = (n: number, total: number) => String(n).padStart(String(total).length, '0');
  const mentors = Array.from({ length: mentorCount }, (_, k): MentorPlan => {
    const id = `sim-${runTag}-mentor-${pad(k + 1, mentorCount)}`;
    return {
      id,
      name: `Mentor ${pad(k + 1, mentorCount)} (${runTag})`,
      team: r.pick(['Recommendations', 'Search', 'Platform', 'Data', 'Research']),
      // Every area is covered by some mentor: each takes area k, k + 3 and sometimes k + 5.
      expertise: [
        ...new Set([
          areas[k % areas.length],
          areas[(k + 3) % areas.length],
          ...(r.next() < 0.5 ? [areas[(k + 5) % areas.length]] : []),
        ]),
      ],
      timezone: r.pick(ZONES),
      capacity,
    };
  });
  const noScore: Score = () => 0;
  const interns = Array.from({ length: internCount }, (_, k): SimIntern => {
    const id = `sim-${runTag}-intern-${pad(k + 1, internCount)}`;
    const focus = r.shuffle(areas).slice(0, r.int(1, 2));
    return {
      id,
      name: `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)} ${pad(k + 1, internCount)}`,
      university: r.pick(['TU Berlin', 'ETH Zürich', 'IIT Bombay', 'NUS', 'UT Austin', 'Open University']),
      degreeLevel: r.pick(['UNDERGRADUATE', 'MASTERS', 'MASTERS', 'PHD']),
      focusAreas: focus,
      timezone: r.pick(ZONES),
      role: 'REGULAR',
      changesRequested: false,
      skipWeeks: new Set(),
      lateMilestones: new Set(),
      revisionOn: null,
      midpoint: { decision: 'CONTINUE', score: noScore, self: noScore }, // drawn below
      final: null,
      talkRsvp: [false, false],
      talkAttend: [false, false],
      token: '',
      mentorId: '',
      projectId: '',
      revision: 0,
      milestones: [],
      terminated: false,
      slot: null,
      finalWeek: WEEKS,
    };
  });
  // Roles: one TERMINATE and one EXTEND at the midpoint, one FAIL at the final; the rest regular.
  const order = r.shuffle(interns);
  order[0].role = 'TERMINATE';
  order[1].role = 'EXTEND';
  order[2].role = 'FAIL';
  const regular = order.slice(3);
  regular[0].changesRequested = true;
  regular[regular.length - 1].revisionOn = 0; // its first report gets REVISION_REQUESTED, then is resubmitted
  // Skipped check-ins: regular pairs, weeks 1–11 (the last week has no next week to miss it in).
  const skipCount = Math.max(2, Math.round(regular.length * (WEEKS - 1) * 0.05));
  const candidates = r.shuffle(
    regular.flatMap((i) => Array.from({ length: WEEKS - 1 }, (_, w): [SimIntern, number] => [i, w + 1])),
  );
  for (const [intern, week] of candidates.slice(0, skipCount)) intern.skipWeeks.add(week);
  // Late milestone reports: regular interns (the report follows a week after the due week).
  for (const intern of regular) for (const m of [0, 1, 2]) if (r.next() < 0.12) intern.lateMilestones.add(m);
  if (!regular.some((i) => i.lateMilestones.size > 0)) regular[1].lateMilestones.add(1);
  regular[regular.length - 1].lateMilestones.delete(0);
  order[2].lateMilestones.add(2); // the intern who will fail reports their last milestone late too

  // Scores are drawn here, not when they are sent (requests finish in any order).
  const rubricScores = (lo: number, hi: number): Score => {
    const drawn = Array.from({ length: 16 }, () => r.int(lo, hi));
    return (k) => drawn[k % drawn.length];
  };
  // Midpoint: decisions and mentor scores; everyone self-evaluates.
  const midpointScores: Record<Role, [MidpointDecision, number, number]> = {
    TERMINATE: ['TERMINATE', 1, 2],
    EXTEND: ['EXTEND', 2, 3],
    FAIL: ['CONTINUE', 2, 5],
    REGULAR: ['CONTINUE', 2, 5],
  };
  for (const intern of interns) {
    const [decision, lo, hi] = midpointScores[intern.role];
    intern.midpoint = { decision, score: rubricScores(lo, hi), self: rubricScores(2, 5) };
  }
  // Final: PASS for all but one FAIL; offers STRONG_YES / YES / NO among the regular interns who
  // pass (each at least once), YES for the extended intern; the FAIL comes with NO.
  const finals = new Map<SimIntern, Pick<FinalPlan, 'decision' | 'offer' | 'score'>>();
  const offerRange: Record<ReturnOffer, [number, number]> = { STRONG_YES: [4, 5], YES: [3, 4], NO: [3, 3] };
  const pass = (offer: ReturnOffer, intern: SimIntern) =>
    finals.set(intern, { decision: 'PASS', offer, score: rubricScores(...offerRange[offer]) });
  const passing = r.shuffle(regular);
  const strongYes = Math.max(1, Math.round(passing.length * 0.3));
  const no = Math.max(1, Math.round(passing.length * 0.2));
  passing.forEach((intern, k) => pass(k < strongYes ? 'STRONG_YES' : k >= passing.length - no ? 'NO' : 'YES', intern));
  pass('YES', order[1]);
  finals.set(order[2], { decision: 'FAIL', offer: 'NO', score: rubricScores(1, 2) });
  // Program NPS answers (0–10), at least one promoter and one detractor.
  const npsPool = [10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 3];
  interns
    .filter((intern) => finals.has(intern))
    .forEach((intern, k) => {
      const nps = k === 0 ? 10 : k === 1 ? 4 : r.pick(npsPool);
      intern.final = { ...finals.get(intern)!, nps, self: rubricScores(3, 5) };
    });
  // Tech talks: most RSVP; most of those attend, and a few who did not RSVP turn up.
  for (const intern of interns) {
    for (const t of [0, 1]) {
      intern.talkRsvp[t] = r.next() < 0.75;
      intern.talkAttend[t] = intern.talkRsvp[t] ? r.next() < 0.85 : r.next() < 0.1;
    }
  }
  return { seed, runTag, interns, mentors, areas, capacity };
}

/** The final evaluations the plan gives `intern` (every intern but the one terminated at the midpoint). */
export function finalOf(intern: SimIntern): FinalPlan {
  if (!intern.final) throw new Error(`the plan has no final evaluations for ${intern.id}`);
  return intern.final;
}
