import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { CORRELATION_HEADER } from '../request-context.js';
import { extractTraceContext, TRACER_NAME } from './trace-context.js';
import { tracingEnabled } from './tracing.js';

const spans = new WeakMap<FastifyRequest, Span>();

/** The server span of a request (undefined when tracing is off or the route is not traced). */
export function serverSpanOf(request: FastifyRequest): Span | undefined {
  return spans.get(request);
}

/**
 * A server span per request of `app` (but for the routes in `skip`: health and metrics), the child
 * of the caller's `traceparent` when it sent one, ended with the response; each route handler runs
 * with that span active, so everything the request does (resolvers, commands, the outbox, the
 * gateway's subgraph fetches) joins its trace. Installs nothing when tracing is off; must be called
 * before the routes are added (it wraps each handler as Fastify adds it).
 */
export function traceRequests(app: FastifyInstance, skip: ReadonlySet<string> = new Set()): void {
  if (!tracingEnabled()) return;
  app.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    const route = request.routeOptions?.url;
    if (route === undefined || skip.has(route)) return done();
    const correlationId = request.headers[CORRELATION_HEADER];
    const span = trace.getTracer(TRACER_NAME).startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': route,
          'url.path': request.url.split('?')[0]!,
          ...(typeof correlationId === 'string' ? { 'mentorflow.correlation_id': correlationId } : {}),
        },
      },
      extractTraceContext(request.headers),
    );
    spans.set(request, span);
    done();
  });
  const end = (request: FastifyRequest, reply: FastifyReply | undefined, done: () => void): void => {
    const span = spans.get(request);
    if (span) {
      spans.delete(request);
      if (reply) {
        span.setAttribute('http.response.status_code', reply.statusCode);
        if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      } else {
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'request aborted' });
      }
      span.end();
    }
    done();
  };
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) =>
    end(request, reply, done),
  );
  app.addHook('onRequestAbort', (request: FastifyRequest, done: () => void) => end(request, undefined, done));
  app.addHook('onRoute', (route) => {
    const handler = route.handler as (this: FastifyInstance, ...args: unknown[]) => unknown;
    route.handler = function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      const span = spans.get(request);
      if (!span) return handler.call(this, request, reply);
      return context.with(trace.setSpan(context.active(), span), handler, this, request, reply);
    } as RouteHandlerMethod;
  });
}
