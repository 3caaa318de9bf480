import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';

// The Kubernetes manifests of infra/k8s: valid against the Kubernetes schemas (the validator that
// `npm run k8s:validate` runs), and every Deployment probed on the health endpoints.
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const K8S = path.join(REPO, 'infra/k8s');
const VALIDATOR = path.join(K8S, 'validate.js');
const APPS = ['gateway', 'cohorts', 'mentors', 'scoping', 'evaluations'];

interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: any;
  items?: K8sObject[];
}

function manifests(dir = K8S): K8sObject[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as K8sObject;
      return doc.kind === 'List' ? doc.items! : [doc];
    });
}

describe('Kubernetes manifests (infra/k8s)', () => {
  it('pass the schema validator with no error', () => {
    const out = execFileSync(process.execPath, [VALIDATOR, '--json'], { cwd: REPO, encoding: 'utf8' });
    const report = JSON.parse(out) as { errors: string[]; objects: { kind: string; name: string }[] };
    expect(report.errors).toEqual([]);
    const kinds = (kind: string) =>
      report.objects
        .filter((o) => o.kind === kind)
        .map((o) => o.name)
        .sort();
    expect(kinds('Deployment')).toEqual([...APPS].sort());
    expect(kinds('Service')).toEqual([...APPS].sort());
    expect(kinds('HorizontalPodAutoscaler')).toEqual([...APPS].sort());
    expect(kinds('PodDisruptionBudget')).toEqual([...APPS].sort());
    expect(kinds('Namespace')).toEqual(['mentorflow']);
    expect(kinds('ConfigMap')).toHaveLength(1);
    expect(kinds('Secret')).toHaveLength(1);
  });

  it('give every Deployment a readiness probe on /health/ready and a liveness probe on /health/live through its port', () => {
    const deployments = manifests().filter((o) => o.kind === 'Deployment');
    expect(deployments).toHaveLength(APPS.length);
    for (const d of deployments) {
      for (const c of d.spec.template.spec.containers as Container[]) {
        const ports = new Map((c.ports ?? []).map((p) => [p.name, p.containerPort]));
        expectLabelled(c.readinessProbe?.httpGet?.path, `${d.metadata.name} readiness`).toBe('/health/ready');
        expectLabelled(c.livenessProbe?.httpGet?.path, `${d.metadata.name} liveness`).toBe('/health/live');
        for (const probe of [c.readinessProbe!, c.livenessProbe!]) {
          const port = probe.httpGet!.port;
          expectLabelled(
            typeof port === 'string' ? ports.has(port) : [...ports.values()].includes(port),
            `${d.metadata.name} probe port ${port}`,
          ).toBe(true);
        }
      }
    }
  });

  it('create the Kafka topics before an app starts, from its image, with infra/kafka/create-topics.js', () => {
    for (const d of manifests().filter((o) => o.kind === 'Deployment')) {
      const init = (d.spec.template.spec.initContainers ?? []) as { command?: string[] }[];
      expectLabelled(
        init.some((c) => c.command?.join(' ') === 'node infra/kafka/create-topics.js'),
        d.metadata.name,
      ).toBe(true);
    }
    expect(fs.existsSync(path.join(REPO, 'infra/kafka/create-topics.js'))).toBe(true);
  });

  it('fail validation for a broken manifest (the validator is not a no-op)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentorflow-k8s-broken-'));
    try {
      for (const f of fs.readdirSync(K8S))
        if (f.endsWith('.json') || f === 'kustomization.yaml') fs.copyFileSync(path.join(K8S, f), path.join(dir, f));
      const file = path.join(dir, 'mentors.json');
      const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as K8sObject;
      const deployment = doc.items!.find((o) => o.kind === 'Deployment')!;
      deployment.spec.replicas = 'two';
      delete deployment.spec.template.spec.containers[0].livenessProbe;
      fs.writeFileSync(file, JSON.stringify(doc));
      const result = spawnSync(process.execPath, [VALIDATOR, '--json', dir], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      const errors = (JSON.parse(result.stdout) as { errors: string[] }).errors.join('\n');
      expect(errors).toMatch(/Deployment\/mentors: .*spec\/replicas must be integer/);
      expect(errors).toMatch(/livenessProbe missing/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ship a multi-stage, non-root Dockerfile per app that the manifests and docker-compose use', () => {
    const compose = fs.readFileSync(path.join(REPO, 'docker-compose.yml'), 'utf8');
    const images = new Set(
      manifests().flatMap((o) =>
        o.kind === 'Deployment' ? (o.spec.template.spec.containers as { image: string }[]).map((c) => c.image) : [],
      ),
    );
    for (const app of APPS) {
      const dockerfile = fs.readFileSync(path.join(REPO, 'apps', app, 'Dockerfile'), 'utf8');
      expectLabelled(dockerfile.match(/^FROM /gm)?.length, app).toBeGreaterThanOrEqual(2);
      expect(dockerfile).toMatch(/^RUN npm ci /m);
      expect(dockerfile).toMatch(/tsc -p tsconfig\.build\.json/);
      expect(dockerfile).toMatch(/npm prune --omit=dev/);
      expect(dockerfile).toMatch(/^USER 1000:1000$/m);
      expect(dockerfile).toContain(`dist/apps/${app}/src/main.js`);
      expect(compose).toContain(`dockerfile: apps/${app}/Dockerfile`);
      expectLabelled(
        [...images].some((i) => i.startsWith(`mentorflow/${app}:`)),
        app,
      ).toBe(true);
    }
    expect(fs.existsSync(path.join(REPO, 'Dockerfile'))).toBe(false);
  });
});
