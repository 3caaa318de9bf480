import { setTimeout as sleep } from 'node:timers/promises';
import { brief, SimulationStepError } from './support.js';

/** One GraphQL error as the gateway answers it. */
export interface GqlError {
  message: string;
  extensions?: { code?: string; fields?: { field: string; message?: string }[] };
}

/**
 * One operation of the public API: its document, the root field it reads (which also names it in
 * the latency summary) and, as types only, its variables and that field's value.
 */
export interface Operation<Variables, Result> {
  readonly root: string;
  readonly document: string;
  /** Never set: carries the types. */
  readonly types?: (variables: Variables) => Result;
}

export const query = <Variables, Result>(root: string, document: string): Operation<Variables, Result> => ({
  root,
  document,
});

/** A mutation takes exactly one `input: <Mutation>Input!` (docs/CONVENTIONS.md); `selection` is what it reads back. */
export const mutation = <Input, Result>(root: string, selection: string): Operation<{ input: Input }, Result> => ({
  root,
  document: `mutation ($input: ${root[0].toUpperCase()}${root.slice(1)}Input!) { ${root}(input: $input) { ${selection} } }`,
});

/** The `input` a mutation takes. */
export type InputOf<O> = O extends Operation<{ input: infer I }, unknown> ? I : never;

/** An answer: the HTTP status, the whole `data`, the root field's value and the errors. */
export interface Answer<Result> {
  status: number;
  data: Record<string, unknown> | null;
  value: Result | null;
  errors?: GqlError[];
}

export const codesOf = (res: Answer<unknown>): (string | undefined)[] =>
  (res.errors ?? []).map((e) => e.extensions?.code);
const firstMessage = (res: Answer<unknown>): string => res.errors?.[0]?.message ?? '';

/** What a service answers until it has consumed the event the operation depends on. */
export const isNotFound = (res: Answer<unknown>): boolean => codesOf(res).includes('NOT_FOUND');
/** A CONFLICT because an evaluation window is not open yet (the evaluations service has not seen the week start). */
export const windowNotYetOpen = (res: Answer<unknown>): boolean =>
  codesOf(res).includes('CONFLICT') && /has not opened yet|is not known yet/.test(firstMessage(res));
/** BAD_USER_INPUT only about panel mentors: the cohorts service has not consumed their MentorRegistered yet. */
export const panelNotYetKnown = (res: Answer<unknown>): boolean => {
  const fields = res.errors?.[0]?.extensions?.fields ?? [];
  return (
    codesOf(res).includes('BAD_USER_INPUT') && fields.length > 0 && fields.every((f) => /panelMentorIds/.test(f.field))
  );
};
/** The evaluations service has not consumed the slot's PresentationSlotOpened / PresentationSlotBooked yet. */
export const slotNotYetKnown = (res: Answer<unknown>): boolean =>
  isNotFound(res) || (codesOf(res).includes('CONFLICT') && /is not booked/.test(firstMessage(res)));

export interface Latency {
  op: string;
  count: number;
  p50: number;
  p95: number;
  max: number;
  totalMs: number;
}

export interface GraphqlClient {
  readonly requests: number;
  /** Per operation: how many, p50, p95 and max latency in ms, slowest total first. */
  latencySummary(): Latency[];
  send<V, R>(token: string, op: Operation<V, R>, variables: V): Promise<Answer<R>>;
  /** The root field's value; a SimulationStepError naming the step, the request and the answer otherwise. */
  call<V, R>(what: string, token: string, op: Operation<V, R>, variables: V): Promise<R>;
  /**
   * Sends until `retryIf(answer)` is false (by default: not NOT_FOUND, which is what a service
   * answers until it has consumed the event the operation depends on); any other error fails at
   * once; a timeout names what did not arrive.
   */
  callWhen<V, R>(
    what: string,
    waitingFor: string,
    token: string,
    op: Operation<V, R>,
    variables: V,
    retryIf?: (res: Answer<R>) => boolean,
  ): Promise<R>;
}

/** The client: every call goes to the gateway at `url`, as a client's would. */
export function makeClient(url: string, { requestTimeoutMs = 60_000, waitTimeoutMs = 60_000 } = {}): GraphqlClient {
  let requests = 0;
  const latencies = new Map<string, number[]>();

  async function sendOnce<R>(token: string, op: Operation<never, R>, variables: unknown): Promise<Answer<R>> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: op.document, variables }),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    } catch (err) {
      const message = `request failed: ${(err as Error).message}`;
      return { status: 0, data: null, value: null, errors: [{ message, extensions: { code: 'NETWORK' } }] };
    }
    const text = await res.text();
    let body: { data?: Record<string, unknown> | null; errors?: GqlError[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      const message = `not JSON: ${text.slice(0, 300)}`;
      return { status: res.status, data: null, value: null, errors: [{ message, extensions: { code: 'HTTP' } }] };
    }
    const data = body.data ?? null;
    return { status: res.status, data, value: (data?.[op.root] as R | undefined) ?? null, errors: body.errors };
  }

  const send = async <V, R>(token: string, op: Operation<V, R>, variables: V): Promise<Answer<R>> => {
    requests++;
    const t0 = Date.now();
    try {
      return await sendOnce(token, op, variables);
    } finally {
      latencies.set(op.root, [...(latencies.get(op.root) ?? []), Date.now() - t0]);
    }
  };

  const failed = (what: string, op: Operation<never, unknown>, variables: unknown, res: Answer<unknown>) =>
    new SimulationStepError(
      `${what} failed`,
      `  request:  ${op.document.replace(/\s+/g, ' ').slice(0, 200)}\n  variables: ${brief(variables, 800)}\n  response: HTTP ${res.status} ${brief({ errors: res.errors, data: res.data })}`,
    );
  const succeeded = (res: Answer<unknown>): boolean => !res.errors?.length && res.data !== null;

  async function call<V, R>(what: string, token: string, op: Operation<V, R>, variables: V): Promise<R> {
    const res = await send(token, op, variables);
    if (!succeeded(res)) throw failed(what, op, variables, res);
    return res.value as R;
  }

  async function callWhen<V, R>(
    what: string,
    waitingFor: string,
    token: string,
    op: Operation<V, R>,
    variables: V,
    retryIf: (res: Answer<R>) => boolean = isNotFound,
  ): Promise<R> {
    const deadline = Date.now() + waitTimeoutMs;
    for (;;) {
      const res = await send(token, op, variables);
      if (succeeded(res)) return res.value as R;
      if (!retryIf(res)) throw failed(what, op, variables, res);
      if (Date.now() > deadline) {
        throw new SimulationStepError(
          `${what}: ${waitingFor} did not arrive within ${waitTimeoutMs} ms`,
          `  last response: ${brief({ errors: res.errors })}\n  variables: ${brief(variables, 600)}`,
        );
      }
      await sleep(250);
    }
  }

  return {
    get requests() {
      return requests;
    },
    latencySummary() {
      const pct = (sorted: number[], p: number) =>
        sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
      return [...latencies]
        .map(([op, list]) => {
          const sorted = [...list].sort((a, b) => a - b);
          return {
            op,
            count: list.length,
            p50: pct(sorted, 50),
            p95: pct(sorted, 95),
            max: sorted[sorted.length - 1],
            totalMs: list.reduce((a, b) => a + b, 0),
          };
        })
        .sort((a, b) => b.totalMs - a.totalMs);
    },
    send,
    call,
    callWhen,
  };
}
