import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Link, type Span } from '@opentelemetry/api';
import { extractTraceContext, TRACER_NAME } from '#platform';
import type { CloudEvent } from './cloud-event.js';
import { eventTraceContext } from './event-tracing.js';

/**
 * The messaging spans (OpenTelemetry semantic conventions for messaging, Kafka): an event's
 * `create` span when the outbox writes it, whose context the event carries (CloudEvents
 * distributed-tracing extension); the relay's `send` span, a child of it, when Kafka takes the
 * event; and each consumer's `process` span, a child of it too, linked to the `send` span. Their
 * start and end times are the hops of the command → projection lag: outbox wait, publish,
 * delivery and handling.
 */

const tracer = () => trace.getTracer(TRACER_NAME);

function eventAttributes(event: Pick<CloudEvent, 'id' | 'type' | 'subject'>, topic: string): Attributes {
  return {
    'messaging.system': 'kafka',
    'messaging.destination.name': topic,
    'messaging.message.id': event.id,
    'messaging.kafka.message.key': event.subject,
    'cloudevents.event_id': event.id,
    'cloudevents.event_type': event.type,
    'cloudevents.event_subject': event.subject,
  };
}

/** The span of an event written to the outbox, a child of the active one (the command's). */
export function startCreateSpan(event: Pick<CloudEvent, 'id' | 'type' | 'subject'>, topic: string): Span {
  return tracer().startSpan(`create ${topic}`, {
    kind: SpanKind.PRODUCER,
    attributes: { ...eventAttributes(event, topic), 'messaging.operation.type': 'create' },
  });
}

/** The relay's span of one event sent to Kafka in a batch of `batchSize`: a child of the event's context. */
export function startSendSpan(event: CloudEvent, topic: string, batchSize: number): Span {
  return tracer().startSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        ...eventAttributes(event, topic),
        'messaging.operation.type': 'send',
        'messaging.batch.message_count': batchSize,
        // How long the event waited in the outbox: from its creation to the relay's send.
        'mentorflow.outbox.wait_ms': Math.max(0, Date.now() - Date.parse(event.time)),
      },
    },
    eventTraceContext(event),
  );
}

/**
 * Runs a consumer's handling of `event` in its `process` span: a child of the event's context,
 * linked to the relay's `send` span (the message's `traceparent` header); `fn` runs with the
 * span active, so the events its handlers write continue the trace.
 */
export async function inProcessSpan<T>(
  event: CloudEvent,
  coordinates: { topic: string; partition: number; offset: string; group: string; sendTraceparent?: string },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const send = coordinates.sendTraceparent
    ? trace.getSpanContext(extractTraceContext({ traceparent: coordinates.sendTraceparent }))
    : undefined;
  const links: Link[] = send && trace.isSpanContextValid(send) ? [{ context: send }] : [];
  const span = tracer().startSpan(
    `process ${coordinates.topic}`,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: {
        ...eventAttributes(event, coordinates.topic),
        'messaging.operation.type': 'process',
        'messaging.consumer.group.name': coordinates.group,
        'messaging.destination.partition.id': String(coordinates.partition),
        'messaging.kafka.offset': Number(coordinates.offset),
        'mentorflow.correlation_id': event.correlationid,
      },
    },
    eventTraceContext(event),
  );
  try {
    return await context.with(trace.setSpan(context.active(), span), () => fn(span));
  } catch (err) {
    failSpan(span, err as Error);
    throw err;
  } finally {
    span.end();
  }
}

/** Marks a span failed with the error. */
export function failSpan(span: Span, err: Error): void {
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}
