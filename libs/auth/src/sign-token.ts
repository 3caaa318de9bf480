import { SignJWT } from 'jose';
import type { Role } from './roles.js';

/** Signs an HS256 token: dev tokens, seeds and tests. */
export async function signToken(
  secret: string,
  claims: { sub: string; roles: Role[]; name?: string; email?: string },
  expiresIn = '12h',
): Promise<string> {
  return new SignJWT({ roles: claims.roles, name: claims.name, email: claims.email })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
