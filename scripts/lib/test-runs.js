import os from 'node:os';

// How scripts/test.js runs each tier's files (see the comment there).
const IN_BAND = new Set(['integration', 'e2e', 'security', 'faults', 'scale']);
const TWO_AT_A_TIME = new Set(['integration']);
/** Integration files that stop the shared broker (`infra/kafka/kafka.sh stop`): never beside another file. */
export const STOPS_SHARED_BROKER = ['libs/messaging/src/messaging.integration-spec.ts'];

/**
 * The Jest runs of a tier, each [label, suffix of its results file, Jest arguments]: the unit tier
 * on a worker per core; the integration tier, in a whole run (no arguments of the caller's), two
 * files at a time and then the files that stop the shared broker alone; every other run in band.
 */
export function runsOf(tier, rest, cores = os.availableParallelism()) {
  if (!IN_BAND.has(tier)) return [[`${tier} tests`, '', [`--maxWorkers=${cores}`, ...rest]]];
  if (!TWO_AT_A_TIME.has(tier) || rest.length > 0) return [[`${tier} tests`, '', ['--runInBand', ...rest]]];
  const alone = STOPS_SHARED_BROKER.map((f) => f.replace(/[.]/g, '\\.'));
  return [
    [`${tier} tests (two files at a time)`, '', ['--maxWorkers=2', `--testPathIgnorePatterns=${alone.join('|')}`]],
    [`${tier} tests (alone: stops the shared broker)`, '-alone', ['--runInBand', `--testPathPatterns=${alone.join('|')}`]],
  ];
}
