import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { baseConfigSchema, ConfigError, loadConfig } from '#platform';
import { describeKafkaSecurity, kafkaSecurityFromEnv } from './kafka-security.js';
import { MessagingModule } from './messaging.module.js';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
const dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, PEM);
const notPem = join(dir, 'not.pem');
writeFileSync(notPem, 'hello');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The ConfigError thrown for an environment, or a failure when none is. */
function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    kafkaSecurityFromEnv(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('kafkaSecurityFromEnv: what the clients connect with', () => {
  it('is plaintext without SASL when nothing is set (the local broker), or every variable is empty', () => {
    expect(kafkaSecurityFromEnv({})).toEqual({});
    const empty = {
      KAFKA_SASL_MECHANISM: '',
      KAFKA_SASL_USERNAME: '',
      KAFKA_SASL_PASSWORD: '',
      KAFKA_SSL: '',
      KAFKA_SSL_CA_FILE: '',
    };
    expect(kafkaSecurityFromEnv(empty)).toEqual({});
    expect(kafkaSecurityFromEnv({ KAFKA_SSL: 'false' })).toEqual({});
  });

  it('SCRAM with its username and password, the mechanism in either case', () => {
    for (const mechanism of ['scram-sha-256', 'SCRAM-SHA-512']) {
      expect(
        kafkaSecurityFromEnv({
          KAFKA_SASL_MECHANISM: mechanism,
          KAFKA_SASL_USERNAME: 'mentors',
          KAFKA_SASL_PASSWORD: 's3cret',
        }),
      ).toEqual({
        sasl: { mechanism: mechanism.toLowerCase(), username: 'mentors', password: 's3cret' },
      });
    }
  });

  it("TLS with Node's CAs, or with the CAs of KAFKA_SSL_CA_FILE", () => {
    expect(kafkaSecurityFromEnv({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
    expect(kafkaSecurityFromEnv({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: caFile })).toEqual({ ssl: { ca: [PEM] } });
  });

  it('SASL over TLS, PLAIN included', () => {
    const env = {
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: caFile,
    };
    const security = kafkaSecurityFromEnv(env);
    expect(security).toEqual({ ssl: { ca: [PEM] }, sasl: { mechanism: 'plain', username: 'u', password: 'p' } });
    expect(describeKafkaSecurity(security)).toBe('SASL plain as u, TLS (KAFKA_SSL_CA_FILE)');
    expect(describeKafkaSecurity({})).toBe('no SASL, plaintext');
  });
});

describe('kafkaSecurityFromEnv: refused at start-up, naming the variable', () => {
  it('a mechanism without username or password', () => {
    const err = refusal({ KAFKA_SASL_MECHANISM: 'scram-sha-512' });
    expect(err.message).toMatch(/KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=scram-sha-512/);
    expect(err.message).toMatch(/KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=scram-sha-512/);
    expect(refusal({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u' }).message).toMatch(
      /KAFKA_SASL_PASSWORD: required/,
    );
  });

  it('a username or password without a mechanism (they would silently not be used)', () => {
    expect(refusal({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).message).toMatch(
      /KAFKA_SASL_MECHANISM: required with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/,
    );
    expect(refusal({ KAFKA_SASL_PASSWORD: 'p' }).message).toMatch(
      /KAFKA_SASL_MECHANISM: required with KAFKA_SASL_PASSWORD \(/,
    );
  });

  it('an unknown mechanism, or a KAFKA_SSL that is not true or false', () => {
    expect(
      refusal({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).message,
    ).toMatch(/KAFKA_SASL_MECHANISM: /);
    expect(refusal({ KAFKA_SSL: 'yes' }).message).toMatch(/KAFKA_SSL: /);
  });

  it('PLAIN without TLS: the password would cross the network in clear text', () => {
    const err = refusal({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'hunter2' });
    expect(err.message).toMatch(/KAFKA_SASL_MECHANISM: plain sends the password in clear text; set KAFKA_SSL=true/);
    expect(err.message).not.toContain('hunter2');
  });

  it('a CA file without TLS, one that cannot be read, one with no certificate in it', () => {
    expect(refusal({ KAFKA_SSL_CA_FILE: caFile }).message).toMatch(
      /KAFKA_SSL_CA_FILE: only used with TLS; set KAFKA_SSL=true/,
    );
    expect(refusal({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') }).message).toMatch(
      /KAFKA_SSL_CA_FILE: cannot read .*missing\.pem \(ENOENT\)/,
    );
    expect(refusal({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: notPem }).message).toMatch(
      /KAFKA_SSL_CA_FILE: .*not\.pem holds no PEM certificate/,
    );
  });

  it('every problem at once, never showing the password', () => {
    const err = refusal({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'hunter2', KAFKA_SSL_CA_FILE: caFile });
    expect(err.message.split('\n').slice(1)).toEqual([
      '  KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=plain',
      expect.stringMatching(/^ {2}KAFKA_SASL_MECHANISM: plain sends the password in clear text/),
      '  KAFKA_SSL_CA_FILE: only used with TLS; set KAFKA_SSL=true',
    ]);
    expect(err.message).not.toContain('hunter2');
  });
});

describe('the services take these variables through their configuration', () => {
  it('the base schema parses them (a service schema extends it), refusing a bad value by name', () => {
    const config = loadConfig(baseConfigSchema, {
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
      KAFKA_SSL: 'true',
    });
    expect(config).toMatchObject({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
      KAFKA_SSL: true,
    });
    expect(loadConfig(baseConfigSchema, {}).KAFKA_SSL).toBe(false);
    expect(() => loadConfig(baseConfigSchema, { KAFKA_SSL: '1' })).toThrow(/KAFKA_SSL: /);
  });

  describe('MessagingModule.forRoot', () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const key of Object.keys(process.env)) if (key.startsWith('KAFKA_S')) delete process.env[key];
      Object.assign(process.env, saved);
    });
    const forRoot = () =>
      MessagingModule.forRoot({ service: 'test', brokers: ['127.0.0.1:9092'], logger: pino({ level: 'silent' }) });

    it("refuses to build the service's module when the environment's Kafka security is wrong", () => {
      process.env.KAFKA_SASL_MECHANISM = 'scram-sha-256';
      expect(forRoot).toThrow(ConfigError);
      expect(forRoot).toThrow(/KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=scram-sha-256/);
    });

    it('hands the Kafka client the security of the environment', () => {
      Object.assign(process.env, {
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'svc',
        KAFKA_SASL_PASSWORD: 'pw',
        KAFKA_SSL: 'true',
      });
      const options = forRoot().providers!.find(
        (p) => typeof p === 'object' && 'useValue' in p && 'service' in (p.useValue as object),
      ) as {
        useValue: { security: unknown };
      };
      expect(options.useValue.security).toEqual({
        ssl: true,
        sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 'pw' },
      });
    });
  });
});
