import { describe, expect, it } from '@jest/globals';
import {
  decodeCloudEvent,
  encodeCloudEvent,
  MalformedEventError,
  newCloudEvent,
  parseEventType,
} from './cloud-event.js';

describe('CloudEvents binary-mode codec', () => {
  const event = newCloudEvent({
    type: 'mentorflow.cohorts.InternEnrolled.v1',
    source: '/mentorflow/cohorts',
    subject: 'cohort-1',
    data: { internId: 'i-1', focusAreas: ['nlp'] },
    correlationid: 'corr-1',
    causationid: 'cause-1',
  });

  it('puts the attributes in ce_ headers and the data in the value, keyed by the aggregate', () => {
    const record = encodeCloudEvent(event, 'cohort-1');
    expect(record.key).toBe('cohort-1');
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: 'mentorflow.cohorts.InternEnrolled.v1',
      ce_source: '/mentorflow/cohorts',
      ce_subject: 'cohort-1',
      ce_time: event.time,
      ce_correlationid: 'corr-1',
      ce_causationid: 'cause-1',
      'content-type': 'application/json',
    });
    expect(JSON.parse(record.value.toString())).toEqual({ internId: 'i-1', focusAreas: ['nlp'] });
  });

  it('decodes what it encodes, from Buffer headers as Kafka delivers them', () => {
    const record = encodeCloudEvent(event, 'cohort-1');
    const headers = Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(decodeCloudEvent({ value: record.value, headers })).toEqual(event);
  });

  it('names the missing headers of a malformed message', () => {
    expect(() => decodeCloudEvent({ value: Buffer.from('{}'), headers: { ce_id: 'x' } })).toThrow(
      /ce_type, ce_source, ce_subject, ce_time, ce_specversion/,
    );
  });

  it('refuses data that is not JSON and an unknown spec version', () => {
    const record = encodeCloudEvent(event, 'k');
    expect(() => decodeCloudEvent({ value: Buffer.from('not json'), headers: record.headers })).toThrow(
      MalformedEventError,
    );
    expect(() =>
      decodeCloudEvent({ value: record.value, headers: { ...record.headers, ce_specversion: '0.3' } }),
    ).toThrow(/specversion/);
  });

  it('parses versioned type names', () => {
    expect(parseEventType('mentorflow.scoping.ProjectScopeApproved.v2')).toEqual({
      context: 'scoping',
      name: 'ProjectScopeApproved',
      version: 2,
    });
    expect(parseEventType('com.example.Other')).toBeUndefined();
  });
});
