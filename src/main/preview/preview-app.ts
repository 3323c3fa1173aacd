// The app behind the preview page: one AppCore (the same handlers the Electron shell serves
// over IPC) over the runtime it is given, served by the bridge, with the refresh controller
// running. `npm run preview`, `npm run demo` and the end-to-end tests all start it this way.
import { systemTimers, type Timers } from '../core/app/timers.js';
import type { Runtime } from '../core/runtime.js';
import { createAppCore, type AppCore } from '../core/service/app-core.js';
import type { ShellPorts } from '../core/service/shell-ports.js';
import { startBridgeServer, type BridgeServer } from './bridge-server.js';

export interface PreviewAppOptions {
  readonly runtime: Runtime;
  readonly shell: ShellPorts;
  readonly timers?: Timers;
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  /** The preview-only files (dist/preview/public). */
  readonly previewDir: string;
  readonly port?: number;
}

export interface PreviewApp {
  readonly core: AppCore;
  readonly server: BridgeServer;
  /** Stops the server, the timers and closes the runtime's files. */
  close(): Promise<void>;
}

export async function startPreviewApp(options: PreviewAppOptions): Promise<PreviewApp> {
  const core = createAppCore({ runtime: options.runtime, shell: options.shell, timers: options.timers ?? systemTimers });
  let server: BridgeServer;
  try {
    server = await startBridgeServer({ handlers: core, rendererDir: options.rendererDir, previewDir: options.previewDir, port: options.port });
  } catch (error) {
    core.dispose();
    throw error;
  }
  core.controller.start();
  let closing: Promise<void> | null = null;
  return {
    core,
    server,
    close: () =>
      (closing ??= server.close().then(() => core.dispose())),
  };
}
