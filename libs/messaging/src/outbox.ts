import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventContract } from '#contracts';
import { context, trace, type Span } from '@opentelemetry/api';
import { currentContext, newCorrelationId, tracingEnabled } from '#platform';
import { newCloudEvent, type CloudEvent } from './cloud-event.js';
import { traceExtensionOf } from './event-tracing.js';
import { failSpan, startCreateSpan } from './messaging-spans.js';
import { eventsTopicFor, MESSAGING_OPTIONS, type MessagingOptions } from './messaging-options.js';
import { PersonalDataKeys } from './personal-data/personal-data-keys.js';
import { insertOutboxRows, type OutboxRow } from './outbox-rows.js';

export interface OutgoingEvent<T = unknown> {
  contract: EventContract<T>;
  data: T;
  /** The aggregate the event is about: the CloudEvents subject and the Kafka key. */
  subject: string;
}

/** Convenience to build an OutgoingEvent with the data type checked against the contract. */
export function outgoing<T>(contract: EventContract<T>, subject: string, data: T): OutgoingEvent<T> {
  return { contract, subject, data };
}

/**
 * Writes integration events to the outbox table inside the caller's transaction, so that they
 * commit or roll back together with the state change that produced them. Personal fields (the
 * contract's `personal`) are written encrypted with their person's key (PersonalDataKeys).
 * When tracing is on, each event gets a `create` span, a child of the active one (the command's),
 * and carries that span's W3C trace context (CloudEvents `traceparent`/`tracestate`).
 */
@Injectable()
export class Outbox {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly personalData: PersonalDataKeys,
  ) {}

  async append(manager: EntityManager, events: OutgoingEvent<unknown>[]): Promise<CloudEvent[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.append must run inside a transaction');
    }
    const ctx = currentContext();
    const written: CloudEvent[] = [];
    const rows: OutboxRow[] = [];
    const spans: Span[] = [];
    try {
      for (const e of events) {
        if (e.contract.context !== this.options.publishes) {
          throw new Error(`${this.options.service} does not publish ${e.contract.type}`);
        }
        // Validated in clear, then the personal fields sealed with their person's key (crypto-shredding).
        const { data, keyRow } = await this.personalData.seal(manager, e.contract, e.contract.schema.parse(e.data));
        if (keyRow) rows.push(keyRow);
        const topic = eventsTopicFor(this.options, e.contract.context);
        let event = newCloudEvent({
          type: e.contract.type,
          source: `/mentorflow/${this.options.service}`,
          subject: e.subject,
          data,
          correlationid: ctx?.correlationId ?? newCorrelationId(),
          causationid: ctx?.causationId,
        });
        if (tracingEnabled()) {
          const span = startCreateSpan(event, topic);
          spans.push(span);
          event = { ...event, ...traceExtensionOf(trace.setSpan(context.active(), span)) };
        }
        rows.push({ eventId: event.id, topic, key: e.subject, type: event.type, envelope: JSON.stringify(event) });
        written.push(event);
      }
      // The command's events and its new people's keys, each key before the first event sealed with it: one statement.
      await insertOutboxRows(manager, rows);
    } catch (err) {
      for (const span of spans) failSpan(span, err as Error);
      throw err;
    } finally {
      for (const span of spans) span.end();
    }
    return written;
  }
}
