import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  Directive,
  Field,
  ID,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  ResolveReference,
  Resolver,
} from '@nestjs/graphql';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Roles } from '#auth';
import { graphqlClient, signTestToken, testLogger, type GqlClient } from '#testing';
import { DEV_JWT_SECRET } from './config.js';
import { SubgraphModule } from './subgraph.module.js';

// SubgraphModule's role guard on every path: queries, field resolvers and entity references
// (`_entities`), in process on Fastify. No database or Kafka needed.

@ObjectType('Thing')
@Directive('@key(fields: "id")')
class ThingType {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@ObjectType('Other')
class OtherType {
  @Field(() => ID) id: string;
}

@Resolver(() => ThingType)
@Roles('PROGRAM_MANAGER', 'MENTOR', 'INTERN')
class ThingResolver {
  @Query(() => ThingType)
  thing(): ThingType {
    return { id: 't-1', name: 'one' };
  }

  @Query(() => OtherType)
  other(): OtherType {
    return { id: 'o-1' };
  }

  @ResolveField(() => String)
  open(): string {
    return 'anyone signed in';
  }

  @ResolveField(() => String, { nullable: true })
  @Roles('PROGRAM_MANAGER')
  managersOnly(): string {
    return 'for managers';
  }

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }): ThingType {
    return { id: reference.id, name: `thing ${reference.id}` };
  }
}

/** A field resolver class that forgot `@Roles`: deny by default, its fields answer nobody. */
@Resolver(() => OtherType)
class ForgotRolesResolver {
  @ResolveField(() => String, { nullable: true })
  secret(): string {
    return 'leaked';
  }
}

@Module({
  imports: [
    SubgraphModule.forRoot({ auth: { secret: process.env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET }, logger: testLogger() }),
  ],
  providers: [ThingResolver, ForgotRolesResolver],
})
class TestSubgraphModule {}

let app: NestFastifyApplication;
let gql: GqlClient;

beforeAll(async () => {
  app = await NestFactory.create<NestFastifyApplication>(TestSubgraphModule, new FastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  gql = graphqlClient(app);
});

afterAll(async () => {
  await app?.close();
});

describe('the role guard on every resolver of a subgraph', () => {
  it('guards field resolvers: a field may narrow the roles, a class without @Roles answers nobody', async () => {
    const q = `{ thing { id open managersOnly } other { id secret } }`;
    const pm = await gql(q, {}, await signTestToken({ sub: 'pm', roles: ['PROGRAM_MANAGER'] }));
    expect(pm.data).toEqual({
      thing: { id: 't-1', open: 'anyone signed in', managersOnly: 'for managers' },
      other: { id: 'o-1', secret: null },
    });
    expect(pm.errors?.map((e) => [e.path?.join('.'), e.extensions.code])).toEqual([['other.secret', 'FORBIDDEN']]);

    const intern = await gql(q, {}, await signTestToken({ sub: 'i', roles: ['INTERN'] }));
    expect(intern.data).toEqual({
      thing: { id: 't-1', open: 'anyone signed in', managersOnly: null },
      other: { id: 'o-1', secret: null },
    });
    expect(intern.errors?.map((e) => [e.path?.join('.'), e.extensions.code]).sort()).toEqual([
      ['other.secret', 'FORBIDDEN'],
      ['thing.managersOnly', 'FORBIDDEN'],
    ]);
  });

  it('guards entity references: `_entities` without a token is UNAUTHENTICATED, with one it resolves', async () => {
    const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Thing { id name open } } }`;
    const r = { r: [{ __typename: 'Thing', id: 't-9' }] };
    const anonymous = await gql(q, r);
    expect(anonymous.errors?.map((e) => e.extensions.code)).toContain('UNAUTHENTICATED');
    expect(JSON.stringify(anonymous.data ?? null)).not.toContain('thing t-9');

    const mentor = await gql(q, r, await signTestToken({ sub: 'm', roles: ['MENTOR'] }));
    expect(mentor.errors).toBeUndefined();
    expect(mentor.data._entities).toEqual([{ id: 't-9', name: 'thing t-9', open: 'anyone signed in' }]);
  });
});
