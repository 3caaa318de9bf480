import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusFederationDriver, type MercuriusFederationDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { RolesGuard, TokenVerifier, type GraphQLRequestContext, type TokenVerifierSettings } from '#auth';
import { DomainErrorFilter } from './domain-error.filter.js';
import { formatGraphQLErrors } from './graphql-errors.js';
import { CORRELATION_HEADER, newCorrelationId } from './request-context.js';
import { RequestContextInterceptor } from './request-context.interceptor.js';
import { refuseUnstorableStrings } from './string-inputs.js';
import { nameSpanAfterOperation } from './tracing/graphql-operation.js';
import { tracingEnabled } from './tracing/tracing.js';

export interface SubgraphOptions {
  auth: TokenVerifierSettings;
  logger: Logger;
  graphiql?: boolean;
  /** Entity types this subgraph extends but never returns from a query (federation stubs). */
  orphanedTypes?: Function[];
}

/**
 * The GraphQL federation subgraph every service exposes at /graphql: code-first schema,
 * caller identity from the bearer token the gateway forwards, deny-by-default role guard on
 * every resolver (queries, mutations, fields and entity references), and errors formatted in
 * one place.
 */
@Module({})
export class SubgraphModule {
  static forRoot(options: SubgraphOptions): DynamicModule {
    const verifier = new TokenVerifier(options.auth);
    const logger = options.logger.child({ component: 'graphql' });
    return {
      module: SubgraphModule,
      imports: [
        GraphQLModule.forRoot<MercuriusFederationDriverConfig>({
          driver: MercuriusFederationDriver,
          autoSchemaFile: true,
          sortSchema: true,
          buildSchemaOptions: { orphanedTypes: options.orphanedTypes ?? [] },
          // The role guard runs on field and entity-reference resolvers too (deny by default on
          // every path, `_entities` included): each resolver class declares `@Roles`, and a field
          // may narrow them. Relationship rules (own mentee, self) are still checked in code.
          fieldResolverEnhancers: ['guards'],
          graphiql: options.graphiql ?? false,
          // A NUL or an unpaired surrogate in any argument would reach Postgres, which refuses it:
          // BAD_USER_INPUT naming the argument, before any resolver runs.
          // With tracing on, the request's server span is also named after the operation it runs.
          hooks: {
            preExecution: tracingEnabled()
              ? (schema, document, context, variables) => {
                  nameSpanAfterOperation(document);
                  refuseUnstorableStrings(schema, document, context, variables);
                }
              : refuseUnstorableStrings,
          },
          context: async (request: FastifyRequest): Promise<GraphQLRequestContext> => {
            const header = request.headers[CORRELATION_HEADER];
            const correlationId = (Array.isArray(header) ? header[0] : header) || newCorrelationId();
            const token = TokenVerifier.bearer(request.headers.authorization);
            // An invalid token is refused by the guard as if there were none.
            const identity = token ? await verifier.verify(token).catch(() => undefined) : undefined;
            return { identity, correlationId };
          },
          errorFormatter: (execution, ctx) => {
            const errors = formatGraphQLErrors((execution.errors ?? []) as GraphQLError[], logger);
            const onlyValidation =
              !execution.data && errors.every((e) => e.extensions.code === 'GRAPHQL_VALIDATION_FAILED');
            void ctx;
            return { statusCode: onlyValidation ? 400 : 200, response: { data: execution.data ?? null, errors } };
          },
        }),
      ],
      providers: [
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
    };
  }
}
