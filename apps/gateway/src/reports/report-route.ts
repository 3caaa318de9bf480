import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { TokenVerifier } from '#auth';
import { newCorrelationId, type Identity } from '#platform';
import { readMentorNames } from '../exports/interns-export.js';
import { authenticateBearer, COHORT_ID, executeAsCaller, HttpRefusal, runnerOf } from '../http/own-execution.js';
import { REPORT_PAGE_ROUTE } from '../http/routes.js';
import { requestState } from '../http-hooks.js';
import { isRefusal } from './report-link.js';
import type { ReportLinks } from './report-links.js';
import {
  INTERN_PROGRESS_QUERY,
  renderRefusalPage,
  renderReportPage,
  REPORT_PAGE_CSP,
  REPORT_PAGE_QUERY,
  type InternProgressNode,
  type InternProgressPage,
  type ReportData,
} from './report-page.js';

/**
 * `GET /reports/cohorts/:id` on the gateway's public port: the cohort report page (report-page.ts).
 *
 * Who may open it: a program manager's `Authorization: Bearer <token>` (401 without or with a bad
 * one, 403 for any other role), or a share link's `?link=<token>` (createReportLink): a tampered,
 * malformed or expired link is 401, a link for another cohort 404, each a plain page that shows no
 * report. With a link the page's queries run as the PM who made it (ReportLinks.pageToken); with a
 * header, as the caller. Data comes through the gateway's own execution of the composed schema
 * (http/own-execution.ts), so every subgraph checks the caller again; an unknown cohort is 404.
 *
 * The answer is HTML with a Content-Security-Policy that allows nothing but the page's inline
 * styles and data: images, never cached, no referrer (the link stays out of other sites' logs).
 */

const INTERN_PAGE_SIZE = 100;
/** Interns shown at most (INTERN_PAGE_SIZE × this many pages). */
const INTERN_PAGES = 20;

export interface ReportRouteOptions {
  verifier: TokenVerifier;
  links: ReportLinks;
  logger: Logger;
  /** GRAPHQL_EXECUTION_TIMEOUT_MS, per query. */
  queryTimeoutMs?: number;
  now?: () => Date;
}

function send(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', REPORT_PAGE_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .send(html);
}

const LINK_MESSAGES: Record<string, string> = {
  malformed: 'This report link is not valid',
  tampered: 'This report link is not valid',
  expired: 'This report link has expired',
  'other-cohort': 'Not found',
};

/** Registers the page route (GET; Fastify derives HEAD); it must be a public route (http/routes.ts). */
export function installReportRoute(app: FastifyInstance, options: ReportRouteOptions): void {
  const log = options.logger.child({ component: 'reports' });
  const timeoutMs = options.queryTimeoutMs ?? 10_000;
  const now = options.now ?? (() => new Date());

  app.get(REPORT_PAGE_ROUTE, async (request: FastifyRequest, reply: FastifyReply) => {
    const cohortId = (request.params as { id?: string }).id ?? '';
    const link = (request.query as { link?: unknown } | undefined)?.link;
    const correlationId = requestState(request)?.correlationId ?? newCorrelationId();
    let identity: Identity;
    if (typeof link === 'string') {
      const signer = options.links.signer;
      const claims = signer ? signer.verify(link, cohortId) : ({ status: 401, reason: 'malformed' } as const);
      if (isRefusal(claims)) {
        log.info({ correlationId, cohortId, reason: claims.reason }, 'report link refused');
        return send(reply, claims.status, renderRefusalPage(claims.status, LINK_MESSAGES[claims.reason]!));
      }
      try {
        // The page's queries run as the PM who made the link: their token reaches the subgraphs.
        request.headers.authorization = `Bearer ${await options.links.pageToken(claims.sub)}`;
      } catch {
        return send(reply, 401, renderRefusalPage(401, 'This report link is not valid'));
      }
      identity = { sub: claims.sub, roles: ['PROGRAM_MANAGER'] };
    } else {
      const auth = await authenticateBearer(request, reply, options.verifier, (r, message) =>
        send(r, r.statusCode, renderRefusalPage(r.statusCode, `Sign in: ${message}`)),
      );
      if ('refused' in auth) return reply;
      identity = auth.identity;
      if (!identity.roles.includes('PROGRAM_MANAGER')) {
        return send(reply, 403, renderRefusalPage(403, 'Only program managers may open cohort reports'));
      }
    }
    try {
      if (!COHORT_ID.test(cohortId)) throw new HttpRefusal(404, 'NOT_FOUND', 'Not found');
      const graphql = runnerOf(app);
      const context = { reply, correlationId, identity };
      const query = <T>(source: string, variables: Record<string, unknown>) =>
        executeAsCaller<T>(graphql, context, source, variables, {
          logger: log,
          timeoutMs,
          forbidden: 'Only program managers may open cohort reports',
        });
      const data = await query<ReportData>(REPORT_PAGE_QUERY, { cohortId });
      if (!data.cohort || !data.cohortReport) throw new HttpRefusal(404, 'NOT_FOUND', 'Not found');
      const interns: InternProgressNode[] = [];
      let after: string | null = null;
      for (let page = 0; page < INTERN_PAGES; page++) {
        const result: InternProgressPage = await query<InternProgressPage>(INTERN_PROGRESS_QUERY, {
          cohortId,
          first: INTERN_PAGE_SIZE,
          after,
        });
        interns.push(...result.internProgress.edges.map((e) => e.node));
        if (!result.internProgress.pageInfo.hasNextPage || !result.internProgress.pageInfo.endCursor) break;
        after = result.internProgress.pageInfo.endCursor;
      }
      const mentorNames = new Map<string, string>();
      const ids = [...new Set(data.cohortReport.mentorCalibration.mentors.map((m) => m.mentorId))];
      await readMentorNames(query, ids, mentorNames);
      log.info({ correlationId, sub: identity.sub, cohortId, viaLink: typeof link === 'string' }, 'report page');
      return send(
        reply,
        200,
        renderReportPage({
          report: data.cohortReport,
          cohortName: data.cohortReport.cohortName ?? data.cohort.name,
          interns,
          mentorNames,
          generatedAt: now(),
        }),
      );
    } catch (err) {
      if (!(err instanceof HttpRefusal)) throw err;
      return send(reply, err.status, renderRefusalPage(err.status, err.message));
    }
  });
}
