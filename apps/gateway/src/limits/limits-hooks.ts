import { Lexer, Source, TokenKind, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '#platform';
import { GatewayRequestError } from '../http/graphql-http.js';
import { checkResponseSize } from './execution-limits.js';
import { countIntrospection, MAX_INTROSPECTION_SELECTIONS, usesIntrospection } from './introspection.js';
import { analyzeCost, countFields, documentDepth } from './query-limits.js';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  /** Whether `__schema` and `__type` are answered at all (see `introspectionEnabled`); default true. */
  introspection?: boolean;
  /** Largest JSON response in bytes (RESPONSE_TOO_LARGE beyond); unset: no cap. */
  maxResponseBytes?: number;
  /** Most field selections a document may have, aliases and fragment expansions included; default DEFAULT_MAX_QUERY_FIELDS. */
  maxFields?: number;
  /** Most root fields an operation may have, aliases included; default DEFAULT_MAX_ROOT_FIELDS. */
  maxRootFields?: number;
  /** Most tokens a document may have (checked before it is parsed); default DEFAULT_MAX_QUERY_TOKENS. */
  maxTokens?: number;
}

/** Defaults of MAX_QUERY_FIELDS and MAX_ROOT_FIELDS (the standard introspection query has 230 fields, one root field). */
export const DEFAULT_MAX_QUERY_FIELDS = 1_000;
export const DEFAULT_MAX_ROOT_FIELDS = 50;
/** Default of MAX_QUERY_TOKENS (the standard introspection query has about 500; a 1 MiB body, up to 500,000). */
export const DEFAULT_MAX_QUERY_TOKENS = 20_000;

/**
 * Refuses a document of more than `maxTokens` tokens (QUERY_TOO_COMPLEX) before mercurius parses
 * it: parsing a 1 MiB body of one-letter fields takes over half a second. Reads at most
 * `maxTokens` tokens, and none when the text is too short to hold more. A lexical error stops the
 * count: the parser reports it.
 */
export function checkTokens(source: string, limits: QueryLimits): void {
  const maxTokens = limits.maxTokens ?? DEFAULT_MAX_QUERY_TOKENS;
  if (source.length <= maxTokens) return; // every token is at least one character
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++tokens > maxTokens) {
        throw new GatewayRequestError(
          `The query has more than ${maxTokens} tokens (MAX_QUERY_TOKENS)`,
          'QUERY_TOO_COMPLEX',
          { maxTokens },
        );
      }
    }
  } catch (err) {
    if (err instanceof GatewayRequestError) throw err;
  }
}

/** Size assumed for a list that takes no page size (a calendar's weeks, an intern's mentors). */
export const DEFAULT_LIST_SIZE = 10;

export interface HookContext {
  reply?: { request?: { body?: unknown; query?: unknown } };
}

export function operationNameOf(context: HookContext | undefined): string | undefined {
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
 * Refuses a document with more field selections than `maxFields` (every alias, `__typename`, and
 * a fragment's fields once per spread), or an operation with more root fields than
 * `maxRootFields` (each is planned and sent to a subgraph of its own): QUERY_TOO_COMPLEX. Runs
 * before validation, which is quadratic in the fields of one selection set (thousands of aliases
 * block the event loop for seconds, where the execution time limit cannot fire).
 */
export function checkFieldCount(document: DocumentNode, limits: QueryLimits, operationName?: string): void {
  const maxFields = limits.maxFields ?? DEFAULT_MAX_QUERY_FIELDS;
  const maxRootFields = limits.maxRootFields ?? DEFAULT_MAX_ROOT_FIELDS;
  const { fields, rootFields } = countFields(document, operationName);
  if (fields > maxFields) {
    throw new GatewayRequestError(
      `The query selects ${fields} fields (aliases, __typename and fragments included); the limit is ${maxFields} (MAX_QUERY_FIELDS)`,
      'QUERY_TOO_COMPLEX',
      { fields, maxFields },
    );
  }
  if (rootFields > maxRootFields) {
    throw new GatewayRequestError(
      `The operation has ${rootFields} root fields (aliases included); the limit is ${maxRootFields} (MAX_ROOT_FIELDS)`,
      'QUERY_TOO_COMPLEX',
      { rootFields, maxRootFields },
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
 * The gateway's query limits as mercurius hooks: the token count before parsing; introspection,
 * field counts and depth before validation
 * (cheap, and a refused document never costs a validation pass), page sizes and cost after it
 * (they need the schema and the variables), the response size once the result is there (before
 * it is serialized); subscriptions get the same checks over the websocket, plus validation, which
 * mercurius does not run for them.
 */
export function installQueryLimits(graphql: MercuriusHooks, limits: QueryLimits): void {
  graphql.addHook('preParsing', async (_schema: GraphQLSchema, source: string) => {
    checkTokens(source, limits);
  });
  graphql.addHook('preValidation', async (_schema: GraphQLSchema, document: DocumentNode, context: HookContext) => {
    const operationName = operationNameOf(context);
    checkIntrospection(document, limits, operationName);
    checkFieldCount(document, limits, operationName);
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
    checkFieldCount(document, limits);
    checkDepth(document, limits);
    const errors = validate(schema, document);
    if (errors.length > 0) {
      throw new GatewayRequestError(errors.map((e) => e.message).join('; '), 'GRAPHQL_VALIDATION_FAILED');
    }
    checkCost(schema, document, undefined, limits);
  });
}
