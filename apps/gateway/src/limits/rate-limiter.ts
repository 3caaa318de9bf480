export interface RateLimitSettings {
  /** Tokens a user may spend at once (a full bucket). */
  burst: number;
  /** Tokens added per minute, up to `burst`. */
  perMinute: number;
  /** Users remembered at most; the least recently seen are forgotten (their bucket starts full again). */
  maxUsers?: number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per user (`sub`): each mutation field spends a token, tokens come back at
 * `perMinute`, and a full bucket holds `burst`. Kept in this process: with N gateway replicas
 * behind a load balancer a user gets at most N times the rate, which bounds abuse without a
 * database round trip on every mutation.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxUsers: number;

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {
    if (settings.burst < 1 || settings.perMinute <= 0) throw new Error('rate limit needs burst >= 1 and perMinute > 0');
    this.maxUsers = settings.maxUsers ?? 100_000;
  }

  /** Takes `cost` tokens from the user's bucket, or says how long until that many are there. */
  take(user: string, cost = 1): RateDecision {
    const now = this.now();
    const perMs = this.settings.perMinute / 60_000;
    const existing = this.buckets.get(user);
    const bucket: Bucket = existing
      ? { tokens: Math.min(this.settings.burst, existing.tokens + (now - existing.updatedAt) * perMs), updatedAt: now }
      : { tokens: this.settings.burst, updatedAt: now };
    // Most recently seen last, so the first key is the one to forget.
    this.buckets.delete(user);
    this.buckets.set(user, bucket);
    if (this.buckets.size > this.maxUsers) this.buckets.delete(this.buckets.keys().next().value as string);

    if (cost > this.settings.burst)
      return { allowed: false, retryAfterSeconds: Math.ceil(60 * (cost / this.settings.perMinute)) };
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - bucket.tokens) / perMs / 1000)) };
  }
}
