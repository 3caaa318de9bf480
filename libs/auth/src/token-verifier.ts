import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '#ddd';
import type { Identity } from '#platform';
import { ROLES } from './roles.js';

export interface TokenVerifierSettings {
  secret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

/**
 * Verifies bearer tokens: HS256 with a shared secret, or RS256 (and other asymmetric algorithms)
 * against a JWKS URL from any OIDC provider. Returns the caller's identity from the claims.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(private readonly settings: TokenVerifierSettings) {
    if (settings.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(settings.jwksUrl));
      this.algorithms = ['RS256', 'RS384', 'RS512', 'ES256', 'PS256'];
    } else if (settings.secret) {
      this.key = new TextEncoder().encode(settings.secret);
      this.algorithms = ['HS256'];
    } else {
      throw new Error('TokenVerifier needs a secret or a JWKS URL');
    }
  }

  async verify(token: string): Promise<Identity> {
    let payload: JWTPayload;
    try {
      const opts = { algorithms: this.algorithms, issuer: this.settings.issuer, audience: this.settings.audience };
      payload =
        this.key instanceof Uint8Array
          ? (await jwtVerify(token, this.key, opts)).payload
          : (await jwtVerify(token, this.key, opts)).payload;
    } catch (err) {
      throw new UnauthenticatedError(`invalid token: ${(err as Error).message}`);
    }
    if (typeof payload.sub !== 'string' || !payload.sub) throw new UnauthenticatedError('invalid token: no sub claim');
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    const known = roles.filter((r) => (ROLES as readonly string[]).includes(r));
    return {
      sub: payload.sub,
      roles: known,
      name: typeof payload.name === 'string' ? payload.name : undefined,
      email: typeof payload.email === 'string' ? payload.email : undefined,
    };
  }

  /** Reads `Authorization: Bearer <token>`; undefined when there is no such header. */
  static bearer(header: string | string[] | undefined): string | undefined {
    const value = Array.isArray(header) ? header[0] : header;
    const m = value ? /^Bearer\s+(.+)$/i.exec(value.trim()) : null;
    return m ? m[1] : undefined;
  }
}
