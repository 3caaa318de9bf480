import type { Logger } from 'pino';

/**
 * Polls a durable schedule: every `tickMs` it runs `pass` until a pass says nothing more is due
 * (a batch smaller than the batch size). What is due lives in the database, never in this loop:
 * a restart resumes from there. A pass that fails is logged and tried again on the next tick.
 * `stop` waits for a running pass, so none runs against a closed database. `tickMs` 0 never starts
 * (tests drive the passes themselves).
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly options: {
      /** What it polls, for the logs. */
      what: string;
      tickMs: number;
      logger: Logger;
      /** One pass; true when more is due at once (a full batch). */
      pass: () => Promise<boolean>;
    },
  ) {}

  start(): void {
    if (this.options.tickMs <= 0) return;
    this.options.logger.info({ tickMs: this.options.tickMs }, `${this.options.what} scheduler started`);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs passes until nothing due is left, the loop is stopped, or a pass failed. */
  async runOnce(): Promise<void> {
    try {
      while (!this.stopped && (await this.options.pass()));
    } catch (err) {
      this.options.logger.warn(
        { err: (err as Error).message },
        `${this.options.what} pass failed; retrying on the next tick`,
      );
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        this.schedule(this.options.tickMs);
      });
    }, delay);
  }
}
