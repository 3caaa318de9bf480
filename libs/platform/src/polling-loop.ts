/**
 * Runs `run` at once and then `tickMs` after each run ends, until stopped; `tickMs` 0 never runs
 * it (tests drive the work themselves). What a loop drives must keep what is due in durable state
 * and poll it: the loop itself holds nothing, so a restart loses nothing. `stop` waits for a run
 * under way (call it before the application shuts down, so a run never meets a closed database).
 * `run` should catch its own errors; one that escapes is swallowed and the loop goes on.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly tickMs: number,
    private readonly run: () => Promise<void>,
  ) {}

  /** Whether `stop` was called: a long run checks it between its steps. */
  get isStopped(): boolean {
    return this.stopped;
  }

  start(): void {
    if (this.tickMs > 0) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.run()
        .catch(() => undefined)
        .finally(() => {
          this.running = undefined;
          this.schedule(this.tickMs);
        });
    }, delay);
  }
}
