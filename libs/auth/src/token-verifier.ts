import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '#ddd';
import type { Identity } from '#platform';
import { ROLES } from './roles.js';

export interface TokenVerifierSettings {
  secret?: string;
  jwksUrl?: string;
  /** Required with jwksUrl. */
  issuer?: string;
  /** Required with jwksUrl. */
  audience?: string;
  /** Longest lifetime (exp − iat, or exp − now without iat) a token may have; default 24 h. */
  maxAgeSeconds?: number;
}

/** A verified token: who it is, and until when (epoch ms, the token's `exp`). */
export interface VerifiedToken {
  identity: Identity;
  expiresAt: number;
}

/** AUTH_TOKEN_MAX_AGE's default: a token may live 24 hours at most. */
export const DEFAULT_TOKEN_MAX_AGE_SECONDS = 24 * 60 * 60;
/** How far in the future a token's `iat` may lie (clock skew between issuer and verifier). */
const IAT_SKEW_SECONDS = 60;

/** How long a verified token is remembered at most (also bounds how long a rotated-out JWKS key is honoured). */
const CACHE_TTL_MS = 60_000;
const CACHE_MAX_TOKENS = 10_000;

interface Verified extends VerifiedToken {
  /** Epoch ms until which the identity may be reused: the token's `exp`, at most CACHE_TTL_MS after verification. */
  until: number;
}

/**
 * Verifies bearer tokens: HS256 with a shared secret, or RS256 (and other asymmetric algorithms)
 * against a JWKS URL from any OIDC provider (then the issuer and the audience are required and
 * checked). Returns the caller's identity from the claims. Every token must carry `exp`, and may
 * live at most `maxAgeSeconds` (exp − iat; exp − now without iat). A verified token is
 * remembered (until its `exp`, at most a minute; 10,000 tokens at most): a client sends the same
 * token with every request, and the signature check (a WebCrypto call) was a visible part of
 * each request's CPU in the gateway and again in the subgraph.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified = new Map<string, Verified>();
  private readonly maxAgeSeconds: number;

  constructor(
    private readonly settings: TokenVerifierSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.maxAgeSeconds = settings.maxAgeSeconds ?? DEFAULT_TOKEN_MAX_AGE_SECONDS;
    if (!(this.maxAgeSeconds > 0)) throw new Error('TokenVerifier: maxAgeSeconds must be positive');
    if (settings.jwksUrl) {
      if (!settings.issuer || !settings.audience) {
        throw new Error('TokenVerifier: a JWKS URL needs the issuer and the audience the tokens must name');
      }
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
    return (await this.verifyToken(token)).identity;
  }

  /** Verifies the token; its identity and when it expires (a websocket is closed then). */
  async verifyToken(token: string): Promise<VerifiedToken> {
    const now = this.now();
    const cached = this.verified.get(token);
    if (cached && cached.until > now) return { identity: cached.identity, expiresAt: cached.expiresAt };
    if (cached) this.verified.delete(token);
    let payload: JWTPayload;
    try {
      const opts = {
        algorithms: this.algorithms,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['exp'],
        currentDate: new Date(now),
      };
      payload =
        this.key instanceof Uint8Array
          ? (await jwtVerify(token, this.key, opts)).payload
          : (await jwtVerify(token, this.key, opts)).payload;
    } catch (err) {
      throw new UnauthenticatedError(`invalid token: ${(err as Error).message}`);
    }
    const exp = payload.exp as number; // required and checked to be a number by jwtVerify
    this.checkLifetime(exp, payload.iat, now);
    const identity = TokenVerifier.identityOf(payload);
    const expiresAt = exp * 1000;
    const until = Math.min(now + CACHE_TTL_MS, expiresAt);
    if (this.verified.size >= CACHE_MAX_TOKENS) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { identity, expiresAt, until });
    return { identity, expiresAt };
  }

  /** Refuses a token that lives longer than maxAgeSeconds, or claims to be issued in the future. */
  private checkLifetime(exp: number, iat: number | undefined, nowMs: number): void {
    const nowSeconds = nowMs / 1000;
    if (iat !== undefined && iat > nowSeconds + IAT_SKEW_SECONDS) {
      throw new UnauthenticatedError('invalid token: "iat" claim lies in the future');
    }
    const lifetime = exp - (iat ?? nowSeconds);
    if (lifetime > this.maxAgeSeconds) {
      throw new UnauthenticatedError(
        `invalid token: lives ${Math.ceil(lifetime)} s, longer than the ${this.maxAgeSeconds} s allowed (${iat === undefined ? 'exp − now' : 'exp − iat'})`,
      );
    }
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
