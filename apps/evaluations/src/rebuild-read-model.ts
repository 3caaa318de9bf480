import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { CONTEXTS, type Context } from '#contracts';
import { createKafka, eventsTopic, KeyRing } from '#messaging';
import { createLogger, loadConfig, runMain, serviceDataSourceOptions } from '#platform';
import { evaluationsConfigSchema } from './config.js';
import { evaluationsEntities } from './entities.js';
import { evaluationsMigrations } from './migrations/index.js';
import { ProgressRebuild } from './progress/rebuild/progress-rebuild.js';

/**
 * Rebuilds the intern progress read model from the Kafka topics, from their first offset:
 *
 *   node dist/apps/evaluations/src/rebuild-read-model.js            # replay, compare with the live model
 *   node dist/apps/evaluations/src/rebuild-read-model.js --keep     # … and keep the rebuilt schema to look at
 *   node dist/apps/evaluations/src/rebuild-read-model.js --swap     # replay, then replace the live model
 *
 * Same environment as the service (DATABASE_URL, DATABASE_NAME, KAFKA_BROKERS, KAFKA_GROUP_ID:
 * the live consumer group, whose position the comparison and the swap wait for). Prints a JSON
 * report; exits 0 when the models are identical (or the swap happened), 2 when they differ.
 */
runMain('evaluations-rebuild', async () => {
  const args = new Set(process.argv.slice(2));
  const timeoutArg = process.argv.find((a) => a.startsWith('--timeout='));
  const config = loadConfig(evaluationsConfigSchema);
  const logger = createLogger('evaluations-rebuild', config.LOG_LEVEL);
  const options = await serviceDataSourceOptions({
    serverUrl: config.DATABASE_URL,
    database: config.DATABASE_NAME,
    entities: evaluationsEntities,
    migrations: evaluationsMigrations,
  });
  const dataSource = new DataSource({ ...options, migrationsRun: false } as typeof options);
  await dataSource.initialize();
  const kafka = createKafka('mentorflow-evaluations-rebuild', config.KAFKA_BROKERS, logger);
  const keyRing = new KeyRing(kafka, { service: 'evaluations-rebuild', brokers: config.KAFKA_BROKERS }, logger);
  try {
    const rebuild = new ProgressRebuild({
      dataSource,
      kafka,
      keyRing,
      topics: Object.fromEntries(CONTEXTS.map((c) => [c, eventsTopic(c)])) as Record<Context, string>,
      liveGroupId: config.KAFKA_GROUP_ID ?? 'mentorflow-evaluations',
      logger,
      ...(timeoutArg ? { timeoutMs: Number(timeoutArg.split('=')[1]) * 1000 } : {}),
    });
    const report = args.has('--swap')
      ? await rebuild.rebuildAndSwap()
      : await rebuild.rebuildAndCompare({ keep: args.has('--keep') });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.exitCode = report.identical || report.swapped ? 0 : 2;
  } finally {
    await keyRing.stop();
    await dataSource.destroy();
  }
});
