import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { TokenVerifier } from '#auth';
import { DEV_JWT_SECRET } from '#platform';

// scripts/token.js is what developers use to call the gateway: its tokens must pass the gateway's verifier.
const SCRIPT = fileURLToPath(new URL('../../../scripts/token.js', import.meta.url));
const run = promisify(execFile);

// Without AUTH_JWT_SECRET the script signs with the checkout's local secret: here, one of this test's own.
const LOCAL_SECRET_FILE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mf-token-')), 'local-jwt-secret');
const localSecret = () => fs.readFileSync(LOCAL_SECRET_FILE, 'utf8').trim();

function token(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  const base = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    MENTORFLOW_LOCAL_SECRET_FILE: LOCAL_SECRET_FILE,
  };
  return run(process.execPath, [SCRIPT, ...args], { env: { ...base, ...env } });
}

describe('scripts/token.js', () => {
  it('prints an HS256 token the gateway accepts, with roles, name and email', async () => {
    const { stdout } = await token([
      '--role',
      'PROGRAM_MANAGER',
      '--role',
      'mentor',
      '--sub',
      'pm-1',
      '--name',
      'Pat',
      '--email',
      'pat@example.com',
    ]);
    const identity = await new TokenVerifier({ secret: localSecret() }).verify(stdout.trim());
    expect(identity).toEqual({
      sub: 'pm-1',
      roles: ['PROGRAM_MANAGER', 'MENTOR'],
      name: 'Pat',
      email: 'pat@example.com',
    });
  });

  it('signs with AUTH_JWT_SECRET and the configured issuer and audience', async () => {
    const secret = 'a-test-secret-of-32-characters!!';
    const env = { AUTH_JWT_SECRET: secret, AUTH_JWT_ISSUER: 'https://idp.test', AUTH_JWT_AUDIENCE: 'mentorflow' };
    const { stdout } = await token(['--role', 'INTERN', '--sub', 'intern-7', '--expires', '30m'], env);
    await expect(
      new TokenVerifier({ secret, issuer: 'https://idp.test', audience: 'mentorflow' }).verify(stdout.trim()),
    ).resolves.toMatchObject({
      sub: 'intern-7',
      roles: ['INTERN'],
    });
    await expect(new TokenVerifier({ secret: DEV_JWT_SECRET }).verify(stdout.trim())).rejects.toThrow(/invalid token/);
  });

  it('refuses unknown roles, a missing sub, and production without a secret', async () => {
    await expect(token(['--role', 'ADMIN', '--sub', 'x'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown role ADMIN; the roles are PROGRAM_MANAGER, MENTOR, INTERN'),
    });
    await expect(token(['--role', 'MENTOR'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--sub'),
    });
    await expect(token(['--role', 'MENTOR', '--sub', 'm'], { NODE_ENV: 'production' })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('AUTH_JWT_SECRET is required'),
    });
  });
});
