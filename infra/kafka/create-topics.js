#!/usr/bin/env node
'use strict';
/**
 * Creates the Mentorflow Kafka topics (infra/kafka/topics.json) that do not exist yet and
 * waits until every one of them has metadata with a leader on every partition.
 * Idempotent. Auto topic creation is disabled on the broker, so this must run before services.
 *
 * Retention is set explicitly on every topic, whatever the broker's defaults (README, "Retention"):
 * events topics (`*.events`) keep their events forever (retention.ms=-1, retention.bytes=-1), since
 * read models rebuild from offset zero and a new consumer group starts from the beginning; dead-letter
 * topics (`*.dead-letter`) keep theirs DEAD_LETTER_RETENTION_MS (30 days). A topic that exists
 * with other settings (created earlier, or by hand) is altered to these; one that has them is left
 * alone. KafkaJS has no incrementalAlterConfigs, so the alteration re-sends the topic's other
 * dynamic settings with the new ones (alterConfigs replaces a topic's whole set).
 *
 *   node infra/kafka/create-topics.js [extra.topic[:partitions] ...]
 *
 * Env: KAFKA_BROKERS (comma separated, default 127.0.0.1:9092), and the services' Kafka security
 * variables (README, "Kafka security"): KAFKA_SASL_MECHANISM (scram-sha-256|scram-sha-512|plain),
 * KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, KAFKA_SSL (true|false), KAFKA_SSL_CA_FILE. It runs
 * with a service's environment (k8s init containers, compose), so it connects as the service does.
 *
 * Programmatic use:
 *   const { createTopics } = require('./infra/kafka/create-topics');
 *   await createTopics({ brokers: ['127.0.0.1:9092'], topics: [{ name: 'x', partitions: 1 }] });
 * `brokers` defaults to KAFKA_BROKERS, `topics` to the list in topics.json. Topics may be given
 * as objects ({ name, partitions, replicationFactor, configs }) or strings ('name' / 'name:partitions').
 */
const path = require('node:path');
const fs = require('node:fs');

const REPO_DIR = path.resolve(__dirname, '..', '..');
const TOPICS_FILE = path.join(__dirname, 'topics.json');
const DEFAULT_BROKERS = '127.0.0.1:9092';
const REPLICATION_FACTOR = 1;
/** How long a dead-letter topic keeps a message: 30 days to look at it, replay it or drop it. */
const DEAD_LETTER_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Personal-data keys topics (`*.personal-data-keys`, README "Personal data") are compacted: the
 * newest record per person, the key or, once erased, a tombstone. A segment rolls every hour and
 * is compacted without delay, so an erased key leaves the log within about an hour; a tombstone
 * stays a day, for consumers that were down, then goes too.
 */
const PERSONAL_DATA_KEYS_CONFIGS = {
  'cleanup.policy': 'compact',
  'min.compaction.lag.ms': '0',
  'segment.ms': String(60 * 60 * 1000),
  'min.cleanable.dirty.ratio': '0.01',
  'delete.retention.ms': String(24 * 60 * 60 * 1000),
};

/**
 * The retention settings a topic gets from its name: unlimited for events topics, 30 days for
 * dead letters, none (the broker's defaults) for anything else. `configs` in topics.json (or in a
 * topic object) go over these.
 */
function retentionConfigsFor(name) {
  if (name.endsWith('.events')) return { 'retention.ms': '-1', 'retention.bytes': '-1' };
  if (name.endsWith('.dead-letter'))
    return { 'retention.ms': String(DEAD_LETTER_RETENTION_MS), 'retention.bytes': '-1' };
  if (name.endsWith('.personal-data-keys')) return PERSONAL_DATA_KEYS_CONFIGS;
  return {};
}

function loadKafkajs() {
  try {
    return require('kafkajs');
  } catch {
    return require(require.resolve('kafkajs', { paths: [REPO_DIR] }));
  }
}

function brokersFromEnv() {
  return (process.env.KAFKA_BROKERS || DEFAULT_BROKERS)
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

function loadTopicsFile(file = TOPICS_FILE) {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!parsed || !Array.isArray(parsed.topics)) {
    throw new Error(`${file}: expected {"topics":[{"name":...,"partitions":...}]}`);
  }
  return parsed.topics;
}

function normalizeTopic(t) {
  if (typeof t === 'string') {
    const m = /^([^:]+)(?::(\d+))?$/.exec(t.trim());
    if (!m) throw new Error(`invalid topic spec "${t}" (expected name or name:partitions)`);
    return {
      name: m[1],
      partitions: m[2] ? Number(m[2]) : 1,
      replicationFactor: REPLICATION_FACTOR,
      configs: retentionConfigsFor(m[1]),
    };
  }
  if (!t || typeof t.name !== 'string' || !t.name) throw new Error(`invalid topic ${JSON.stringify(t)}`);
  const partitions = t.partitions == null ? 1 : Number(t.partitions);
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new Error(`topic ${t.name}: invalid partitions ${t.partitions}`);
  }
  return {
    name: t.name,
    partitions,
    replicationFactor: t.replicationFactor == null ? REPLICATION_FACTOR : Number(t.replicationFactor),
    configs: { ...retentionConfigsFor(t.name), ...stringValues(t.configs || {}) },
  };
}

function stringValues(configs) {
  return Object.fromEntries(Object.entries(configs).map(([k, v]) => [k, String(v)]));
}

/** DescribeConfigs' source of a setting made on the topic itself (DYNAMIC_TOPIC_CONFIG). */
const TOPIC_CONFIG_SOURCE = 1;

/**
 * Sets `configs` on existing topics whose settings differ; returns the names it altered. The
 * topics' other own settings are sent along, so nothing but the wanted keys changes.
 */
async function alignTopicConfigs(admin, topics, ConfigResourceTypes) {
  const withConfigs = topics.filter((t) => Object.keys(t.configs).length > 0);
  if (!withConfigs.length) return [];
  const { resources } = await admin.describeConfigs({
    resources: withConfigs.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.name })),
    includeSynonyms: false,
  });
  const byName = new Map(resources.map((r) => [r.resourceName, r.configEntries]));
  const changes = [];
  for (const t of withConfigs) {
    const entries = byName.get(t.name) || [];
    const current = new Map(entries.map((e) => [e.configName, e.configValue]));
    if (Object.entries(t.configs).every(([k, v]) => current.get(k) === v)) continue;
    const own = Object.fromEntries(
      entries.filter((e) => e.configSource === TOPIC_CONFIG_SOURCE).map((e) => [e.configName, e.configValue]),
    );
    const merged = { ...own, ...t.configs };
    changes.push({
      type: ConfigResourceTypes.TOPIC,
      name: t.name,
      configEntries: Object.entries(merged).map(([name, value]) => ({ name, value })),
    });
  }
  if (changes.length) await admin.alterConfigs({ validateOnly: false, resources: changes });
  return changes.map((c) => c.name);
}

/**
 * KafkaJS `ssl`/`sasl` options from the environment, with the services' rules (libs/messaging
 * kafka-security.ts): a mechanism needs a username and password, PLAIN needs TLS, a CA file needs
 * TLS. Throws naming the variable. Nothing set: {} (plaintext, the local broker).
 */
function securityFromEnv(env = process.env) {
  const unset = (v) => v === undefined || v === '';
  const mechanism = unset(env.KAFKA_SASL_MECHANISM) ? undefined : env.KAFKA_SASL_MECHANISM.trim().toLowerCase();
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password, KAFKA_SSL_CA_FILE: caFile } = env;
  const sslValue = unset(env.KAFKA_SSL) ? 'false' : env.KAFKA_SSL;
  const ssl = sslValue === 'true';
  const problems = [];
  if (sslValue !== 'true' && sslValue !== 'false') problems.push('KAFKA_SSL: expected true or false');
  if (mechanism !== undefined) {
    if (!['scram-sha-256', 'scram-sha-512', 'plain'].includes(mechanism)) {
      problems.push('KAFKA_SASL_MECHANISM: expected scram-sha-256, scram-sha-512 or plain');
    }
    if (unset(username)) problems.push(`KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=${mechanism}`);
    if (unset(password)) problems.push(`KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=${mechanism}`);
    if (mechanism === 'plain' && !ssl) {
      problems.push('KAFKA_SASL_MECHANISM: plain sends the password in clear text; set KAFKA_SSL=true');
    }
  } else if (!unset(username) || !unset(password)) {
    problems.push('KAFKA_SASL_MECHANISM: required with KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD');
  }
  let ca;
  if (!unset(caFile)) {
    if (!ssl) problems.push('KAFKA_SSL_CA_FILE: only used with TLS; set KAFKA_SSL=true');
    else {
      try {
        ca = fs.readFileSync(caFile, 'utf8');
      } catch (e) {
        problems.push(`KAFKA_SSL_CA_FILE: cannot read ${caFile} (${e.code || e.message})`);
      }
    }
  }
  if (problems.length) throw new Error(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return {
    ...(ssl ? { ssl: ca ? { ca: [ca] } : true } : {}),
    ...(mechanism ? { sasl: { mechanism, username, password } } : {}),
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {{brokers?: string[]|string, topics?: Array<string|{name:string,partitions?:number,replicationFactor?:number}>,
 *          clientId?: string, timeoutMs?: number, security?: {ssl?: unknown, sasl?: unknown}}} [options]
 *        `security` defaults to the environment's (securityFromEnv).
 * @returns {Promise<{brokers: string[], topics: string[], created: string[], existing: string[], altered: string[], warnings: string[]}>}
 *          `altered`: existing topics whose retention settings were changed to the wanted ones.
 */
async function createTopics(options = {}) {
  const { Kafka, logLevel, ConfigResourceTypes } = loadKafkajs();
  const brokers =
    typeof options.brokers === 'string'
      ? options.brokers
          .split(',')
          .map((b) => b.trim())
          .filter(Boolean)
      : options.brokers && options.brokers.length
        ? options.brokers
        : brokersFromEnv();
  const wanted = new Map();
  for (const t of (options.topics || loadTopicsFile()).map(normalizeTopic)) wanted.set(t.name, t);
  const topics = [...wanted.values()];
  const timeoutMs = options.timeoutMs || 30000;
  const deadline = Date.now() + timeoutMs;

  const security = options.security || securityFromEnv();
  const kafka = new Kafka({
    clientId: options.clientId || 'mentorflow-create-topics',
    brokers,
    ...security,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 2000 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existingNames = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existingNames.has(t.name));
    const created = [];
    if (missing.length) {
      // kafkajs resolves (false) when topics were created concurrently by someone else
      // (TOPIC_ALREADY_EXISTS); any other per-topic error rejects.
      await admin.createTopics({
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor,
          configEntries: Object.entries(t.configs).map(([name, value]) => ({ name, value })),
        })),
        waitForLeaders: true,
        timeout: timeoutMs,
      });
      created.push(...missing.map((t) => t.name));
    }

    // Wait until metadata of every topic is complete (all partitions have a leader).
    const warnings = [];
    const names = topics.map((t) => t.name);
    for (;;) {
      let ready = false;
      try {
        const { topics: meta } = await admin.fetchTopicMetadata({ topics: names });
        const byName = new Map(meta.map((m) => [m.name, m]));
        ready = names.every((n) => {
          const m = byName.get(n);
          return m && m.partitions.length > 0 && m.partitions.every((p) => p.leader != null && p.leader >= 0);
        });
        if (ready) {
          for (const t of topics) {
            const have = byName.get(t.name).partitions.length;
            if (have < t.partitions) {
              warnings.push(`${t.name} has ${have} partitions, topics.json wants ${t.partitions} (not changed)`);
            }
          }
        }
      } catch (e) {
        if (Date.now() >= deadline) throw e;
      }
      if (ready) break;
      if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for topic metadata`);
      await sleep(100);
    }

    // Topics made earlier (or by someone else) without the retention settings get them now.
    const createdSet = new Set(created);
    // A user without the right to describe or alter topic configs (ACLs) gets a warning, not a
    // failure: the services warn at start-up too when an events topic's retention is limited.
    let altered = [];
    try {
      altered = await alignTopicConfigs(
        admin,
        topics.filter((t) => !createdSet.has(t.name)),
        ConfigResourceTypes,
      );
    } catch (e) {
      warnings.push(`could not set the retention of existing topics: ${(e && e.message) || e}`);
    }
    return {
      brokers,
      topics: names,
      created,
      existing: names.filter((n) => !createdSet.has(n)),
      altered,
      warnings,
    };
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

module.exports = {
  createTopics,
  loadTopicsFile,
  securityFromEnv,
  retentionConfigsFor,
  DEAD_LETTER_RETENTION_MS,
  TOPICS_FILE,
};

if (require.main === module) {
  const extra = process.argv.slice(2);
  const started = Date.now();
  (async () => {
    const topics = [...loadTopicsFile(), ...extra];
    const res = await createTopics({ brokers: brokersFromEnv(), topics });
    for (const w of res.warnings) console.warn(`[kafka] warning: ${w}`);
    console.log(
      `[kafka] topics ready on ${res.brokers.join(',')}: ${res.topics.length} total, ` +
        `${res.created.length} created${res.created.length ? ` (${res.created.join(', ')})` : ''}, ` +
        `${res.existing.length} already existed` +
        `${res.altered.length ? `, retention set on ${res.altered.join(', ')}` : ''} (${Date.now() - started} ms)`,
    );
  })().catch((e) => {
    const details = ((e && e.errors) || [])
      .map((x) => `${x.topic || '?'}: ${x.type || ''} ${x.message || ''}`.trim())
      .join('; ');
    console.error(`[kafka] create-topics failed: ${(e && e.message) || e}${details ? ` (${details})` : ''}`);
    process.exit(1);
  });
}
