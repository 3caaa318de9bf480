import { ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { extractTraceContext, injectTraceContext } from '#platform';

/**
 * The CloudEvents distributed-tracing extension: the W3C `traceparent` (and `tracestate`) of the
 * span that created the event. Written into the envelope by the outbox, carried in Kafka as the
 * `ce_traceparent`/`ce_tracestate` headers, continued by every consumer.
 */
export interface TraceExtension {
  traceparent?: string;
  tracestate?: string;
}

/** The extension for the span active in `ctx`; empty without one (tracing off, nothing traced). */
export function traceExtensionOf(ctx: Context): TraceExtension {
  return injectTraceContext(ctx);
}

/**
 * The extension as received, when its `traceparent` is a valid W3C traceparent (version, a
 * non-zero trace id and span id, flags); otherwise empty, `tracestate` included.
 */
export function validTraceExtension(traceparent?: string, tracestate?: string): TraceExtension {
  if (!traceparent) return {};
  const spanContext = trace.getSpanContext(extractTraceContext({ traceparent }));
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return {};
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/** The context an event's extension continues (ROOT without one). */
export function eventTraceContext(event: TraceExtension): Context {
  if (!event.traceparent) return ROOT_CONTEXT;
  return extractTraceContext({ traceparent: event.traceparent, tracestate: event.tracestate });
}
