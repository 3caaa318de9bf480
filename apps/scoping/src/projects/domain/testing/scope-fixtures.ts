import type { DraftContext } from '../project.js';
import type { ScopeInput } from '../scope-content.js';

/** A valid scope input for specs; override any field. */
export function aScope(overrides: Partial<Record<keyof ScopeInput, unknown>> = {}): ScopeInput {
  return {
    title: 'Session-aware recommendations',
    problemStatement: 'Recommendations ignore what the user did in the current session.',
    objectives: ['Model the session', 'Ship an A/B test'],
    successMetrics: [
      { name: 'RMSE', target: '≤ 0.85', unit: 'rating points' },
      { name: 'CTR uplift', target: '≥ 2%', unit: '%' },
    ],
    deliverables: ['Model', 'Report'],
    milestones: [
      { title: 'Baseline', dueWeek: 4, acceptanceCriteria: ['Baseline RMSE measured'] },
      { title: 'Session model', dueWeek: 8, acceptanceCriteria: ['Beats the baseline offline'] },
    ],
    ...overrides,
  };
}

/** Deterministic ids: m-1, m-2, … */
export function idSequence(prefix = 'm'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export function draftContext(over: Partial<DraftContext> = {}): DraftContext {
  return { programWeeks: 12, extensionGrants: 0, newId: idSequence(), ...over };
}
