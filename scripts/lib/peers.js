// The bench's peer gateways (test/bench/peers/peer-gateway.js): Hive Gateway and Apollo Gateway
// over the same running subgraphs, each a child process on a port of its own, dev-only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO } from './infra.js';
import { lastLines } from './services.js';

const require = createRequire(import.meta.url);

export const PEERS = [
  { peer: 'hive', label: 'Hive Gateway', pkg: '@graphql-hive/gateway-runtime' },
  { peer: 'apollo', label: 'Apollo Gateway', pkg: '@apollo/gateway' },
];

/** The installed version of a package (its package.json), or '?' when it cannot be read. */
export function packageVersion(pkg) {
  try {
    return JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    try {
      return require(`${pkg}/package.json`).version;
    } catch {
      return '?';
    }
  }
}

/**
 * Starts each peer on its port (`ports`: { hive, apollo }) serving `supergraphFile`, and waits
 * for its ready line. Returns { peers: [{ peer, label, version, url, pid }], stop }.
 */
export async function startPeers({ supergraphFile, ports, logDir, env = {}, timeoutMs = 60_000 }) {
  fs.mkdirSync(logDir, { recursive: true });
  const children = [];
  const stop = () =>
    Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  try {
    const peers = await Promise.all(
      PEERS.map(async ({ peer, label, pkg }) => {
        const logFile = path.join(logDir, `peer-${peer}.log`);
        const out = fs.openSync(logFile, 'w');
        const child = spawn(process.execPath, [path.join(REPO, 'test/bench/peers/peer-gateway.js')], {
          cwd: REPO,
          env: {
            ...process.env,
            NODE_ENV: 'production',
            ...env,
            PEER: peer,
            PORT: String(ports[peer]),
            SUPERGRAPH_FILE: supergraphFile,
          },
          stdio: ['ignore', 'pipe', out],
        });
        children.push(child);
        await new Promise((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`${label} not ready after ${timeoutMs} ms; see ${logFile}`)),
            timeoutMs,
          );
          let buffered = '';
          child.stdout.on('data', (chunk) => {
            fs.appendFileSync(logFile, chunk);
            buffered += chunk;
            if (buffered.includes('"ready":true')) {
              clearTimeout(timer);
              resolve();
            }
          });
          child.once('exit', (code) => {
            clearTimeout(timer);
            reject(
              new Error(
                `${label} exited (${code}) before it was ready; the last lines of ${logFile}:\n${lastLines(logFile)}`,
              ),
            );
          });
        });
        return {
          peer,
          label,
          version: packageVersion(pkg),
          url: `http://127.0.0.1:${ports[peer]}/graphql`,
          pid: child.pid,
        };
      }),
    );
    return { peers, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
