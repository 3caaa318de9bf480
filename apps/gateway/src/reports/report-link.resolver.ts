import { Inject } from '@nestjs/common';
import { Args, Field, ID, InputType, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '#auth';
import { ConflictError, requiredId } from '#ddd';
import type { Identity } from '#platform';
import type { ReportLinks } from './report-links.js';

export const REPORT_LINKS = Symbol('REPORT_LINKS');

@ObjectType('ReportLink', { description: 'A short-lived, read-only link to one cohort report page.' })
export class ReportLinkGql {
  @Field({ description: 'Open it in a browser: `<PUBLIC_URL>/reports/cohorts/<id>?link=…`; no header needed.' })
  url: string;

  @Field({ description: 'When the link stops working (REPORT_LINK_TTL_MINUTES after it was made).' })
  expiresAt: Date;
}

@InputType('CreateReportLinkInput')
export class CreateReportLinkInput {
  @Field(() => ID, { description: 'The cohort whose report the link opens (only that one).' })
  cohortId: string;
}

/**
 * `createReportLink`: served by the gateway's own subgraph beside setNotificationPreferences, since
 * the gateway both signs and checks the links (reports/report-links.ts). The cohort is not looked
 * up here: a link to a cohort that does not exist opens a 404 page.
 */
@Resolver(() => ReportLinkGql)
export class ReportLinkResolver {
  constructor(@Inject(REPORT_LINKS) private readonly links: ReportLinks) {}

  @Mutation(() => ReportLinkGql, {
    description:
      'A short-lived, read-only share link to the cohort report page, opened as you (program managers). Anyone holding it sees that report until it expires.',
  })
  @Roles('PROGRAM_MANAGER')
  createReportLink(
    @Args('input', { type: () => CreateReportLinkInput }) input: CreateReportLinkInput,
    @CurrentUser() user: Identity,
  ): ReportLinkGql {
    const cohortId = requiredId('cohortId', input?.cohortId);
    if (this.links.disabledReason) throw new ConflictError(this.links.disabledReason);
    return Object.assign(new ReportLinkGql(), this.links.create(cohortId, user.sub));
  }
}
