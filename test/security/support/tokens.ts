import { SignJWT } from 'jose';
import type { Role } from '#auth';
import { DEV_JWT_SECRET } from '#platform';

/**
 * Tokens as an attacker would make them. The system under test verifies with the secret the
 * e2e set-up gave it (AUTH_JWT_SECRET, else the public dev secret, as signTestToken assumes).
 */

export const SYSTEM_SECRET = process.env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET;
/** 48 bytes nobody configured: a token signed with it was not issued by anyone the system trusts. */
export const FOREIGN_SECRET = 'an-attackers-own-secret-of-more-than-thirty-two-bytes!!';

const encoder = new TextEncoder();
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

export interface CraftOptions {
  sub?: string;
  roles?: Role[] | string[];
  /** Seconds since the epoch; null leaves the claim out. */
  iat?: number | null;
  exp?: number | null;
  secret?: string;
}

/** An HS256 token with exactly the claims asked for. */
export async function craftToken(options: CraftOptions = {}): Promise<string> {
  const iat = options.iat === undefined ? now() : options.iat;
  const exp = options.exp === undefined ? now() + 3600 : options.exp;
  const jwt = new SignJWT({ roles: options.roles ?? ['PROGRAM_MANAGER'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub ?? 'attacker');
  if (iat !== null) jwt.setIssuedAt(iat);
  if (exp !== null) jwt.setExpirationTime(exp);
  return jwt.sign(encoder.encode(options.secret ?? SYSTEM_SECRET));
}

/** An unsigned token (`alg: none`, empty signature) claiming the roles asked for. */
export function unsignedToken(roles: string[] = ['PROGRAM_MANAGER'], sub = 'attacker'): string {
  const header = base64url({ alg: 'none', typ: 'JWT' });
  const payload = base64url({ sub, roles, iat: now(), exp: now() + 3600 });
  return `${header}.${payload}.`;
}

/**
 * A real token of the system with its payload swapped for one claiming more roles, the original
 * signature kept (what a client that edits its own token sends).
 */
export function tamperedToken(genuine: string, roles: string[]): string {
  const [header, payload, signature] = genuine.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  return `${header}.${base64url({ ...claims, roles })}.${signature}`;
}

/** Signed with the system's own secret, but HS512: only the configured algorithm (HS256) is accepted. */
export function otherAlgorithmToken(roles: string[] = ['PROGRAM_MANAGER']): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
    .setSubject('attacker')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(encoder.encode(SYSTEM_SECRET));
}
