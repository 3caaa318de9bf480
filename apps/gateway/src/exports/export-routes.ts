import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { TokenVerifier } from '#auth';
import { newCorrelationId } from '#platform';
import { errorBody } from '../http/graphql-http.js';
import {
  authenticateBearer,
  COHORT_ID,
  executeAsCaller,
  HttpRefusal as ExportRefused,
  runnerOf,
  type GraphQLRunner,
} from '../http/own-execution.js';
import { EXPORT_INTERNS_ROUTE, EXPORT_REPORT_ROUTE } from '../http/routes.js';
import { requestState } from '../http-hooks.js';
import { attachmentDisposition, csvHeader, csvRow } from './csv.js';
import {
  hasReturnOffer,
  INTERN_COLUMNS,
  internRow,
  internsQuery,
  readMentorNames,
  primaryMentorOf,
  type InternNode,
  type InternsPage,
} from './interns-export.js';
import { planReport, REPORT_COLUMNS, reportQuery, reportRows } from './report-export.js';

/**
 * CSV exports on the gateway's public port, for program managers:
 *  - `GET /exports/cohorts/:id/interns.csv`: one row per intern of the cohort (interns-export.ts);
 *  - `GET /exports/cohorts/:id/report.csv`: the cohort report as `metric,value` rows (report-export.ts).
 *
 * The caller's `Authorization: Bearer <token>` is verified with the gateway's verifier, as on
 * /graphql (401 without or with a bad one); only PROGRAM_MANAGER may export (403). The data comes
 * from the subgraphs through the gateway's own GraphQL execution of the composed schema, with the
 * caller's token forwarded (every subgraph checks it again): the gateway reads no other service's
 * database. An unknown cohort is 404. Interns are read in pages of `pageSize` (Relay connection)
 * and each page is written to the response as soon as it arrives: the file is never held whole.
 * Once the first page is sent the status is 200; a later page that fails aborts the response
 * (the client sees a truncated, not a complete, download) and is logged.
 */

export const EXPORT_PAGE_SIZE = 50;

export interface ExportRoutesOptions {
  verifier: TokenVerifier;
  logger: Logger;
  /** Enrollments per page (1–100; default EXPORT_PAGE_SIZE). */
  pageSize?: number;
  /** How long one query (one page) may run (GRAPHQL_EXECUTION_TIMEOUT_MS; default 10 s): 504 beyond, before the first row. */
  queryTimeoutMs?: number;
}

const notFound = () => new ExportRefused(404, 'NOT_FOUND', 'Not found');

/** Registers both export routes (GET; Fastify derives HEAD); they must be public routes (http/routes.ts). */
export function installExportRoutes(app: FastifyInstance, options: ExportRoutesOptions): void {
  const log = options.logger.child({ component: 'exports' });
  const pageSize = Math.min(Math.max(options.pageSize ?? EXPORT_PAGE_SIZE, 1), 100);
  const timeoutMs = options.queryTimeoutMs ?? 10_000;

  /** Authenticates, authorizes and validates; then `produce` returns the body, or refuses. */
  const handle =
    (kind: 'interns' | 'report', produce: (run: Run) => Promise<AsyncIterable<string>>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const auth = await authenticateBearer(request, reply, options.verifier);
      if ('refused' in auth) return reply;
      const correlationId = requestState(request)?.correlationId ?? newCorrelationId();
      const { identity } = auth;
      try {
        if (!identity.roles.includes('PROGRAM_MANAGER')) {
          throw new ExportRefused(403, 'FORBIDDEN', 'Only program managers may export');
        }
        const cohortId = (request.params as { id?: string }).id ?? '';
        if (!COHORT_ID.test(cohortId)) throw notFound();
        const graphql = runnerOf(app);
        // The caller's headers (their bearer token) reach the subgraphs through `reply` (rewriteHeaders).
        const context = { reply, correlationId, identity };
        const query = <T>(source: string, variables: Record<string, unknown>) =>
          executeAsCaller<T>(graphql, context, source, variables, {
            logger: log,
            timeoutMs,
            forbidden: 'Only program managers may export',
            timeoutMessage: `The export did not complete within ${timeoutMs} ms per page`,
          });
        const body = await produce({ cohortId, graphql, query });
        log.info({ correlationId, sub: identity.sub, cohortId, kind }, 'export');
        const stream = Readable.from(body, { objectMode: false });
        stream.on('error', (err) =>
          log.warn({ correlationId, cohortId, kind, err: err.message }, 'export aborted after it started'),
        );
        return reply
          .code(200)
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', attachmentDisposition(`cohort-${cohortId}-${kind}.csv`))
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(stream);
      } catch (err) {
        if (!(err instanceof ExportRefused)) throw err;
        return reply.code(err.status).send(errorBody(err.message, err.code));
      }
    };

  app.get(
    EXPORT_INTERNS_ROUTE,
    handle('interns', async ({ cohortId, graphql, query }) => {
      const source = internsQuery(hasReturnOffer(graphql.schema));
      const names = new Map<string, string>();
      const fetchPage = (after: string | null) =>
        query<InternsPage>(source, { cohortId, first: pageSize, after }).then((page) => {
          if (!page.cohort) throw notFound();
          return page.cohort.enrollments;
        });
      const render = async (nodes: InternNode[]) => {
        const missing = [
          ...new Set(
            nodes
              .map((n) => primaryMentorOf(n, cohortId))
              .filter((m): m is { id: string; name: null } => !!m && m.name === null && !names.has(m.id))
              .map((m) => m.id),
          ),
        ];
        await readMentorNames(query, missing, names);
        return nodes.map((n) => csvRow(INTERN_COLUMNS, internRow(n, cohortId, names))).join('');
      };
      // The first page before the status is sent: an unknown cohort or a refusal is still an HTTP error.
      const first = await fetchPage(null);
      const firstChunk = csvHeader(INTERN_COLUMNS) + (await render(first.edges.map((e) => e.node)));
      return (async function* () {
        yield firstChunk;
        let page = first;
        while (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
          page = await fetchPage(page.pageInfo.endCursor);
          const chunk = await render(page.edges.map((e) => e.node));
          if (chunk) yield chunk;
        }
      })();
    }),
  );

  app.get(
    EXPORT_REPORT_ROUTE,
    handle('report', async ({ cohortId, graphql, query }) => {
      const plan = planReport(graphql.schema);
      const data = await query<{ cohort: { id: string } | null; cohortReport: Record<string, unknown> | null }>(
        reportQuery(plan),
        { cohortId },
      );
      if (!data.cohort || !data.cohortReport) throw notFound();
      const rows = reportRows(plan, data.cohortReport);
      return (async function* () {
        yield csvHeader(REPORT_COLUMNS);
        for (const row of rows) yield csvRow(REPORT_COLUMNS, row);
      })();
    }),
  );
}

interface Run {
  cohortId: string;
  graphql: GraphQLRunner;
  query: <T>(source: string, variables: Record<string, unknown>) => Promise<T>;
}
