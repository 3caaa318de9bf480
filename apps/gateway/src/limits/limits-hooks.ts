import { validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '#platform';
import { GatewayRequestError } from '../http/graphql-http.js';
import { checkResponseSize } from './execution-limits.js';
import { countIntrospection, MAX_INTROSPECTION_SELECTIONS, usesIntrospection } from './introspection.js';
import { analyzeCost, documentDepth } from './query-limits.js';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  /** Whether `__schema` and `__type` are answered at all (see `introspectionEnabled`); default true. */
  introspection?: boolean;
  /** Largest JSON response in bytes (RESPONSE_TOO_LARGE beyond); unset: no cap. */
  maxResponseBytes?: number;
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

/**
 * Refuses introspection when it is off (GRAPHQL_VALIDATION_FAILED, as graphql-js' own
 * NoSchemaIntrospectionCustomRule would), and an operation selecting `__schema` or `__type`
 * more than once, aliases and fragments included (QUERY_TOO_COMPLEX: each is a copy of the whole
 * schema). Runs before validation, which is itself slow on thousands of aliases.
 */
export function checkIntrospection(document: DocumentNode, limits: QueryLimits, operationName?: string): void {
  if (limits.introspection === false) {
    if (usesIntrospection(document)) {
      throw new GatewayRequestError(
        'Introspection is disabled on this gateway: __schema and __type cannot be queried',
        'GRAPHQL_VALIDATION_FAILED',
      );
    }
    return;
  }
  const count = countIntrospection(document, operationName);
  for (const [field, n] of [
    ['__schema', count.schema],
    ['__type', count.type],
  ] as const) {
    if (n > MAX_INTROSPECTION_SELECTIONS) {
      throw new GatewayRequestError(
        `The operation selects ${field} ${n} times; at most ${MAX_INTROSPECTION_SELECTIONS} is allowed (aliases included)`,
        'QUERY_TOO_COMPLEX',
        { field, count: n, max: MAX_INTROSPECTION_SELECTIONS },
      );
    }
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
 * The gateway's query limits as mercurius hooks: introspection and depth before validation
 * (cheap, and a refused document never costs a validation pass), page sizes and cost after it
 * (they need the schema and the variables), the response size once the result is there (before
 * it is serialized); subscriptions get the same checks over the websocket, plus validation, which
 * mercurius does not run for them.
 */
export function installQueryLimits(graphql: MercuriusHooks, limits: QueryLimits): void {
  graphql.addHook('preValidation', async (_schema: GraphQLSchema, document: DocumentNode, context: HookContext) => {
    const operationName = operationNameOf(context);
    checkIntrospection(document, limits, operationName);
    checkDepth(document, limits, operationName);
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
  const { maxResponseBytes } = limits;
  if (maxResponseBytes !== undefined) {
    graphql.addHook('onResolution', async (execution: unknown) => {
      checkResponseSize(execution, maxResponseBytes);
    });
  }
  graphql.addHook('preSubscriptionExecution', async (schema: GraphQLSchema, document: DocumentNode) => {
    checkIntrospection(document, limits);
    checkDepth(document, limits);
    const errors = validate(schema, document);
    if (errors.length > 0) {
      throw new GatewayRequestError(errors.map((e) => e.message).join('; '), 'GRAPHQL_VALIDATION_FAILED');
    }
    checkCost(schema, document, undefined, limits);
  });
}
