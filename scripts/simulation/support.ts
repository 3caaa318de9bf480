import { setTimeout as sleep } from 'node:timers/promises';
import { SignJWT } from 'jose';

/** A failed step: what was attempted, the request and the answer, for a report a person can act on. */
export class SimulationStepError extends Error {
  readonly step: string;

  constructor(step: string, detail: string) {
    super(`${step}\n${detail}`);
    this.name = 'SimulationStepError';
    this.step = step;
  }
}

/** A value as JSON, cut at `max` characters. */
export const brief = (value: unknown, max = 1500): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
};

export interface Random {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  shuffle<T>(list: readonly T[]): T[];
}

/** mulberry32 over a hash of the seed: the same seed gives the same run. */
export function rng(seed: number | string): Random {
  let h = 1779033703 ^ String(seed).length;
  for (const ch of String(seed)) {
    h = Math.imul(h ^ ch.charCodeAt(0), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    shuffle: (list) => {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday `weeksAhead` weeks after the coming one (UTC calendar). */
export function upcomingMonday(weeksAhead = 1): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7) + 7 * weeksAhead);
  return d.toISOString().slice(0, 10);
}

/** Runs `fn` over `items`, at most `limit` at a time; rejects with the first failure once all settled. */
export async function eachLimited<T>(
  items: Iterable<T>,
  limit: number,
  fn: (item: T, index: number) => Promise<unknown>,
): Promise<void> {
  const list = [...items];
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < list.length && !failure) {
      const i = next++;
      try {
        await fn(list[i], i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, worker));
  if (failure) throw failure.error;
}

export const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
export const mean = (values: number[]): number | null =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
export const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
  onArrived?: (ms: number) => void;
}

/**
 * Polls `check` until it returns a value; the error names what did not arrive in time and the last
 * thing seen (`check` tells it through `seen`). `onArrived(ms)` learns how long it took.
 */
export async function pollUntil<T>(
  waitingFor: string,
  check: (seen: (value: unknown) => void) => Promise<T | undefined>,
  { timeoutMs = 60_000, intervalMs = 250, onArrived }: PollOptions = {},
): Promise<T> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await check((seen) => (last = seen));
    if (value !== undefined) {
      onArrived?.(Date.now() - started);
      return value;
    }
    if (Date.now() > deadline) {
      throw new SimulationStepError(
        `waiting for ${waitingFor}: did not arrive within ${timeoutMs} ms`,
        `  last seen: ${brief(last)}`,
      );
    }
    await sleep(intervalMs);
  }
}

/** Same value as DEV_JWT_SECRET in libs/platform/src/config.ts. */
const DEV_JWT_SECRET = 'mentorflow-dev-secret-not-for-production';

/** A token the system accepts: AUTH_JWT_SECRET (and issuer, audience) when set, the development secret otherwise. */
export async function signToken(sub: string, roles: string[], name: string): Promise<string> {
  const secret = process.env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET;
  let jwt = new SignJWT({ roles, name, email: `${sub}@example.com` })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('12h');
  if (process.env.AUTH_JWT_ISSUER) jwt = jwt.setIssuer(process.env.AUTH_JWT_ISSUER);
  if (process.env.AUTH_JWT_AUDIENCE) jwt = jwt.setAudience(process.env.AUTH_JWT_AUDIENCE);
  return jwt.sign(new TextEncoder().encode(secret));
}
