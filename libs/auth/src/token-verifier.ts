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

/** How long a verified token is remembered at most (also bounds how long a rotated-out JWKS key is honoured). */
const CACHE_TTL_MS = 60_000;
const CACHE_MAX_TOKENS = 10_000;

interface Verified {
  identity: Identity;
  /** Epoch ms until which the identity may be reused: the token's `exp`, at most CACHE_TTL_MS after verification. */
  until: number;
}

/**
 * Verifies bearer tokens: HS256 with a shared secret, or RS256 (and other asymmetric algorithms)
 * against a JWKS URL from any OIDC provider. Returns the caller's identity from the claims.
 * A verified token is remembered (until its `exp`, at most a minute; 10,000 tokens at most):
 * a client sends the same token with every request, and the signature check (a WebCrypto call)
 * was a visible part of each request's CPU in the gateway and again in the subgraph.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified = new Map<string, Verified>();

  constructor(
    private readonly settings: TokenVerifierSettings,
    private readonly now: () => number = Date.now,
  ) {
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
    const now = this.now();
    const cached = this.verified.get(token);
    if (cached && cached.until > now) return cached.identity;
    if (cached) this.verified.delete(token);
    let payload: JWTPayload;
    try {
      const opts = {
        algorithms: this.algorithms,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        currentDate: new Date(now),
      };
      payload =
        this.key instanceof Uint8Array
          ? (await jwtVerify(token, this.key, opts)).payload
          : (await jwtVerify(token, this.key, opts)).payload;
    } catch (err) {
      throw new UnauthenticatedError(`invalid token: ${(err as Error).message}`);
    }
    const identity = TokenVerifier.identityOf(payload);
    const until = Math.min(now + CACHE_TTL_MS, typeof payload.exp === 'number' ? payload.exp * 1000 : Infinity);
    if (this.verified.size >= CACHE_MAX_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { identity, until });
    return identity;
  }

  private static identityOf(payload: JWTPayload): Identity {
    if (typeof payload.sub !== 'string' || !payload.sub) throw new UnauthenticatedError('invalid token: no sub claim');
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    const known = roles.filter((r) => (ROLES as readonly string[]).includes(r));
    // Frozen: one identity object is shared by every request that sends the same token.
    return Object.freeze({
      sub: payload.sub,
      roles: Object.freeze(known) as string[],
      name: typeof payload.name === 'string' ? payload.name : undefined,
      email: typeof payload.email === 'string' ? payload.email : undefined,
    });
  }

  /** Reads `Authorization: Bearer <token>`; undefined when there is no such header. */
  static bearer(header: string | string[] | undefined): string | undefined {
    const value = Array.isArray(header) ? header[0] : header;
    const m = value ? /^Bearer\s+(.+)$/i.exec(value.trim()) : null;
    return m ? m[1] : undefined;
  }
}
