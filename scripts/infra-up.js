#!/usr/bin/env node
// `npm run infra:up`: what the services need on this machine, without Docker, and nothing else:
// the local Kafka broker (KRaft) with every topic created, and a reachable Postgres server (see
// scripts/lib/infra.js). Both outlive this command; `npm run infra:down` stops Kafka.
import { ensureInfra } from './lib/infra.js';

try {
  const env = await ensureInfra();
  console.log('• infrastructure up; the apps read it from:');
  for (const [name, value] of Object.entries(env)) {
    console.log(`  ${name}=${name === 'DATABASE_URL' ? value.replace(/:[^:@/]*@/, ':***@') : value}`);
  }
  // Kafka and Postgres run on their own; nothing of this process needs to outlive it.
  process.exit(0);
} catch (err) {
  console.error(`infra:up: ${err?.stack ?? err}`);
  process.exit(1);
}
