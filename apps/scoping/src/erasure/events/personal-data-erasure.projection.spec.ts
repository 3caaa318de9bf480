import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { InternErasedV1, MentorErasedV1, type EventData } from '#contracts';
import type { PersonalNeedle } from '#ddd';
import type { EventMeta } from '#messaging';
import { FAKE_TX } from '#testing';
import type { PersonalDataErasureRepository } from '../persistence/personal-data-erasure.repository.js';
import { PersonalDataErasureProjection } from './personal-data-erasure.projection.js';

const AT = '2027-06-20T10:00:00.000Z';
const meta = (type: string): EventMeta => ({
  id: 'event-1',
  type,
  source: '/mentorflow/x',
  subject: 's',
  time: AT,
  correlationId: 'corr-1',
});

/** The repository as a list of the calls it got, with interns' names as in the table (the SQL is proved by the integration spec). */
function setup(names: Record<string, string[]>) {
  const calls: unknown[][] = [];
  const repository = {
    eraseInternName: async (_tx: unknown, internId: string, erasedName: string) => {
      calls.push(['eraseInternName', internId, erasedName]);
      const former = names[internId] ?? [];
      names[internId] = [];
      return former;
    },
    redactFreeText: async (_tx: unknown, needles: PersonalNeedle[]) => {
      calls.push(['redactFreeText', needles.map((n) => `${n.find} → ${n.replace} (${n.match})`)]);
    },
    record: async (_tx: unknown, e: unknown) => {
      calls.push(['record', e]);
    },
  };
  const projection = new PersonalDataErasureProjection(repository as unknown as PersonalDataErasureRepository);
  const entry = (type: string) => projection.handlers.find((h) => h.contract.type === type)!;
  return {
    calls,
    internErased: (d: EventData<typeof InternErasedV1>) =>
      entry(InternErasedV1.type).handle(d as never, meta(InternErasedV1.type), FAKE_TX),
    mentorErased: (d: EventData<typeof MentorErasedV1>) =>
      entry(MentorErasedV1.type).handle(d as never, meta(MentorErasedV1.type), FAKE_TX),
  };
}

describe('PersonalDataErasureProjection', () => {
  it('erases the intern’s name, redacts every name they had in free text, and records the erasure', async () => {
    const { calls, internErased } = setup({ ada: ['Ada Lovelace', 'Ada King'] });

    await internErased({ internId: 'ada', cohortIds: ['c-1'], erasedAt: AT, trigger: 'RETENTION_POLICY' });

    expect(calls).toEqual([
      ['eraseInternName', 'ada', 'Erased intern'],
      ['redactFreeText', ['Ada Lovelace → Erased intern (word)', 'Ada King → Erased intern (word)']],
      ['record', { person: 'INTERN', subjectId: 'ada', erasedAt: new Date(AT), trigger: 'RETENTION_POLICY' }],
    ]);
  });

  it('redacts nothing more on a redelivery (the names are erased already)', async () => {
    const { calls, internErased } = setup({ ada: ['Ada Lovelace'] });
    const event = { internId: 'ada', cohortIds: ['c-1'], erasedAt: AT, trigger: 'REQUEST' as const };
    await internErased(event);
    calls.length = 0;

    await internErased(event);

    expect(calls).toEqual([
      ['eraseInternName', 'ada', 'Erased intern'],
      ['redactFreeText', []],
      ['record', expect.objectContaining({ subjectId: 'ada' })],
    ]);
  });

  it('only records a mentor’s erasure: scoping keeps no mentor’s name or e-mail', async () => {
    const { calls, mentorErased } = setup({});

    await mentorErased({ mentorId: 'grace', erasedAt: AT, trigger: 'REQUEST' });

    expect(calls).toEqual([
      ['record', { person: 'MENTOR', subjectId: 'grace', erasedAt: new Date(AT), trigger: 'REQUEST' }],
    ]);
  });
});
