import { SignJWT } from 'jose';
import { isDevelopmentOrTest, resolveAuthSettings } from '#platform';
import { publicUrl } from '../calendar-feeds/calendar-feed-route.js';
import type { GatewayConfig } from '../config.js';
import { REPORT_PAGE_ROUTE } from '../http/routes.js';
import { ReportLinkSigner } from './report-link.js';

/** The development key of report links (NODE_ENV development or test, REPORT_LINK_SECRET unset). */
export const DEV_REPORT_LINK_SECRET = 'mentorflow-development-report-link-key';

/** How long the token the gateway makes for one page's queries lives. */
const PAGE_TOKEN_SECONDS = 60;

/**
 * Report share links: made by `createReportLink` (the notifications subgraph, report-link.resolver.ts),
 * opened by `GET /reports/cohorts/:id?link=…` (report-route.ts).
 *
 * Opening a link runs the page's queries as the PM who made it: the gateway makes a bearer token
 * for that `sub` with the PROGRAM_MANAGER role, valid PAGE_TOKEN_SECONDS, signed with the API's
 * HS256 secret the gateway already verifies with, and the subgraphs check it as any other. So
 * links work where the gateway holds AUTH_JWT_SECRET; with AUTH_JWKS_URL (tokens from an OIDC
 * provider) the gateway cannot sign and makes no links (createReportLink says so).
 */
export class ReportLinks {
  constructor(
    readonly signer: ReportLinkSigner | undefined,
    private readonly auth: { secret?: string; issuer?: string; audience?: string },
    private readonly baseUrl: string,
    /** Why no links are made (when signer is undefined or the gateway cannot sign tokens). */
    readonly disabledReason: string | undefined,
  ) {}

  static fromConfig(config: GatewayConfig): ReportLinks {
    const auth = resolveAuthSettings(config);
    const secret = config.REPORT_LINK_SECRET ?? (isDevelopmentOrTest(config) ? DEV_REPORT_LINK_SECRET : undefined);
    const signer = secret ? new ReportLinkSigner(secret, config.REPORT_LINK_TTL_MINUTES * 60_000) : undefined;
    const disabledReason = !signer
      ? 'report links are not configured on this gateway (REPORT_LINK_SECRET)'
      : !auth.secret
        ? 'report links need the gateway to hold AUTH_JWT_SECRET; with AUTH_JWKS_URL open the page with your bearer token'
        : undefined;
    return new ReportLinks(signer, auth, publicUrl(config), disabledReason);
  }

  /** The link's URL for this cohort and PM, and when it expires. */
  create(cohortId: string, sub: string): { url: string; expiresAt: Date } {
    if (this.disabledReason || !this.signer) throw new Error(this.disabledReason);
    const { token, expiresAt } = this.signer.sign(cohortId, sub);
    const path = REPORT_PAGE_ROUTE.replace(':id', encodeURIComponent(cohortId));
    return { url: `${this.baseUrl}${path}?link=${encodeURIComponent(token)}`, expiresAt };
  }

  /** A bearer token for `sub` as a program manager, for the page's own queries. */
  async pageToken(sub: string): Promise<string> {
    if (!this.auth.secret) throw new Error(this.disabledReason);
    let jwt = new SignJWT({ roles: ['PROGRAM_MANAGER'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(`${PAGE_TOKEN_SECONDS}s`);
    if (this.auth.issuer) jwt = jwt.setIssuer(this.auth.issuer);
    if (this.auth.audience) jwt = jwt.setAudience(this.auth.audience);
    return jwt.sign(new TextEncoder().encode(this.auth.secret));
  }
}
