import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { currentContext } from './request-context.js';

/**
 * JSON logs (pino), one line each, carrying the service name and the correlation id of the
 * request or event being handled. Written to stdout asynchronously: a synchronous write per
 * line was a visible share of the gateway's CPU under load; lines that arrive while a write is
 * in flight go out together, and what is buffered is flushed when the process exits.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      mixin() {
        const ctx = currentContext();
        return ctx ? { correlationId: ctx.correlationId, causationId: ctx.causationId } : {};
      },
    },
    pino.destination({ dest: 1, sync: false }),
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
