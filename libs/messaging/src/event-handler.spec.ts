import type { EntityManager } from 'typeorm';
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { defineEvent } from '#contracts';
import { eventHandlersOf, isEventHandler, on, type ConsumesEvents, type EventMeta } from './event-handler.js';

const NoteWrittenV1 = defineEvent('cohorts', 'TestNoteWritten', 1, z.object({ noteId: z.string(), seq: z.number() }));
const NoteDroppedV1 = defineEvent('cohorts', 'TestNoteDropped', 1, z.object({ noteId: z.string() }));

const meta: EventMeta = {
  id: 'e-1',
  type: NoteWrittenV1.type,
  source: '/test',
  subject: 'n-1',
  time: '2026-01-05T09:00:00.000Z',
  correlationId: 'c-1',
};
const tx = {} as EntityManager;

class NotesProjection implements ConsumesEvents {
  readonly seen: string[] = [];
  readonly handlers = [
    on(NoteWrittenV1, async (data, m) => {
      // `data` is the contract's own data: no cast, and a wrong field would not compile.
      this.seen.push(`written ${data.noteId}#${data.seq} (${m.id})`);
    }),
    on(NoteDroppedV1, async (data) => {
      this.seen.push(`dropped ${data.noteId}`);
    }),
  ];
}

describe('on', () => {
  it('pairs the contract with a handler that gets the data, the metadata and the transaction', async () => {
    const calls: unknown[] = [];
    const entry = on(NoteWrittenV1, async (data, m, t) => {
      calls.push([data.seq, m.correlationId, t]);
    });
    expect(entry.contract).toBe(NoteWrittenV1);
    await entry.handle({ noteId: 'n-1', seq: 3 }, meta, tx);
    expect(calls).toEqual([[3, 'c-1', tx]]);
  });

  it('marks its entries, and only them, as event handlers', () => {
    expect(isEventHandler(on(NoteWrittenV1, async () => undefined))).toBe(true);
    expect(isEventHandler({ contract: NoteWrittenV1, handle: async () => undefined })).toBe(false);
    expect(isEventHandler(null)).toBe(false);
  });
});

describe('eventHandlersOf', () => {
  it('gives the entries of a provider that consumes events, in their order', async () => {
    const projection = new NotesProjection();
    const entries = eventHandlersOf(projection);
    expect(entries.map((e) => e.contract.type)).toEqual([NoteWrittenV1.type, NoteDroppedV1.type]);
    await entries[0]!.handle({ noteId: 'n-1', seq: 1 }, meta, tx);
    await entries[1]!.handle({ noteId: 'n-1' }, { ...meta, id: 'e-2', type: NoteDroppedV1.type }, tx);
    expect(projection.seen).toEqual(['written n-1#1 (e-1)', 'dropped n-1']);
  });

  it('finds nothing in a provider without entries, whatever it calls `handlers`', () => {
    expect(eventHandlersOf(undefined)).toEqual([]);
    expect(eventHandlersOf({})).toEqual([]);
    expect(eventHandlersOf({ handlers: new Map() })).toEqual([]);
    expect(eventHandlersOf({ handlers: [{ contract: NoteWrittenV1, handle: async () => undefined }] })).toEqual([]);
  });
});
