// The timer port: the app passes the real setTimeout, tests pass fake time.
export interface Timers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

// setTimeout fires at once for delays beyond a signed 32-bit count of milliseconds (~24.8 days).
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** One named timer that is (re)armed and cleared as a unit, so no callback is ever orphaned. */
export class TimerSlot {
  private handle: unknown = null;

  constructor(private readonly timers: Timers) {}

  /** Arms the slot to run `callback` at `delayMs` from now, replacing any pending callback. */
  set(delayMs: number, callback: () => void): void {
    this.clear();
    const delay = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, Math.ceil(delayMs)));
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      callback();
    }, delay);
  }

  clear(): void {
    if (this.handle === null) return;
    this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  get armed(): boolean {
    return this.handle !== null;
  }
}
