import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { DomainError, ValidationError } from '#ddd';

export interface FormattedError {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions: Record<string, unknown>;
}

function originalOf(error: GraphQLError): unknown {
  let e: unknown = error.originalError;
  // Mercurius and Nest may wrap the thrown error once more.
  while (e && typeof e === 'object' && 'originalError' in e && (e as GraphQLError).originalError) {
    e = (e as GraphQLError).originalError;
  }
  return e;
}

/**
 * The one place a service turns errors into GraphQL errors: typed domain errors keep their
 * message and get their code (`BAD_USER_INPUT` lists the offending fields); anything else is an
 * internal error whose details go to the log, never to the client.
 */
export function formatGraphQLError(error: GraphQLError, logger: Logger): FormattedError {
  const base = { message: error.message, path: error.path, locations: error.locations };
  const original = originalOf(error);
  if (original instanceof ValidationError) {
    return { ...base, message: original.message, extensions: { code: original.code, fields: original.violations } };
  }
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code } };
  }
  if (error.extensions?.code && typeof error.extensions.code === 'string') {
    return { ...base, extensions: { ...error.extensions } };
  }
  if (!original) {
    // Parse and validation errors of the document itself: the client's mistake.
    return { ...base, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  logger.error(
    {
      err: original instanceof Error ? { message: original.message, stack: original.stack } : original,
      path: error.path,
    },
    'unhandled resolver error',
  );
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * Formats every error of an execution result. Mercurius reports a document (or its variables)
 * that does not parse or validate as ONE error wrapping the list in `originalError.errors`: each
 * becomes its own GRAPHQL_VALIDATION_FAILED error (the client's mistake, never an internal error).
 */
export function formatGraphQLErrors(errors: readonly GraphQLError[], logger: Logger): FormattedError[] {
  return errors.flatMap((error) => {
    const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
    if (!Array.isArray(nested)) return [formatGraphQLError(error, logger)];
    return nested.map((e: { message?: unknown; locations?: FormattedError['locations'] }) => ({
      message: String(e?.message ?? 'invalid request'),
      ...(e?.locations ? { locations: e.locations } : {}),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    }));
  });
}
