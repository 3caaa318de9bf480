import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { defineEvent } from './event-contract.js';
import { eventTable, type EventTable } from './event-table.js';

const TalkHeldV1 = defineEvent('cohorts', 'TestTalkHeld', 1, z.object({ talkId: z.string() }));
const TalkMissedV1 = defineEvent('cohorts', 'TestTalkMissed', 1, z.object({ talkId: z.string(), week: z.number() }));
type Talk = typeof TalkHeldV1 | typeof TalkMissedV1;

describe('defineEvent', () => {
  it('keeps the event type as a literal type', () => {
    const type: 'mentorflow.cohorts.TestTalkHeld.v1' = TalkHeldV1.type;
    expect(type).toBe('mentorflow.cohorts.TestTalkHeld.v1');
  });
});

describe('eventTable', () => {
  const table = eventTable<Talk, [prefix: string], string>({
    [TalkHeldV1.type]: (d, prefix) => `${prefix} held ${d.talkId}`,
    [TalkMissedV1.type]: (d, prefix) => `${prefix} missed ${d.talkId} in week ${d.week}`,
  });

  it('dispatches an event to the entry of its type, with its data and the arguments', () => {
    expect(table.entry(TalkMissedV1.type)?.({ talkId: 't-1', week: 3 }, '>')).toBe('> missed t-1 in week 3');
    expect(table.entry(TalkHeldV1.type)?.({ talkId: 't-2' }, '>')).toBe('> held t-2');
  });

  it('has no entry for another type, and lists the types it covers', () => {
    expect(table.entry('mentorflow.cohorts.TestOther.v1')).toBeUndefined();
    expect([...table.types].sort()).toEqual([TalkHeldV1.type, TalkMissedV1.type]);
  });

  it('is checked by the compiler: every contract has its entry and no other is there', () => {
    // @ts-expect-error TalkMissedV1 has no entry
    const incomplete: EventTable<Talk, [], string> = { [TalkHeldV1.type]: (d) => d.talkId };
    const extra = {
      [TalkHeldV1.type]: (d: { talkId: string }) => d.talkId,
      [TalkMissedV1.type]: (d: { talkId: string; week: number }) => `${d.week}`,
      // @ts-expect-error not one of the table's contracts
      'mentorflow.cohorts.TestOther.v1': () => 'x',
    } satisfies EventTable<Talk, [], string>;
    const wrongData = {
      [TalkHeldV1.type]: (d: { talkId: string }) => d.talkId,
      // @ts-expect-error the data of TalkMissedV1 has no `room`
      [TalkMissedV1.type]: (d) => d.room as string,
    } satisfies EventTable<Talk, [], string>;
    expect([incomplete, extra, wrongData].map((t) => Object.keys(t).length)).toEqual([1, 3, 2]);
  });
});
