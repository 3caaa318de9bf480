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
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
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
    expect(kinds('NetworkPolicy')).toEqual(
      [
        'default-deny-ingress',
        'gateway-public',
        'subgraphs-from-gateway',
        'ops-from-monitoring',
        'postgres-from-mentorflow-apps',
        'kafka-from-mentorflow-apps',
      ].sort(),
    );
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

  it('build every app from one multi-stage, non-root Dockerfile (the app and its port as build arguments) that the manifests and docker-compose use', () => {
    const compose = fs.readFileSync(path.join(REPO, 'docker-compose.yml'), 'utf8');
    const deployments = manifests().filter((o) => o.kind === 'Deployment');
    const images = new Set(
      deployments.flatMap((o) => (o.spec.template.spec.containers as { image: string }[]).map((c) => c.image)),
    );
    const engines = (
      JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } }
    ).engines;
    expect(engines.node).toMatch(/\^24\./);
    const dockerfile = fs.readFileSync(path.join(REPO, 'infra/docker/Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    // Every stage on the current Node LTS (Node 20's life ended in April 2026), which engines allows.
    for (const from of dockerfile.match(/^FROM .*/gm) ?? []) expect(from).toMatch(/^FROM node:24-bookworm-slim /);
    // Each stage declares the arguments it uses (a build argument is scoped to its stage).
    expect(dockerfile.match(/^ARG APP$/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^ARG PORT$/m);
    expect(dockerfile).toMatch(/^RUN npm ci /m);
    expect(dockerfile).toMatch(/tsc -p tsconfig\.build\.json/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toMatch(/^COPY apps\/\$\{APP\} apps\/\$\{APP\}$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist\/apps\/\$\{APP\} dist\/apps\/\$\{APP\}$/m);
    expect(dockerfile).toMatch(/MENTORFLOW_APP=\$\{APP\}/);
    expect(dockerfile).toMatch(/PORT=\$\{PORT\}/);
    expect(dockerfile).toContain('exec node --enable-source-maps \\"dist/apps/$MENTORFLOW_APP/src/main.js\\"');
    for (const app of APPS) {
      const deployment = deployments.find((o) => o.metadata.name === app);
      const http = (
        deployment?.spec.template.spec.containers[0].ports as { name: string; containerPort: number }[]
      ).find((p) => p.name === 'http');
      expect(compose).toContain(
        `dockerfile: infra/docker/Dockerfile, args: { APP: ${app}, PORT: ${http?.containerPort} } }`,
      );
      expectLabelled(fs.existsSync(path.join(REPO, 'apps', app, 'src/main.ts')), app).toBe(true);
      expectLabelled(fs.existsSync(path.join(REPO, 'apps', app, 'Dockerfile')), app).toBe(false);
      expectLabelled(
        [...images].some((i) => i.startsWith(`mentorflow/${app}:`)),
        app,
      ).toBe(true);
    }
    expect(fs.existsSync(path.join(REPO, 'Dockerfile'))).toBe(false);
  });
});

// ---- NetworkPolicies (issue 11): who may open a connection to which pod and port -----------------
// A small evaluator of Kubernetes' ingress rules over the manifests: a pod selected by no policy
// accepts everything; a selected pod accepts a connection some rule of a selecting policy allows
// (its peers: podSelector in the policy's namespace, namespaceSelector, or both; its ports, named
// ones resolved on the target's containers). Namespaces carry `kubernetes.io/metadata.name`.

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}
interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: unknown;
}
interface IngressRule {
  from?: Peer[];
  ports?: { protocol?: string; port?: number | string }[];
}
/** A pod as the rules see it: namespace, labels and its containers' named ports. */
interface Pod {
  what: string;
  namespace: string;
  labels: Record<string, string>;
  ports: Record<string, number>;
}

function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  return (
    Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      const value = labels[key];
      if (operator === 'In') return value !== undefined && values.includes(value);
      if (operator === 'NotIn') return value === undefined || !values.includes(value);
      if (operator === 'Exists') return value !== undefined;
      return value === undefined;
    })
  );
}

const policies = () => manifests().filter((o) => o.kind === 'NetworkPolicy');

function mayConnect(from: Pod, to: Pod, port: number): boolean {
  const applying = policies().filter(
    (p) =>
      p.metadata.namespace === to.namespace &&
      selects(p.spec.podSelector, to.labels) &&
      ((p.spec.policyTypes as string[] | undefined) ?? ['Ingress']).includes('Ingress'),
  );
  if (applying.length === 0) return true;
  const peerMatches = (peer: Peer, policyNamespace: string) => {
    if (peer.ipBlock) return false;
    const namespaceOk = peer.namespaceSelector
      ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': from.namespace })
      : from.namespace === policyNamespace;
    return namespaceOk && (peer.podSelector ? selects(peer.podSelector, from.labels) : true);
  };
  const portMatches = (rule: IngressRule) =>
    !rule.ports?.length ||
    rule.ports.some((p) => p.port === undefined || (typeof p.port === 'number' ? p.port : to.ports[p.port]) === port);
  return applying.some((p) =>
    ((p.spec.ingress as IngressRule[] | undefined) ?? []).some(
      (rule) =>
        (!rule.from?.length || rule.from.some((peer) => peerMatches(peer, p.metadata.namespace!))) && portMatches(rule),
    ),
  );
}

const deploymentsByName = () =>
  new Map(
    manifests()
      .filter((o) => o.kind === 'Deployment')
      .map((d) => [d.metadata.name, d]),
  );

/** A pod of one of the Deployments, with the labels and ports of its template. */
function appPod(app: string): Pod {
  const d = deploymentsByName().get(app)!;
  const containers = d.spec.template.spec.containers as Container[];
  return {
    what: app,
    namespace: d.metadata.namespace!,
    labels: d.spec.template.metadata.labels as Record<string, string>,
    ports: Object.fromEntries(containers.flatMap((c) => (c.ports ?? []).map((p) => [p.name!, p.containerPort]))),
  };
}
const pod = (what: string, namespace: string, labels: Record<string, string> = {}): Pod => ({
  what,
  namespace,
  labels,
  ports: {},
});

const SUBGRAPHS = APPS.filter((a) => a !== 'gateway');
const HTTP = (app: string) => appPod(app).ports.http!;
const OPS = (app: string) => appPod(app).ports.ops!;

/** Connections that must be refused, from pods that are not the one allowed. */
const STRANGERS = [
  pod('an unlabelled pod in mentorflow', 'mentorflow'),
  pod('a pod in default', 'default', { app: 'debug' }),
  pod('the ingress controller', 'ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }),
];

/** The namespace of an in-cluster host `<service>.<namespace>.svc`. */
function namespaceOfHost(host: string): string {
  const m = /^[a-z0-9-]+\.([a-z0-9-]+)\.svc(\.cluster\.local)?$/.exec(host);
  if (!m) throw new Error(`${host} is not an in-cluster service host`);
  return m[1]!;
}
function configValue(kind: 'ConfigMap' | 'Secret', key: string): string {
  const o = manifests().find((x) => x.kind === kind) as unknown as {
    data?: Record<string, string>;
    stringData?: Record<string, string>;
  };
  return { ...o.data, ...o.stringData }[key]!;
}

describe('NetworkPolicies (infra/k8s/network-policies.json)', () => {
  it('isolate every pod of the namespace: a default-deny ingress policy selects them all and allows nothing', () => {
    const deny = policies().find((p) => p.metadata.name === 'default-deny-ingress')!;
    expect(deny.metadata.namespace).toBe('mentorflow');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    for (const app of APPS) {
      expectLabelled(
        policies().some(
          (p) => p.metadata.namespace === 'mentorflow' && selects(p.spec.podSelector, appPod(app).labels),
        ),
        app,
      ).toBe(true);
    }
  });

  it("open the gateway's public port to anyone, and no other port of it", () => {
    for (const from of [...STRANGERS, ...SUBGRAPHS.map(appPod)]) {
      expectLabelled(mayConnect(from, appPod('gateway'), HTTP('gateway')), `${from.what} → gateway:http`).toBe(true);
      expectLabelled(mayConnect(from, appPod('gateway'), OPS('gateway')), `${from.what} → gateway:ops`).toBe(false);
      expectLabelled(mayConnect(from, appPod('gateway'), 4005), `${from.what} → gateway:4005`).toBe(false);
    }
  });

  it('let only the gateway reach the subgraphs, on their public port', () => {
    for (const subgraph of SUBGRAPHS) {
      const to = appPod(subgraph);
      expectLabelled(mayConnect(appPod('gateway'), to, HTTP(subgraph)), `gateway → ${subgraph}:http`).toBe(true);
      expectLabelled(mayConnect(appPod('gateway'), to, OPS(subgraph)), `gateway → ${subgraph}:ops`).toBe(false);
      const others = [...STRANGERS, ...SUBGRAPHS.filter((s) => s !== subgraph).map(appPod)];
      // The gateway's labels, but in another namespace: not the gateway.
      others.push(pod('a gateway look-alike in default', 'default', appPod('gateway').labels));
      for (const from of others) {
        expectLabelled(mayConnect(from, to, HTTP(subgraph)), `${from.what} → ${subgraph}:http`).toBe(false);
      }
    }
  });

  it('let only Prometheus (app.kubernetes.io/name=prometheus in the monitoring namespace) reach the ops ports', () => {
    const prometheus = pod('prometheus', 'monitoring', { 'app.kubernetes.io/name': 'prometheus' });
    const refused = [
      ...STRANGERS,
      pod('grafana in monitoring', 'monitoring', { 'app.kubernetes.io/name': 'grafana' }),
      pod('a prometheus elsewhere', 'default', { 'app.kubernetes.io/name': 'prometheus' }),
    ];
    for (const app of APPS) {
      expectLabelled(mayConnect(prometheus, appPod(app), OPS(app)), `prometheus → ${app}:ops`).toBe(true);
      for (const from of [...refused, ...APPS.filter((a) => a !== app).map(appPod)]) {
        expectLabelled(mayConnect(from, appPod(app), OPS(app)), `${from.what} → ${app}:ops`).toBe(false);
      }
      if (app !== 'gateway') {
        expectLabelled(mayConnect(prometheus, appPod(app), HTTP(app)), `prometheus → ${app}:http`).toBe(false);
      }
    }
  });

  it('let only the apps reach Postgres and Kafka, in the namespaces that config.json names', () => {
    const postgresNamespace = namespaceOfHost(new URL(configValue('Secret', 'DATABASE_URL')).hostname);
    const kafkaNamespaces = configValue('ConfigMap', 'KAFKA_BROKERS')
      .split(',')
      .map((b) => namespaceOfHost(b.trim().split(':')[0]!));
    expect(postgresNamespace).toBe('postgres');
    expect([...new Set(kafkaNamespaces)]).toEqual(['kafka']);
    const postgres = pod('postgres', postgresNamespace, { 'app.kubernetes.io/name': 'postgres' });
    const kafka = pod('kafka', kafkaNamespaces[0]!, { 'app.kubernetes.io/name': 'kafka' });
    const refused = [
      ...STRANGERS,
      pod('prometheus', 'monitoring', { 'app.kubernetes.io/name': 'prometheus' }),
      pod('a cohorts look-alike in default', 'default', appPod('cohorts').labels),
    ];
    for (const [target, port] of [
      [postgres, 5432],
      [kafka, 9092],
    ] as const) {
      for (const app of APPS) {
        expectLabelled(mayConnect(appPod(app), target, port), `${app} → ${target.what}:${port}`).toBe(true);
      }
      for (const from of refused) {
        expectLabelled(mayConnect(from, target, port), `${from.what} → ${target.what}:${port}`).toBe(false);
      }
      // Their own pods still replicate among themselves.
      expectLabelled(mayConnect(target, target, port), `${target.what} → ${target.what}`).toBe(true);
    }
  });

  it('select pods by the labels the Deployments actually carry', () => {
    const selected = (selector: LabelSelector) => APPS.filter((app) => selects(selector, appPod(app).labels));
    const byName = new Map(policies().map((p) => [p.metadata.name, p]));
    expect(selected(byName.get('default-deny-ingress')!.spec.podSelector)).toEqual(APPS);
    expect(selected(byName.get('gateway-public')!.spec.podSelector)).toEqual(['gateway']);
    expect(selected(byName.get('subgraphs-from-gateway')!.spec.podSelector)).toEqual(SUBGRAPHS);
    expect(selected(byName.get('subgraphs-from-gateway')!.spec.ingress[0].from[0].podSelector)).toEqual(['gateway']);
    expect(selected(byName.get('ops-from-monitoring')!.spec.podSelector)).toEqual(APPS);
    for (const name of ['postgres-from-mentorflow-apps', 'kafka-from-mentorflow-apps']) {
      const peer = byName.get(name)!.spec.ingress[0].from[0] as Peer;
      expectLabelled(selected(peer.podSelector!), name).toEqual(APPS);
      expectLabelled(peer.namespaceSelector, name).toEqual({
        matchLabels: { 'kubernetes.io/metadata.name': 'mentorflow' },
      });
    }
    // Named ports exist on every pod a policy selects.
    for (const p of policies().filter((x) => x.metadata.namespace === 'mentorflow')) {
      for (const rule of (p.spec.ingress ?? []) as IngressRule[]) {
        for (const { port } of rule.ports ?? []) {
          if (typeof port !== 'string') continue;
          for (const app of selected(p.spec.podSelector)) {
            expectLabelled(appPod(app).ports[port], `${p.metadata.name}: ${app} port ${port}`).toBeDefined();
          }
        }
      }
    }
  });

  it('serve /metrics on an ops port, PORT + 1000, that Prometheus scrapes and no Service exposes', () => {
    const services = new Map(
      manifests()
        .filter((o) => o.kind === 'Service')
        .map((s) => [s.metadata.name, s]),
    );
    for (const app of APPS) {
      const d = deploymentsByName().get(app)!;
      const container = d.spec.template.spec.containers[0] as Container & { env: { name: string; value?: string }[] };
      const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
      expectLabelled(OPS(app), app).toBe(HTTP(app) + 1000);
      expectLabelled(env.OPS_PORT, app).toBe(String(OPS(app)));
      expectLabelled(env.PORT, app).toBe(String(HTTP(app)));
      expectLabelled(d.spec.template.metadata.annotations, app).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(OPS(app)),
        'prometheus.io/path': '/metrics',
      });
      const exposed = (services.get(app)!.spec.ports as { port: number; targetPort: string | number }[]).flatMap(
        (p) => [p.port, p.targetPort],
      );
      expectLabelled(exposed, app).not.toContain('ops');
      expectLabelled(exposed, app).not.toContain(OPS(app));
      // Health stays on the public port too: the kubelet and load balancers probe what serves traffic.
      expectLabelled(container.readinessProbe?.httpGet?.port, app).toBe('http');
    }
  });

  it('are checked by the validator: a selector that matches no pods, or a foreign namespace, fails it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mentorflow-k8s-policies-'));
    try {
      for (const f of fs.readdirSync(K8S))
        if (f.endsWith('.json') || f === 'kustomization.yaml') fs.copyFileSync(path.join(K8S, f), path.join(dir, f));
      const file = path.join(dir, 'network-policies.json');
      const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as K8sObject;
      const subgraphs = doc.items!.find((o) => o.metadata.name === 'subgraphs-from-gateway')!;
      subgraphs.spec.ingress[0].from[0].podSelector.matchLabels['app.kubernetes.io/name'] = 'gatewy';
      subgraphs.spec.ingress[0].ports[0].port = 'metrics';
      doc.items!.find((o) => o.metadata.name === 'kafka-from-mentorflow-apps')!.metadata.namespace = 'default';
      fs.writeFileSync(file, JSON.stringify(doc));
      const result = spawnSync(process.execPath, [VALIDATOR, '--json', dir], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      const errors = (JSON.parse(result.stdout) as { errors: string[] }).errors.join('\n');
      expect(errors).toMatch(/NetworkPolicy\/subgraphs-from-gateway: a from.podSelector selects no Deployment's pods/);
      expect(errors).toMatch(
        /NetworkPolicy\/subgraphs-from-gateway: port metrics is not a port of Deployment\/cohorts/,
      );
      expect(errors).toMatch(
        /NetworkPolicy\/kafka-from-mentorflow-apps: namespace must be mentorflow or postgres or kafka/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
