// The signing secret of a system started on this machine by `npm start`, and of the tokens
// `npm run token` prints for it: AUTH_JWT_SECRET when set, else one random secret per checkout,
// kept in .data/local-jwt-secret (readable by its owner only). Never the development secret that
// is written in the source, which anyone could sign a program manager's token with.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the local secret is kept (MENTORFLOW_LOCAL_SECRET_FILE overrides it, for tests). */
export function localSecretFile(env = process.env) {
  return env.MENTORFLOW_LOCAL_SECRET_FILE || path.join(REPO, '.data', 'local-jwt-secret');
}

/** AUTH_JWT_SECRET, else this checkout's random secret, made on first use. */
export function localSecret(env = process.env) {
  if (env.AUTH_JWT_SECRET) return env.AUTH_JWT_SECRET;
  const file = localSecretFile(env);
  try {
    const kept = fs.readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
