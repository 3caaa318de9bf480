import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Args, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Roles } from '#auth';
import { graphqlClient, signTestToken, testLogger, type GqlClient } from '#testing';
import { DEV_JWT_SECRET } from './config.js';
import { UNSTORABLE_STRING_MESSAGE } from './string-inputs.js';
import { SubgraphModule } from './subgraph.module.js';

// SubgraphModule refuses a string Postgres cannot store (NUL, unpaired surrogate) in any argument
// before a resolver runs: BAD_USER_INPUT naming the argument path. In process, no database.

@ObjectType('Widget')
class WidgetType {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@InputType('WidgetPartInput')
class WidgetPartInput {
  @Field() label: string;
}

@InputType('SaveWidgetInput')
class SaveWidgetInput {
  @Field() name: string;
  @Field(() => [WidgetPartInput], { nullable: true }) parts?: WidgetPartInput[];
}

let resolverCalls = 0;

@Resolver(() => WidgetType)
@Roles('PROGRAM_MANAGER')
class WidgetResolver {
  @Query(() => WidgetType, { nullable: true })
  widget(@Args('id', { type: () => ID }) id: string): WidgetType | null {
    resolverCalls++;
    return id === 'w-1' ? { id, name: 'one' } : null;
  }

  @Mutation(() => WidgetType)
  saveWidget(@Args('input') input: SaveWidgetInput): WidgetType {
    resolverCalls++;
    return { id: 'w-2', name: input.name };
  }
}

@Module({
  imports: [
    SubgraphModule.forRoot({ auth: { secret: process.env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET }, logger: testLogger() }),
  ],
  providers: [WidgetResolver],
})
class StringsSubgraphModule {}

let app: NestFastifyApplication;
let gql: GqlClient;
let pm: string;

beforeAll(async () => {
  app = await NestFactory.create<NestFastifyApplication>(StringsSubgraphModule, new FastifyAdapter(), {
    logger: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  gql = graphqlClient(app);
  pm = await signTestToken({ sub: 'pm', roles: ['PROGRAM_MANAGER'] });
});

afterAll(async () => {
  await app?.close();
});

beforeEach(() => {
  resolverCalls = 0;
});

const SAVE = 'mutation ($input: SaveWidgetInput!) { saveWidget(input: $input) { id name } }';
const READ = 'query ($id: ID!) { widget(id: $id) { id } }';
const refusal = (...fields: string[]) => ({
  data: null,
  errors: [
    expect.objectContaining({
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: fields.map((field) => ({ field, message: UNSTORABLE_STRING_MESSAGE })),
      },
    }),
  ],
});

describe('strings Postgres cannot store, refused by every subgraph', () => {
  it('a NUL or a lone surrogate in a mutation variable, nested too → BAD_USER_INPUT naming it, no resolver run', async () => {
    for (const name of ['a\u0000b', '\ud800', 'x\udc00']) {
      const res = await gql(SAVE, { input: { name } }, pm);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(refusal('input.name'));
    }
    const nested = await gql(SAVE, { input: { name: 'ok', parts: [{ label: 'fine' }, { label: '\u0000' }] } }, pm);
    expect(nested.body).toEqual(refusal('input.parts[1].label'));
    expect(resolverCalls).toBe(0);
  });

  it('in an id of a read, a variable or a literal → BAD_USER_INPUT naming `id`', async () => {
    expect((await gql(READ, { id: 'a\u0000b' }, pm)).body).toEqual(refusal('id'));
    expect((await gql('{ widget(id: "a\\u0000b") { id } }', {}, pm)).body).toEqual(refusal('id'));
    expect(resolverCalls).toBe(0);
  });

  it('accepts emoji and other astral characters (paired surrogates)', async () => {
    const res = await gql(SAVE, { input: { name: 'launch 🚀 \ud83d\ude00 𝔘', parts: [{ label: '日本' }] } }, pm);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ saveWidget: { id: 'w-2', name: 'launch 🚀 😀 𝔘' } });
    expect((await gql(READ, { id: 'w-1' }, pm)).data).toEqual({ widget: { id: 'w-1' } });
  });
});
