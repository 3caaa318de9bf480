import { SignJWT } from 'jose';
import { describe, expect, it } from '@jest/globals';
import { signToken } from './sign-token.js';
import { TokenVerifier } from './token-verifier.js';

const SECRET = 'token-verifier-spec-secret-0123456789';

/** A clock the test moves by hand (epoch ms). */
function clock(start = Date.now()): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

async function tokenExpiringIn(seconds: number, issuedAt: number): Promise<string> {
  return new SignJWT({ roles: ['MENTOR'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('mentor-1')
    .setIssuedAt(Math.floor(issuedAt / 1000))
    .setExpirationTime(Math.floor(issuedAt / 1000) + seconds)
    .sign(new TextEncoder().encode(SECRET));
}

describe('TokenVerifier', () => {
  it('returns the identity of a valid token, keeping only known roles', async () => {
    const token = await signToken(SECRET, { sub: 'pm-1', roles: ['PROGRAM_MANAGER'], name: 'Pat' });
    const identity = await new TokenVerifier({ secret: SECRET }).verify(token);
    expect(identity).toEqual({ sub: 'pm-1', roles: ['PROGRAM_MANAGER'], name: 'Pat', email: undefined });
    expect(Object.isFrozen(identity)).toBe(true);
  });

  it('refuses a token signed with another secret, also after a valid token was remembered', async () => {
    const verifier = new TokenVerifier({ secret: SECRET });
    await verifier.verify(await signToken(SECRET, { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] }));
    const forged = await signToken('another-secret-0123456789-abcdefgh', { sub: 'pm-1', roles: ['PROGRAM_MANAGER'] });
    await expect(verifier.verify(forged)).rejects.toThrow(/invalid token: signature verification failed/);
  });

  it('remembers a verified token: the same identity object comes back', async () => {
    const verifier = new TokenVerifier({ secret: SECRET });
    const token = await signToken(SECRET, { sub: 'intern-1', roles: ['INTERN'] });
    expect(await verifier.verify(token)).toBe(await verifier.verify(token));
  });

  it('refuses a remembered token once it has expired', async () => {
    const c = clock();
    const verifier = new TokenVerifier({ secret: SECRET }, c.now);
    const token = await tokenExpiringIn(30, c.now());
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'mentor-1' });
    c.advance(29_000);
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'mentor-1' });
    c.advance(2_000);
    await expect(verifier.verify(token)).rejects.toThrow(/invalid token: "exp" claim timestamp check failed/);
  });

  it('verifies a long-lived token again after a minute', async () => {
    const c = clock();
    const verifier = new TokenVerifier({ secret: SECRET }, c.now);
    const token = await tokenExpiringIn(3600, c.now());
    const first = await verifier.verify(token);
    c.advance(59_000);
    expect(await verifier.verify(token)).toBe(first);
    c.advance(2_000);
    const again = await verifier.verify(token);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });
});
