import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small round-robin HTTP front, as a load balancer stands in front of an app's replicas: each
 * request goes to the next target in turn. A target that refuses the connection (stopped,
 * restarting) is passed over for a moment and the request goes to the next one, which is safe
 * since it never reached the refusing one; any other failure (a connection reset mid-request) is
 * answered 502 with a GraphQL error, as the client of a real balancer would see it. No keep-alive
 * towards the targets: a restarting instance never gets a request on a socket it is closing.
 */
export interface RoundRobinFront {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Requests answered by each target (`host:port`), and those refused by the front itself. */
  stats(): { byTarget: Record<string, number>; retried: number; failed: number };
  stop(): Promise<void>;
}

/** How long a target that refused a connection is passed over. */
const PASS_OVER_MS = 300;

export async function startRoundRobinFront(options: { port: number; targets: number[] }): Promise<RoundRobinFront> {
  const targets = options.targets.map((port) => ({ port, downUntil: 0, answered: 0 }));
  let next = 0;
  let retried = 0;
  let failed = 0;

  const pick = (tried: Set<number>) => {
    const now = Date.now();
    for (let i = 0; i < targets.length; i++) {
      const t = targets[(next + i) % targets.length]!;
      if (!tried.has(t.port) && t.downUntil <= now) {
        next = (next + i + 1) % targets.length;
        return t;
      }
    }
    // Every target passed over: try one not yet tried anyway (it may be back).
    return targets.find((t) => !tried.has(t.port));
  };

  const fail = (res: http.ServerResponse, message: string) => {
    failed++;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_GATEWAY' } }] });
    res.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const tried = new Set<number>();
      const attempt = (): void => {
        const target = pick(tried);
        if (!target) return fail(res, `front :${options.port}: no target accepted the connection`);
        tried.add(target.port);
        const headers = { ...req.headers, connection: 'close', 'content-length': String(body.length) };
        const upstream = http.request(
          { host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers, agent: false },
          (answer) => {
            target.answered++;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            answer.on('error', () => res.destroy());
          },
        );
        upstream.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'ECONNREFUSED') {
            target.downUntil = Date.now() + PASS_OVER_MS;
            retried++;
            return attempt();
          }
          fail(res, `front :${options.port}: target :${target.port} failed (${err.code ?? err.message})`);
        });
        upstream.end(body);
      };
      attempt();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({
      byTarget: Object.fromEntries(targets.map((t) => [`127.0.0.1:${t.port}`, t.answered])),
      retried,
      failed,
    }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
