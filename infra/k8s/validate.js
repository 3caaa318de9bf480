#!/usr/bin/env node
'use strict';
/**
 * Validates the Kubernetes manifests of infra/k8s (`npm run k8s:validate`):
 *
 *  1. every object against the JSON schema of its apiVersion/kind, from the Kubernetes OpenAPI
 *     definitions that the `kubernetes-models` package ships (compiled ajv validators: no network,
 *     no cluster); an apiVersion/kind it has no schema for is an error;
 *  2. what a schema cannot see: the kustomization lists every manifest; names are unique per kind;
 *     everything but the Namespace lives in the `mentorflow` namespace; a Deployment's selector
 *     matches its pod labels, it has readiness and liveness probes on the health endpoints through
 *     a declared port, resources and a non-root security context; every Service, HPA and PDB points
 *     at a Deployment that exists; every ConfigMap/Secret a pod reads exists; a NetworkPolicy lives
 *     in `mentorflow`, or in the namespace of the Postgres server (DATABASE_URL's host) or of the
 *     Kafka brokers (KAFKA_BROKERS' hosts) as config.json names them (`<service>.<namespace>.svc`);
 *     in `mentorflow`, its pod selectors (targets and peers) select some Deployment's pods and the
 *     ports it names are ports of the pods it selects.
 *
 * Manifests are JSON (YAML's subset, read by kubectl and kustomize alike); `kind: List` is expanded.
 *
 *   node infra/k8s/validate.js [--json] [dir]
 *
 * Exit code 0 when everything is valid, 1 otherwise. Programmatic: `validateDirectory(dir)`.
 */
const fs = require('node:fs');
const path = require('node:path');

const NAMESPACE = 'mentorflow';
const HEALTH = { readinessProbe: '/health/ready', livenessProbe: '/health/live' };

/** The kubernetes-models module of an apiVersion: 'v1' → 'kubernetes-models/v1', 'apps/v1' → 'kubernetes-models/apps/v1'. */
function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  let mod;
  try {
    mod = require(`kubernetes-models/${apiVersion}`);
  } catch {
    return undefined;
  }
  const Model = mod[kind];
  return typeof Model === 'function' && Model.apiVersion === apiVersion && Model.kind === kind ? Model : undefined;
}

function readKustomizationResources(file) {
  const text = fs.readFileSync(file, 'utf8');
  const out = [];
  let inResources = false;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) inResources = /^resources:\s*$/.test(line);
    else if (inResources) {
      const m = /^\s+-\s+(\S+)\s*$/.exec(line);
      if (m) out.push(m[1]);
    }
  }
  return out;
}

function objectsOf(doc) {
  return doc && doc.kind === 'List' && doc.apiVersion === 'v1' && Array.isArray(doc.items) ? doc.items : [doc];
}

/** @returns {{ files: string[], objects: {file: string, kind: string, name: string, object: object}[], errors: string[] }} */
function validateDirectory(dir = __dirname) {
  const errors = [];
  const objects = [];
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of files) {
    let doc;
    try {
      doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (err) {
      errors.push(`${file}: not valid JSON: ${err.message}`);
      continue;
    }
    for (const [i, object] of objectsOf(doc).entries()) {
      const where = `${file}${doc.kind === 'List' ? `[${i}]` : ''} ${object?.kind ?? '?'}/${object?.metadata?.name ?? '?'}`;
      const Model = modelFor(object?.apiVersion, object?.kind);
      if (!Model) {
        errors.push(`${where}: no schema for apiVersion ${object?.apiVersion} kind ${object?.kind}`);
        continue;
      }
      try {
        new Model(object).validate();
      } catch (err) {
        errors.push(`${where}: ${err.message}`);
      }
      objects.push({ file, kind: object.kind, name: object.metadata?.name, object });
    }
  }

  const kustomization = path.join(dir, 'kustomization.yaml');
  if (fs.existsSync(kustomization)) {
    const listed = readKustomizationResources(kustomization);
    for (const f of files) if (!listed.includes(f)) errors.push(`kustomization.yaml: does not list ${f}`);
    for (const f of listed) if (!files.includes(f)) errors.push(`kustomization.yaml: lists ${f}, which does not exist`);
  } else {
    errors.push('kustomization.yaml is missing');
  }

  errors.push(...consistencyErrors(objects));
  return { files, objects, errors };
}

function consistencyErrors(objects) {
  const errors = [];
  const seen = new Set();
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  for (const o of objects) {
    const key = `${o.kind}/${o.name}`;
    if (seen.has(key)) errors.push(`${key}: defined twice`);
    seen.add(key);
    const allowed = o.kind === 'NetworkPolicy' ? [NAMESPACE, ...dataNamespaces(objects)] : [NAMESPACE];
    if (o.kind !== 'Namespace' && !allowed.includes(o.object.metadata?.namespace)) errors.push(`${key}: namespace must be ${allowed.join(' or ')}`);
  }
  if (!byKind('Namespace').some((n) => n.name === NAMESPACE)) errors.push(`Namespace ${NAMESPACE} is missing`);

  const deployments = new Map(byKind('Deployment').map((d) => [d.name, d.object]));
  const configMaps = new Set(byKind('ConfigMap').map((c) => c.name));
  const secrets = new Map(byKind('Secret').map((s) => [s.name, s.object]));
  const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
  const podLabels = [...deployments.values()].map((d) => d.spec?.template?.metadata?.labels ?? {});

  for (const [name, d] of deployments) {
    const where = `Deployment/${name}`;
    const pod = d.spec?.template;
    if (!matches(d.spec?.selector?.matchLabels, pod?.metadata?.labels)) errors.push(`${where}: selector does not match the pod labels`);
    const podSecurity = pod?.spec?.securityContext ?? {};
    if (podSecurity.runAsNonRoot !== true) errors.push(`${where}: pod securityContext.runAsNonRoot must be true`);
    for (const c of [...(pod?.spec?.initContainers ?? []), ...(pod?.spec?.containers ?? [])]) {
      const cw = `${where} container ${c.name}`;
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory) {
        errors.push(`${cw}: needs cpu and memory requests and a memory limit`);
      }
      if (c.securityContext?.allowPrivilegeEscalation !== false) errors.push(`${cw}: securityContext.allowPrivilegeEscalation must be false`);
      if (!(c.securityContext?.capabilities?.drop ?? []).includes('ALL')) errors.push(`${cw}: securityContext must drop ALL capabilities`);
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef && !configMaps.has(from.configMapRef.name)) errors.push(`${cw}: reads missing ConfigMap ${from.configMapRef.name}`);
        if (from.secretRef && !secrets.has(from.secretRef.name)) errors.push(`${cw}: reads missing Secret ${from.secretRef.name}`);
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (!ref) continue;
        const secret = secrets.get(ref.name);
        if (!secret) errors.push(`${cw}: env ${e.name} reads missing Secret ${ref.name}`);
        else if (!(ref.key in { ...(secret.data ?? {}), ...(secret.stringData ?? {}) })) errors.push(`${cw}: env ${e.name} reads missing key ${ref.key} of Secret ${ref.name}`);
      }
    }
    const main = pod?.spec?.containers ?? [];
    if (!main.length) errors.push(`${where}: has no container`);
    for (const c of main) {
      const ports = new Map((c.ports ?? []).map((p) => [p.name, p.containerPort]));
      for (const [probe, expected] of Object.entries(HEALTH)) {
        const get = c[probe]?.httpGet;
        if (!get) {
          errors.push(`${where} container ${c.name}: ${probe} missing (expected httpGet ${expected})`);
          continue;
        }
        if (get.path !== expected) errors.push(`${where} container ${c.name}: ${probe} path ${get.path}, expected ${expected}`);
        const port = typeof get.port === 'string' ? ports.get(get.port) : get.port;
        if (!port || ![...ports.values()].includes(port)) errors.push(`${where} container ${c.name}: ${probe} port ${get.port} is not a declared container port`);
      }
    }
  }

  const pointsAtDeployment = (kind, name, selector) => {
    const target = [...deployments.values()].find((d) => matches(selector, d.spec?.template?.metadata?.labels));
    if (!target) errors.push(`${kind}/${name}: selects no Deployment's pods`);
    return target;
  };
  for (const s of byKind('Service')) {
    const target = pointsAtDeployment('Service', s.name, s.object.spec?.selector);
    const names = new Set((target?.spec?.template?.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.name)));
    for (const p of s.object.spec?.ports ?? []) {
      if (typeof p.targetPort === 'string' && target && !names.has(p.targetPort)) errors.push(`Service/${s.name}: targetPort ${p.targetPort} is not a port of its pods`);
    }
  }
  for (const p of byKind('PodDisruptionBudget')) pointsAtDeployment('PodDisruptionBudget', p.name, p.object.spec?.selector?.matchLabels);
  for (const h of byKind('HorizontalPodAutoscaler')) {
    const ref = h.object.spec?.scaleTargetRef;
    if (ref?.kind !== 'Deployment' || !deployments.has(ref.name)) errors.push(`HorizontalPodAutoscaler/${h.name}: scales no Deployment of these manifests`);
    if ((h.object.spec?.minReplicas ?? 1) > h.object.spec?.maxReplicas) errors.push(`HorizontalPodAutoscaler/${h.name}: minReplicas above maxReplicas`);
  }
  for (const n of byKind('NetworkPolicy')) {
    if (n.object.metadata?.namespace !== NAMESPACE) continue;
    const where = `NetworkPolicy/${n.name}`;
    const spec = n.object.spec ?? {};
    const targets = [...deployments.values()].filter((d) => selects(spec.podSelector, d.spec?.template?.metadata?.labels));
    if (!targets.length) errors.push(`${where}: podSelector selects no Deployment's pods`);
    for (const rule of spec.ingress ?? []) {
      for (const peer of rule.from ?? []) {
        if (peer.podSelector && !peer.namespaceSelector && !podLabels.some((labels) => selects(peer.podSelector, labels))) {
          errors.push(`${where}: a from.podSelector selects no Deployment's pods`);
        }
      }
      for (const p of rule.ports ?? []) {
        if (typeof p.port !== 'string') continue;
        for (const d of targets) {
          const names = (d.spec?.template?.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((cp) => cp.name));
          if (!names.includes(p.port)) errors.push(`${where}: port ${p.port} is not a port of Deployment/${d.metadata?.name}'s pods`);
        }
      }
    }
  }
  for (const name of deployments.keys()) {
    for (const kind of ['Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) {
      if (!byKind(kind).some((o) => o.name === name)) errors.push(`Deployment/${name}: has no ${kind}`);
    }
  }
  return errors;
}

/**
 * Whether a label selector (`matchLabels` and `matchExpressions`, as NetworkPolicies and
 * Deployments use them) selects a pod with these labels. An empty selector selects every pod.
 */
function selects(selector, labels = {}) {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    if (operator === 'In') return has && values.includes(labels[key]);
    if (operator === 'NotIn') return !has || !values.includes(labels[key]);
    if (operator === 'Exists') return has;
    if (operator === 'DoesNotExist') return !has;
    return false;
  });
  return byLabels && byExpressions;
}

/** The namespace of an in-cluster host `<service>.<namespace>.svc[.cluster.local]`, else undefined. */
function namespaceOfHost(host) {
  const m = /^[a-z0-9-]+\.([a-z0-9-]+)\.svc(\.cluster\.local)?$/.exec(host ?? '');
  return m ? m[1] : undefined;
}

/**
 * Where Postgres and Kafka run, from config.json: the namespaces of DATABASE_URL's host (the
 * Secret) and of KAFKA_BROKERS' hosts (the ConfigMap), for those that are in the cluster.
 * @returns {{ postgres: string[], kafka: string[] }}
 */
function dataServiceNamespaces(objects) {
  const values = (kind, key) =>
    objects
      .filter((o) => o.kind === kind)
      .map((o) => ({ ...(o.object.data ?? {}), ...(o.object.stringData ?? {}) })[key])
      .filter((v) => typeof v === 'string');
  const postgres = values('Secret', 'DATABASE_URL').map((url) => {
    try {
      return namespaceOfHost(new URL(url).hostname);
    } catch {
      return undefined;
    }
  });
  const kafka = values('ConfigMap', 'KAFKA_BROKERS').flatMap((list) => list.split(',').map((b) => namespaceOfHost(b.trim().split(':')[0])));
  const unique = (list) => [...new Set(list.filter(Boolean))];
  return { postgres: unique(postgres), kafka: unique(kafka) };
}

function dataNamespaces(objects) {
  const { postgres, kafka } = dataServiceNamespaces(objects);
  return [...postgres, ...kafka];
}

module.exports = { validateDirectory, modelFor, readKustomizationResources, selects, dataServiceNamespaces };

if (require.main === module) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const dir = path.resolve(args.find((a) => !a.startsWith('--')) ?? __dirname);
  const { files, objects, errors } = validateDirectory(dir);
  if (json) {
    process.stdout.write(`${JSON.stringify({ files, objects: objects.map(({ file, kind, name }) => ({ file, kind, name })), errors }, null, 2)}\n`);
  } else {
    for (const e of errors) console.error(`✗ ${e}`);
    const kinds = {};
    for (const o of objects) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
    const summary = Object.entries(kinds)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    console.log(`${errors.length ? '✗' : '✓'} ${objects.length} objects in ${files.length} files (${summary}): ${errors.length} error(s)`);
  }
  process.exit(errors.length ? 1 : 0);
}
