import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { TokenVerifier } from '#auth';
import { DEV_JWT_SECRET } from '#platform';
import { expectLabelled } from '#testing';

// The scripts developers start the system and get tokens with keep to the services' rules:
// npm start does not run production on the public secret, and npm run token signs no token the
// services would refuse for its lifetime.
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

// The local secret npm start and npm run token share, in a folder of this test's own.
const LOCAL_SECRET_FILE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mf-local-secret-')), 'local-jwt-secret');

function script(name: string, args: string[], env: Record<string, string>) {
  return run(process.execPath, [path.join(REPO, 'scripts', name), ...args], {
    env: { PATH: process.env.PATH ?? '', MENTORFLOW_LOCAL_SECRET_FILE: LOCAL_SECRET_FILE, ...env },
    timeout: 30_000,
  });
}

const localSecret = () => fs.readFileSync(LOCAL_SECRET_FILE, 'utf8').trim();

describe('scripts/token.js and AUTH_TOKEN_MAX_AGE', () => {
  it('signs tokens up to 24 h that the services accept, and refuses a longer --expires', async () => {
    const { stdout } = await script('token.js', ['--role', 'MENTOR', '--sub', 'm-1', '--expires', '24h'], {});
    await expect(new TokenVerifier({ secret: localSecret() }).verify(stdout.trim())).resolves.toMatchObject({
      sub: 'm-1',
    });
    await expect(script('token.js', ['--role', 'MENTOR', '--sub', 'm-1', '--expires', '7d'], {})).rejects.toMatchObject(
      {
        code: 2,
        stderr: expect.stringContaining('--expires 7d: longer than the services accept (AUTH_TOKEN_MAX_AGE 24h)'),
      },
    );
  });

  it('follows AUTH_TOKEN_MAX_AGE as the services do', async () => {
    const env = { AUTH_TOKEN_MAX_AGE: '30m' };
    await expect(script('token.js', ['--role', 'MENTOR', '--sub', 'm-1'], env)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--expires 12h: longer than the services accept (AUTH_TOKEN_MAX_AGE 30m)'),
    });
    const { stdout } = await script('token.js', ['--role', 'MENTOR', '--sub', 'm-1', '--expires', '30m'], env);
    await expect(
      new TokenVerifier({ secret: localSecret(), maxAgeSeconds: 1800 }).verify(stdout.trim()),
    ).resolves.toMatchObject({ sub: 'm-1' });
  });

  it('sets the issuer and audience from AUTH_ISSUER/AUTH_AUDIENCE too', async () => {
    const env = { AUTH_ISSUER: 'https://idp.test/', AUTH_AUDIENCE: 'mentorflow' };
    const { stdout } = await script('token.js', ['--role', 'INTERN', '--sub', 'i-1', '--expires', '1h'], env);
    const verifier = new TokenVerifier({ secret: localSecret(), issuer: 'https://idp.test/', audience: 'mentorflow' });
    await expect(verifier.verify(stdout.trim())).resolves.toMatchObject({ sub: 'i-1' });
  });
});

describe('the local secret of npm start and npm run token', () => {
  it('is random, kept for its owner only, the same from run to run, and never the development secret in the source', async () => {
    const first = await script('token.js', ['--role', 'PROGRAM_MANAGER', '--sub', 'pm-1', '--expires', '1h'], {});
    const secret = localSecret();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(secret).not.toBe(DEV_JWT_SECRET);
    expect(fs.statSync(LOCAL_SECRET_FILE).mode & 0o777).toBe(0o600);
    await expect(new TokenVerifier({ secret: DEV_JWT_SECRET }).verify(first.stdout.trim())).rejects.toThrow();
    await script('token.js', ['--role', 'MENTOR', '--sub', 'm-1', '--expires', '1h'], {});
    expect(localSecret()).toBe(secret);
  });

  it('gives way to AUTH_JWT_SECRET', async () => {
    const own = 'an-operator-chosen-secret-of-32-bytes!!';
    const { stdout } = await script('token.js', ['--role', 'MENTOR', '--sub', 'm-2', '--expires', '1h'], {
      AUTH_JWT_SECRET: own,
    });
    await expect(new TokenVerifier({ secret: own }).verify(stdout.trim())).resolves.toMatchObject({ sub: 'm-2' });
  });
});

describe('scripts/start.js', () => {
  it('refuses NODE_ENV=production without AUTH_JWT_SECRET before it starts anything', async () => {
    await expect(script('start.js', [], { NODE_ENV: 'production' })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('NODE_ENV=production needs AUTH_JWT_SECRET'),
    });
  });
});

describe('package.json scripts', () => {
  it('run files that exist (npm run infra:up runs scripts/infra-up.js)', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const files = Object.entries(scripts).flatMap(([name, command]) =>
      [...command.matchAll(/(?:node|bash) ((?:scripts|infra|test)\/\S+\.(?:js|sh))/g)].map((m) => [name, m[1]!]),
    );
    expect(files).toContainEqual(['infra:up', 'scripts/infra-up.js']);
    for (const [name, file] of files) expectLabelled(fs.existsSync(path.join(REPO, file!)), name!).toBe(true);
  });
});
