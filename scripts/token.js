#!/usr/bin/env node
/**
 * Prints a signed HS256 bearer token for the Mentorflow gateway (development and demos).
 *
 *   npm run -s token -- --role PROGRAM_MANAGER --sub pm-1 [--role MENTOR] [--name "Pat"] [--email pat@example.com] [--expires 12h]
 *
 * Signed with AUTH_JWT_SECRET, or (unless NODE_ENV=production) with this checkout's random local
 * secret (.data/local-jwt-secret), the one `npm start` gives the apps it starts.
 * Sets `iss`/`aud` when AUTH_JWT_ISSUER/AUTH_JWT_AUDIENCE are set, as the services then require
 * them. The lifetime may not exceed AUTH_TOKEN_MAX_AGE (default 24h), as the services refuse longer ones. Only the token goes to stdout, so `TOKEN=$(npm run -s token -- …)` works.
 * Plain ESM JavaScript: runs without a build.
 */
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { localSecret } from './lib/local-secret.js';

/** Same values as ROLES in libs/auth/src/roles.ts. */
const ROLES = ['PROGRAM_MANAGER', 'MENTOR', 'INTERN'];

const USAGE = `Usage: npm run -s token -- --role <ROLE> --sub <user id> [--role <ROLE> …] [--name <name>] [--email <email>] [--expires <12h|30m|7d>]

  --role     ${ROLES.join(', ')} (repeat for several roles)
  --sub      the user id: the intern id for an intern, the mentor id for a mentor
  --name     display name claim
  --email    email claim
  --expires  lifetime, e.g. 30m, 12h (default), 1d; at most AUTH_TOKEN_MAX_AGE (default 24h)

Signs with AUTH_JWT_SECRET, or outside NODE_ENV=production with this checkout's random local
secret (.data/local-jwt-secret), which npm start gives the apps it starts.`;

function fail(message, { usage = true } = {}) {
  process.stderr.write(`token: ${message}\n${usage ? `\n${USAGE}\n` : ''}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, short: 'r' },
      sub: { type: 'string', short: 's' },
      name: { type: 'string' },
      email: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  fail(err.message);
}

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const roles = [
  ...new Set(
    (values.role ?? [])
      .flatMap((r) => r.split(','))
      .map((r) => r.trim().toUpperCase())
      .filter(Boolean),
  ),
];
if (roles.length === 0) fail('at least one --role is required');
const unknown = roles.filter((r) => !ROLES.includes(r));
if (unknown.length)
  fail(`unknown role${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the roles are ${ROLES.join(', ')}`);

const sub = values.sub?.trim();
if (!sub) fail('--sub (the user id) is required');
if (
  !/^\d+\s*[smhdw]$|^\d+\s*(sec|secs|second|seconds|min|mins|minute|minutes|hr|hrs|hour|hours|day|days|week|weeks)$/i.test(
    values.expires,
  )
) {
  fail(`--expires ${values.expires}: expected a duration such as 30m, 12h or 1d`);
}

/** Seconds in a duration such as `30m`, `12 hours` or `3600` (plain seconds); undefined if it is none. */
function durationSeconds(text) {
  const m = /^(\d+)\s*([a-z]*)$/i.exec(String(text).trim());
  if (!m) return undefined;
  const unit = m[2].toLowerCase();
  const scale = [
    [/^(|s|sec|secs|second|seconds)$/, 1],
    [/^(m|min|mins|minute|minutes)$/, 60],
    [/^(h|hr|hrs|hour|hours)$/, 3600],
    [/^(d|day|days)$/, 86_400],
    [/^(w|week|weeks)$/, 604_800],
  ].find(([re]) => re.test(unit))?.[1];
  return scale === undefined ? undefined : Number(m[1]) * scale;
}

// Same rule and default as the services' AUTH_TOKEN_MAX_AGE (libs/platform/src/config.ts).
const maxAgeText = process.env.AUTH_TOKEN_MAX_AGE || '24h';
const maxAge = /^\d+\s*[smhd]?$/i.test(maxAgeText.trim()) ? durationSeconds(maxAgeText) : undefined;
if (!maxAge)
  fail(`AUTH_TOKEN_MAX_AGE=${maxAgeText}: expected seconds or a duration such as 30m, 12h or 1d`, { usage: false });
if (durationSeconds(values.expires) > maxAge) {
  fail(
    `--expires ${values.expires}: longer than the services accept (AUTH_TOKEN_MAX_AGE ${maxAgeText}); tokens must expire`,
    { usage: false },
  );
}

if (!process.env.AUTH_JWT_SECRET && process.env.NODE_ENV === 'production')
  fail('AUTH_JWT_SECRET is required when NODE_ENV=production', { usage: false });
const secret = localSecret();
if (secret.length < 16)
  fail('AUTH_JWT_SECRET must be at least 16 characters (as the services require)', { usage: false });

const claims = { roles };
if (values.name) claims.name = values.name;
if (values.email) claims.email = values.email;

let jwt = new SignJWT(claims)
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setSubject(sub)
  .setIssuedAt()
  .setExpirationTime(values.expires);
const issuer = process.env.AUTH_JWT_ISSUER || process.env.AUTH_ISSUER;
const audience = process.env.AUTH_JWT_AUDIENCE || process.env.AUTH_AUDIENCE;
if (issuer) jwt = jwt.setIssuer(issuer);
if (audience) jwt = jwt.setAudience(audience);

process.stdout.write(`${await jwt.sign(new TextEncoder().encode(secret))}\n`);
