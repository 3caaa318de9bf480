import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '#platform';
import { cohortsConfigSchema } from '../../apps/cohorts/src/config.js';

// What the deployments keep, and for how long (README, "Retention"): the events topics forever,
// the dead letters 30 days, published outbox rows OUTBOX_RETENTION_HOURS. The topics get their
// settings from infra/kafka/create-topics.js, which compose's kafka-topics and every k8s pod's
// kafka-topics init container run (checked in compose.spec.ts and k8s.spec.ts).
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { loadTopicsFile, retentionConfigsFor, DEAD_LETTER_RETENTION_MS } = createRequire(import.meta.url)(
  path.join(REPO, 'infra/kafka/create-topics.js'),
) as {
  loadTopicsFile: () => { name: string }[];
  retentionConfigsFor: (name: string) => Record<string, string>;
  DEAD_LETTER_RETENTION_MS: number;
};

describe('retention of the topics infra/kafka/create-topics.js makes', () => {
  const topics = loadTopicsFile().map((t) => t.name);

  it('keeps every events topic forever, in time and in size', () => {
    const events = topics.filter((t) => t.endsWith('.events'));
    expect(events).toHaveLength(4);
    for (const t of events) expect(retentionConfigsFor(t)).toEqual({ 'retention.ms': '-1', 'retention.bytes': '-1' });
  });

  it('keeps dead letters 30 days', () => {
    const deadLetters = topics.filter((t) => t.endsWith('.dead-letter'));
    expect(deadLetters).toHaveLength(5);
    expect(DEAD_LETTER_RETENTION_MS).toBe(30 * 86_400_000);
    for (const t of deadLetters) {
      expect(retentionConfigsFor(t)).toEqual({
        'retention.ms': String(DEAD_LETTER_RETENTION_MS),
        'retention.bytes': '-1',
      });
    }
  });

  it('covers every topic of topics.json (none left to the broker default)', () => {
    for (const t of topics) expect(retentionConfigsFor(t)).not.toEqual({});
  });
});

describe('retention in the deployments', () => {
  it('compose: the broker default keeps a topic made by hand forever too', () => {
    const compose = fs.readFileSync(path.join(REPO, 'docker-compose.yml'), 'utf8');
    const kafka = compose.split('\n  kafka:\n')[1]!.split(/\n {2}\S/)[0]!;
    expect(kafka).toMatch(/^\s+KAFKA_LOG_RETENTION_MS: -1$/m);
  });

  it('k8s: the ConfigMap says how long published outbox rows are kept, and the apps accept it', () => {
    const list = JSON.parse(fs.readFileSync(path.join(REPO, 'infra/k8s/config.json'), 'utf8')) as {
      items: { kind: string; data?: Record<string, string> }[];
    };
    const data = list.items.find((i) => i.kind === 'ConfigMap')!.data!;
    expect(data.OUTBOX_RETENTION_HOURS).toBe('168');
    expect(
      loadConfig(cohortsConfigSchema, { NODE_ENV: 'test', OUTBOX_RETENTION_HOURS: data.OUTBOX_RETENTION_HOURS })
        .OUTBOX_RETENTION_HOURS,
    ).toBe(168);
  });
});
