import 'reflect-metadata';
import { pino } from 'pino';
import { describe, expect, it } from '@jest/globals';
import { signToken, TokenVerifier } from '#auth';
import { ConfigError, DEV_JWT_SECRET, loadConfig, resolveAuthSettings } from '#platform';
import { AppModule } from './app.module.js';
import { gatewayConfigSchema, subgraphEndpoints, subgraphTimeoutMs } from './config.js';

const logger = pino({ level: 'silent' });

describe('gateway configuration', () => {
  it('defaults to :4000 and the four local subgraphs', () => {
    const config = loadConfig(gatewayConfigSchema, {});
    expect(config.PORT).toBe(4000);
    expect(subgraphEndpoints(config)).toEqual([
      { name: 'cohorts', url: 'http://127.0.0.1:4001/graphql' },
      { name: 'mentors', url: 'http://127.0.0.1:4002/graphql' },
      { name: 'scoping', url: 'http://127.0.0.1:4003/graphql' },
      { name: 'evaluations', url: 'http://127.0.0.1:4004/graphql' },
    ]);
  });

  it('takes subgraph URLs from the environment and refuses malformed ones', () => {
    const config = loadConfig(gatewayConfigSchema, { SCOPING_URL: 'http://scoping:8080/graphql' });
    expect(subgraphEndpoints(config)[2]).toEqual({ name: 'scoping', url: 'http://scoping:8080/graphql' });
    expect(() => loadConfig(gatewayConfigSchema, { COHORTS_URL: 'not a url' })).toThrow(/COHORTS_URL/);
  });

  it('shares identical subgraph queries in flight unless SUBGRAPH_DEDUPLICATE_INFLIGHT=false; anything else is refused', () => {
    expect(loadConfig(gatewayConfigSchema, {}).SUBGRAPH_DEDUPLICATE_INFLIGHT).toBe('true');
    expect(
      loadConfig(gatewayConfigSchema, { SUBGRAPH_DEDUPLICATE_INFLIGHT: 'false' }).SUBGRAPH_DEDUPLICATE_INFLIGHT,
    ).toBe('false');
    expect(() => loadConfig(gatewayConfigSchema, { SUBGRAPH_DEDUPLICATE_INFLIGHT: 'yes' })).toThrow(
      /SUBGRAPH_DEDUPLICATE_INFLIGHT/,
    );
  });

  it('validates the report links at start-up: a lifetime of 1 to 1440 minutes (15 by default), a key of 32 bytes or more', () => {
    expect(loadConfig(gatewayConfigSchema, {}).REPORT_LINK_TTL_MINUTES).toBe(15);
    expect(loadConfig(gatewayConfigSchema, { REPORT_LINK_TTL_MINUTES: '60' }).REPORT_LINK_TTL_MINUTES).toBe(60);
    for (const bad of ['0', '1441', '2.5', 'soon']) {
      expect(() => loadConfig(gatewayConfigSchema, { REPORT_LINK_TTL_MINUTES: bad })).toThrow(
        /REPORT_LINK_TTL_MINUTES/,
      );
    }
    expect(() => loadConfig(gatewayConfigSchema, { REPORT_LINK_SECRET: 'short' })).toThrow(/REPORT_LINK_SECRET/);
  });

  it('waits 8 s for a subgraph by default; SUBGRAPH_TIMEOUT_MS, when set, must be below the execution timeout', () => {
    const test = { NODE_ENV: 'test' };
    expect(subgraphTimeoutMs(loadConfig(gatewayConfigSchema, test))).toBe(8_000);
    const set = loadConfig(gatewayConfigSchema, { ...test, SUBGRAPH_TIMEOUT_MS: '2500' });
    expect(subgraphTimeoutMs(set)).toBe(2_500);
    expect(AppModule.forRoot(set, logger).module).toBe(AppModule);
    expect(() => loadConfig(gatewayConfigSchema, { SUBGRAPH_TIMEOUT_MS: '50' })).toThrow(/SUBGRAPH_TIMEOUT_MS/);
    const tooLong = loadConfig(gatewayConfigSchema, {
      ...test,
      SUBGRAPH_TIMEOUT_MS: '10000',
      GRAPHQL_EXECUTION_TIMEOUT_MS: '10000',
    });
    expect(() => AppModule.forRoot(tooLong, logger)).toThrow(ConfigError);
    expect(() => AppModule.forRoot(tooLong, logger)).toThrow(
      /SUBGRAPH_TIMEOUT_MS: must be below GRAPHQL_EXECUTION_TIMEOUT_MS \(10000\)/,
    );
    // Unset, with a shorter execution timeout: allowed (the request ends in 504 first, as before).
    const shortRequests = loadConfig(gatewayConfigSchema, { ...test, GRAPHQL_EXECUTION_TIMEOUT_MS: '300' });
    expect(AppModule.forRoot(shortRequests, logger).module).toBe(AppModule);
  });

  it('refuses to start in production without AUTH_JWT_SECRET or AUTH_JWKS_URL', () => {
    const production = loadConfig(gatewayConfigSchema, { NODE_ENV: 'production' });
    expect(() => AppModule.forRoot(production, logger)).toThrow(ConfigError);
    expect(() => AppModule.forRoot(production, logger)).toThrow(/AUTH_JWT_SECRET: required in production/);
  });

  it('in production trusts only the configured secret, not the development one', async () => {
    const secret = 's'.repeat(32);
    const production = loadConfig(gatewayConfigSchema, { NODE_ENV: 'production', AUTH_JWT_SECRET: secret });
    expect(AppModule.forRoot(production, logger).module).toBe(AppModule);
    const settings = resolveAuthSettings(production);
    expect(settings).toEqual({ secret, issuer: undefined, audience: undefined });
    const verifier = new TokenVerifier(settings);
    const claims = { sub: 'pm-1', roles: ['PROGRAM_MANAGER' as const] };
    await expect(verifier.verify(await signToken(secret, claims))).resolves.toMatchObject({ sub: 'pm-1' });
    await expect(verifier.verify(await signToken(DEV_JWT_SECRET, claims))).rejects.toThrow();
  });

  it('in production with a JWKS URL verifies against it, with its issuer and audience, and holds no secret', () => {
    const config = loadConfig(gatewayConfigSchema, {
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json',
      AUTH_JWT_ISSUER: 'https://idp.example.com/',
      AUTH_JWT_AUDIENCE: 'mentorflow',
    });
    expect(AppModule.forRoot(config, logger).module).toBe(AppModule);
    expect(resolveAuthSettings(config)).toEqual({
      jwksUrl: 'https://idp.example.com/.well-known/jwks.json',
      issuer: 'https://idp.example.com/',
      audience: 'mentorflow',
    });
  });

  it('in development falls back to the development secret, so local tokens work', async () => {
    const development = loadConfig(gatewayConfigSchema, { NODE_ENV: 'development' });
    expect(AppModule.forRoot(development, logger).module).toBe(AppModule);
    const verifier = new TokenVerifier(resolveAuthSettings(development));
    const token = await signToken(DEV_JWT_SECRET, { sub: 'dev-pm', roles: ['PROGRAM_MANAGER'] });
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'dev-pm', roles: ['PROGRAM_MANAGER'] });
  });

  it('takes SMTP_URL (email on) and EMAIL_FROM, and refuses malformed ones naming the variable', () => {
    const off = loadConfig(gatewayConfigSchema, {});
    expect(off.SMTP_URL).toBeUndefined();
    expect(off.EMAIL_FROM).toBe('Mentorflow <notifications@mentorflow.local>');
    const on = loadConfig(gatewayConfigSchema, {
      SMTP_URL: 'smtps://user:secret@mail.example.com:465',
      EMAIL_FROM: 'Programs <programs@example.com>',
    });
    expect(on.SMTP_URL).toBe('smtps://user:secret@mail.example.com:465');
    expect(() => loadConfig(gatewayConfigSchema, { SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig(gatewayConfigSchema, { SMTP_URL: 'http://mail.example.com' })).toThrow(
      /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
    expect(() => loadConfig(gatewayConfigSchema, { EMAIL_FROM: 'not an address' })).toThrow(/EMAIL_FROM/);
    expect(() => loadConfig(gatewayConfigSchema, { EMAIL_RETRY_BASE_MS: '0' })).toThrow(/EMAIL_RETRY_BASE_MS/);
  });
});
