// What the OS tells the app (sleep, wake, unlock, network up or down), turned into the
// controller's two facts: asleep or not, online or not. Event-driven, so an idle app with the
// popover closed does not wake up for it: the network is looked at when something happened
// (start, wake, unlock, an online/offline report), and on a timer only while the OS says
// "offline" — once a minute, so the schedule resumes when the network returns even where no
// event says so. Pure (timers and the network reading come in), tested with fake events.
import type { Controller } from '../core/app/controller.js';
import type { Timers } from '../core/app/timers.js';
import { TimerSlot } from '../core/app/timers.js';

/** While offline only: at most one wake-up a minute. */
export const OFFLINE_RECHECK_MS = 60_000;

export type SystemEvent = 'start' | 'suspend' | 'resume' | 'unlock' | 'online' | 'offline';

export interface SystemWatchDeps {
  readonly controller: Pick<Controller, 'setSleeping' | 'setOnline'>;
  /** The OS's current answer (Electron's net.isOnline()); read only when an event asks. */
  readonly isOnline: () => boolean;
  readonly timers: Timers;
}

export interface SystemWatch {
  handle(event: SystemEvent): void;
  dispose(): void;
}

export function createSystemWatch({ controller, isOnline, timers }: SystemWatchDeps): SystemWatch {
  const recheck = new TimerSlot(timers);
  let asleep = false;
  let disposed = false;

  const network = (online: boolean): void => {
    controller.setOnline(online);
    // Asleep, nothing runs anyway; the wake looks again.
    if (online || asleep) recheck.clear();
    else recheck.set(OFFLINE_RECHECK_MS, () => network(isOnline()));
  };

  return {
    handle(event) {
      if (disposed) return;
      switch (event) {
        case 'suspend':
          asleep = true;
          recheck.clear();
          controller.setSleeping(true);
          return;
        case 'resume':
        case 'unlock':
          // The network first, so the wake's refresh is not tried (and failed) while offline.
          asleep = false;
          network(isOnline());
          controller.setSleeping(false);
          return;
        case 'start':
          network(isOnline());
          return;
        case 'online':
        case 'offline':
          network(event === 'online');
          return;
      }
    },
    dispose() {
      disposed = true;
      recheck.clear();
    },
  };
}
