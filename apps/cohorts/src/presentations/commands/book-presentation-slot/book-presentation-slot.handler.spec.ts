import { refusedFields } from '#testing';
import { describe, expect, it } from '@jest/globals';
import { ConflictError, ForbiddenError, NotFoundError } from '#ddd';
import { PresentationSlotBookedV1 } from '#contracts';
import { EnrollmentStatus } from '../../../enrollments/domain/enrollment.js';
import {
  asIntern,
  grantedExtension,
  openedSlot,
  patchEnrollment,
  repositoryFakes,
  scheduledCohort,
  startCohort,
} from '../../../shared/commands/testing/repository-fakes.js';
import { BookPresentationSlotCommand } from './book-presentation-slot.command.js';
import { BookPresentationSlotHandler } from './book-presentation-slot.handler.js';

const SLOT = '00000000-0000-4000-8000-00000000a001';
const OTHER_SLOT = '00000000-0000-4000-8000-00000000a002';
// Week 12 (the presentations week) runs 2027-08-23 to 2027-08-29 in Europe/Berlin.
const SLOT_STARTS = new Date('2027-08-24T12:00:00Z'); // 14:00 CEST
const NOW = new Date('2027-08-10T09:00:00Z'); // week 10

async function setup() {
  const f = repositoryFakes(new Date('2027-05-20T10:00:00Z'));
  const cohortId = await scheduledCohort(f, ['intern-1', 'intern-2']);
  startCohort(f, cohortId, 10, NOW);
  f.slots.seed(openedSlot(cohortId, { id: SLOT, startsAt: SLOT_STARTS, panelMentorIds: ['mentor-1', 'mentor-2'] }));
  f.slots.seed(openedSlot(cohortId, { id: OTHER_SLOT, startsAt: new Date('2027-08-24T13:00:00Z') }));
  const handler = f.build(BookPresentationSlotHandler);
  return { ...f, handler, cohortId };
}

describe('BookPresentationSlotHandler', () => {
  it('books the slot for the caller, locking their enrollment, and appends PresentationSlotBooked.v1 keyed by the cohort', async () => {
    const { handler, slots, enrollments, outbox, dataSource, cohortId } = await setup();
    const booked = await handler.execute(new BookPresentationSlotCommand(SLOT, asIntern('intern-1')));
    expect(booked).toMatchObject({ id: SLOT, bookedBy: 'intern-1', bookedAt: NOW });
    expect(slots.slots.get(SLOT)).toMatchObject({ bookedBy: 'intern-1', bookedAt: NOW });
    expect(slots.slots.get(OTHER_SLOT)?.bookedBy).toBeNull();
    expect(enrollments.lockedKeys).toEqual([`${cohortId}/intern-1`]);
    expect(dataSource.transactions).toBe(1);
    expect(outbox.events).toEqual([
      {
        type: 'mentorflow.cohorts.PresentationSlotBooked.v1',
        subject: cohortId,
        data: {
          slotId: SLOT,
          cohortId,
          internId: 'intern-1',
          startsAt: '2027-08-24T12:00:00.000Z',
          panelMentorIds: ['mentor-1', 'mentor-2'],
        },
      },
    ]);
  });

  it('changes nothing when the caller books their own slot again', async () => {
    const { handler, slots, outbox, cohortId } = await setup();
    const earlier = new Date('2027-08-09T09:00:00Z');
    slots.seed(openedSlot(cohortId, { id: SLOT, startsAt: SLOT_STARTS, bookedBy: 'intern-1', bookedAt: earlier }));
    const slot = await handler.execute(new BookPresentationSlotCommand(SLOT, asIntern('intern-1')));
    expect(slot).toMatchObject({ bookedBy: 'intern-1', bookedAt: earlier });
    expect(slots.slots.get(SLOT)?.bookedAt).toEqual(earlier);
    expect(outbox.events).toEqual([]);
  });

  it('refuses a missing slot id naming the field, before any transaction', async () => {
    const { handler, slots, outbox, dataSource } = await setup();
    expect(await refusedFields(handler.execute(new BookPresentationSlotCommand('  ', asIntern('intern-1'))))).toEqual([
      'slotId',
    ]);
    expect(dataSource.transactions).toBe(0);
    expect(slots.slots.get(SLOT)?.bookedBy).toBeNull();
    expect(outbox.events).toEqual([]);
  });

  it('forbids an intern not enrolled in the cohort and books nothing', async () => {
    const { handler, slots, outbox } = await setup();
    await expect(handler.execute(new BookPresentationSlotCommand(SLOT, asIntern('stranger')))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(slots.slots.get(SLOT)?.bookedBy).toBeNull();
    expect(outbox.events).toEqual([]);
  });

  it('refuses a slot booked by another intern, leaving it theirs', async () => {
    const { handler, slots, outbox, cohortId } = await setup();
    slots.seed(openedSlot(cohortId, { id: SLOT, startsAt: SLOT_STARTS, bookedBy: 'intern-2', bookedAt: NOW }));
    const err = await handler.execute(new BookPresentationSlotCommand(SLOT, asIntern('intern-1'))).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('the slot is already booked by another intern');
    expect(slots.slots.get(SLOT)?.bookedBy).toBe('intern-2');
    expect(outbox.events).toEqual([]);
  });

  it('refuses a second booking of one intern (cancel to rebook) and keeps the first', async () => {
    const { handler, slots, outbox } = await setup();
    await handler.execute(new BookPresentationSlotCommand(OTHER_SLOT, asIntern('intern-1')));
    await expect(handler.execute(new BookPresentationSlotCommand(SLOT, asIntern('intern-1')))).rejects.toThrow(
      /one booking per intern, cancel it to rebook/,
    );
    expect(slots.slots.get(SLOT)?.bookedBy).toBeNull();
    expect(slots.slots.get(OTHER_SLOT)?.bookedBy).toBe('intern-1');
    expect(outbox.dataOf(PresentationSlotBookedV1).map((d) => d.slotId)).toEqual([OTHER_SLOT]);
  });

  it('refuses a slot that has started, and an intern no longer in the program', async () => {
    const { handler, repo, slots, outbox, clock, cohortId } = await setup();
    clock.current = SLOT_STARTS;
    await expect(handler.execute(new BookPresentationSlotCommand(SLOT, asIntern('intern-1')))).rejects.toThrow(
      /it can no longer be booked/,
    );
    clock.current = NOW;
    patchEnrollment(repo, cohortId, 'intern-2', { status: EnrollmentStatus.WITHDRAWN });
    await expect(handler.execute(new BookPresentationSlotCommand(SLOT, asIntern('intern-2')))).rejects.toThrow(
      /your enrollment is WITHDRAWN/,
    );
    expect(slots.slots.get(SLOT)?.bookedBy).toBeNull();
    expect(outbox.events).toEqual([]);
  });

  it('holds an extended intern to their own presentations week, two weeks later', async () => {
    const { handler, repo, enrollments, slots, outbox, cohortId } = await setup();
    const { id } = patchEnrollment(repo, cohortId, 'intern-1', { extensionWeeks: 2 });
    enrollments.extensions = [grantedExtension(id, 2, 4)];
    await expect(handler.execute(new BookPresentationSlotCommand(SLOT, asIntern('intern-1')))).rejects.toThrow(
      'the slot is outside your presentations week (2027-09-06 to 2027-09-12 (Europe/Berlin))',
    );
    expect(slots.slots.get(SLOT)?.bookedBy).toBeNull();
    expect(outbox.events).toEqual([]);
    const LATE_SLOT = '00000000-0000-4000-8000-00000000a003';
    slots.seed(openedSlot(cohortId, { id: LATE_SLOT, startsAt: new Date('2027-09-07T12:00:00Z') }));
    await handler.execute(new BookPresentationSlotCommand(LATE_SLOT, asIntern('intern-1')));
    expect(slots.slots.get(LATE_SLOT)?.bookedBy).toBe('intern-1');
    expect(outbox.types()).toEqual(['mentorflow.cohorts.PresentationSlotBooked.v1']);
  });

  it('loses a race for the slot with CONFLICT and writes nothing', async () => {
    const { handler, slots, outbox, cohortId } = await setup();
    // Another intern's booking commits between this one's read and its claim.
    slots.concurrent.push(
      openedSlot(cohortId, { id: SLOT, startsAt: SLOT_STARTS, bookedBy: 'intern-2', bookedAt: NOW }),
    );
    const err = await handler.execute(new BookPresentationSlotCommand(SLOT, asIntern('intern-1'))).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('the slot is already booked by another intern');
    expect(slots.slots.get(SLOT)?.bookedBy).toBe('intern-2');
    expect(outbox.events).toEqual([]);
  });

  it("maps the one-booking-per-intern index (the intern's other booking committed meanwhile) to CONFLICT", async () => {
    const { handler, slots, outbox, cohortId } = await setup();
    slots.concurrent.push(
      openedSlot(cohortId, {
        id: OTHER_SLOT,
        startsAt: new Date('2027-08-24T13:00:00Z'),
        bookedBy: 'intern-1',
        bookedAt: NOW,
      }),
    );
    const err = await handler.execute(new BookPresentationSlotCommand(SLOT, asIntern('intern-1'))).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toBe('you already booked a presentation slot in this cohort: one booking per intern');
    expect(slots.slots.get(SLOT)?.bookedBy).toBeNull();
    expect(outbox.events).toEqual([]);
  });

  it('reports an unknown slot as not found', async () => {
    const { handler } = await setup();
    await expect(
      handler.execute(new BookPresentationSlotCommand('00000000-0000-4000-8000-00000000dead', asIntern('intern-1'))),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
