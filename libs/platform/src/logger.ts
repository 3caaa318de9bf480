import type { LoggerService } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';
import { currentContext } from './request-context.js';
import { tracingEnabled } from './tracing/tracing.js';

/**
 * JSON logs (pino), one line each, carrying the service name and the correlation id of the
 * request or event being handled. Written to stdout asynchronously: a synchronous write per
 * line was a visible share of the gateway's CPU under load; lines that arrive while a write is
 * in flight go out together, and what is buffered is flushed when the process exits. With tracing
 * on, a line written inside a span also carries its `traceId` and `spanId`: from a log line to its trace.
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination: DestinationStream = pino.destination({ dest: 1, sync: false }),
): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      mixin() {
        const ctx = currentContext();
        const fields: Record<string, string | undefined> = ctx
          ? { correlationId: ctx.correlationId, causationId: ctx.causationId }
          : {};
        if (tracingEnabled()) {
          const span = trace.getActiveSpan()?.spanContext();
          if (span) Object.assign(fields, { traceId: span.traceId, spanId: span.spanId });
        }
        return fields;
      },
    },
    destination,
  );
}

/** Nest's logger interface over pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
