import { describe, expect, it } from '@jest/globals';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { decodeCloudEvent, encodeCloudEvent, newCloudEvent, type CloudEvent } from './cloud-event.js';
import { eventTraceContext, traceExtensionOf, validTraceExtension } from './event-tracing.js';

// The CloudEvents distributed-tracing extension: the W3C trace context of the span that created
// an event, in the envelope (`traceparent`, `tracestate`) and in Kafka (`ce_traceparent`, `ce_tracestate`).

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;

function anEvent(extension: { traceparent?: string; tracestate?: string } = {}): CloudEvent {
  return newCloudEvent({
    type: 'mentorflow.cohorts.InternEnrolled.v1',
    source: '/mentorflow/cohorts',
    subject: 'cohort-1',
    data: { internId: 'i-1' },
    correlationid: 'corr-1',
    ...extension,
  });
}

/** As Kafka delivers them: every header a Buffer. */
function delivered(headers: Record<string, string>): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]));
}

describe('CloudEvents traceparent codec', () => {
  it('writes the extension of the span in a context, and nothing without one', () => {
    const span = trace.wrapSpanContext({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED });
    expect(traceExtensionOf(trace.setSpan(ROOT_CONTEXT, span))).toEqual({ traceparent: TRACEPARENT });
    expect(traceExtensionOf(ROOT_CONTEXT)).toEqual({});
  });

  it('carries traceparent and tracestate as ce_ headers and decodes them back', () => {
    const event = anEvent({ traceparent: TRACEPARENT, tracestate: 'vendor=abc,other=1' });
    const record = encodeCloudEvent(event, 'cohort-1');
    expect(record.headers).toMatchObject({ ce_traceparent: TRACEPARENT, ce_tracestate: 'vendor=abc,other=1' });
    const decoded = decodeCloudEvent({ value: record.value, headers: delivered(record.headers) });
    expect(decoded).toEqual(event);
    expect(decoded.traceparent).toBe(TRACEPARENT);
  });

  it('continues the trace of the event: its context holds the creating span as a remote parent', () => {
    const parent = trace.getSpanContext(eventTraceContext(anEvent({ traceparent: TRACEPARENT })));
    expect(parent).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, isRemote: true });
    expect(trace.getSpanContext(eventTraceContext(anEvent()))).toBeUndefined();
  });

  it('leaves the headers out for an event without the extension, and decodes it without one', () => {
    const record = encodeCloudEvent(anEvent(), 'cohort-1');
    expect(Object.keys(record.headers)).not.toContain('ce_traceparent');
    expect(Object.keys(record.headers)).not.toContain('ce_tracestate');
    const decoded = decodeCloudEvent({ value: record.value, headers: delivered(record.headers) });
    expect(decoded).not.toHaveProperty('traceparent');
    expect(decoded).not.toHaveProperty('tracestate');
  });

  it.each([
    ['not a traceparent', 'hello'],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN_ID}-01`],
    ['an all-zero span id', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['the forbidden version ff', `ff-${TRACE_ID}-${SPAN_ID}-01`],
    ['upper-case hex', `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`],
    ['a short trace id', `00-${TRACE_ID.slice(2)}-${SPAN_ID}-01`],
    ['extra fields in version 00', `${TRACEPARENT}-extra`],
  ])('ignores %s (and its tracestate): the event is still delivered', (_what, traceparent) => {
    const record = encodeCloudEvent(anEvent(), 'cohort-1');
    const decoded = decodeCloudEvent({
      value: record.value,
      headers: delivered({ ...record.headers, ce_traceparent: traceparent, ce_tracestate: 'vendor=abc' }),
    });
    expect(decoded.type).toBe('mentorflow.cohorts.InternEnrolled.v1');
    expect(decoded).not.toHaveProperty('traceparent');
    expect(decoded).not.toHaveProperty('tracestate');
    expect(validTraceExtension(traceparent, 'vendor=abc')).toEqual({});
  });

  it('ignores a tracestate that comes without a traceparent', () => {
    const record = encodeCloudEvent(anEvent(), 'cohort-1');
    const decoded = decodeCloudEvent({
      value: record.value,
      headers: delivered({ ...record.headers, ce_tracestate: 'vendor=abc' }),
    });
    expect(decoded).not.toHaveProperty('tracestate');
    expect(anEvent({ tracestate: 'vendor=abc' })).not.toHaveProperty('tracestate');
  });

  it('accepts a later version of traceparent, as W3C trace context asks', () => {
    expect(validTraceExtension(`01-${TRACE_ID}-${SPAN_ID}-01-more`)).toEqual({
      traceparent: `01-${TRACE_ID}-${SPAN_ID}-01-more`,
    });
  });
});
