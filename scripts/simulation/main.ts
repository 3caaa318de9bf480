#!/usr/bin/env node
/**
 * `npm run simulate -- [--scenario happy|messy] --interns 60 --mentors 30 [--url http://…/graphql] [--seed 1] [--concurrency 8]`
 *
 * `--scenario messy` (default interns 6, mentors 3) runs the program off the happy path instead
 * (SPEC 7; see run-messy.ts): a renamed cohort, a talk moved and one cancelled, a withdrawal
 * reinstated, a midpoint EXTEND corrected, an EXTEND over the 5-week total refused, evaluations a
 * PM records late, a slot closed under its intern; then it checks every service's view.
 * The default scenario, `happy`, is what follows.
 *
 * A whole 12-week cohort through the public GraphQL API only, on the sandbox clock
 * (advanceCohortClock): scheduled, mentors registered, interns enrolled and onboarded, matched
 * (matchSuggestions) and assigned, scopes drafted (one sent back with changes requested) and approved
 * with milestones due in weeks 4, 7 and 10, weekly check-ins (some pairs skip a week on purpose),
 * milestone reports (some late) and their reviews, two tech talks with RSVPs and attendance,
 * midpoint evaluations (one EXTEND of 2 weeks, one TERMINATE, the rest CONTINUE) and
 * self-evaluations, presentation slots with mentor panels, booking and panel scores, final
 * evaluations (PASS for all but one FAIL, return offers STRONG_YES/YES/NO) and final
 * self-evaluations with the program NPS, every intern's feedback on their primary mentor at the
 * midpoint and the end (submitMentorFeedback), the extended intern's later weeks, the cohort's
 * completion, and return offers (recordOfferDecision EXTENDED for every intern who passed with a
 * recommendation, then ACCEPTED, or DECLINED by every third). Then it prints the cohortReport and
 * the cohort's programReport row and checks them (and each mentor's mentorFeedbackSummary) against
 * what it did: every check prints expected vs actual, and the process exits 1 when any fails.
 *
 * Without --url it brings the whole system up itself (Kafka, Postgres, every app on ports
 * 4400–4405 with fresh `mentorflow_sim_*` databases, CLOCK_MODE=sandbox) and stops it at the end.
 * Every choice (who skips a check-in, whose report is late, scores, decisions, NPS answers) follows
 * from --seed; ids carry a run tag so that runs never collide on a shared system.
 *
 * It runs compiled: `npm run simulate` builds first (`npm run build`, which compiles this folder
 * with the apps into dist/) and runs dist/scripts/simulation/main.js.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { runMessySimulation } from './run-messy.js';
import { runSimulation } from './run-simulation.js';
import { SimulationStepError } from './support.js';

/** The repository's plain-JS scripts/lib, found upwards from here (dist/scripts/simulation/ when compiled). */
function scriptsLib(file: string): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'scripts', 'lib', file);
    if (existsSync(candidate)) return pathToFileURL(candidate).href;
  }
  throw new Error(`scripts/lib/${file} not found above ${fileURLToPath(import.meta.url)}`);
}
const { dropDatabase, ensureInfra, REPO } = (await import(scriptsLib('infra.js'))) as typeof import('../lib/infra.js');
const { SERVICES, startSystem } = (await import(scriptsLib('services.js'))) as typeof import('../lib/services.js');

const USAGE =
  'usage: npm run simulate -- [--scenario happy|messy] [--interns 60 (messy: 6)] [--mentors 30 (messy: 3)] [--url http://…/graphql] [--seed 1] [--concurrency 8]';

/** The scenarios, with their default sizes. */
const SCENARIOS = {
  happy: { interns: '60', mentors: '30', run: runSimulation },
  messy: { interns: '6', mentors: '3', run: runMessySimulation },
} as const;

/**
 * Commits the simulation's consumer groups at the current ends of the event topics (as
 * startGroupAtEnd in libs/testing does for tests): the apps start on fresh databases and consume
 * only what happens from now on, instead of replaying the shared broker's whole history first.
 */
async function startGroupsAtEnd(brokers: string[], groupIds: string[]): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'mentorflow-simulate', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => /^mentorflow\.[a-z]+\.events$/.test(t));
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      for (const groupId of groupIds) {
        await admin.setOffsets({
          groupId,
          topic,
          partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
        });
      }
    }
    return topics;
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  let values: {
    scenario: string;
    interns?: string;
    mentors?: string;
    url?: string;
    seed: string;
    concurrency: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        scenario: { type: 'string', default: 'happy' },
        interns: { type: 'string' },
        mentors: { type: 'string' },
        url: { type: 'string' },
        seed: { type: 'string', default: '1' },
        concurrency: { type: 'string', default: '8' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!Object.hasOwn(SCENARIOS, values.scenario)) {
    console.error(`unknown --scenario ${values.scenario}\n${USAGE}`);
    process.exit(2);
  }
  const scenario = SCENARIOS[values.scenario as keyof typeof SCENARIOS];
  const t0 = Date.now();
  let system: Awaited<ReturnType<typeof startSystem>> | undefined;
  let url = values.url;
  const stop = async () => {
    if (system) {
      console.log('• stopping the apps…');
      const s = system;
      system = undefined;
      await s.stop();
    }
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(130)));
  process.on('SIGTERM', () => void stop().then(() => process.exit(143)));
  let ok = false;
  try {
    if (!url) {
      const env = await ensureInfra();
      const apps = [...SERVICES, 'gateway'];
      for (const name of apps) await dropDatabase(env.DATABASE_URL, `mentorflow_sim_${name}`);
      const topics = await startGroupsAtEnd(
        env.KAFKA_BROKERS.split(','),
        apps.map((name) => `mentorflow-${name}-sim`),
      );
      console.log(`• consumer groups mentorflow-*-sim start at the end of ${topics.length} event topics`);
      system = await startSystem({
        env: { ...env, NODE_ENV: process.env.NODE_ENV ?? 'development', CLOCK_MODE: 'sandbox' },
        basePort: 4400,
        databasePrefix: 'mentorflow_sim',
        groupSuffix: 'sim',
        logDir: path.join(REPO, '.data', 'sim-logs'),
      });
      url = system.url;
      console.log(`• system up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${url} (logs: ${system.logDir})`);
    }
    const result = await scenario.run({
      url,
      interns: Number(values.interns ?? scenario.interns),
      mentors: Number(values.mentors ?? scenario.mentors),
      seed: values.seed,
      concurrency: Number(values.concurrency),
    });
    ok = result.ok;
  } catch (err) {
    console.error(`\n✗ the simulation stopped: ${(err as Error).message}`);
    if (!(err instanceof SimulationStepError)) console.error((err as Error).stack);
  } finally {
    await stop();
  }
  console.log(`wall time: ${((Date.now() - t0) / 1000).toFixed(1)} s; ${ok ? 'every check passed' : 'FAILED'}`);
  process.exit(ok ? 0 : 1);
}

await main();
