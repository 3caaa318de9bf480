import { types } from 'node:util';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { formatGraphQLError, type FormattedError } from '#platform';
import { GatewayRequestError, GRAPHQL_RESPONSE_JSON, type GraphQLMediaType } from './http/graphql-http.js';
import { FAILED_SUBGRAPH } from './subgraphs.js';

/**
 * The message @mercuriusjs/gateway gives the error it throws when a subgraph call fails: the
 * subgraph's own errors (or the network error) travel in `extensions.errors`.
 */
const FEDERATED_ERROR_MESSAGE = 'Symbol(FEDERATED_ERROR)';

/** Extension keys that may carry internals (stack traces, wrapped errors): never sent to a client. */
const HIDDEN_EXTENSIONS = new Set(['exception', 'stacktrace', 'stack', 'originalError']);

export const SERVICE_UNAVAILABLE_MESSAGE = 'A service behind the gateway did not answer; try again shortly';

/** The message of a field whose subgraph did not answer (SUBGRAPH_UNAVAILABLE). */
export function subgraphUnavailableMessage(subgraph: string): string {
  return `The ${subgraph} service did not answer; the fields it serves are null. Try again shortly`;
}

export interface GatewayExecution {
  data?: unknown;
  errors?: readonly GraphQLError[];
  statusCode?: number;
}

export interface FormattedExecution {
  statusCode: number;
  /** `data` is left out when the document never executed (a GraphQL request error). */
  response: { data?: unknown; errors: FormattedError[] };
}

export interface FormatOptions {
  /** The response's media type: request errors are 400 with graphql-response+json, 200 with application/json. */
  mediaType?: GraphQLMediaType;
  /** The body limit, named in the 413 message. */
  bodyLimit?: number;
}

interface Formatted {
  error: FormattedError;
  /**
   * `request`: the document was refused before execution (parse, validation, limits);
   * `http`: the HTTP request itself was wrong, answered with `status` whatever the media type;
   * undefined: an execution error.
   */
  kind?: 'request' | 'http';
  status?: number;
}

const HTTP_ERROR_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** A subgraph's error as it arrives in JSON: message, path, locations (in the subgraph's document), extensions. */
interface SubgraphErrorJson {
  message: string;
  path?: unknown;
  extensions?: Record<string, unknown>;
}

/**
 * An Error of this realm or another one (Node's own network errors, made outside a test runner's
 * module sandbox, fail `instanceof Error` there; @fastify/error's errors are no native errors).
 */
function isError(value: unknown): value is Error {
  return value instanceof Error || types.isNativeError(value);
}

function isSubgraphErrorJson(value: unknown): value is SubgraphErrorJson {
  return (
    !!value &&
    typeof value === 'object' &&
    !isError(value) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function publicExtensions(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extensions ?? {})) {
    if (!HIDDEN_EXTENSIONS.has(key)) out[key] = value;
  }
  return out;
}

/** A path a client can use: the subgraph's own path unless it points into the gateway's `_entities` query. */
function clientPath(...candidates: unknown[]): readonly (string | number)[] | undefined {
  for (const path of candidates) {
    if (Array.isArray(path) && path.length > 0 && path[0] !== '_entities') return path as (string | number)[];
  }
  return undefined;
}

/**
 * One error a subgraph reported (or the failure to reach it), as the client sees it: the
 * subgraph's message and `extensions.code` (`fields` for BAD_USER_INPUT) are kept; locations in
 * the gateway's generated sub-query are dropped; anything without a code is internal. A subgraph
 * that could not be reached (refused, reset, timed out, an answer that is not GraphQL JSON) is
 * SUBGRAPH_UNAVAILABLE naming it, on the paths it serves, next to the data of the others.
 */
function fromSubgraph(inner: unknown, outer: GraphQLError, logger: Logger, subgraph?: string): Formatted {
  if (isSubgraphErrorJson(inner)) {
    const extensions = publicExtensions(inner.extensions);
    const path = clientPath(inner.path, outer.path);
    if (typeof extensions.code === 'string') {
      return { error: { message: inner.message, ...(path ? { path } : {}), extensions } };
    }
    logger.error({ subgraphError: inner.message, path }, 'subgraph error without a code');
    return {
      error: {
        message: 'Internal server error',
        ...(path ? { path } : {}),
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    };
  }
  const err = inner as { message?: string; code?: string } | undefined;
  logger.warn({ subgraph, err: err?.message, errCode: err?.code, path: outer.path }, 'subgraph request failed');
  const path = clientPath(outer.path);
  if (subgraph) {
    return {
      error: {
        message: subgraphUnavailableMessage(subgraph),
        ...(path ? { path } : {}),
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph },
      },
    };
  }
  return {
    error: {
      message: SERVICE_UNAVAILABLE_MESSAGE,
      ...(path ? { path } : {}),
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    },
  };
}

/** The messages inside an error @mercuriusjs/gateway raised (a FederatedError wraps the real ones), for logs. */
export function describeGatewayError(error: unknown): string {
  const inner = (error as { extensions?: { errors?: unknown } } | undefined)?.extensions?.errors;
  if ((error as Error | undefined)?.message === FEDERATED_ERROR_MESSAGE && Array.isArray(inner)) {
    return inner.map((e) => String((e as { message?: unknown })?.message ?? e)).join('; ');
  }
  return (error as Error | undefined)?.message ?? String(error);
}

function federatedErrors(error: GraphQLError): unknown[] | undefined {
  const original = error.originalError as { message?: string; extensions?: { errors?: unknown } } | undefined;
  if (error.message !== FEDERATED_ERROR_MESSAGE && original?.message !== FEDERATED_ERROR_MESSAGE) return undefined;
  const list = (error.extensions as { errors?: unknown } | undefined)?.errors ?? original?.extensions?.errors;
  return Array.isArray(list) ? list : [];
}

function formatOne(error: GraphQLError, logger: Logger, options: FormatOptions): Formatted[] {
  // A subgraph call failed as a whole (its data was null, or the network failed).
  const federated = federatedErrors(error);
  if (federated) {
    const subgraph = ((error.originalError ?? error) as { [FAILED_SUBGRAPH]?: string })[FAILED_SUBGRAPH];
    return federated.map((inner) => fromSubgraph(inner, error, logger, subgraph));
  }

  const original = error.originalError as unknown;
  // A subgraph answered with data and errors: mercurius added its JSON errors to the result.
  if (isSubgraphErrorJson(original)) return [fromSubgraph(original, error, logger)];

  // Refused by the gateway's own limits before execution.
  if (original instanceof GatewayRequestError) {
    return [
      {
        error: { message: original.message, extensions: { ...original.extensions } },
        kind: original.status ? 'http' : 'request',
        status: original.status,
      },
    ];
  }

  const status = (original as { statusCode?: unknown } | undefined)?.statusCode;
  const nested = (original as { errors?: unknown } | undefined)?.errors;

  // A mutation (or subscription) sent with GET.
  if (status === 405) {
    return [
      {
        error: {
          message: 'Only queries can be sent with GET: send mutations with POST',
          extensions: { code: 'METHOD_NOT_ALLOWED' },
        },
        kind: 'http',
        status: 405,
      },
    ];
  }

  // The document did not parse or validate against the composed schema (or its variables did not).
  if (Array.isArray(nested)) {
    return nested.map((e: { message?: string; locations?: FormattedError['locations'] }) => ({
      error: {
        message: String(e?.message ?? 'invalid request'),
        ...(e?.locations ? { locations: e.locations } : {}),
        extensions: {
          code: String(e?.message ?? '').startsWith('Syntax Error')
            ? 'GRAPHQL_PARSE_FAILED'
            : 'GRAPHQL_VALIDATION_FAILED',
        },
      },
      kind: 'request' as const,
    }));
  }

  // The HTTP request itself was wrong (unparseable body, too large, unsupported content type, …).
  if (isError(original) && typeof status === 'number' && status >= 400 && status < 500) {
    const message =
      status === 413 && options.bodyLimit
        ? `The request body is larger than the limit of ${options.bodyLimit} bytes`
        : original.message;
    return [
      { error: { message, extensions: { code: HTTP_ERROR_CODES[status] ?? 'BAD_REQUEST' } }, kind: 'http', status },
    ];
  }

  // Anything raised by the gateway itself: typed errors keep their code, the rest is internal.
  const formatted = formatGraphQLError(error, logger);
  if (formatted.extensions.code === 'GRAPHQL_VALIDATION_FAILED') return [{ error: formatted, kind: 'request' }];
  return [{ error: formatted }];
}

/**
 * The gateway's one error formatter (mercurius `errorFormatter`). Errors raised in a subgraph
 * reach the client with the subgraph's message and `extensions.code` (CONFLICT, FORBIDDEN,
 * NOT_FOUND, BAD_USER_INPUT with `extensions.fields`, …), which mercurius' default formatter
 * would otherwise hand on with the gateway's internal paths and locations; stack traces and
 * internal messages never leave the gateway.
 *
 * Status codes follow GraphQL over HTTP: a document that executed answers 200 (errors or not);
 * one refused before execution (parse, validation, depth, cost, page size) answers 400 with
 * application/graphql-response+json and 200 with application/json, without `data`; an HTTP
 * request that is itself wrong keeps its 4xx (400, 405, 413, 415).
 */
export function formatGatewayExecution(
  execution: GatewayExecution,
  logger: Logger,
  options: FormatOptions = {},
): FormattedExecution {
  const mediaType = options.mediaType ?? GRAPHQL_RESPONSE_JSON;
  const formatted = (execution.errors ?? []).flatMap((e) => formatOne(e, logger, options));
  const errors = formatted.map((f) => f.error);
  const executed = execution.data != null || formatted.length === 0 || formatted.some((f) => f.kind === undefined);
  if (executed) return { statusCode: 200, response: { data: execution.data ?? null, errors } };
  const http = formatted.find((f) => f.kind === 'http' && f.status);
  if (http) return { statusCode: http.status!, response: { errors } };
  return { statusCode: mediaType === GRAPHQL_RESPONSE_JSON ? 400 : 200, response: { errors } };
}
