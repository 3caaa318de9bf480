import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { SocketExpiry, UNAUTHORIZED_CLOSE_CODE } from './subscriptions.js';

/** A socket that records how it was closed, and emits `close` as ws does. */
class FakeSocket extends EventEmitter {
  closes: { code?: number; reason?: string }[] = [];
  close(code?: number, reason?: string): void {
    this.closes.push({ code, reason });
    this.emit('close');
  }
}

const log = pino({ level: 'silent' });

describe('SocketExpiry', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it("closes the socket with graphql-ws' Unauthorized (4401) when the token expires, not before", () => {
    expect(UNAUTHORIZED_CLOSE_CODE).toBe(4401);
    const socket = new FakeSocket();
    new SocketExpiry(socket, log).closeAt(Date.now() + 5_000);
    jest.advanceTimersByTime(4_999);
    expect(socket.closes).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(socket.closes).toEqual([{ code: 4401, reason: 'Unauthorized: token expired' }]);
  });

  it('keeps the earliest expiry of the tokens used on the socket', () => {
    const socket = new FakeSocket();
    const expiry = new SocketExpiry(socket, log);
    expiry.closeAt(Date.now() + 5_000);
    expiry.closeAt(Date.now() + 60_000);
    jest.advanceTimersByTime(5_000);
    expect(socket.closes).toHaveLength(1);
    const other = new FakeSocket();
    const earlier = new SocketExpiry(other, log);
    earlier.closeAt(Date.now() + 60_000);
    earlier.closeAt(Date.now() + 1_000);
    jest.advanceTimersByTime(1_000);
    expect(other.closes).toHaveLength(1);
  });

  it('closes at once for a token that has expired already, and once only', () => {
    const socket = new FakeSocket();
    const expiry = new SocketExpiry(socket, log);
    expiry.closeAt(Date.now() - 1);
    expiry.expire();
    jest.advanceTimersByTime(60_000);
    expect(socket.closes).toEqual([{ code: 4401, reason: 'Unauthorized: token expired' }]);
  });

  it('reaches a deadline beyond the longest setTimeout delay (~24.8 days) in steps, and forgets a closed socket', () => {
    const socket = new FakeSocket();
    const days = 30 * 24 * 3600 * 1000;
    new SocketExpiry(socket, log).closeAt(Date.now() + days);
    jest.advanceTimersByTime(days - 1);
    expect(socket.closes).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(socket.closes).toHaveLength(1);

    const closedByClient = new FakeSocket();
    new SocketExpiry(closedByClient, log).closeAt(Date.now() + 1_000);
    closedByClient.emit('close');
    jest.advanceTimersByTime(2_000);
    expect(closedByClient.closes).toEqual([]);
  });
});
