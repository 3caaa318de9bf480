import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { defineEvent } from '#contracts';
import { AggregateRoot } from '#ddd';
import { FakeDataSource, FakeOutbox } from '#testing';
import { outgoing } from './outbox.js';
import { domainEventMapper, UnitOfWork } from './unit-of-work.js';

const Opened = defineEvent('cohorts', 'TestOpened', 1, z.object({ id: z.string() }));
const Closed = defineEvent('cohorts', 'TestClosed', 1, z.object({ id: z.string(), why: z.string() }));

type DoorEvent =
  { name: 'Opened'; id: string } | { name: 'Closed'; id: string; why: string } | { name: 'Oiled'; id: string };

class Door extends AggregateRoot<DoorEvent> {
  constructor(readonly id: string) {
    super();
  }
  open(): void {
    this.record({ name: 'Opened', id: this.id });
  }
  close(why: string): void {
    this.record({ name: 'Closed', id: this.id, why });
  }
  oil(): void {
    this.record({ name: 'Oiled', id: this.id });
  }
}

const toIntegrationEvents = domainEventMapper<DoorEvent>({
  Opened: (e) => outgoing(Opened, e.id, { id: e.id }),
  Closed: (e) => outgoing(Closed, e.id, { id: e.id, why: e.why }),
  Oiled: () => null, // stays inside the service
});

function setup() {
  const outbox = new FakeOutbox();
  const dataSource = new FakeDataSource([outbox]);
  return { outbox, dataSource, uow: new UnitOfWork(dataSource.asDataSource(), outbox.asOutbox(), toIntegrationEvents) };
}

describe('UnitOfWork', () => {
  it('appends the events of every tracked aggregate (in the order tracked) and what was published (in its place), in the same transaction', async () => {
    const { outbox, dataSource, uow } = setup();
    const result = await uow.run(async ({ track, publish }) => {
      const a = track(new Door('a'));
      const b = track(new Door('b'));
      a.open();
      publish(outgoing(Opened, 'x', { id: 'x' }));
      b.close('wind');
      a.oil();
      a.close('night');
      track(a); // tracked once
      expect(track(null)).toBeNull();
      return 'done';
    });
    expect(result).toBe('done');
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events.map((e) => [e.type, e.subject])).toEqual([
      ['mentorflow.cohorts.TestOpened.v1', 'a'],
      ['mentorflow.cohorts.TestClosed.v1', 'a'],
      ['mentorflow.cohorts.TestClosed.v1', 'b'],
      ['mentorflow.cohorts.TestOpened.v1', 'x'],
    ]);
  });

  it('appends nothing when the work throws: the transaction rolls back', async () => {
    const { outbox, uow } = setup();
    await expect(
      uow.run(async ({ track }) => {
        track(new Door('a')).open();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(outbox.events).toEqual([]);
  });

  it('joins a transaction someone else opened', async () => {
    const { outbox, dataSource, uow } = setup();
    await dataSource.transaction((tx) => uow.join(tx, async ({ track }) => track(new Door('a')).open()));
    expect(dataSource.transactions).toBe(1);
    expect(outbox.types()).toEqual(['mentorflow.cohorts.TestOpened.v1']);
  });
});
