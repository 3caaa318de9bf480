import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signToken } from './sign-token.js';
import { DEFAULT_TOKEN_MAX_AGE_SECONDS, TokenVerifier } from './token-verifier.js';

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

/** An HS256 token with exactly the time claims given (epoch seconds; undefined leaves the claim out). */
function tokenWith(times: { iat?: number; exp?: number }): Promise<string> {
  let jwt = new SignJWT({ roles: ['PROGRAM_MANAGER'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('pm-1');
  if (times.iat !== undefined) jwt = jwt.setIssuedAt(times.iat);
  if (times.exp !== undefined) jwt = jwt.setExpirationTime(times.exp);
  return jwt.sign(new TextEncoder().encode(SECRET));
}

describe('TokenVerifier: token lifetime', () => {
  const HOUR = 3600;
  const seconds = (ms: number) => Math.floor(ms / 1000);

  it('refuses a token without exp, which would never expire', async () => {
    const now = seconds(Date.now());
    await expect(new TokenVerifier({ secret: SECRET }).verify(await tokenWith({ iat: now }))).rejects.toThrow(
      /invalid token: missing required "exp" claim/,
    );
    await expect(new TokenVerifier({ secret: SECRET }).verify(await tokenWith({}))).rejects.toThrow(/"exp"/);
  });

  it('accepts a token of 24 hours by default and refuses a longer one (exp − iat)', async () => {
    expect(DEFAULT_TOKEN_MAX_AGE_SECONDS).toBe(24 * HOUR);
    const now = seconds(Date.now());
    const verifier = new TokenVerifier({ secret: SECRET });
    await expect(verifier.verify(await tokenWith({ iat: now, exp: now + 24 * HOUR }))).resolves.toMatchObject({
      sub: 'pm-1',
    });
    await expect(verifier.verify(await tokenWith({ iat: now, exp: now + 24 * HOUR + 1 }))).rejects.toThrow(
      /invalid token: lives 86401 s, longer than the 86400 s allowed \(exp − iat\)/,
    );
    // Issued long ago with a far exp: still refused, however little of it is left.
    await expect(verifier.verify(await tokenWith({ iat: now - 30 * 24 * HOUR, exp: now + HOUR }))).rejects.toThrow(
      /longer than the 86400 s allowed/,
    );
    await expect(verifier.verify(await signToken(SECRET, { sub: 'pm-1', roles: [] }, '7d'))).rejects.toThrow(
      /longer than the 86400 s allowed/,
    );
  });

  it('without iat, measures exp − now', async () => {
    const now = seconds(Date.now());
    const verifier = new TokenVerifier({ secret: SECRET });
    await expect(verifier.verify(await tokenWith({ exp: now + 23 * HOUR }))).resolves.toMatchObject({ sub: 'pm-1' });
    await expect(verifier.verify(await tokenWith({ exp: now + 25 * HOUR }))).rejects.toThrow(
      /longer than the 86400 s allowed \(exp − now\)/,
    );
  });

  it('refuses a token issued in the future (beyond a minute of clock skew), which would outlive the maximum', async () => {
    const now = seconds(Date.now());
    const verifier = new TokenVerifier({ secret: SECRET });
    await expect(verifier.verify(await tokenWith({ iat: now + 30, exp: now + 30 + HOUR }))).resolves.toBeDefined();
    await expect(
      verifier.verify(await tokenWith({ iat: now + 365 * 24 * HOUR, exp: now + 365 * 24 * HOUR + HOUR })),
    ).rejects.toThrow(/invalid token: "iat" claim lies in the future/);
  });

  it('takes the maximum from its settings (AUTH_TOKEN_MAX_AGE)', async () => {
    const now = seconds(Date.now());
    const verifier = new TokenVerifier({ secret: SECRET, maxAgeSeconds: HOUR });
    await expect(verifier.verify(await tokenWith({ iat: now, exp: now + HOUR }))).resolves.toBeDefined();
    await expect(verifier.verify(await tokenWith({ iat: now, exp: now + 2 * HOUR }))).rejects.toThrow(
      /longer than the 3600 s allowed/,
    );
    expect(() => new TokenVerifier({ secret: SECRET, maxAgeSeconds: 0 })).toThrow(/maxAgeSeconds/);
  });

  it('tells when a verified token expires, also when it comes from the cache, and never serves it after', async () => {
    const c = clock();
    const verifier = new TokenVerifier({ secret: SECRET }, c.now);
    const token = await tokenExpiringIn(90, c.now());
    const exp = Math.floor(c.now() / 1000) + 90;
    expect(await verifier.verifyToken(token)).toEqual({
      identity: expect.objectContaining({ sub: 'mentor-1' }),
      expiresAt: exp * 1000,
    });
    c.advance(30_000);
    expect((await verifier.verifyToken(token)).expiresAt).toBe(exp * 1000);
    c.advance(exp * 1000 - c.now());
    await expect(verifier.verifyToken(token)).rejects.toThrow(/"exp" claim timestamp check failed/);
  });
});

describe('TokenVerifier: JWKS', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  const ISSUER = 'https://idp.example.com/';
  const AUDIENCE = 'mentorflow';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const rs256 = (claims: { iss?: string; aud?: string }) => {
    let jwt = new SignJWT({ roles: ['MENTOR'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('mentor-9')
      .setIssuedAt()
      .setExpirationTime('1h');
    if (claims.iss) jwt = jwt.setIssuer(claims.iss);
    if (claims.aud) jwt = jwt.setAudience(claims.aud);
    return jwt.sign(privateKey);
  };

  it('needs the issuer and the audience', () => {
    expect(() => new TokenVerifier({ jwksUrl })).toThrow(/issuer and the audience/);
    expect(() => new TokenVerifier({ jwksUrl, issuer: ISSUER })).toThrow(/issuer and the audience/);
    expect(() => new TokenVerifier({ jwksUrl, audience: AUDIENCE })).toThrow(/issuer and the audience/);
  });

  it('accepts a token of its issuer for its audience, and refuses any other issuer or audience', async () => {
    const verifier = new TokenVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE });
    await expect(verifier.verify(await rs256({ iss: ISSUER, aud: AUDIENCE }))).resolves.toMatchObject({
      sub: 'mentor-9',
      roles: ['MENTOR'],
    });
    await expect(verifier.verify(await rs256({ iss: 'https://evil.example.com/', aud: AUDIENCE }))).rejects.toThrow(
      /invalid token: unexpected "iss" claim value/,
    );
    await expect(verifier.verify(await rs256({ iss: ISSUER, aud: 'another-app' }))).rejects.toThrow(
      /invalid token: unexpected "aud" claim value/,
    );
    await expect(verifier.verify(await rs256({ aud: AUDIENCE }))).rejects.toThrow(/"iss"/);
    await expect(verifier.verify(await rs256({ iss: ISSUER }))).rejects.toThrow(/"aud"/);
  });
});
