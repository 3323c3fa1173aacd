// Forwards what the OS reports to the system-events decision module: sleep and wake, a screen
// unlock (often the first sign of a changed network after a lid was closed) — all events, no
// polling timer; system-events.ts decides what each means for the controller.
import { net, powerMonitor } from 'electron';
import type { Controller } from '../core/app/controller.js';
import { systemTimers } from '../core/app/timers.js';
import { createSystemWatch } from './system-events.js';

export function watchSystem(controller: Pick<Controller, 'setSleeping' | 'setOnline'>): () => void {
  const watch = createSystemWatch({ controller, isOnline: () => net.isOnline(), timers: systemTimers });
  const onSuspend = (): void => watch.handle('suspend');
  const onResume = (): void => watch.handle('resume');
  const onUnlock = (): void => watch.handle('unlock');
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  powerMonitor.on('unlock-screen', onUnlock);
  watch.handle('start');
  return () => {
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
    powerMonitor.off('unlock-screen', onUnlock);
    watch.dispose();
  };
}
