import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter (token bucket per user)', () => {
  it('allows a burst, then refuses with the time until a token is back', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perMinute: 60 }, () => now);
    expect(limiter.take('u1')).toEqual({ allowed: true, remaining: 2 });
    expect(limiter.take('u1')).toEqual({ allowed: true, remaining: 1 });
    expect(limiter.take('u1')).toEqual({ allowed: true, remaining: 0 });
    expect(limiter.take('u1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1_000;
    expect(limiter.take('u1')).toMatchObject({ allowed: true });
  });

  it('keeps one bucket per user', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1 }, () => 0);
    expect(limiter.take('u1').allowed).toBe(true);
    expect(limiter.take('u1').allowed).toBe(false);
    expect(limiter.take('u2').allowed).toBe(true);
  });

  it('refills at the sustained rate up to the burst, never beyond', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 2, perMinute: 6 }, () => now);
    limiter.take('u', 2);
    now += 10_000; // one token back
    expect(limiter.take('u')).toEqual({ allowed: true, remaining: 0 });
    now += 3_600_000;
    expect(limiter.take('u')).toEqual({ allowed: true, remaining: 1 });
  });

  it('charges several tokens at once (one per mutation field) and refuses more than a burst', () => {
    const limiter = new RateLimiter({ burst: 5, perMinute: 60 }, () => 0);
    expect(limiter.take('u', 4)).toEqual({ allowed: true, remaining: 1 });
    expect(limiter.take('u', 2)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('v', 6).allowed).toBe(false);
  });

  it('forgets the least recently seen users beyond its size', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1, maxUsers: 2 }, () => 0);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // forgets a
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });
});
