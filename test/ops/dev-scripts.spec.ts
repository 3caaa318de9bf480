import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { TokenVerifier } from '#auth';
import { DEV_JWT_SECRET } from '#platform';

// The scripts developers start the system and get tokens with keep to the services' rules:
// npm start does not run production on the public secret, and npm run token signs no token the
// services would refuse for its lifetime.
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = promisify(execFile);

function script(name: string, args: string[], env: Record<string, string>) {
  return run(process.execPath, [path.join(REPO, 'scripts', name), ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 30_000,
  });
}

describe('scripts/token.js and AUTH_TOKEN_MAX_AGE', () => {
  it('signs tokens up to 24 h that the services accept, and refuses a longer --expires', async () => {
    const { stdout } = await script('token.js', ['--role', 'MENTOR', '--sub', 'm-1', '--expires', '24h'], {});
    await expect(new TokenVerifier({ secret: DEV_JWT_SECRET }).verify(stdout.trim())).resolves.toMatchObject({
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
      new TokenVerifier({ secret: DEV_JWT_SECRET, maxAgeSeconds: 1800 }).verify(stdout.trim()),
    ).resolves.toMatchObject({ sub: 'm-1' });
  });

  it('sets the issuer and audience from AUTH_ISSUER/AUTH_AUDIENCE too', async () => {
    const env = { AUTH_ISSUER: 'https://idp.test/', AUTH_AUDIENCE: 'mentorflow' };
    const { stdout } = await script('token.js', ['--role', 'INTERN', '--sub', 'i-1', '--expires', '1h'], env);
    const verifier = new TokenVerifier({ secret: DEV_JWT_SECRET, issuer: 'https://idp.test/', audience: 'mentorflow' });
    await expect(verifier.verify(stdout.trim())).resolves.toMatchObject({ sub: 'i-1' });
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
