import { ROOT_CONTEXT, trace, type Context, type Span, context, type TextMapGetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** The instrumentation scope of every Mentorflow span. */
export const TRACER_NAME = 'mentorflow';

/** W3C trace context (`traceparent`, `tracestate`): over HTTP, and in events as the CloudEvents extension. */
export const w3cTraceContext = new W3CTraceContextPropagator();

const headerGetter: TextMapGetter<Record<string, unknown>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (Array.isArray(value)) return value.map(String);
    return value === undefined || value === null ? undefined : String(value);
  },
};

/** The context a W3C `traceparent`/`tracestate` pair continues (ROOT when absent or invalid). */
export function extractTraceContext(carrier: Record<string, unknown>, parent: Context = ROOT_CONTEXT): Context {
  return w3cTraceContext.extract(parent, carrier, headerGetter);
}

/** Calls `set` with `traceparent` (and `tracestate` when there is one) of the span in `ctx`; not at all without a valid span. */
export function injectTraceContextInto(ctx: Context, set: (name: string, value: string) => void): void {
  w3cTraceContext.inject(ctx, undefined, { set: (_carrier, name, value) => set(name, value) });
}

/** `traceparent` (and `tracestate` when there is one) of the span in `ctx`; empty without a valid span. */
export function injectTraceContext(ctx: Context): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  injectTraceContextInto(ctx, (name, value) => (carrier[name] = value));
  return carrier;
}

/** The context with `span` active in it. */
export function withSpan(span: Span, parent: Context = context.active()): Context {
  return trace.setSpan(parent, span);
}
