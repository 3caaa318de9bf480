import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { DEV_JWT_SECRET, loadConfig, resolveAuthSettings } from '#platform';
import { clockMode, cohortsConfigSchema } from '../../apps/cohorts/src/config.js';
import { expectLabelled } from '#testing';

// docker-compose.yml is what a user with Docker runs: it must not expose the infrastructure
// beyond the machine, nor run the apps in a mode that trusts a public secret.
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const compose = fs.readFileSync(path.join(REPO, 'docker-compose.yml'), 'utf8');

/** The apps' shared environment (`environment: &service-env`), as written. */
function serviceEnv(): Record<string, string> {
  const block = compose.split('environment: &service-env\n')[1]!.split(/\n(?! {4}\S)/)[0]!;
  return Object.fromEntries(
    block.split('\n').map((line) => {
      const m = /^ {4}([A-Z_]+): (.*)$/.exec(line)!;
      return [m[1]!, m[2]!.replace(/^"(.*)"$/, '$1')];
    }),
  );
}

/** Compose's interpolation of `${VAR}`, `${VAR:-default}` and `${VAR:?error}` (throws the error). */
function interpolate(value: string, shell: Record<string, string>): string {
  return value.replace(/\$\{([A-Z_]+)(?::([-?])([^}]*))?\}/g, (_all, name: string, op?: string, arg?: string) => {
    const set = shell[name];
    if (set) return set;
    if (op === '?') throw new Error(`required variable ${name} is missing a value: ${arg}`);
    return op === '-' ? arg! : '';
  });
}

const envWith = (shell: Record<string, string>) =>
  Object.fromEntries(Object.entries(serviceEnv()).map(([k, v]) => [k, interpolate(v, shell)]));

describe('docker-compose.yml', () => {
  it('publishes every port on 127.0.0.1 only', () => {
    const published = [...compose.matchAll(/^\s*ports:\s*\[(.*)\]\s*$/gm)].flatMap((m) =>
      m[1]!.split(',').map((p) => p.trim().replace(/^"|"$/g, '')),
    );
    expect(published.length).toBeGreaterThanOrEqual(3);
    for (const port of published) expectLabelled(port, port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    expect(compose).not.toMatch(/^\s*-\s*"?\d+:\d+"?\s*$/m);
  });

  it("publishes no app's ops port (/metrics stays on the compose network), only the gateway's public port", () => {
    const published = [...compose.matchAll(/^\s*ports:\s*\[(.*)\]\s*$/gm)].flatMap((m) =>
      m[1]!.split(',').map((p) => Number(p.trim().replace(/^"|"$/g, '').split(':').at(-1))),
    );
    expect(published).toContain(4000);
    const opsPorts = [4000, 4001, 4002, 4003, 4004].map((port) => port + 1000);
    for (const port of published) expectLabelled(opsPorts, String(port)).not.toContain(port);
    expect(published.filter((port) => port >= 4000 && port < 4100)).toEqual([4000]);
  });

  it('requires AUTH_JWT_SECRET, with no default and without the development secret anywhere', () => {
    expect(serviceEnv().AUTH_JWT_SECRET).toMatch(/^\$\{AUTH_JWT_SECRET:\?[^}]+\}$/);
    expect(() => envWith({})).toThrow(/AUTH_JWT_SECRET/);
    expect(compose).not.toContain(DEV_JWT_SECRET);
  });

  it('runs the apps as production with the real clock unless a demo opts in, and they start with a real secret', () => {
    const secret = 'Zq0v4Lr8c1Xb5Nw2Pj6Ht9Ks3Md7Fg0Aa1Bb2Cc3Dd4Ee5Ff';
    // A NODE_ENV or CLOCK_MODE exported in the user's shell is not picked up.
    const env = envWith({ AUTH_JWT_SECRET: secret, NODE_ENV: 'development', CLOCK_MODE: 'sandbox' });
    expect(env).toMatchObject({ NODE_ENV: 'production', CLOCK_MODE: 'real', AUTH_JWT_SECRET: secret });
    const config = loadConfig(cohortsConfigSchema, env);
    expect(resolveAuthSettings(config).secret).toBe(secret);
    expect(clockMode(config)).toBe('real');

    const demo = envWith({
      AUTH_JWT_SECRET: secret,
      MENTORFLOW_NODE_ENV: 'development',
      MENTORFLOW_CLOCK_MODE: 'sandbox',
    });
    expect(demo).toMatchObject({ NODE_ENV: 'development', CLOCK_MODE: 'sandbox' });
    expect(compose).toContain('MENTORFLOW_NODE_ENV=development MENTORFLOW_CLOCK_MODE=sandbox docker compose up');
  });

  it('refuses, through the apps, the development secret passed in by hand', () => {
    const env = envWith({ AUTH_JWT_SECRET: DEV_JWT_SECRET });
    expect(() => resolveAuthSettings(loadConfig(cohortsConfigSchema, env))).toThrow(/AUTH_JWT_SECRET/);
  });
});
