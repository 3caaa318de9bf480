import type { Rubric, RubricCriterion, RubricKind, RubricLevel } from './rubric.js';

/** The names of the five points of the scale, shared by both rubrics. */
export const LEVEL_LABELS = ['Unsatisfactory', 'Developing', 'Proficient', 'Strong', 'Exceptional'] as const;

/** Constants shared by every request: frozen all the way down so that no caller can change them. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function criterion(
  key: string,
  name: string,
  description: string,
  levels: [string, string, string, string, string],
): RubricCriterion {
  return {
    key,
    name,
    description,
    levels: levels.map((text, i): RubricLevel => ({ score: i + 1, label: LEVEL_LABELS[i]!, description: text })),
  };
}

/** The default program rubric: what mentors (and interns, for themselves) score at midpoint and final. */
export const PROGRAM_RUBRIC: Rubric = deepFreeze({
  kind: 'PROGRAM',
  name: 'Program rubric',
  description:
    'Competencies an intern is evaluated on at the midpoint and at the end of the program, each scored 1–5. ' +
    'A 3 is what we expect of a strong intern at that point of the program.',
  criteria: [
    criterion(
      'TECHNICAL_EXECUTION',
      'Technical execution',
      'Writes working, tested, readable code and ships it through review, CI and deployment.',
      [
        'Work rarely runs or is merged without substantial rework by others; basic tooling is still a blocker.',
        'Delivers working code for well-defined tasks with close guidance; reviews regularly find correctness or test gaps.',
        'Delivers correct, tested code for the agreed scope with normal review feedback; uses the team’s tooling independently.',
        'Delivers clean, well-tested work ahead of plan; anticipates edge cases, performance and operability.',
        'Delivers production-quality work a full-time engineer would be proud of and raises the bar of the codebase around it.',
      ],
    ),
    criterion(
      'ML_DATA_FUNDAMENTALS',
      'ML and data fundamentals',
      'Understands the data, models and evaluation methods the project relies on, and applies them soundly.',
      [
        'Misapplies basic concepts (leakage, wrong metrics, no baseline) and does not recognise it when pointed out.',
        'Knows the concepts but needs help to set up sound experiments: splits, baselines, the right metrics.',
        'Sets up sound experiments independently, with baselines and metrics that match the problem, and reads the results critically.',
        'Chooses methods deliberately, explains trade-offs, and catches subtle issues in data or evaluation before they cost time.',
        'Brings depth beyond the project’s needs: rigorous analysis, sharp error analysis, ideas the team adopts.',
      ],
    ),
    criterion(
      'PROBLEM_SOLVING',
      'Problem solving',
      'Breaks ambiguous problems into tractable steps, debugs systematically and finds pragmatic solutions.',
      [
        'Gets stuck without asking for help; tries changes at random rather than forming hypotheses.',
        'Solves well-scoped problems; needs help to decompose ambiguous ones or to debug beyond the obvious.',
        'Decomposes the project’s problems independently, debugs methodically and knows when to ask.',
        'Finds simpler or better approaches than the obvious one and unblocks others along the way.',
        'Reframes hard problems, makes sound calls under uncertainty and solves issues that had stalled the team.',
      ],
    ),
    criterion(
      'COMMUNICATION',
      'Communication',
      'Shares progress, blockers and results clearly, in writing and in person, for the audience at hand.',
      [
        'Progress and blockers are hard to know; updates are missing, late or unclear.',
        'Gives updates when asked; written and spoken explanations often need follow-up questions.',
        'Gives timely, clear updates; raises blockers early; documents decisions and results so others can follow.',
        'Tailors communication to the audience; writing and demos are crisp and persuasive.',
        'Communicates like a senior engineer: sets context, drives alignment, and is sought out to explain the work.',
      ],
    ),
    criterion(
      'COLLABORATION',
      'Collaboration',
      'Works well with mentor, team and partners: seeks and gives feedback, reviews others’ work, helps.',
      [
        'Works in isolation or resists feedback; friction with the team goes unresolved.',
        'Accepts feedback and collaborates when prompted; rarely engages with others’ work.',
        'Seeks feedback, acts on it, gives useful code reviews and is a reliable teammate.',
        'Actively helps teammates, improves team practices and builds good relationships beyond the team.',
        'Makes the people around them better; the team’s effectiveness visibly improves with them.',
      ],
    ),
    criterion(
      'OWNERSHIP',
      'Ownership',
      'Takes responsibility for the project’s outcome: commitments, quality, and follow-through.',
      [
        'Misses commitments without notice; waits to be told what to do next.',
        'Meets most commitments with reminders; ownership ends at the assigned task.',
        'Owns the project end to end: plans, meets commitments, flags risks and follows through.',
        'Goes beyond the scope where it matters, anticipates what the project needs and drives it.',
        'Acts as the owner a team can fully rely on; leaves the project, docs and hand-over in exemplary shape.',
      ],
    ),
  ],
} satisfies Rubric);

/** The default presentation rubric: what panel mentors score at the final presentations. */
export const PRESENTATION_RUBRIC: Rubric = deepFreeze({
  kind: 'PRESENTATION',
  name: 'Presentation rubric',
  description:
    'Criteria panel mentors score each final presentation on, 1–5; scores are averaged per intern and per criterion.',
  criteria: [
    criterion(
      'CLARITY',
      'Clarity',
      'Structure, storyline and visuals: the audience understands the problem, the approach and the outcome.',
      [
        'Hard to follow: no clear structure, unreadable slides, the main point is lost.',
        'The main point comes across, but structure or visuals get in the way.',
        'Clear structure from problem to outcome; slides support the talk; fits the time.',
        'Compelling storyline; complex ideas are made simple for a mixed audience.',
        'Exemplary: memorable, precise and engaging from the first slide to the last.',
      ],
    ),
    criterion(
      'TECHNICAL_DEPTH',
      'Technical depth',
      'Soundness and depth of the technical work shown: design choices, experiments, trade-offs.',
      [
        'Technical content is missing or wrong.',
        'Describes what was done, but not why; trade-offs and limitations are not discussed.',
        'Explains the approach and key design choices with evidence; limitations are acknowledged.',
        'Shows deep understanding: alternatives considered, rigorous evidence, honest limitations.',
        'Depth that would hold up in front of the team’s most senior engineers.',
      ],
    ),
    criterion(
      'IMPACT',
      'Impact',
      'Results against the scope’s success metrics and what they mean for users or the business.',
      [
        'No results, or results not related to the agreed success metrics.',
        'Some results, with little connection to the metrics or to why they matter.',
        'Results measured against the agreed metrics, with their meaning for users or the business.',
        'Results meet or beat the targets and the impact is quantified convincingly.',
        'Exceptional impact that changes what the team will do next.',
      ],
    ),
    criterion(
      'HANDLING_QUESTIONS',
      'Handling questions',
      'Answers to the panel: understanding of the work, honesty about unknowns, composure.',
      [
        'Cannot answer basic questions about the work.',
        'Answers some questions; others are vague or off-target.',
        'Answers most questions directly and accurately; says so when something is unknown.',
        'Answers with depth and nuance, using the questions to strengthen the case.',
        'Handles hard questions with ease and insight; the discussion adds to the presentation.',
      ],
    ),
  ],
} satisfies Rubric);

export const DEFAULT_RUBRICS: readonly Rubric[] = Object.freeze([PROGRAM_RUBRIC, PRESENTATION_RUBRIC]);

/** The default rubric of a kind (a cohort-tailored rubric will take precedence once it exists). */
export function defaultRubric(kind: RubricKind): Rubric {
  return kind === 'PROGRAM' ? PROGRAM_RUBRIC : PRESENTATION_RUBRIC;
}
