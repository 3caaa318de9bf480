import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { inject } from '../../e2e/support/system.js';

/**
 * Raw HTTP against the started system, for the attacks fetch cannot express: node:http sends the
 * path exactly as written (`/graphq%6C`, `/graphql#x`; fetch would normalise or drop it), any
 * method (HEAD), and an `Upgrade` header (fetch refuses one).
 */

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  body: any;
}

export interface RawOptions {
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Another port of the system (a subgraph's own, say); default the gateway's. */
  port?: number;
}

export function gatewayPort(): number {
  return Number(new URL(inject('gatewayUrl')).port);
}

/** One request on its own connection, the path sent as written. */
export function raw(method: string, path: string, options: RawOptions = {}): Promise<RawResponse> {
  const { headers = {}, body } = options;
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: options.port ?? gatewayPort(),
        method,
        path,
        agent: false,
        headers: {
          ...(payload !== undefined
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }
            : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode!, headers: res.headers, text, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** The error codes of a GraphQL-shaped body. */
export function codesOf(body: any): (string | undefined)[] {
  return ((body?.errors ?? []) as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code);
}

/** `/health/ready` of every app of the started system (gateway and the four services): their HTTP status. */
export async function readiness(): Promise<Record<string, number>> {
  const ports = inject('servicePorts');
  const entries = await Promise.all(
    Object.entries(ports).map(async ([name, port]) => {
      const res = await raw('GET', '/health/ready', { port });
      return [name, res.status] as const;
    }),
  );
  return Object.fromEntries(entries);
}
