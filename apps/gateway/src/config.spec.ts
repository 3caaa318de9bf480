import 'reflect-metadata';
import { pino } from 'pino';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '#platform';
import { AppModule } from './app.module.js';
import { gatewayConfigSchema, subgraphEndpoints } from './config.js';

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

  it('refuses to start in production without AUTH_JWT_SECRET or AUTH_JWKS_URL', () => {
    const production = loadConfig(gatewayConfigSchema, { NODE_ENV: 'production' });
    expect(() => AppModule.forRoot(production, logger)).toThrow(ConfigError);
    expect(() => AppModule.forRoot(production, logger)).toThrow(/AUTH_JWT_SECRET: required in production/);
  });

  it('starts in production with a secret or a JWKS URL, and in development with the dev secret', () => {
    expect(() =>
      AppModule.forRoot(
        loadConfig(gatewayConfigSchema, { NODE_ENV: 'production', AUTH_JWT_SECRET: 's'.repeat(32) }),
        logger,
      ),
    ).not.toThrow();
    expect(() =>
      AppModule.forRoot(
        loadConfig(gatewayConfigSchema, {
          NODE_ENV: 'production',
          AUTH_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json',
        }),
        logger,
      ),
    ).not.toThrow();
    expect(() => AppModule.forRoot(loadConfig(gatewayConfigSchema, { NODE_ENV: 'development' }), logger)).not.toThrow();
  });
});
