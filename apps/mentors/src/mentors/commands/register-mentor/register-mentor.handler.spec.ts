import { describe, expect, it } from '@jest/globals';
import { MentorRegisteredV1 } from '#contracts';
import { ConflictError, ValidationError } from '#ddd';
import { mentorsFakes } from '../../../assignments/commands/testing/fakes.js';
import { RegisterMentorCommand } from './register-mentor.command.js';
import { RegisterMentorHandler } from './register-mentor.handler.js';

const NOW = new Date('2027-06-01T09:00:00Z');

const input = {
  mentorId: 'mentor-grace',
  name: 'Grace Hopper',
  email: 'grace@example.com',
  team: 'Compilers',
  expertise: ['compilers', 'COBOL'],
  timezone: 'America/New_York',
};

function setup() {
  const f = mentorsFakes(NOW);
  const handler = f.build(RegisterMentorHandler);
  const register = (props: Partial<typeof input> & { capacity?: number }, by = 'pm-1') =>
    handler.execute(new RegisterMentorCommand({ ...input, ...props }, by));
  const mentorIds = () => f.db.state.mentors.map((m) => m.mentorId);
  return { ...f, register, mentorIds };
}

describe('RegisterMentorHandler', () => {
  it('saves the mentor and appends MentorRegistered in the same transaction', async () => {
    const { register, dataSource, outbox, mentorIds } = setup();
    const mentor = await register({ capacity: 3 });

    expect(mentor.snapshot()).toMatchObject({ mentorId: 'mentor-grace', capacity: 3, cohortIds: null });
    expect(dataSource.transactions).toBe(1);
    expect(mentorIds()).toEqual(['mentor-grace']);
    expect(outbox.events).toEqual([
      { type: MentorRegisteredV1.type, subject: 'mentor-grace', data: { ...input, capacity: 3 } },
    ]);
  });

  it('uses the default capacity of 2', async () => {
    const { register, outbox } = setup();
    await register({});
    expect(outbox.dataOf(MentorRegisteredV1).map((d) => d.capacity)).toEqual([2]);
  });

  it('refuses an id that is already registered, writing nothing', async () => {
    const { register, outbox, db } = setup();
    await register({});
    const error = await register({ name: 'Someone Else' }, 'pm-2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('CONFLICT');
    expect(db.state.mentors.map((m) => m.name)).toEqual(['Grace Hopper']);
    expect(outbox.events).toHaveLength(1);
  });

  it('refuses bad input before opening a transaction, naming every bad field', async () => {
    const { register, dataSource, outbox, mentorIds } = setup();
    const error = await register({ email: 'grace', capacity: 11, timezone: 'Atlantis/Capital' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).violations.map((v) => v.field)).toEqual(['email', 'timezone', 'capacity']);
    expect(dataSource.transactions).toBe(0);
    expect(mentorIds()).toEqual([]);
    expect(outbox.events).toHaveLength(0);
  });

  it('keeps nothing when appending to the outbox fails', async () => {
    const { register, outbox, mentorIds } = setup();
    outbox.append = async () => {
      throw new Error('outbox unavailable');
    };
    await expect(register({})).rejects.toThrow('outbox unavailable');
    expect(mentorIds()).toEqual([]);
  });
});
