import { afterEach, describe, expect, it } from '@jest/globals';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { createLogger } from './logger.js';
import { runWithContext } from './request-context.js';
import { startTracing, TRACER_NAME, type Tracing } from './tracing/index.js';

/** A logger writing its JSON lines into an array. */
function capture(): { lines: Record<string, unknown>[]; logger: ReturnType<typeof createLogger> } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('unit', 'info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { lines, logger };
}

let tracing: Tracing | undefined;
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});

describe('log lines', () => {
  it('carry the correlation id of the request or event being handled, and no trace without tracing', () => {
    const { lines, logger } = capture();
    runWithContext({ correlationId: 'corr-1', causationId: 'cause-1' }, () => logger.info('event applied'));
    expect(lines[0]).toMatchObject({
      service: 'unit',
      msg: 'event applied',
      correlationId: 'corr-1',
      causationId: 'cause-1',
    });
    expect(lines[0]).not.toHaveProperty('traceId');
  });

  it('carry the trace and span ids of the active span when tracing is on', () => {
    tracing = startTracing({
      serviceName: 'unit',
      spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())],
    });
    const { lines, logger } = capture();
    const ids = trace.getTracer(TRACER_NAME).startActiveSpan('work', (span) => {
      runWithContext({ correlationId: 'corr-2' }, () => logger.info('inside'));
      span.end();
      return span.spanContext();
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({ correlationId: 'corr-2', traceId: ids.traceId, spanId: ids.spanId });
    expect(lines[1]).not.toHaveProperty('traceId');
  });
});
