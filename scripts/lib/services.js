// Starts the five apps from dist/ as child processes and waits until each is ready.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './infra.js';

export const SERVICES = ['cohorts', 'mentors', 'scoping', 'evaluations'];

/** Each app's ops listener (/metrics and health) is on its public port plus this (OPS_PORT). */
export const OPS_PORT_OFFSET = 1000;

/** The apps in start order: the services, then the gateway (which needs them). */
export const APPS = [...SERVICES, 'gateway'];

/** Replica r's ports sit 10 above replica r - 1's: 4000-4005, then 4010-4015, … */
export const REPLICA_PORT_STRIDE = 10;

/**
 * The public ports of replica `replica` (0 first) of each app, and of the gateway's in-process
 * notifications subgraph, for a system started at `basePort`.
 */
export function appPorts(basePort = 4000, replica = 0) {
  const base = basePort + replica * REPLICA_PORT_STRIDE;
  return { gateway: base, cohorts: base + 1, mentors: base + 2, scoping: base + 3, evaluations: base + 4, notifications: base + 5 };
}

/** An app instance's name: the app's for the first replica (`cohorts`), `cohorts-2` for the second, … */
export function instanceName(app, replica = 0) {
  return replica === 0 ? app : `${app}-${replica + 1}`;
}

/**
 * @param {{ env: Record<string,string>, basePort?: number, databasePrefix?: string, logDir?: string,
 *           groupSuffix?: string, log?: (m: string) => void, replicas?: number,
 *           subgraphUrls?: Partial<Record<string, string>> }} options
 *
 * `replicas` (default 1) starts that many instances of every app: the same database and consumer
 * group per app, ports per `appPorts`. `subgraphUrls` points the gateways at other addresses
 * than the first replica's (a load balancer in front of the replicas).
 */
export async function startSystem(options) {
  const basePort = options.basePort ?? 4000;
  const replicas = options.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`replicas must be a whole number from 1, not ${replicas}`);
  const logDir = options.logDir ?? path.join(REPO, '.data', 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const log = options.log ?? ((m) => console.log(m));
  const first = appPorts(basePort, 0);
  const ports = Object.fromEntries(APPS.map((app) => [app, first[app]]));
  // /metrics is only there, never on the public ports (127.0.0.1 like HOST, unless the env says otherwise).
  const opsPorts = Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, port + OPS_PORT_OFFSET]));
  /** Every instance: its name, app, replica and ports. */
  const instances = [];
  for (let replica = 0; replica < replicas; replica++) {
    const p = appPorts(basePort, replica);
    for (const app of APPS) {
      instances.push({ name: instanceName(app, replica), app, replica, port: p[app], opsPort: p[app] + OPS_PORT_OFFSET, notificationsPort: p.notifications });
    }
  }
  const byName = new Map(instances.map((i) => [i.name, i]));
  const readyUrl = (name) => `http://127.0.0.1:${byName.get(name).port}/health/ready`;
  const children = [];
  const common = { ...process.env, ...options.env };
  // Extra node flags for every app, e.g. MENTORFLOW_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
  // (flags NODE_OPTIONS does not take). Source maps stay on: stack traces name the TypeScript lines.
  const nodeArgs = ['--enable-source-maps', ...(common.MENTORFLOW_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)];
  const spawnApp = (instance, extra, flags = 'w') => {
    const logFile = path.join(logDir, `${instance.name}.log`);
    // A restarted instance appends to its log: what the one before it wrote stays readable.
    const out = fs.openSync(logFile, flags);
    if (flags === 'a') fs.writeSync(out, `--- ${instance.name} restarted at ${new Date().toISOString()} ---\n`);
    const child = spawn(process.execPath, [...nodeArgs, path.join(REPO, 'dist/apps', instance.app, 'src/main.js')], {
      cwd: REPO,
      env: { ...common, PORT: String(instance.port), OPS_PORT: String(instance.opsPort), ...extra },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    child.serviceName = instance.app;
    child.instanceName = instance.name;
    child.logFile = logFile;
    child.respawn = () => {
      children.splice(children.indexOf(child), 1);
      return spawnApp(instance, extra, 'a');
    };
    children.push(child);
    return child;
  };
  for (const instance of instances) {
    const name = instance.app;
    if (name !== 'gateway') {
      spawnApp(instance, {
        DATABASE_NAME: `${options.databasePrefix ?? 'mentorflow'}_${name}`,
        ...(options.groupSuffix ? { KAFKA_GROUP_ID: `mentorflow-${name}-${options.groupSuffix}` } : {}),
      });
      continue;
    }
    spawnApp(instance, {
      // The gateway's own database (notifications, idempotency keys) and its in-process notifications subgraph.
      DATABASE_NAME: `${options.databasePrefix ?? 'mentorflow'}_gateway`,
      NOTIFICATIONS_PORT: String(instance.notificationsPort),
      ...(options.groupSuffix ? { KAFKA_GROUP_ID: `mentorflow-gateway-${options.groupSuffix}` } : {}),
      ...Object.fromEntries(
        SERVICES.map((s) => [`${s.toUpperCase()}_URL`, options.subgraphUrls?.[s] ?? `http://127.0.0.1:${ports[s]}/graphql`]),
      ),
    });
  }
  const childOf = (name) => {
    if (!byName.has(name)) throw new Error(`no app instance ${name}; the instances are ${[...byName.keys()].join(', ')}`);
    return children.find((c) => c.instanceName === name);
  };
  const system = {
    ports,
    opsPorts,
    internalPorts: { notifications: first.notifications },
    instances,
    children,
    logDir,
    url: `http://127.0.0.1:${ports.gateway}/graphql`,
    stop: () => stopSystem(children),
    /**
     * Stops one app instance (`cohorts`, `cohorts-2`, …) with a signal (SIGKILL: no shutdown at
     * all; SIGTERM: its graceful shutdown) and waits for it to be gone.
     */
    kill: (name, signal = 'SIGKILL') => {
      const child = childOf(name);
      if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill(signal);
      });
    },
    /** Starts an instance again with the same settings (after kill) and waits until it is ready. */
    restart: async (name) => {
      const child = childOf(name).respawn();
      await waitReady(child, readyUrl(name), 120_000);
      return child;
    },
  };
  try {
    await Promise.all(
      children.map((c) =>
        waitReady(c, readyUrl(c.instanceName), 120_000).then(() => log(`• ${c.instanceName} ready on :${byName.get(c.instanceName).port}`)),
      ),
    );
  } catch (err) {
    await stopSystem(children);
    throw err;
  }
  return system;
}

async function waitReady(child, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  child.once('exit', (code) => (exited = code ?? 'signal'));
  for (;;) {
    if (exited !== null) {
      throw new Error(
        `${child.instanceName ?? child.serviceName} exited (${exited}) before it was ready; the last lines of ${child.logFile}:\n${lastLines(child.logFile)}`,
      );
    }
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${child.instanceName ?? child.serviceName} not ready after ${timeoutMs} ms (${url})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The last lines of an app's log, to say why it stopped: each JSON (pino) line as its level, its
 * message and its error's message, any other line as it is.
 */
export function lastLines(file, count = 15) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return '  (no log written)';
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '').slice(-count);
  if (lines.length === 0) return '  (the log is empty)';
  return lines
    .map((line) => {
      try {
        const entry = JSON.parse(line);
        const level = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' }[entry.level] ?? entry.level;
        const err = entry.err?.message ?? (typeof entry.err === 'string' ? entry.err : undefined);
        return `  ${level}: ${entry.msg ?? ''}${err ? ` (${err})` : ''}`;
      } catch {
        return `  ${line.slice(0, 500)}`;
      }
    })
    .join('\n');
}

/** SIGTERM every app (graceful shutdown), SIGKILL what is left after 15 s. */
export async function stopSystem(children) {
  await Promise.all(
    children.map(
      (c) =>
        new Promise((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
          c.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
}
