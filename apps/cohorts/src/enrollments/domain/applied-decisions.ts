/**
 * The evaluations context's decisions as the cohorts service applies them: which one of each
 * cycle an enrollment has applied, and what a newer revision must undo and do (pure rules).
 */

export type MidpointDecision = 'CONTINUE' | 'EXTEND' | 'TERMINATE';
export type EvaluationCycle = 'MIDPOINT' | 'FINAL';

/** The decision of one evaluation an enrollment has applied (its latest revision). */
export interface AppliedDecision {
  enrollmentId: string;
  cycle: EvaluationCycle;
  evaluationId: string;
  /** 1 for the first submission, raised by each correction. */
  revision: number;
  /** CONTINUE, EXTEND or TERMINATE at midpoint; PASS or FAIL at final. */
  decision: string;
  /** The weeks an EXTEND granted (null otherwise). */
  extensionWeeks: number | null;
  appliedAt: Date;
}

/** A decision as it arrives; `revision` absent is 1 (producers from before corrections). */
export interface IncomingDecision {
  evaluationId: string;
  revision?: number | undefined;
}

export const revisionOf = (d: { revision?: number | undefined }): number => d.revision ?? 1;

/**
 * Whether `incoming` is older than (or the same as) what was applied of the same evaluation: a
 * revision at or below the applied one changes nothing. Another evaluation's is never stale.
 */
export function isStale(
  applied: Pick<AppliedDecision, 'evaluationId' | 'revision'> | null,
  incoming: IncomingDecision,
): boolean {
  return applied !== null && applied.evaluationId === incoming.evaluationId && revisionOf(incoming) <= applied.revision;
}

/** One thing applying a midpoint decision does, in order. */
export type MidpointStep =
  { kind: 'REVOKE'; evaluationId: string; weeks: number } | { kind: 'EXTEND'; weeks: number } | { kind: 'TERMINATE' };

/**
 * What applying `incoming` does over the applied midpoint decision (none: as CONTINUE). An
 * extension granted by the applied EXTEND is revoked first unless the new decision is the same
 * EXTEND; then EXTEND extends and TERMINATE terminates. CONTINUE after CONTINUE, or the same EXTEND
 * again, does nothing. (An applied TERMINATE leaves an enrollment that is over: nothing applies.)
 */
export function midpointSteps(
  applied: Pick<AppliedDecision, 'evaluationId' | 'decision' | 'extensionWeeks'> | null,
  incoming: { decision: MidpointDecision; extensionWeeks: number | null },
): MidpointStep[] {
  const steps: MidpointStep[] = [];
  const granted = applied?.decision === 'EXTEND' ? (applied.extensionWeeks ?? 0) : 0;
  const same = incoming.decision === 'EXTEND' && incoming.extensionWeeks === granted;
  if (applied && granted > 0 && !same)
    steps.push({ kind: 'REVOKE', evaluationId: applied.evaluationId, weeks: granted });
  if (incoming.decision === 'EXTEND' && !same) steps.push({ kind: 'EXTEND', weeks: incoming.extensionWeeks ?? 0 });
  if (incoming.decision === 'TERMINATE') steps.push({ kind: 'TERMINATE' });
  return steps;
}

/** The extension a midpoint decision of `evaluationId` granted is stored under this reference. */
export const midpointSourceRef = (evaluationId: string): string => `evaluation:${evaluationId}`;
