import { createRequire } from 'node:module';
import { CORRELATION_HEADER } from '#platform';

/** What @mercuriusjs/gateway passes to its agent's `request` (undici's Dispatcher.RequestOptions, the part it uses). */
export interface SubgraphRequestOptions {
  origin?: string;
  method: string;
  path: string;
  headers: Record<string, string | number | string[] | undefined>;
  body?: string;
}

/** What it reads of the answer: the status, the headers, and the body as text (or a Blob when gzipped). */
export interface SubgraphResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: { text(): Promise<string>; blob(): Promise<Blob>; arrayBuffer(): Promise<ArrayBuffer> };
}

/** The agent interface @mercuriusjs/gateway calls (undici's Dispatcher, the part it uses). */
export interface SubgraphDispatcher {
  request(options: SubgraphRequestOptions): Promise<SubgraphResponse>;
  close(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * The key under which identical subgraph requests in flight share one answer, or undefined for a
 * request that must be sent on its own: anything but a POST of a query (a mutation always goes
 * alone). Two requests share a key when their path, body (query and variables) and every
 * header but the correlation id are the same: the same caller's token, so the same identity and
 * the same data.
 */
export function sharedRequestKey(options: SubgraphRequestOptions): string | undefined {
  if (options.method !== 'POST' || typeof options.body !== 'string') return undefined;
  // The gateway's body is JSON.stringify({ query, variables }) with the operation printed first:
  // `mutation …` for a mutation; a query prints `{ … }` or `query …`.
  if (!options.body.startsWith('{"query":"')) return undefined;
  const operation = options.body.slice(10, 30).trimStart();
  if (!(operation.startsWith('{') || operation.startsWith('query'))) return undefined;
  const headers = Object.keys(options.headers)
    .filter((name) => name.toLowerCase() !== CORRELATION_HEADER && options.headers[name] !== undefined)
    .sort()
    .map((name) => `${name.toLowerCase()}:${String(options.headers[name])}`)
    .join('\n');
  return `${options.origin ?? ''}\n${options.path}\n${headers}\n\n${options.body}`;
}

interface SharedAnswer {
  statusCode: number;
  headers: SubgraphResponse['headers'];
  bytes: Buffer;
}

/**
 * A subgraph agent that sends identical queries in flight once (in-flight deduplication, what
 * Hive Gateway's HTTP executor does by default): the first request goes out, the ones that are
 * identical to it (`sharedRequestKey`) while it is in flight wait for its answer and each get a
 * copy of it. Nothing is cached: once answered, the next request goes out again. Mutations and
 * anything else go out on their own. The subgraph sees the first request's correlation id only.
 */
export class DeduplicatingSubgraphAgent implements SubgraphDispatcher {
  private readonly inFlight = new Map<string, Promise<SharedAnswer>>();
  /** Requests answered with another's answer (for tests and metrics). */
  shared = 0;

  constructor(private readonly upstream: SubgraphDispatcher) {}

  async request(options: SubgraphRequestOptions): Promise<SubgraphResponse> {
    const key = sharedRequestKey(options);
    if (key === undefined) return this.upstream.request(options);
    let answer = this.inFlight.get(key);
    if (answer) {
      this.shared++;
    } else {
      answer = this.send(options);
      this.inFlight.set(key, answer);
      const forget = (): void => void this.inFlight.delete(key);
      answer.then(forget, forget);
    }
    const { statusCode, headers, bytes } = await answer;
    return {
      statusCode,
      headers,
      body: {
        text: async () => bytes.toString('utf8'),
        blob: async () => new Blob([bytes]),
        arrayBuffer: async () =>
          bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      },
    };
  }

  private async send(options: SubgraphRequestOptions): Promise<SharedAnswer> {
    const response = await this.upstream.request(options);
    const bytes = Buffer.from(await response.body.arrayBuffer());
    return { statusCode: response.statusCode, headers: response.headers, bytes };
  }

  close(): Promise<void> {
    return this.upstream.close();
  }

  destroy(): Promise<void> {
    return this.upstream.destroy();
  }
}

/**
 * The agent of one subgraph: undici's Pool to its origin with the settings @mercuriusjs/gateway
 * gives its own (10 connections, 30 s body and headers timeouts, 5 s keep-alive), taken from the
 * undici that library depends on, wrapped in the in-flight deduplication.
 */
/** `timeoutMs`: how long the subgraph may take to answer (headers, then body): SUBGRAPH_TIMEOUT_MS. */
export function subgraphAgent(url: string, timeoutMs = 30_000): DeduplicatingSubgraphAgent {
  const requireFromGateway = createRequire(createRequire(import.meta.url).resolve('@mercuriusjs/gateway'));
  const { Pool } = requireFromGateway('undici') as {
    Pool: new (origin: string, options: Record<string, unknown>) => SubgraphDispatcher;
  };
  const pool = new Pool(new URL(url).origin, {
    bodyTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    maxHeaderSize: 16_384,
    keepAliveMaxTimeout: 5_000,
    connections: 10,
  });
  return new DeduplicatingSubgraphAgent(pool);
}
