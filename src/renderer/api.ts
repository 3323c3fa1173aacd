// The renderer's only door to the app: `window.kimibar`, installed by the preload (Electron)
// or by the preview bridge client (browser).
import type { KimiBarApi } from '../shared/ipc.js';

declare global {
  interface Window {
    kimibar?: KimiBarApi;
  }
}

export function kimibar(): KimiBarApi {
  const api = window.kimibar;
  if (api === undefined) throw new Error('window.kimibar is missing: no preload or preview bridge');
  return api;
}
