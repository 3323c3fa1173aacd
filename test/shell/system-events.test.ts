import { describe, expect, it } from 'vitest';
import type { Timers } from '../../src/main/core/app/timers.js';
import { OFFLINE_RECHECK_MS, createSystemWatch } from '../../src/main/shell/system-events.js';

/** Fake time: timers fire only when the test moves the clock; every firing is counted. */
function fakeTime() {
  let now = 0;
  let nextId = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  let wakeUps = 0;
  const timers: Timers = {
    setTimeout: (callback, delayMs) => {
      pending.set(++nextId, { at: now + delayMs, callback });
      return nextId;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const advance = (ms: number): void => {
    const end = now + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      pending.delete(due[0]);
      now = due[1].at;
      wakeUps += 1;
      due[1].callback();
    }
    now = end;
  };
  return { timers, advance, pending: () => pending.size, wakeUps: () => wakeUps };
}

function setup(online = true) {
  const time = fakeTime();
  const calls: string[] = [];
  const network = { online };
  const watch = createSystemWatch({
    controller: { setSleeping: (sleeping) => void calls.push(`sleeping:${sleeping}`), setOnline: (value) => void calls.push(`online:${value}`) },
    isOnline: () => network.online,
    timers: time.timers,
  });
  return { time, calls, network, watch };
}

const HOUR = 3_600_000;

describe('createSystemWatch', () => {
  it('online and idle, it arms no timer at all: an hour passes without a wake-up', () => {
    const { time, calls, watch } = setup(true);
    watch.handle('start');
    expect(calls).toEqual(['online:true']);
    expect(time.pending()).toBe(0);
    time.advance(HOUR);
    expect(time.wakeUps()).toBe(0);
  });

  it('tells the controller about sleep, and on wake reads the network before waking it', () => {
    const { calls, network, watch } = setup(true);
    watch.handle('start');
    watch.handle('suspend');
    network.online = false;
    watch.handle('resume');
    expect(calls).toEqual(['online:true', 'sleeping:true', 'online:false', 'sleeping:false']);
  });

  it('while offline, looks again at most once a minute and stops once the network is back', () => {
    const { time, calls, network, watch } = setup(false);
    watch.handle('start');
    expect(calls).toEqual(['online:false']);
    time.advance(HOUR);
    expect(time.wakeUps()).toBeLessThanOrEqual(HOUR / 60_000);
    expect(time.wakeUps()).toBeGreaterThan(0);
    expect(OFFLINE_RECHECK_MS).toBeGreaterThanOrEqual(60_000);

    network.online = true;
    time.advance(OFFLINE_RECHECK_MS);
    expect(calls.at(-1)).toBe('online:true');
    const settled = time.wakeUps();
    time.advance(HOUR);
    expect(time.wakeUps()).toBe(settled);
    expect(time.pending()).toBe(0);
  });

  it('asleep while offline, it does not wake for the network; the wake looks again', () => {
    const { time, calls, network, watch } = setup(false);
    watch.handle('start');
    watch.handle('suspend');
    expect(time.pending()).toBe(0);
    time.advance(HOUR);
    expect(time.wakeUps()).toBe(0);
    network.online = true;
    watch.handle('unlock');
    expect(calls.slice(-2)).toEqual(['online:true', 'sleeping:false']);
  });

  it('takes online and offline reports as they come, without reading the network', () => {
    const { time, calls, watch } = setup(true);
    watch.handle('offline');
    expect(calls).toEqual(['online:false']);
    expect(time.pending()).toBe(1);
    watch.handle('online');
    expect(calls).toEqual(['online:false', 'online:true']);
    expect(time.pending()).toBe(0);
  });

  it('after dispose, nothing is armed and events are ignored', () => {
    const { time, calls, watch } = setup(false);
    watch.handle('start');
    watch.dispose();
    expect(time.pending()).toBe(0);
    watch.handle('resume');
    expect(calls).toEqual(['online:false']);
  });
});
