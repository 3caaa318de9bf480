import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ConfigError, isDevelopmentOrTest } from '#platform';
import type { GatewayConfig } from '../config.js';

/**
 * GraphiQL served by the gateway from its own assets, never from a CDN: the UMD builds of the
 * `graphiql`, `react` and `react-dom` packages (versions pinned by package-lock.json) are read from
 * node_modules once at start-up and served under `/graphiql/`, with a page and a start script of
 * our own. The page's Content-Security-Policy lets it load scripts, styles and fonts from its own
 * origin only and talk to its own origin only: it works on a machine without internet.
 *
 * Served only where GraphiQL is allowed (`graphiqlSettings`): on by default where NODE_ENV is
 * development; GRAPHIQL=true turns it on in test too; refused in production. Elsewhere `/graphiql`
 * is a route like any other the public port does not serve: 404.
 */

export const GRAPHIQL_PATH = '/graphiql';

/** The files under /graphiql/: the package each comes from and its path there. */
const VENDOR_ASSETS = {
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js' },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js' },
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js' },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css' },
} as const;
const START_SCRIPT = 'start.js';

/** Every route the page needs (the deny-by-default list of http/routes.ts includes them). */
export const GRAPHIQL_ASSET_ROUTES: readonly string[] = [
  GRAPHIQL_PATH,
  ...[...Object.keys(VENDOR_ASSETS), START_SCRIPT].map((name) => `${GRAPHIQL_PATH}/${name}`),
];

/** Only its own origin: no inline script, no eval, no CDN, no frame. */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The example the editor opens with: the demo cohort that `npm start` seeds, and its interns. */
export const EXAMPLE_QUERY = `# The cohorts, newest first
# (npm start seeds "Demo cohort").
# Run: the button or Ctrl-Enter.
# Token: the Headers tab below.
query DemoCohort {
  cohorts(first: 5) {
    edges {
      node {
        id
        name
        status
        startDate
        weeks
        enrolledCount
        enrollments(first: 20) {
          totalCount
          edges {
            node {
              internId
              status
            }
          }
        }
      }
    }
  }
}
`;

export interface GraphiqlSettings {
  enabled: boolean;
  /** The header editor's content when the page opens (a JSON object of strings), e.g. the demo PM token. */
  defaultHeaders?: Record<string, string>;
}

/**
 * Whether GraphiQL is served, and with which default headers. Throws a ConfigError at start-up
 * for GRAPHIQL=true or GRAPHIQL_DEFAULT_HEADERS outside development and test, and for default
 * headers that are not a JSON object of strings.
 */
export function graphiqlSettings(
  config: Pick<GatewayConfig, 'NODE_ENV' | 'GRAPHIQL' | 'GRAPHIQL_DEFAULT_HEADERS'>,
): GraphiqlSettings {
  const devOrTest = isDevelopmentOrTest(config);
  const problems: string[] = [];
  if (config.GRAPHIQL === 'true' && !devOrTest) {
    problems.push('GRAPHIQL: GraphiQL is served only where NODE_ENV is development or test');
  }
  let defaultHeaders: Record<string, string> | undefined;
  if (config.GRAPHIQL_DEFAULT_HEADERS) {
    if (!devOrTest) {
      problems.push('GRAPHIQL_DEFAULT_HEADERS: only where NODE_ENV is development or test (it holds a token)');
    } else {
      defaultHeaders = parseHeaders(config.GRAPHIQL_DEFAULT_HEADERS);
      if (!defaultHeaders) {
        problems.push(
          'GRAPHIQL_DEFAULT_HEADERS: must be a JSON object of strings, e.g. {"Authorization":"Bearer <token>"}',
        );
      }
    }
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  const enabled = config.GRAPHIQL === undefined ? config.NODE_ENV === 'development' : config.GRAPHIQL === 'true';
  return { enabled, defaultHeaders };
}

function parseHeaders(raw: string): Record<string, string> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const entries = Object.entries(value);
    if (!entries.every(([k, v]) => /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(k) && typeof v === 'string')) return undefined;
    return Object.fromEntries(entries) as Record<string, string>;
  } catch {
    return undefined;
  }
}

/** Reads the UMD builds from node_modules (resolved as Node resolves the packages): fails at start-up when one is missing. */
export function loadGraphiqlAssets(): Map<string, { body: Buffer; type: string }> {
  const require = createRequire(import.meta.url);
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const [name, { pkg, file }] of Object.entries(VENDOR_ASSETS)) {
    const root = path.dirname(require.resolve(`${pkg}/package.json`));
    assets.set(name, {
      body: fs.readFileSync(path.join(root, file)),
      type: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    });
  }
  assets.set(START_SCRIPT, { body: Buffer.from(startScript(), 'utf8'), type: 'text/javascript; charset=utf-8' });
  return assets;
}

/** JSON inside a `<script type="application/json">` block: nothing in it can close the element. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** The page: the assets, and its settings as a JSON data block (not a script: the CSP allows no inline script). */
export function graphiqlHtml(settings: { graphqlPath: string; defaultHeaders?: Record<string, string> }): string {
  const config = {
    graphqlPath: settings.graphqlPath,
    query: EXAMPLE_QUERY,
    headers: settings.defaultHeaders
      ? JSON.stringify(settings.defaultHeaders, null, 2)
      : '{\n  "Authorization": "Bearer <token>"\n}',
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>Mentorflow GraphiQL</title>
<link rel="stylesheet" href="${GRAPHIQL_PATH}/graphiql.min.css">
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-config">${jsonForHtml(config)}</script>
<script src="${GRAPHIQL_PATH}/react.production.min.js"></script>
<script src="${GRAPHIQL_PATH}/react-dom.production.min.js"></script>
<script src="${GRAPHIQL_PATH}/graphiql.min.js"></script>
<script src="${GRAPHIQL_PATH}/${START_SCRIPT}"></script>
</body>
</html>
`;
}

/** Our start script (served as a file: the CSP allows no inline script). */
function startScript(): string {
  return `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  var container = document.getElementById('graphiql');
  container.style.height = '100vh';
  document.body.style.margin = '0';
  var fetcher = GraphiQL.createFetcher({ url: new URL(config.graphqlPath, window.location.href).href });
  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.query,
      query: config.query,
      defaultHeaders: config.headers,
      headers: config.headers,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
`;
}

/**
 * Registers GET /graphiql and its assets on the gateway's public port. Every response carries
 * the strict CSP; the assets are cached by the browser (they change only with package-lock).
 */
export function installGraphiqlRoutes(
  app: FastifyInstance,
  options: { graphqlPath: string; defaultHeaders?: Record<string, string> },
): void {
  const assets = loadGraphiqlAssets();
  const html = graphiqlHtml(options);
  const secure = (reply: { header: (k: string, v: string) => unknown }) => {
    reply.header('content-security-policy', GRAPHIQL_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  };
  app.get(GRAPHIQL_PATH, async (_request, reply) => {
    secure(reply);
    // The page may hold a token (GRAPHIQL_DEFAULT_HEADERS): never cached.
    reply.header('cache-control', 'no-store');
    return reply.type('text/html; charset=utf-8').send(html);
  });
  for (const [name, asset] of assets) {
    app.get(`${GRAPHIQL_PATH}/${name}`, async (_request, reply) => {
      secure(reply);
      reply.header('cache-control', 'public, max-age=3600');
      return reply.type(asset.type).send(asset.body);
    });
  }
}
