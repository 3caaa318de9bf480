import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { decodeCursor, encodeCursor } from '#platform';

const SUBSCRIBE = `subscription ($after: String) { notifications(after: $after) { id type internId subjectId cursor } }`;

/** The sequence number a notification cursor carries (the cursor is the gateway's Relay cursor). */
const seqOf = (cursor: string): bigint => BigInt(decodeCursor(cursor).sort);

export interface LiveNotification {
  id: string;
  type: string;
  internId: string | null;
  subjectId: string | null;
  cursor: string;
}

/**
 * One user subscribed to their notifications on one gateway (over graphql-ws), for as long as the
 * test runs: when the gateway goes away (killed, restarted) it connects again, with the cursor of
 * the latest notification it received, so that the gateway catches it up on what it missed. The
 * first connection asks from the very start (a cursor before the first notification), so every
 * notification of the user is delivered. Counts what arrived per notification id (each must
 * arrive once), and notes when the connection that brought it opened: a notification stored after
 * that came live (through the gateways' Postgres NOTIFY), not from a catch-up.
 */
export class LiveSubscriber {
  /** Per notification id: how many times it arrived, and when the connection that first brought it opened. */
  readonly received = new Map<
    string,
    { notification: LiveNotification; times: number; connectedAt: Date; connections: number[] }
  >();
  readonly errors: string[] = [];
  connections = 0;
  private lastCursor = encodeCursor({ sort: '0', id: 'start' });
  private client: Client | undefined;
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly wsUrl: string,
    private readonly token: string,
  ) {
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.connections++;
      const connectedAt = new Date();
      const client = createClient({
        url: this.wsUrl,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: { authorization: `Bearer ${this.token}` },
      });
      this.client = client;
      try {
        for await (const result of client.iterate<{ notifications: LiveNotification }>({
          query: SUBSCRIBE,
          variables: { after: this.lastCursor },
        })) {
          if (result.errors) this.errors.push(...result.errors.map((e) => e.message));
          const n = result.data?.notifications;
          if (!n) continue;
          const seen = this.received.get(n.id);
          if (seen) {
            seen.times++;
            seen.connections.push(this.connections);
          } else {
            this.received.set(n.id, { notification: n, times: 1, connectedAt, connections: [this.connections] });
          }
          // Resume after the highest sequence received: notifications stored by two gateways at
          // once may arrive out of sequence order, and resuming after a lower one would bring the
          // higher one again.
          if (seqOf(n.cursor) > seqOf(this.lastCursor)) this.lastCursor = n.cursor;
        }
      } catch {
        // The gateway went away (or refused the connection while restarting): connect again.
      }
      await client.dispose();
      if (!this.stopped) await new Promise((r) => setTimeout(r, 300));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.dispose();
    await this.loop;
  }
}
