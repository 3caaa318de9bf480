import { signToken, type Role } from '#auth';
import { DEV_JWT_SECRET } from '#platform';

/** A bearer token for tests, signed with the development secret the services use by default. */
export function signTestToken(claims: { sub: string; roles: Role[]; name?: string; email?: string }): Promise<string> {
  return signToken(process.env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET, claims);
}
