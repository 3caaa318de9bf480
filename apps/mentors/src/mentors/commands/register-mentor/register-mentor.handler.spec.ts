import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { MentorRegisteredV1 } from '#contracts';
import { ConflictError, ValidationError } from '#ddd';
import type { Outbox, OutgoingEvent } from '#messaging';
import type { Mentor } from '../../domain/mentor.js';
import type { MentorRepository } from '../../persistence/mentor.repository.js';
import { RegisterMentorCommand } from './register-mentor.command.js';
import { RegisterMentorHandler } from './register-mentor.handler.js';
import { MentorsUnitOfWork } from '../unit-of-work.js';

/** A transaction that keeps its writes only when the callback succeeds, like Postgres would. */
class FakeStore {
  mentors = new Map<string, Mentor>();
  outbox: OutgoingEvent<unknown>[] = [];
  transactions = 0;
  staged: { mentors: Map<string, Mentor>; outbox: OutgoingEvent<unknown>[] } | undefined;

  dataSource = {
    transaction: async <T>(work: (tx: EntityManager) => Promise<T>): Promise<T> => {
      this.transactions++;
      this.staged = { mentors: new Map(this.mentors), outbox: [...this.outbox] };
      try {
        const result = await work({ fake: 'tx' } as unknown as EntityManager);
        this.mentors = this.staged.mentors;
        this.outbox = this.staged.outbox;
        return result;
      } finally {
        this.staged = undefined;
      }
    },
  } as unknown as DataSource;

  repository = {
    exists: async (tx: EntityManager, id: string) => {
      expect(tx).toEqual({ fake: 'tx' });
      return this.staged!.mentors.has(id);
    },
    insert: async (tx: EntityManager, mentor: Mentor) => {
      expect(tx).toEqual({ fake: 'tx' });
      this.staged!.mentors.set(mentor.id, mentor);
    },
  } as unknown as MentorRepository;

  outboxWriter = {
    append: async (tx: EntityManager, events: OutgoingEvent<unknown>[]) => {
      expect(tx).toEqual({ fake: 'tx' });
      for (const e of events) e.contract.schema.parse(e.data);
      this.staged!.outbox.push(...events);
      return [];
    },
  } as unknown as Outbox;

  handler = new RegisterMentorHandler(new MentorsUnitOfWork(this.dataSource, this.outboxWriter), this.repository);
}

const input = {
  mentorId: 'mentor-grace',
  name: 'Grace Hopper',
  email: 'grace@example.com',
  team: 'Compilers',
  expertise: ['compilers', 'COBOL'],
  timezone: 'America/New_York',
};

describe('RegisterMentorHandler', () => {
  it('saves the mentor and appends MentorRegistered in the same transaction', async () => {
    const store = new FakeStore();
    const mentor = await store.handler.execute(new RegisterMentorCommand({ ...input, capacity: 3 }, 'pm-1'));

    expect(mentor.snapshot()).toMatchObject({ mentorId: 'mentor-grace', capacity: 3, cohortIds: null });
    expect(store.transactions).toBe(1);
    expect([...store.mentors.keys()]).toEqual(['mentor-grace']);
    expect(store.outbox).toHaveLength(1);
    const [event] = store.outbox;
    expect(event!.contract).toBe(MentorRegisteredV1);
    expect(event!.subject).toBe('mentor-grace');
    expect(event!.data).toEqual({
      mentorId: 'mentor-grace',
      name: 'Grace Hopper',
      email: 'grace@example.com',
      team: 'Compilers',
      expertise: ['compilers', 'COBOL'],
      timezone: 'America/New_York',
      capacity: 3,
    });
  });

  it('uses the default capacity of 2', async () => {
    const store = new FakeStore();
    await store.handler.execute(new RegisterMentorCommand(input, 'pm-1'));
    expect(MentorRegisteredV1.schema.parse(store.outbox[0]!.data).capacity).toBe(2);
  });

  it('refuses an id that is already registered, writing nothing', async () => {
    const store = new FakeStore();
    await store.handler.execute(new RegisterMentorCommand(input, 'pm-1'));
    const error = await store.handler
      .execute(new RegisterMentorCommand({ ...input, name: 'Someone Else' }, 'pm-2'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('CONFLICT');
    expect(store.mentors.get('mentor-grace')!.snapshot().name).toBe('Grace Hopper');
    expect(store.outbox).toHaveLength(1);
  });

  it('refuses bad input before opening a transaction, naming every bad field', async () => {
    const store = new FakeStore();
    const error = await store.handler
      .execute(
        new RegisterMentorCommand({ ...input, email: 'grace', capacity: 11, timezone: 'Atlantis/Capital' }, 'pm-1'),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations.map((v) => v.field)).toEqual(['email', 'timezone', 'capacity']);
    expect(store.transactions).toBe(0);
    expect(store.mentors.size).toBe(0);
    expect(store.outbox).toHaveLength(0);
  });

  it('keeps nothing when appending to the outbox fails', async () => {
    const store = new FakeStore();
    (store.outboxWriter as unknown as { append: () => Promise<never> }).append = async () => {
      throw new Error('outbox unavailable');
    };
    await expect(store.handler.execute(new RegisterMentorCommand(input, 'pm-1'))).rejects.toThrow('outbox unavailable');
    expect(store.mentors.size).toBe(0);
  });
});
