import { validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '#platform';
import { GatewayRequestError } from '../http/graphql-http.js';
import { analyzeCost, documentDepth } from './query-limits.js';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

/** Size assumed for a list that takes no page size (a calendar's weeks, an intern's mentors). */
export const DEFAULT_LIST_SIZE = 10;

interface HookContext {
  reply?: { request?: { body?: unknown; query?: unknown } };
}

function operationNameOf(context: HookContext | undefined): string | undefined {
  const source = (context?.reply?.request?.body ?? context?.reply?.request?.query) as
    { operationName?: unknown } | undefined;
  return typeof source?.operationName === 'string' ? source.operationName : undefined;
}

/** Refuses a document deeper than the limit (before it is even validated). */
export function checkDepth(document: DocumentNode, limits: QueryLimits, operationName?: string): void {
  const depth = documentDepth(document, operationName);
  if (depth > limits.maxDepth) {
    throw new GatewayRequestError(
      `The query is ${depth} levels deep; the limit is ${limits.maxDepth}`,
      'QUERY_TOO_DEEP',
      { depth, maxDepth: limits.maxDepth },
    );
  }
}

/** Refuses a page size outside 1..100 (BAD_USER_INPUT naming `first`) and a document that costs too much. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
  operationName?: string,
): void {
  const { cost, pageSizeViolations } = analyzeCost(
    schema,
    document,
    variables,
    { defaultPageSize: DEFAULT_PAGE_SIZE, defaultListSize: DEFAULT_LIST_SIZE, maxPageSize: MAX_PAGE_SIZE },
    operationName,
  );
  if (pageSizeViolations.length > 0) {
    throw new GatewayRequestError(
      pageSizeViolations.map((v) => `${v.field}: ${v.message}`).join('; '),
      'BAD_USER_INPUT',
      { fields: pageSizeViolations },
    );
  }
  if (cost > limits.maxCost) {
    throw new GatewayRequestError(
      `The query may return up to ${cost} objects; the limit is ${limits.maxCost}: ask for smaller pages or fewer nested lists`,
      'QUERY_TOO_COMPLEX',
      { cost, maxCost: limits.maxCost },
    );
  }
}

interface MercuriusHooks {
  addHook(name: string, fn: (...args: any[]) => Promise<unknown> | unknown): void;
}

/**
 * The gateway's query limits as mercurius hooks: depth before validation (cheap, and a deep
 * document never costs a validation pass), page sizes and cost after it (they need the schema and
 * the variables); subscriptions get the same checks over the websocket, plus validation, which
 * mercurius does not run for them.
 */
export function installQueryLimits(graphql: MercuriusHooks, limits: QueryLimits): void {
  graphql.addHook('preValidation', async (_schema: GraphQLSchema, document: DocumentNode, context: HookContext) => {
    checkDepth(document, limits, operationNameOf(context));
  });
  graphql.addHook(
    'preExecution',
    async (
      schema: GraphQLSchema,
      document: DocumentNode,
      context: HookContext,
      variables?: Record<string, unknown>,
    ) => {
      checkCost(schema, document, variables, limits, operationNameOf(context));
    },
  );
  graphql.addHook('preSubscriptionExecution', async (schema: GraphQLSchema, document: DocumentNode) => {
    checkDepth(document, limits);
    const errors = validate(schema, document);
    if (errors.length > 0) {
      throw new GatewayRequestError(errors.map((e) => e.message).join('; '), 'GRAPHQL_VALIDATION_FAILED');
    }
    checkCost(schema, document, undefined, limits);
  });
}
