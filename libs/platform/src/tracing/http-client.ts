import diagnostics from 'node:diagnostics_channel';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { injectTraceContextInto, TRACER_NAME } from './trace-context.js';

/** What undici publishes about a request (its documented diagnostics channels). */
interface UndiciRequest {
  origin?: string | URL;
  method?: string;
  path?: string;
  addHeader(name: string, value: string): unknown;
}

const peerNames = new Map<string, string>();

/** Names the service at `url`'s origin in client spans (`POST cohorts`): the gateway's subgraphs. */
export function namePeer(url: string, name: string): void {
  peerNames.set(new URL(url).origin, name);
}

/**
 * Client spans for the HTTP requests made through undici (the gateway's subgraph fetches, Node's
 * `fetch`) while a traced operation is running: each is a child of the active span, and its
 * `traceparent` is added to the request's headers, so the service called continues the trace.
 * Requests made outside any traced operation (health probes, schema polling) are left alone.
 * Returns the unsubscribe.
 */
export function traceOutgoingRequests(): () => void {
  const spans = new WeakMap<object, Span>();
  const onCreate = (message: unknown): void => {
    const { request } = message as { request: UndiciRequest };
    const parent = context.active();
    if (!trace.getSpan(parent)?.isRecording()) return;
    const origin = String(request.origin ?? '');
    const method = request.method ?? 'GET';
    const peer = peerNames.get(origin);
    let host = origin;
    try {
      host = new URL(origin).host;
    } catch {
      /* keep it as given */
    }
    const span = trace.getTracer(TRACER_NAME).startSpan(
      `${method} ${peer ?? host}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': method,
          'url.full': `${origin}${(request.path ?? '').split('?')[0]}`,
          'server.address': host,
          ...(peer ? { 'peer.service': peer } : {}),
        },
      },
      parent,
    );
    injectTraceContextInto(trace.setSpan(parent, span), (name, value) => request.addHeader(name, value));
    spans.set(request, span);
  };
  const onHeaders = (message: unknown): void => {
    const { request, response } = message as { request: object; response: { statusCode: number } };
    const span = spans.get(request);
    if (!span) return;
    span.setAttribute('http.response.status_code', response.statusCode);
    if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  };
  const onDone = (message: unknown): void => {
    const { request } = message as { request: object };
    spans.get(request)?.end();
    spans.delete(request);
  };
  const onError = (message: unknown): void => {
    const { request, error } = message as { request: object; error: Error };
    const span = spans.get(request);
    if (!span) return;
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    span.end();
    spans.delete(request);
  };
  const subscriptions: [string, (message: unknown) => void][] = [
    ['undici:request:create', onCreate],
    ['undici:request:headers', onHeaders],
    ['undici:request:trailers', onDone],
    ['undici:request:error', onError],
  ];
  for (const [name, fn] of subscriptions) diagnostics.subscribe(name, fn);
  return () => {
    for (const [name, fn] of subscriptions) diagnostics.unsubscribe(name, fn);
  };
}
