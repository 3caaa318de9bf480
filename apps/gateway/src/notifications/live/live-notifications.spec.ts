import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { testLogger } from '#testing';
import type { NotificationRecord, NotificationRepository } from '../persistence/notification.repository.js';
import { LiveNotifications } from './live-notifications.js';
import { LiveQueue } from './live-queue.js';

const record = (id: string, audience: string, seq = '1'): NotificationRecord => ({
  seq,
  id,
  audience,
  type: 'REPORT_TO_REVIEW',
  title: 't',
  body: 'b',
  cohortId: 'c-1',
  internId: 'i-1',
  subjectId: 'r-1',
  eventType: 'mentorflow.scoping.MilestoneReportSubmitted.v1',
  occurredAt: new Date('2026-01-01T00:00:00Z'),
  createdAt: new Date('2026-01-01T00:00:01Z'),
  readAt: null,
});

const message = (n: NotificationRecord) =>
  JSON.stringify({
    kind: 'notification',
    notification: { ...n, occurredAt: n.occurredAt.toISOString(), createdAt: n.createdAt.toISOString() },
  });

function live(since: NotificationRecord[] = []) {
  const repository = { since: async () => since, storedSince: async () => [] } as unknown as NotificationRepository;
  return new LiveNotifications({ options: {} } as unknown as DataSource, repository, testLogger());
}

describe('LiveQueue', () => {
  it('hands pushed items to the reader in order, buffering while nobody reads', async () => {
    let closed = 0;
    const q = new LiveQueue<number>(() => closed++);
    q.push(1);
    const pending = q.next();
    expect(await pending).toEqual({ value: 1, done: false });
    const waiting = q.next();
    q.push(2);
    expect(await waiting).toEqual({ value: 2, done: false });
    await q.return();
    expect(await q.next()).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
  });

  it('ends a reader that cannot keep up with an error', async () => {
    const q = new LiveQueue<number>(() => undefined, 2);
    q.push(1);
    q.push(2);
    q.push(3);
    expect(await q.next()).toEqual({ value: 1, done: false });
    expect(await q.next()).toEqual({ value: 2, done: false });
    await expect(q.next()).rejects.toThrow(/too slow/);
  });
});

describe('LiveNotifications', () => {
  it('delivers a stored notification to the subscribers of its audience only', async () => {
    const hub = live();
    const mentor = hub.notifications({ sub: 'mentor-a', roles: ['MENTOR'] });
    const other = hub.notifications({ sub: 'mentor-b', roles: ['MENTOR'] });
    const pm = hub.notifications({ sub: 'pm', roles: ['PROGRAM_MANAGER'] });
    hub.dispatch(message(record('n-1', 'user:mentor-a')));
    hub.dispatch(message(record('n-2', 'role:PROGRAM_MANAGER')));
    expect((await mentor.next()).value).toMatchObject({ id: 'n-1', readAt: null });
    expect((await pm.next()).value).toMatchObject({ id: 'n-2' });
    expect((other as LiveQueue<NotificationRecord>).size).toBe(0);
    await Promise.all([mentor.return!(), other.return!(), pm.return!()]);
    expect(hub.subscriberCount).toBe(0);
  });

  it('catches a resuming subscriber up first, then live, without duplicates', async () => {
    const stored = [record('n-2', 'user:u', '2'), record('n-3', 'user:u', '3')];
    const hub = live(stored);
    const sub = hub.notifications(
      { sub: 'u', roles: ['INTERN'] },
      Buffer.from(JSON.stringify(['1', 'n-1'])).toString('base64url'),
    );
    hub.dispatch(message(record('n-3', 'user:u', '3'))); // arrives while the catch-up runs
    hub.dispatch(message(record('n-4', 'user:u', '4')));
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await sub.next()).value.id);
    expect(ids).toEqual(['n-2', 'n-3', 'n-4']);
    expect((sub as LiveQueue<NotificationRecord>).size).toBe(0);
  });

  it('streams a cohort’s activity to its subscribers', async () => {
    const hub = live();
    const feed = hub.cohortActivity('c-1');
    const elsewhere = hub.cohortActivity('c-2');
    hub.dispatch(
      JSON.stringify({
        kind: 'activity',
        activity: {
          eventId: 'e',
          type: 't',
          name: 'InternEnrolled',
          cohortId: 'c-1',
          subject: 's',
          internId: null,
          occurredAt: '2026-01-01T00:00:00Z',
          summary: 'x',
        },
      }),
    );
    expect((await feed.next()).value).toMatchObject({
      name: 'InternEnrolled',
      occurredAt: new Date('2026-01-01T00:00:00Z'),
    });
    expect((elsewhere as LiveQueue<unknown>).size).toBe(0);
  });
});
