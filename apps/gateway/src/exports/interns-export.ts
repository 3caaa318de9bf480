import { isObjectType, type GraphQLSchema } from 'graphql';
import type { CsvColumn } from './csv.js';

/**
 * `GET /exports/cohorts/:id/interns.csv`: one row per enrollment of the cohort, in enrollment
 * order (`Cohort.enrollments`, paged), withdrawn and terminated interns included.
 *
 *  - primary mentor: the intern's active PRIMARY assignment in this cohort; once it ended (the
 *    intern completed, withdrew), the author of the intern's latest mentor evaluation in this
 *    cohort (the primary mentor who evaluated), named through `mentor(id)`; else empty;
 *  - risk: `Intern.progress.riskLevel` when that progress is of this cohort (it follows the
 *    intern's latest cohort), else empty;
 *  - midpoint decision / final outcome: the intern's MENTOR evaluations of this cohort (their
 *    latest revision, as the evaluations service shows them); the final outcome is the
 *    enrollment's `outcome` when the cohorts service has one;
 *  - return offer: `Enrollment.returnOffer { recommendation status decidedAt }`; while the
 *    composed schema has no `Enrollment.returnOffer`, the recommendation comes from the FINAL
 *    mentor evaluation and status and decision date are empty.
 */

export interface InternNode {
  internId: string;
  status: string;
  extensionWeeks: number;
  outcome: string | null;
  returnOffer?: { recommendation: string | null; status: string | null; decidedAt: string | null } | null;
  intern: {
    name: string;
    email: string;
    university: string;
    mentorAssignments: {
      cohortId: string;
      role: string;
      active: boolean;
      mentor: { id: string; name: string } | null;
    }[];
    evaluations: {
      cohortId: string;
      kind: string;
      cycle: string;
      decision: string | null;
      returnOffer: string | null;
      authorId: string;
      submittedAt: string;
    }[];
    progress: { cohortId: string; riskLevel: string } | null;
  } | null;
}

export interface InternsPage {
  cohort: {
    id: string;
    enrollments: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: InternNode }[];
    };
  } | null;
}

/** Whether the composed schema has `Enrollment.returnOffer` (added with offers, issue 13). */
export function hasReturnOffer(schema: GraphQLSchema): boolean {
  const enrollment = schema.getType('Enrollment');
  return isObjectType(enrollment) && 'returnOffer' in enrollment.getFields();
}

/** One page of the cohort's enrollments with what each row needs. */
export function internsQuery(withReturnOffer: boolean): string {
  return `query ExportCohortInterns($cohortId: ID!, $first: Int!, $after: String) {
  cohort(id: $cohortId) {
    id
    enrollments(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          internId status extensionWeeks outcome
          ${withReturnOffer ? 'returnOffer { recommendation status decidedAt }' : ''}
          intern {
            name email university
            mentorAssignments { cohortId role active mentor { id name } }
            evaluations { cohortId kind cycle decision returnOffer authorId submittedAt }
            progress { cohortId riskLevel }
          }
        }
      }
    }
  }
}`;
}

/** Names of mentors by id, as aliases of `mentor(id)` (at most MAX_ROOT_FIELDS of them). */
export function mentorNamesQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$m${i}: ID!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `m${i}: mentor(id: $m${i}) { id name }`).join(' ');
  return `query ExportMentorNames(${vars}) { ${fields} }`;
}

/** `mentor(id)` aliases per names query (the gateway's MAX_ROOT_FIELDS default is 50). */
export const NAMES_PER_QUERY = 50;

/** Reads the names of these mentors into `into` (id → name), NAMES_PER_QUERY a query; unknown ids are left out. */
export async function readMentorNames(
  query: <T>(source: string, variables: Record<string, unknown>) => Promise<T>,
  ids: readonly string[],
  into: Map<string, string>,
): Promise<void> {
  for (let i = 0; i < ids.length; i += NAMES_PER_QUERY) {
    const chunk = ids.slice(i, i + NAMES_PER_QUERY);
    const data = await query<Record<string, { id: string; name: string } | null>>(
      mentorNamesQuery(chunk.length),
      Object.fromEntries(chunk.map((id, k) => [`m${k}`, id])),
    );
    for (const mentor of Object.values(data)) if (mentor) into.set(mentor.id, mentor.name);
  }
}

/** One CSV row of the interns export. */
export interface InternRow {
  internId: string;
  name: string | null;
  email: string | null;
  university: string | null;
  status: string;
  primaryMentorId: string | null;
  primaryMentorName: string | null;
  risk: string | null;
  extensionWeeks: number;
  midpointDecision: string | null;
  finalOutcome: string | null;
  returnOfferRecommendation: string | null;
  returnOfferStatus: string | null;
  returnOfferDecidedAt: string | null;
}

function latestMentorEvaluation(node: InternNode, cohortId: string, cycle?: string) {
  return (node.intern?.evaluations ?? [])
    .filter((e) => e.cohortId === cohortId && e.kind === 'MENTOR' && (!cycle || e.cycle === cycle))
    .sort((a, b) => (a.cycle === b.cycle ? a.submittedAt.localeCompare(b.submittedAt) : a.cycle === 'FINAL' ? 1 : -1))
    .at(-1);
}

/** The primary mentor of a row: active assignment (with its name), else the latest mentor evaluation's author (id only). */
export function primaryMentorOf(node: InternNode, cohortId: string): { id: string; name: string | null } | null {
  const active = node.intern?.mentorAssignments.find(
    (a) => a.active && a.role === 'PRIMARY' && a.cohortId === cohortId,
  );
  if (active?.mentor) return { id: active.mentor.id, name: active.mentor.name };
  const evaluation = latestMentorEvaluation(node, cohortId);
  return evaluation ? { id: evaluation.authorId, name: null } : null;
}

/** A row of the export, the primary mentor's name taken from `names` where the node does not carry it. */
export function internRow(node: InternNode, cohortId: string, names: ReadonlyMap<string, string>): InternRow {
  const mentor = primaryMentorOf(node, cohortId);
  const midpoint = latestMentorEvaluation(node, cohortId, 'MIDPOINT');
  const final = latestMentorEvaluation(node, cohortId, 'FINAL');
  const progress = node.intern?.progress;
  return {
    internId: node.internId,
    name: node.intern?.name ?? null,
    email: node.intern?.email ?? null,
    university: node.intern?.university ?? null,
    status: node.status,
    primaryMentorId: mentor?.id ?? null,
    primaryMentorName: mentor ? (mentor.name ?? names.get(mentor.id) ?? null) : null,
    risk: progress && progress.cohortId === cohortId ? progress.riskLevel : null,
    extensionWeeks: node.extensionWeeks,
    midpointDecision: midpoint?.decision ?? null,
    finalOutcome: node.outcome ?? final?.decision ?? null,
    returnOfferRecommendation:
      node.returnOffer !== undefined ? (node.returnOffer?.recommendation ?? null) : (final?.returnOffer ?? null),
    returnOfferStatus: node.returnOffer?.status ?? null,
    returnOfferDecidedAt: node.returnOffer?.decidedAt ?? null,
  };
}

export const INTERN_COLUMNS: readonly CsvColumn<InternRow>[] = [
  { header: 'intern_id', value: (r) => r.internId },
  { header: 'name', value: (r) => r.name },
  { header: 'email', value: (r) => r.email },
  { header: 'university', value: (r) => r.university },
  { header: 'enrollment_status', value: (r) => r.status },
  { header: 'primary_mentor_id', value: (r) => r.primaryMentorId },
  { header: 'primary_mentor', value: (r) => r.primaryMentorName },
  { header: 'risk', value: (r) => r.risk },
  { header: 'extension_weeks', value: (r) => r.extensionWeeks },
  { header: 'midpoint_decision', value: (r) => r.midpointDecision },
  { header: 'final_outcome', value: (r) => r.finalOutcome },
  { header: 'return_offer_recommendation', value: (r) => r.returnOfferRecommendation },
  { header: 'return_offer_status', value: (r) => r.returnOfferStatus },
  { header: 'return_offer_decided_at', value: (r) => r.returnOfferDecidedAt },
];
