/**
 * A push-to-pull async iterator for one subscriber: items pushed while nobody waits are
 * buffered (up to `maxBuffered`: a client that cannot keep up is ended with an error rather than
 * letting the buffer grow); `return()` (the client stopped, or the socket closed) runs `onClose`.
 */
export class LiveQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((error: Error) => void) | undefined;
  private closed = false;
  private failure: Error | undefined;

  constructor(
    private readonly onClose: () => void,
    private readonly maxBuffered = 1_000,
  ) {}

  push(item: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      this.failWaiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    if (this.buffer.length >= this.maxBuffered) {
      this.fail(new Error('subscriber too slow: more than ' + this.maxBuffered + ' undelivered items'));
      return;
    }
    this.buffer.push(item);
  }

  fail(error: Error): void {
    if (this.closed) return;
    this.failure = error;
    this.close();
    this.failWaiting?.(error);
    this.waiting = undefined;
    this.failWaiting = undefined;
  }

  get size(): number {
    return this.buffer.length;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.close();
    const resolve = this.waiting;
    this.waiting = undefined;
    this.failWaiting = undefined;
    resolve?.({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.close();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}
