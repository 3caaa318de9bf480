import { randomUUID } from 'node:crypto';
import { validTraceExtension } from './event-tracing.js';

/**
 * CloudEvents 1.0 attributes plus Mentorflow's correlation and causation extensions, and the
 * distributed-tracing extension (`traceparent`, `tracestate`: the W3C trace context of the span
 * that created the event; see event-tracing.ts).
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  correlationid: string;
  causationid?: string;
  traceparent?: string;
  tracestate?: string;
  data: T;
}

export interface KafkaRecord {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

export class MalformedEventError extends Error {}

const REQUIRED = ['id', 'type', 'source', 'subject', 'time', 'specversion'] as const;

export function newCloudEvent<T>(attrs: {
  type: string;
  source: string;
  subject: string;
  data: T;
  correlationid?: string;
  causationid?: string;
  time?: Date;
  traceparent?: string;
  tracestate?: string;
}): CloudEvent<T> {
  const id = randomUUID();
  return {
    specversion: '1.0',
    id,
    type: attrs.type,
    source: attrs.source,
    subject: attrs.subject,
    time: (attrs.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    correlationid: attrs.correlationid ?? id,
    ...(attrs.causationid ? { causationid: attrs.causationid } : {}),
    ...(attrs.traceparent ? { traceparent: attrs.traceparent } : {}),
    ...(attrs.traceparent && attrs.tracestate ? { tracestate: attrs.tracestate } : {}),
    data: attrs.data,
  };
}

/** Binary content mode (CloudEvents Kafka binding): attributes in `ce_*` headers, data as the value. */
export function encodeCloudEvent(event: CloudEvent, key: string): KafkaRecord {
  const headers: Record<string, string> = {
    ce_specversion: event.specversion,
    ce_id: event.id,
    ce_type: event.type,
    ce_source: event.source,
    ce_subject: event.subject,
    ce_time: event.time,
    ce_correlationid: event.correlationid,
    'content-type': event.datacontenttype,
  };
  if (event.causationid) headers.ce_causationid = event.causationid;
  if (event.traceparent) {
    headers.ce_traceparent = event.traceparent;
    if (event.tracestate) headers.ce_tracestate = event.tracestate;
  }
  return { key, value: Buffer.from(JSON.stringify(event.data)), headers };
}

type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined;

function header(headers: RawHeaders, name: string): string | undefined {
  const raw = headers?.[name];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v === undefined ? undefined : v.toString();
}

/**
 * Decodes a Kafka message in binary mode; throws MalformedEventError naming what is missing or bad.
 * A `ce_traceparent` that is not a valid W3C traceparent is ignored (with its `ce_tracestate`):
 * tracing never costs an event.
 */
export function decodeCloudEvent(message: { value: Buffer | null; headers?: RawHeaders }): CloudEvent {
  const attrs: Record<string, string | undefined> = {};
  for (const name of [...REQUIRED, 'correlationid', 'causationid']) attrs[name] = header(message.headers, `ce_${name}`);
  const missing = REQUIRED.filter((n) => !attrs[n]);
  if (missing.length)
    throw new MalformedEventError(`missing CloudEvents header(s): ${missing.map((m) => `ce_${m}`).join(', ')}`);
  if (attrs.specversion !== '1.0') throw new MalformedEventError(`unsupported ce_specversion ${attrs.specversion}`);
  if (!message.value) throw new MalformedEventError('empty message value');
  let data: unknown;
  try {
    data = JSON.parse(message.value.toString('utf8'));
  } catch (e) {
    throw new MalformedEventError(`data is not JSON: ${(e as Error).message}`);
  }
  return {
    specversion: '1.0',
    id: attrs.id!,
    type: attrs.type!,
    source: attrs.source!,
    subject: attrs.subject!,
    time: attrs.time!,
    datacontenttype: 'application/json',
    correlationid: attrs.correlationid ?? attrs.id!,
    ...(attrs.causationid ? { causationid: attrs.causationid } : {}),
    ...validTraceExtension(header(message.headers, 'ce_traceparent'), header(message.headers, 'ce_tracestate')),
    data,
  };
}

/** `mentorflow.<context>.<Name>.v<N>` split into its parts, or undefined when it is not of that form. */
export function parseEventType(type: string): { context: string; name: string; version: number } | undefined {
  const m = /^mentorflow\.([a-z]+)\.([A-Za-z]+)\.v(\d+)$/.exec(type);
  return m ? { context: m[1]!, name: m[2]!, version: Number(m[3]) } : undefined;
}
