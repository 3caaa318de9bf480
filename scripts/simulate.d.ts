export interface SimulationCheck {
  name: string;
  expected: unknown;
  actual: unknown;
  ok: boolean;
}

export interface SimulationResult {
  /** Every check passed and every step ran. */
  ok: boolean;
  cohortId: string;
  runTag: string;
  checks: SimulationCheck[];
  /** Steps that could not be carried out (the run went on without them), with the request and the answer. */
  failures: { step: string; detail: string }[];
  report: Record<string, any>;
  progress: Record<string, any>[];
  timings: { phase: string; ms: number }[];
  latencies: { op: string; count: number; p50: number; p95: number; max: number; totalMs: number }[];
  waits: { waitingFor: string; ms: number }[];
  requests: number;
  wallMs: number;
}

export declare class SimulationStepError extends Error {
  readonly step: string;
}

/**
 * Runs a whole cohort through the gateway at `url` (sandbox clock) and checks the cohort report
 * against what it did. Throws SimulationStepError when a step fails in a way the run cannot go on from.
 */
export declare function runSimulation(options: {
  url: string;
  interns?: number;
  mentors?: number;
  seed?: number | string;
  log?: (message: string) => void;
  concurrency?: number;
  /** Part of every id the run creates (default: from the seed and the time). */
  runTag?: string;
  /** How long to wait for one asynchronous effect (default 60 s). */
  timeoutMs?: number;
}): Promise<SimulationResult>;
