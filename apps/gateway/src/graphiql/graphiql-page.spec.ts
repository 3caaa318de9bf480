import 'reflect-metadata';
import { pino } from 'pino';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '#platform';
import { AppModule } from '../app.module.js';
import { gatewayConfigSchema } from '../config.js';
import { graphiqlHtml, graphiqlSettings, loadGraphiqlAssets } from './graphiql-page.js';

const settings = (env: Record<string, string>) => graphiqlSettings(loadConfig(gatewayConfigSchema, env));
const HEADERS = JSON.stringify({ Authorization: 'Bearer abc' });

describe('where GraphiQL is served', () => {
  it('is on by default in development only; GRAPHIQL=true turns it on in test, false turns it off', () => {
    expect(settings({ NODE_ENV: 'development' }).enabled).toBe(true);
    expect(settings({ NODE_ENV: 'development', GRAPHIQL: 'false' }).enabled).toBe(false);
    expect(settings({ NODE_ENV: 'test' }).enabled).toBe(false);
    expect(settings({ NODE_ENV: 'test', GRAPHIQL: 'true' }).enabled).toBe(true);
    expect(settings({ NODE_ENV: 'production' }).enabled).toBe(false);
    expect(settings({}).enabled).toBe(false);
  });

  it('refuses GRAPHIQL=true and default headers in production (an unset NODE_ENV included), naming the variable', () => {
    for (const env of [{ NODE_ENV: 'production' }, {}] as Record<string, string>[]) {
      expect(() => settings({ ...env, GRAPHIQL: 'true' })).toThrow(ConfigError);
      expect(() => settings({ ...env, GRAPHIQL: 'true' })).toThrow(
        /GRAPHIQL: GraphiQL is served only where NODE_ENV is development or test/,
      );
      expect(() => settings({ ...env, GRAPHIQL_DEFAULT_HEADERS: HEADERS })).toThrow(
        /GRAPHIQL_DEFAULT_HEADERS: only where/,
      );
    }
    const production = loadConfig(gatewayConfigSchema, {
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 's'.repeat(40),
      GRAPHIQL: 'true',
    });
    expect(() => AppModule.forRoot(production, pino({ level: 'silent' }))).toThrow(/GRAPHIQL/);
    expect(() => loadConfig(gatewayConfigSchema, { GRAPHIQL: 'yes' })).toThrow(/GRAPHIQL/);
  });

  it('takes default headers as a JSON object of strings, and refuses anything else', () => {
    expect(settings({ NODE_ENV: 'development', GRAPHIQL_DEFAULT_HEADERS: HEADERS }).defaultHeaders).toEqual({
      Authorization: 'Bearer abc',
    });
    for (const bad of ['Bearer abc', '[]', 'null', '{"Authorization": 1}', '{"bad header": "x"}', '{']) {
      expect(() => settings({ NODE_ENV: 'development', GRAPHIQL_DEFAULT_HEADERS: bad })).toThrow(
        /GRAPHIQL_DEFAULT_HEADERS: must be a JSON object of strings/,
      );
    }
  });
});

describe('the GraphiQL page', () => {
  it('loads only /graphiql/ assets, has no inline script, and carries its settings as a JSON data block nothing can break out of', () => {
    const html = graphiqlHtml({
      graphqlPath: '/graphql',
      defaultHeaders: { Authorization: 'Bearer </script><script>x' },
    });
    expect(html).not.toMatch(/https?:\/\//);
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      ' type="application/json" id="graphiql-config"',
      ' src="/graphiql/react.production.min.js"',
      ' src="/graphiql/react-dom.production.min.js"',
      ' src="/graphiql/graphiql.min.js"',
      ' src="/graphiql/start.js"',
    ]);
    expect(html.match(/<\/script>/g)).toHaveLength(5);
    const data = /id="graphiql-config">(.*)<\/script>/.exec(html)![1];
    const config = JSON.parse(data) as { graphqlPath: string; query: string; headers: string };
    expect(config.graphqlPath).toBe('/graphql');
    expect(JSON.parse(config.headers)).toEqual({ Authorization: 'Bearer </script><script>x' });
    expect(config.query).toContain('cohorts(first: 5)');
  });

  it('without default headers, the header editor shows where the token goes', () => {
    const data = /id="graphiql-config">(.*)<\/script>/.exec(graphiqlHtml({ graphqlPath: '/graphql' }))![1];
    expect(JSON.parse((JSON.parse(data) as { headers: string }).headers)).toEqual({ Authorization: 'Bearer <token>' });
  });

  it('reads the UMD builds from node_modules', () => {
    const assets = loadGraphiqlAssets();
    expect([...assets.keys()].sort()).toEqual(
      [
        'graphiql.min.css',
        'graphiql.min.js',
        'react-dom.production.min.js',
        'react.production.min.js',
        'start.js',
      ].sort(),
    );
    for (const [, asset] of assets) expect(asset.body.length).toBeGreaterThan(100);
  });
});
