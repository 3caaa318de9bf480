// Starts the five apps from dist/ as child processes and waits until each is ready.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './infra.js';

export const SERVICES = ['cohorts', 'mentors', 'scoping', 'evaluations'];

/** Each app's ops listener (/metrics and health) is on its public port plus this (OPS_PORT). */
export const OPS_PORT_OFFSET = 1000;

/**
 * @param {{ env: Record<string,string>, basePort?: number, databasePrefix?: string, logDir?: string,
 *           groupSuffix?: string, log?: (m: string) => void }} options
 */
export async function startSystem(options) {
  const basePort = options.basePort ?? 4000;
  const logDir = options.logDir ?? path.join(REPO, '.data', 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const log = options.log ?? ((m) => console.log(m));
  const ports = { gateway: basePort, cohorts: basePort + 1, mentors: basePort + 2, scoping: basePort + 3, evaluations: basePort + 4 };
  // /metrics is only there, never on the public ports (127.0.0.1 like HOST, unless the env says otherwise).
  const opsPorts = Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, port + OPS_PORT_OFFSET]));
  const children = [];
  const common = { ...process.env, ...options.env };
  // Extra node flags for every app, e.g. MENTORFLOW_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
  // (flags NODE_OPTIONS does not take). Source maps stay on: stack traces name the TypeScript lines.
  const nodeArgs = ['--enable-source-maps', ...(common.MENTORFLOW_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)];
  const spawnApp = (name, extra) => {
    const logFile = path.join(logDir, `${name}.log`);
    const out = fs.openSync(logFile, 'w');
    const child = spawn(process.execPath, [...nodeArgs, path.join(REPO, 'dist/apps', name, 'src/main.js')], {
      cwd: REPO,
      env: { ...common, PORT: String(ports[name]), OPS_PORT: String(opsPorts[name]), ...extra },
      stdio: ['ignore', out, out],
    });
    child.serviceName = name;
    child.logFile = logFile;
    child.respawn = () => {
      children.splice(children.indexOf(child), 1);
      return spawnApp(name, extra);
    };
    children.push(child);
    return child;
  };
  for (const name of SERVICES) {
    spawnApp(name, {
      DATABASE_NAME: `${options.databasePrefix ?? 'mentorflow'}_${name}`,
      ...(options.groupSuffix ? { KAFKA_GROUP_ID: `mentorflow-${name}-${options.groupSuffix}` } : {}),
    });
  }
  spawnApp('gateway', {
    // The gateway's own database (notifications, idempotency keys) and its in-process notifications subgraph.
    DATABASE_NAME: `${options.databasePrefix ?? 'mentorflow'}_gateway`,
    NOTIFICATIONS_PORT: String(basePort + 5),
    ...(options.groupSuffix ? { KAFKA_GROUP_ID: `mentorflow-gateway-${options.groupSuffix}` } : {}),
    ...Object.fromEntries(SERVICES.map((s) => [`${s.toUpperCase()}_URL`, `http://127.0.0.1:${ports[s]}/graphql`])),
  });
  const system = {
    ports,
    opsPorts,
    internalPorts: { notifications: basePort + 5 },
    children,
    logDir,
    url: `http://127.0.0.1:${ports.gateway}/graphql`,
    stop: () => stopSystem(children),
    /** Kills one app with a signal (SIGKILL: no shutdown at all) and waits for it to be gone. */
    kill: (name, signal = 'SIGKILL') => {
      const child = children.find((c) => c.serviceName === name);
      if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill(signal);
      });
    },
    /** Starts an app again with the same settings (after kill) and waits until it is ready. */
    restart: async (name) => {
      const old = children.find((c) => c.serviceName === name);
      const child = old.respawn();
      await waitReady(child, `http://127.0.0.1:${ports[name]}/health/ready`, 120_000);
      return child;
    },
  };
  try {
    await Promise.all(
      children.map((c) => waitReady(c, `http://127.0.0.1:${ports[c.serviceName]}/health/ready`, 120_000).then(() => log(`• ${c.serviceName} ready on :${ports[c.serviceName]}`))),
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
        `${child.serviceName} exited (${exited}) before it was ready; the last lines of ${child.logFile}:\n${lastLines(child.logFile)}`,
      );
    }
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${child.serviceName} not ready after ${timeoutMs} ms (${url})`);
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
