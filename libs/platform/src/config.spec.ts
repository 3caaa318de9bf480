import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  baseConfigSchema,
  ConfigError,
  DEV_JWT_SECRET,
  isDevelopmentOrTest,
  loadConfig,
  MIN_JWT_SECRET_BYTES,
  opsListenAddress,
  resolveAuthSettings,
  serviceConfigSchema,
} from './config.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** A secret as an operator would generate it (`openssl rand -base64 48`). */
const STRONG = 'q3Vt8wYx0bZ1nR5kLp2sJd7fHg4mTc9eWa6uXi0oNv2yBr8l';

const auth = (env: Record<string, string>) => resolveAuthSettings(loadConfig(baseConfigSchema, env));

/** Runs `fn` and returns the ConfigError it throws. */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

/** The placeholder secret the Kubernetes manifests ship with. */
function k8sPlaceholderSecret(): string {
  const list = JSON.parse(fs.readFileSync(path.join(REPO, 'infra/k8s/config.json'), 'utf8')) as {
    items: { kind: string; stringData?: Record<string, string> }[];
  };
  return list.items.find((i) => i.kind === 'Secret')!.stringData!.AUTH_JWT_SECRET;
}

describe('NODE_ENV', () => {
  it('is production when unset or empty: development and test only when said explicitly', () => {
    expect(loadConfig(baseConfigSchema, {}).NODE_ENV).toBe('production');
    expect(loadConfig(baseConfigSchema, { NODE_ENV: '' }).NODE_ENV).toBe('production');
    expect(isDevelopmentOrTest(loadConfig(baseConfigSchema, {}))).toBe(false);
    expect(isDevelopmentOrTest(loadConfig(baseConfigSchema, { NODE_ENV: 'development' }))).toBe(true);
    expect(isDevelopmentOrTest(loadConfig(baseConfigSchema, { NODE_ENV: 'test' }))).toBe(true);
    expect(() => loadConfig(baseConfigSchema, { NODE_ENV: 'dev' })).toThrow(/NODE_ENV/);
  });
});

describe('resolveAuthSettings: the HS256 secret', () => {
  it('with NODE_ENV unset, refuses to start without a secret instead of trusting the public development one', () => {
    const err = configError(() => auth({}));
    expect(err.message).toMatch(/AUTH_JWT_SECRET: required in production/);
    expect(() => auth({ NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET: required in production/);
  });

  it('outside development and test refuses the development secret, naming AUTH_JWT_SECRET', () => {
    for (const env of [{}, { NODE_ENV: 'production' }] as Record<string, string>[]) {
      const err = configError(() => auth({ ...env, AUTH_JWT_SECRET: DEV_JWT_SECRET }));
      expect(err.message).toMatch(/AUTH_JWT_SECRET: is the development secret, which is public/);
    }
  });

  it('outside development and test refuses the placeholder of the k8s manifests and other well-known placeholders', () => {
    const placeholders = [
      k8sPlaceholderSecret(),
      'change-me-change-me-change-me-change-me',
      'CHANGEME-0123456789abcdef0123456789abcdef',
      'please-replace-me-with-a-real-secret-value!',
      'your-secret-here-of-at-least-32-characters',
      'placeholder-placeholder-placeholder-placeholder',
    ];
    expect(placeholders[0]).toMatch(/REPLACE-ME/);
    for (const secret of placeholders) {
      expect(configError(() => auth({ AUTH_JWT_SECRET: secret })).message).toMatch(/AUTH_JWT_SECRET: is a placeholder/);
    }
  });

  it(`outside development and test refuses a secret shorter than ${MIN_JWT_SECRET_BYTES} bytes`, () => {
    const err = configError(() => auth({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'k'.repeat(31) }));
    expect(err.message).toMatch(
      /AUTH_JWT_SECRET: must be at least 32 bytes outside development and test \(it has 31\)/,
    );
    expect(auth({ AUTH_JWT_SECRET: 'k'.repeat(32) }).secret).toBe('k'.repeat(32));
    // Bytes, not characters: 16 two-byte characters are 32 bytes.
    expect(auth({ AUTH_JWT_SECRET: 'é'.repeat(16) }).secret).toBe('é'.repeat(16));
  });

  it('accepts a strong secret in production and returns it with the issuer and audience', () => {
    expect(auth({ AUTH_JWT_SECRET: STRONG, AUTH_JWT_ISSUER: 'https://idp/', AUTH_JWT_AUDIENCE: 'mf' })).toEqual({
      secret: STRONG,
      issuer: 'https://idp/',
      audience: 'mf',
    });
  });

  it('in development and test falls back to the development secret, and takes a short one', () => {
    expect(auth({ NODE_ENV: 'development' }).secret).toBe(DEV_JWT_SECRET);
    expect(auth({ NODE_ENV: 'test' }).secret).toBe(DEV_JWT_SECRET);
    expect(auth({ NODE_ENV: 'test', AUTH_JWT_SECRET: 'sixteen-chars-ok' }).secret).toBe('sixteen-chars-ok');
  });
});

describe('resolveAuthSettings: JWKS', () => {
  const JWKS = 'https://idp.example.com/.well-known/jwks.json';

  it('requires the issuer and the audience, naming both, in every environment', () => {
    for (const NODE_ENV of ['production', 'development', 'test']) {
      const err = configError(() => auth({ NODE_ENV, AUTH_JWKS_URL: JWKS }));
      expect(err.message).toMatch(/AUTH_JWT_ISSUER: required with AUTH_JWKS_URL/);
      expect(err.message).toMatch(/AUTH_JWT_AUDIENCE: required with AUTH_JWKS_URL/);
    }
    expect(() => auth({ AUTH_JWKS_URL: JWKS, AUTH_JWT_ISSUER: 'https://idp.example.com/' })).toThrow(
      /AUTH_JWT_AUDIENCE: required/,
    );
  });

  it('takes them as AUTH_JWT_ISSUER/AUTH_JWT_AUDIENCE or AUTH_ISSUER/AUTH_AUDIENCE, and holds no secret', () => {
    const expected = { jwksUrl: JWKS, issuer: 'https://idp.example.com/', audience: 'mentorflow' };
    expect(auth({ AUTH_JWKS_URL: JWKS, AUTH_JWT_ISSUER: expected.issuer, AUTH_JWT_AUDIENCE: 'mentorflow' })).toEqual(
      expected,
    );
    expect(auth({ AUTH_JWKS_URL: JWKS, AUTH_ISSUER: expected.issuer, AUTH_AUDIENCE: 'mentorflow' })).toEqual(expected);
  });
});

describe('AUTH_TOKEN_MAX_AGE', () => {
  const maxAge = (value?: string) =>
    auth({ NODE_ENV: 'test', ...(value === undefined ? {} : { AUTH_TOKEN_MAX_AGE: value }) }).maxAgeSeconds;

  it('takes seconds or a duration, and is left to the verifier (24 h) when unset', () => {
    expect(maxAge()).toBeUndefined();
    expect(maxAge('3600')).toBe(3600);
    expect(maxAge('30m')).toBe(1800);
    expect(maxAge('12h')).toBe(43_200);
    expect(maxAge('1d')).toBe(86_400);
  });

  it('refuses anything else, naming the variable', () => {
    for (const bad of ['0', 'soon', '-5', '1w', '']) {
      expect(() => maxAge(bad)).toThrow(/AUTH_TOKEN_MAX_AGE/);
    }
  });
});

describe('OPS_PORT and OPS_HOST: the ops listener (/metrics and health)', () => {
  const ops = (port: number, env: Record<string, string> = {}) =>
    opsListenAddress({ ...loadConfig(baseConfigSchema, env), PORT: port });

  it('defaults to PORT + 1000 on HOST: 5000 for the gateway, 5001 for cohorts, an ephemeral port with PORT 0', () => {
    expect(ops(4000)).toEqual({ host: '127.0.0.1', port: 5000 });
    expect(ops(4001, { HOST: '0.0.0.0' })).toEqual({ host: '0.0.0.0', port: 5001 });
    expect(ops(0)).toEqual({ host: '127.0.0.1', port: 0 });
    expect(ops(4000, { OPS_PORT: '', OPS_HOST: '' })).toEqual({ host: '127.0.0.1', port: 5000 });
  });

  it('takes OPS_PORT and OPS_HOST when set', () => {
    expect(ops(4000, { OPS_PORT: '9100', OPS_HOST: '10.0.0.5' })).toEqual({ host: '10.0.0.5', port: 9100 });
    expect(ops(4000, { OPS_PORT: '0' })).toEqual({ host: '127.0.0.1', port: 0 });
  });

  it('refuses a port that is not one, the public port, or a default beyond 65535, naming OPS_PORT', () => {
    for (const bad of ['-1', '65536', 'metrics', '50.5']) {
      expect(() => loadConfig(baseConfigSchema, { OPS_PORT: bad })).toThrow(/OPS_PORT/);
    }
    expect(configError(() => ops(4000, { OPS_PORT: '4000' })).message).toMatch(/OPS_PORT: must differ from PORT/);
    expect(configError(() => ops(65000)).message).toMatch(/OPS_PORT: unset, so PORT \+ 1000 = 66000/);
  });
});

describe('OUTBOX_RETENTION_HOURS: how long published outbox rows are kept', () => {
  const schema = serviceConfigSchema({ port: 4001, database: 'mentorflow_test' });
  const hours = (value?: string) =>
    loadConfig(schema, { NODE_ENV: 'test', ...(value === undefined ? {} : { OUTBOX_RETENTION_HOURS: value }) })
      .OUTBOX_RETENTION_HOURS;

  it('is 168 (a week) when unset or empty, a whole number of hours otherwise, 0 to keep them forever', () => {
    expect(hours()).toBe(168);
    expect(hours('')).toBe(168);
    expect(hours('24')).toBe(24);
    expect(hours(' 720 ')).toBe(720);
    expect(hours('0')).toBe(0);
  });

  it('refuses anything else at start-up, naming the variable', () => {
    for (const bad of ['-1', '1.5', 'week', '7d']) {
      const err = configError(() => hours(bad));
      expect(err.message).toMatch(/OUTBOX_RETENTION_HOURS: expected a whole number of hours/);
    }
  });
});
