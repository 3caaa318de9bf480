import { context, propagation, SpanStatusCode, trace, type Attributes, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { ConfigError } from '../config.js';
import { traceOutgoingRequests } from './http-client.js';
import { TRACER_NAME, w3cTraceContext } from './trace-context.js';

export interface TracingOptions {
  /** `service.name` of every span: OTEL_SERVICE_NAME, else the app's name. */
  serviceName: string;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: spans go to `<endpoint>/v1/traces` over OTLP/HTTP in batches. */
  endpoint?: string;
  /** Processors of one's own instead (tests: a SimpleSpanProcessor over an InMemorySpanExporter). */
  spanProcessors?: SpanProcessor[];
}

/** The process's tracing, once started. */
export interface Tracing {
  readonly enabled: boolean;
  /** Exports what is buffered (at shutdown). */
  flush(): Promise<void>;
  /** Flushes, then unregisters the provider (tests start another one afterwards). */
  shutdown(): Promise<void>;
}

const disabled: Tracing = { enabled: false, flush: async () => undefined, shutdown: async () => undefined };
let current: Tracing = disabled;

/** Whether spans are recorded in this process: the hot paths do nothing more when they are not. */
export function tracingEnabled(): boolean {
  return current.enabled;
}

export function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/** Flushes the spans buffered for export; nothing to do when tracing is off. */
export function flushTracing(): Promise<void> {
  return current.flush();
}

/**
 * Where OTLP/HTTP traces go for an OTEL_EXPORTER_OTLP_ENDPOINT (the collector's base URL, as the
 * OpenTelemetry specification defines the variable): `<endpoint>/v1/traces`. Throws a ConfigError
 * naming the variable when it is not an http(s) URL.
 */
export function otlpTracesUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigError(
      `Invalid configuration:\n  OTEL_EXPORTER_OTLP_ENDPOINT: ${JSON.stringify(endpoint)} is not a URL (e.g. http://otel-collector:4318)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(
      `Invalid configuration:\n  OTEL_EXPORTER_OTLP_ENDPOINT: must be an http(s) URL (OTLP/HTTP), not ${url.protocol}`,
    );
  }
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * Starts tracing for the process: a NodeTracerProvider (context carried by AsyncLocalStorage,
 * W3C trace context propagation) exporting over OTLP/HTTP with a BatchSpanProcessor when an
 * endpoint is given, or through the given processors. With neither, nothing is registered: the
 * OpenTelemetry API stays a no-op and the instrumented paths skip their work (`tracingEnabled`).
 */
export function startTracing(options: TracingOptions): Tracing {
  const processors = [...(options.spanProcessors ?? [])];
  if (options.endpoint) {
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(options.endpoint) })));
  }
  if (processors.length === 0) return disabled;
  if (current.enabled) throw new Error('tracing is already started in this process');
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': options.serviceName })),
    spanProcessors: processors,
  });
  provider.register({ propagator: w3cTraceContext });
  const stopClientSpans = traceOutgoingRequests();
  const started: Tracing = {
    enabled: true,
    flush: () => provider.forceFlush(),
    async shutdown() {
      stopClientSpans();
      if (current === started) current = disabled;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  current = started;
  return started;
}

/**
 * Runs `fn` in an internal span named `name`, a child of the active one, active itself while `fn`
 * runs; a thrown error marks the span failed. Without tracing, just runs `fn`.
 */
export async function inSpan<T>(name: string, fn: () => Promise<T>, attributes?: Attributes): Promise<T> {
  if (!current.enabled) return fn();
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}
