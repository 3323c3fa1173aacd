// Forwards what the OS knows to the controller: sleep and wake (the controller refreshes on
// wake by itself) and whether the network is up. Chromium offers no online/offline event in
// the main process, so the network is looked at twice a minute — coarse on purpose.
import { net, powerMonitor } from 'electron';
import type { Controller } from '../core/app/controller.js';

const NETWORK_CHECK_MS = 30_000;

export function watchSystem(controller: Pick<Controller, 'setSleeping' | 'setOnline'>): () => void {
  const onSuspend = (): void => controller.setSleeping(true);
  const onResume = (): void => {
    controller.setOnline(net.isOnline());
    controller.setSleeping(false);
  };
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('resume', onResume);
  const checkNetwork = (): void => controller.setOnline(net.isOnline());
  checkNetwork();
  const timer = setInterval(checkNetwork, NETWORK_CHECK_MS);
  return () => {
    clearInterval(timer);
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('resume', onResume);
  };
}
