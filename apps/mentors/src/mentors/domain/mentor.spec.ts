import { describe, expect, it } from '@jest/globals';
import { expectLabelled, violatedFields, violationsOf } from '#testing';
import { MentorRegisteredV1 } from '#contracts';
import {
  CapacityBelowLoadError,
  Mentor,
  MentorErasedError,
  validateErasure,
  validateMentorChanges,
  type RegisterMentorProps,
} from './mentor.js';

const valid: RegisterMentorProps = {
  mentorId: 'mentor-ada',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  team: 'Recommendations',
  expertise: ['recommender systems', 'python'],
  timezone: 'Europe/London',
};

const registering = (props: Partial<RegisterMentorProps> | Record<string, unknown>) => () =>
  Mentor.register({ ...valid, ...props } as RegisterMentorProps);
const fieldsOf = (props: Partial<RegisterMentorProps> | Record<string, unknown>) => violatedFields(registering(props));

/** Every field Mentor.update and validateMentorChanges check, wrong, and the fields they name. */
const everyChangeWrong = { name: null, email: 'nope', timezone: 'Mars/Base', capacity: 11, cohortIds: [] };
const everyChangeField = ['name', 'email', 'timezone', 'capacity', 'cohortIds'];

describe('Mentor.register', () => {
  it('registers a valid mentor with capacity 2 and every cohort by default', () => {
    const now = new Date('2027-06-01T09:00:00Z');
    const mentor = Mentor.register(valid, now);
    expect(mentor.snapshot()).toEqual({
      ...valid,
      capacity: 2,
      cohortIds: null,
      workingHours: null,
      registeredAt: now,
      erasedAt: null,
    });
    expect(mentor.isAvailableFor('any-cohort')).toBe(true);
  });

  it('records MentorRegistered once', () => {
    const mentor = Mentor.register(valid);
    const events = mentor.pullDomainEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.name).toBe('MentorRegistered');
    expect(events[0]).toMatchObject({ mentor: { mentorId: 'mentor-ada' } });
    expect(mentor.pullDomainEvents()).toEqual([]);
  });

  it('trims text and drops repeated expertise and cohort ids', () => {
    const mentor = Mentor.register({
      ...valid,
      mentorId: '  mentor-ada ',
      name: '  Ada  ',
      email: ' ada@example.com ',
      team: ' Recs ',
      expertise: [' Python ', 'python', 'ML'],
      timezone: ' Asia/Kolkata ',
      cohortIds: ['c-1', ' c-1', 'c-2'],
    });
    const s = mentor.snapshot();
    expect(s).toMatchObject({
      mentorId: 'mentor-ada',
      name: 'Ada',
      email: 'ada@example.com',
      team: 'Recs',
      timezone: 'Asia/Kolkata',
    });
    expect(s.expertise).toEqual(['Python', 'ML']);
    expect(s.cohortIds).toEqual(['c-1', 'c-2']);
    expect(mentor.isAvailableFor('c-2')).toBe(true);
    expect(mentor.isAvailableFor('c-3')).toBe(false);
  });

  it('treats a null capacity or cohort list as the defaults', () => {
    const s = Mentor.register({ ...valid, capacity: null, cohortIds: null }).snapshot();
    expect(s.capacity).toBe(2);
    expect(s.cohortIds).toBeNull();
  });

  it('requires a mentor id', () => {
    expect(fieldsOf({ mentorId: '  ' })).toEqual(['mentorId']);
    expect(fieldsOf({ mentorId: 'x'.repeat(256) })).toEqual(['mentorId']);
  });

  it('requires a name', () => {
    expect(fieldsOf({ name: '' })).toEqual(['name']);
    expect(fieldsOf({ name: 'x'.repeat(201) })).toEqual(['name']);
  });

  it('requires a valid email', () => {
    for (const email of ['', 'ada', 'ada@', '@example.com', 'ada@example', 'ada example@x.com', 'ada@@example.com']) {
      expectLabelled(fieldsOf({ email }), email).toEqual(['email']);
    }
    expect(Mentor.register({ ...valid, email: "o'neil+mentor@mail.example.co.uk" }).snapshot().email).toBe(
      "o'neil+mentor@mail.example.co.uk",
    );
  });

  it('accepts exactly the emails the MentorRegistered contract accepts', () => {
    const samples = [
      'a@b.co',
      'first.last@sub.example.org',
      'x+y@example.io',
      'a..b@example.com',
      '.a@example.com',
      'a@-x.com',
      'a@x.c',
      'ü@example.com',
    ];
    for (const email of samples) {
      let accepted = true;
      try {
        Mentor.register({ ...valid, email });
      } catch {
        accepted = false;
      }
      const data = { ...valid, capacity: 2, email };
      expectLabelled(accepted, email).toBe(MentorRegisteredV1.schema.safeParse(data).success);
    }
  });

  it('requires a team', () => {
    expect(fieldsOf({ team: ' ' })).toEqual(['team']);
    expect(fieldsOf({ team: 'x'.repeat(101) })).toEqual(['team']);
  });

  it('takes 1 to 20 non-empty expertise areas', () => {
    expect(fieldsOf({ expertise: [] })).toEqual(['expertise']);
    expect(fieldsOf({ expertise: Array.from({ length: 21 }, (_, i) => `area ${i}`) })).toEqual(['expertise']);
    expect(
      Mentor.register({ ...valid, expertise: Array.from({ length: 20 }, (_, i) => `area ${i}`) }).snapshot().expertise,
    ).toHaveLength(20);
    expect(fieldsOf({ expertise: ['ml', ' ', 'x'.repeat(101)] })).toEqual(['expertise[1]', 'expertise[2]']);
    expect(fieldsOf({ expertise: 'ml' as unknown as string[] })).toEqual(['expertise']);
  });

  it('requires an IANA time zone', () => {
    expect(fieldsOf({ timezone: 'Mars/Olympus' })).toEqual(['timezone']);
    expect(fieldsOf({ timezone: 'CEST' })).toEqual(['timezone']);
    expect(fieldsOf({ timezone: '' })).toEqual(['timezone']);
    expect(Mentor.register({ ...valid, timezone: 'America/Sao_Paulo' }).snapshot().timezone).toBe('America/Sao_Paulo');
  });

  it('takes a whole-number capacity from 1 to 10', () => {
    for (const capacity of [0, -1, 11, 2.5, Number.NaN]) {
      expectLabelled(fieldsOf({ capacity }), String(capacity)).toEqual(['capacity']);
    }
    expect(Mentor.register({ ...valid, capacity: 1 }).capacity).toBe(1);
    expect(Mentor.register({ ...valid, capacity: 10 }).capacity).toBe(10);
  });

  it('takes an optional, non-empty list of cohort ids', () => {
    expect(fieldsOf({ cohortIds: [] })).toEqual(['cohortIds']);
    expect(fieldsOf({ cohortIds: ['c-1', ''] })).toEqual(['cohortIds[1]']);
    expect(fieldsOf({ cohortIds: Array.from({ length: 51 }, (_, i) => `c-${i}`) })).toEqual(['cohortIds']);
  });

  it('reports every bad field at once', () => {
    const violations = violationsOf(
      registering({ name: '', email: 'nope', expertise: [], timezone: 'Nowhere', capacity: 0 }),
    );
    expect(violations.map((v) => v.field)).toEqual(['name', 'email', 'expertise', 'timezone', 'capacity']);
    expect(violations.every((v) => v.message.length > 0)).toBe(true);
  });

  it('restores stored state without recording events', () => {
    const state = Mentor.register(valid).snapshot();
    const restored = Mentor.restore(state);
    expect(restored.snapshot()).toEqual(state);
    expect(restored.pullDomainEvents()).toEqual([]);
  });
});

describe('Mentor.update', () => {
  const registered = (): Mentor => {
    const m = Mentor.register(valid);
    m.pullDomainEvents();
    return m;
  };

  it('changes only the fields given and records which changed', () => {
    const mentor = registered();
    const changed = mentor.update({ capacity: 3, expertise: [' Search ', 'search', 'ranking'], cohortIds: ['c-1'] }, 0);
    expect(changed).toEqual(['expertise', 'capacity', 'cohortIds']);
    expect(mentor.snapshot()).toMatchObject({
      name: 'Ada Lovelace',
      capacity: 3,
      expertise: ['Search', 'ranking'],
      cohortIds: ['c-1'],
      timezone: 'Europe/London',
    });
    const [event] = mentor.pullDomainEvents();
    expect(event).toMatchObject({
      name: 'MentorProfileUpdated',
      changedFields: ['expertise', 'capacity', 'cohortIds'],
    });
  });

  it('makes the mentor available for every cohort again with cohortIds null, and records nothing for no change', () => {
    const mentor = Mentor.register({ ...valid, cohortIds: ['c-1'] });
    mentor.pullDomainEvents();
    expect(mentor.update({ cohortIds: null }, 0)).toEqual(['cohortIds']);
    expect(mentor.isAvailableFor('c-9')).toBe(true);
    mentor.pullDomainEvents();
    expect(mentor.update({ name: ' Ada Lovelace ', capacity: 2 }, 0)).toEqual([]);
    expect(mentor.pullDomainEvents()).toEqual([]);
  });

  it('validates every given field at once and refuses null for required ones', () => {
    const mentor = registered();
    expect(violatedFields(() => mentor.update(everyChangeWrong, 0))).toEqual(everyChangeField);
    expect(mentor.snapshot().name).toBe('Ada Lovelace');
  });

  it('never lowers the capacity below the interns the mentor has now', () => {
    const mentor = Mentor.register({ ...valid, capacity: 3 });
    expect(() => mentor.update({ capacity: 1 }, 2)).toThrow(CapacityBelowLoadError);
    expect(mentor.capacity).toBe(3);
    expect(mentor.update({ capacity: 2 }, 2)).toEqual(['capacity']);
  });
});

describe('validateMentorChanges', () => {
  it('returns only the fields given, cleaned as Mentor.update stores them', () => {
    expect(validateMentorChanges({})).toEqual({});
    expect(
      validateMentorChanges({ email: ' ada@example.org ', expertise: [' ML ', 'ml'], capacity: 4, cohortIds: null }),
    ).toEqual({ email: 'ada@example.org', expertise: ['ML'], capacity: 4, cohortIds: null });
  });

  it('reports every bad field at once, in the order Mentor.update does, without a stored mentor', () => {
    expect(violatedFields(() => validateMentorChanges(everyChangeWrong))).toEqual(everyChangeField);
  });
});

describe('Mentor.erase', () => {
  const at = new Date('2027-06-08T09:00:00Z');
  const request = { reason: 'asked', erasedBy: 'pm-kim', trigger: 'REQUEST' as const };

  it('replaces name and e-mail with the erased values, keeps the rest, and records MentorErased', () => {
    const mentor = Mentor.register(valid);
    mentor.pullDomainEvents();
    const before = mentor.snapshot();

    const erasure = mentor.erase(request, at);

    expect(erasure).toEqual({ mentorId: 'mentor-ada', erasedAt: at, ...request });
    expect(mentor.snapshot()).toEqual({
      ...before,
      name: 'Erased mentor',
      email: 'erased-mentor-ada@erased.invalid',
      erasedAt: at,
    });
    expect(mentor.isErased).toBe(true);
    expect(mentor.pullDomainEvents()).toEqual([{ name: 'MentorErased', erasure }]);
  });

  it('refuses a second erasure and any later update with CONFLICT', () => {
    const mentor = Mentor.register(valid);
    mentor.erase(request, at);
    expect(() => mentor.erase(request, at)).toThrow(MentorErasedError);
    expect(() => mentor.update({ team: 'Other' }, 0)).toThrow(MentorErasedError);
  });

  it('validates the request: mentor id and reason required, the reason at most 500 characters', () => {
    expect(validateErasure({ mentorId: ' m ', reason: ' why ' })).toEqual({ mentorId: 'm', reason: 'why' });
    expect(violatedFields(() => validateErasure({ mentorId: '', reason: '   ' }))).toEqual(['mentorId', 'reason']);
    expect(violationsOf(() => validateErasure({ mentorId: 'm', reason: 'x'.repeat(501) }))).toEqual([
      { field: 'reason', message: 'must be at most 500 characters' },
    ]);
  });
});
