import { Context, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Roles, type GraphQLRequestContext } from '#auth';
import { internScopeDueWeek } from '../../program/domain/program-calendar.js';
import { scopeNoticeSubject } from '../domain/deadlines.js';
import { ScopeStatus } from '../domain/project.js';
import { InternType } from './intern.type.js';
import { MilestoneType, ProjectType, ScopeVersionType } from './project.type.js';
import { ScopingLoaders } from './scoping.loaders.js';
import { mayView, milestoneViews, projectView, versionView, weekEnd } from './views.js';

/** The fields of Project, and its federation reference (relationship visibility checked here; the guard checks roles). */
@Resolver(() => ProjectType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
export class ProjectFieldsResolver {
  constructor(private readonly loaders: ScopingLoaders) {}

  /** Apollo calls this as (reference, context, info): no parameter decorators here. */
  @ResolveReference()
  async resolveReference(
    reference: { __typename: string; id: string },
    context: GraphQLRequestContext,
  ): Promise<ProjectType | null> {
    const loaders = this.loaders.for(context);
    const record = await loaders.project.load(reference.id);
    if (!record || !(await mayView(loaders, context?.identity, record))) return null;
    return projectView(record);
  }

  @ResolveField(() => InternType, { description: 'The intern whose project it is' })
  intern(@Parent() project: ProjectType): InternType {
    return InternType.ref(project.internId);
  }

  @ResolveField(() => [ScopeVersionType], { description: 'Every version of the scope, oldest first, with its history' })
  async versions(
    @Parent() project: ProjectType,
    @Context() context: GraphQLRequestContext,
  ): Promise<ScopeVersionType[]> {
    const versions = await this.loaders.for(context).versions.load(project.id);
    return versions.map((v) => versionView(v, project));
  }

  @ResolveField(() => String, {
    description: 'The title of the version in force (before the first approval, of the latest)',
  })
  async title(@Parent() project: ProjectType, @Context() context: GraphQLRequestContext): Promise<string> {
    const versions = await this.versions(project, context);
    return (versions.find((v) => v.status === ScopeStatus.APPROVED) ?? versions[versions.length - 1])?.title ?? '';
  }

  @ResolveField(() => ScopeVersionType, { description: 'The latest version: the one being worked on' })
  async currentVersion(
    @Parent() project: ProjectType,
    @Context() context: GraphQLRequestContext,
  ): Promise<ScopeVersionType> {
    const versions = await this.versions(project, context);
    return versions[versions.length - 1]!;
  }

  @ResolveField(() => ScopeVersionType, { nullable: true, description: 'The approved version in force, if any' })
  async approvedVersion(
    @Parent() project: ProjectType,
    @Context() context: GraphQLRequestContext,
  ): Promise<ScopeVersionType | null> {
    return (await this.versions(project, context)).find((v) => v.status === ScopeStatus.APPROVED) ?? null;
  }

  @ResolveField(() => [MilestoneType], {
    description:
      'The milestones that count: those of the version in force (before the first approval, of the latest draft)',
  })
  async milestones(
    @Parent() project: ProjectType,
    @Context() context: GraphQLRequestContext,
  ): Promise<MilestoneType[]> {
    const versions = await this.versions(project, context);
    const version = versions.find((v) => v.status === ScopeStatus.APPROVED) ?? versions[versions.length - 1];
    if (!version) return [];
    const program = await this.loaders.for(context).program.load(project);
    return milestoneViews(version, program);
  }

  @ResolveField(() => Int, { description: 'The week of the intern’s own program the scope is due at the end of' })
  async scopeDueWeek(@Parent() project: ProjectType, @Context() context: GraphQLRequestContext): Promise<number> {
    const program = await this.loaders.for(context).program.load(project);
    return internScopeDueWeek(program?.grants ?? []);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The last day to get the scope approved (YYYY-MM-DD, cohort timezone)',
  })
  async scopeDueDate(
    @Parent() project: ProjectType,
    @Context() context: GraphQLRequestContext,
  ): Promise<string | null> {
    const program = await this.loaders.for(context).program.load(project);
    return weekEnd(program, internScopeDueWeek(program?.grants ?? []));
  }

  @ResolveField(() => Boolean, { description: 'ProjectScopeOverdue went out: no version was approved in time' })
  async scopeOverdue(@Parent() project: ProjectType, @Context() context: GraphQLRequestContext): Promise<boolean> {
    return this.loaders.for(context).notice.load(`SCOPE:${scopeNoticeSubject(project.cohortId, project.internId)}`);
  }

  @ResolveField(() => Int, {
    description: 'The program week now, as the cohort’s clock last announced it (0 before the start)',
  })
  async programWeek(@Parent() project: ProjectType, @Context() context: GraphQLRequestContext): Promise<number> {
    return (await this.loaders.for(context).program.load(project))?.cohort.currentWeek ?? 0;
  }

  @ResolveField(() => Int, {
    description: 'The length of the intern’s own program: the cohort’s weeks plus their extension',
  })
  async programWeeks(@Parent() project: ProjectType, @Context() context: GraphQLRequestContext): Promise<number> {
    return (await this.loaders.for(context).program.load(project))?.programWeeks ?? 0;
  }
}
