import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayRequestError } from '../http/graphql-http.js';

export interface ExecutionLimits {
  /** How long one GraphQL request may run on the gateway (parse to result), in ms. */
  timeoutMs: number;
  /** Largest JSON response, in bytes. */
  maxResponseBytes: number;
}

export const EXECUTION_TIMEOUT = 'EXECUTION_TIMEOUT';
export const RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE';

/** The answer to a request that ran out of time: 504, whatever the media type. */
export function executionTimeoutError(timeoutMs: number): GatewayRequestError {
  return new GatewayRequestError(
    `The request did not complete within ${timeoutMs} ms (a mutation may still have been applied)`,
    EXECUTION_TIMEOUT,
    { timeoutMs },
    504,
  );
}

/** The answer to a result too large to send: no `data`, like a request refused before execution. */
export function responseTooLargeError(maxBytes: number): GatewayRequestError {
  return new GatewayRequestError(
    `The response would be larger than the limit of ${maxBytes} bytes: ask for fewer fields or smaller pages`,
    RESPONSE_TOO_LARGE,
    { maxBytes },
  );
}

// Printable ASCII without `"` and `\`: such a string is its length plus the quotes in JSON.
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function stringBytes(s: string): number {
  return PLAIN.test(s) ? s.length + 2 : Buffer.byteLength(JSON.stringify(s));
}

/**
 * The length in UTF-8 bytes of `JSON.stringify(value)`, without building it, and stopping as
 * soon as it passes `limit` (then the answer is only known to be larger than `limit`): the work
 * is bounded by the limit, not by the value.
 */
export function jsonByteLength(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let total = 0;
  const visit = (v: unknown, inArray: boolean): boolean => {
    if (total > limit) return false;
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON: () => unknown }).toJSON();
    }
    switch (typeof v) {
      case 'string':
        total += stringBytes(v);
        return true;
      case 'number':
        total += Number.isFinite(v) ? String(v).length : 4;
        return true;
      case 'boolean':
        total += v ? 4 : 5;
        return true;
      case 'bigint':
        total += String(v).length; // JSON.stringify throws on it; the size is what matters here
        return true;
      case 'undefined':
      case 'function':
      case 'symbol':
        if (inArray) total += 4; // null
        return inArray;
      default:
        break;
    }
    if (v === null) {
      total += 4;
      return true;
    }
    if (Array.isArray(v)) {
      total += 2;
      for (let i = 0; i < v.length; i++) {
        if (total > limit) return true;
        if (i > 0) total += 1;
        visit(v[i], true);
      }
      return true;
    }
    total += 2;
    let members = 0;
    for (const key of Object.keys(v as object)) {
      if (total > limit) return true;
      const before = total;
      if (!visit((v as Record<string, unknown>)[key], false)) {
        total = before;
        continue;
      }
      total += stringBytes(key) + 1 + (members > 0 ? 1 : 0);
      members++;
    }
    return true;
  };
  visit(value, false);
  return total;
}

/** Throws RESPONSE_TOO_LARGE when the execution result would serialize to more than `maxBytes`. */
export function checkResponseSize(execution: unknown, maxBytes: number): void {
  if (jsonByteLength(execution, maxBytes) > maxBytes) throw responseTooLargeError(maxBytes);
}

/** mercurius' `reply.graphql`, as the route handlers call it. */
type GraphQLReply = { graphql?: (...args: unknown[]) => Promise<unknown> };

/**
 * Runs `work`, rejecting with EXECUTION_TIMEOUT when it takes longer than `timeoutMs`. What was
 * left running is abandoned (its result, or error, is dropped); a subgraph call it was waiting
 * for ends on its own time-out.
 */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(executionTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The gateway's execution time limit, as a Fastify hook on the GraphQL routes: mercurius' route
 * handlers run a request through `reply.graphql(...)`, which this bounds with `withTimeout`;
 * the rejection reaches mercurius' error handler and the gateway's error formatter like any
 * other request error, so the client gets a GraphQL-shaped 504 EXECUTION_TIMEOUT. Installed
 * before the GraphQL routes exist (the hook applies to routes registered after it).
 */
export function installExecutionTimeout(app: FastifyInstance, graphqlPath: string, timeoutMs: number): void {
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.url !== graphqlPath) return;
    const r = reply as unknown as GraphQLReply;
    const run = r.graphql;
    if (typeof run !== 'function') return;
    r.graphql = (...args: unknown[]) => withTimeout(run.apply(reply, args), timeoutMs);
  });
}
