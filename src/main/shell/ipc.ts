// The IPC door of the main process: every invoke channel is served only to the top frame of
// our own windows showing our own pages, then checked against the contract (dispatchInvoke).
// Push events are checked too before they are sent, and go only to our windows.
import type { IpcMainInvokeEvent } from 'electron';
import { ipcMain } from 'electron';
import { INVALID_REQUEST, INVOKE_CHANNELS, eventWireName, invokeWireName } from '../../shared/ipc-channels.js';
import type { IpcEvent, IpcResult } from '../../shared/ipc.js';
import { checkEvent, dispatchInvoke } from '../../shared/ipc.js';
import type { AppCore } from '../core/service/app-core.js';
import { RENDERER_DIR } from './app-files.js';
import { appContents, contentsKind } from './contents-registry.js';
import { isAppPageUrl, isTrustedSender } from './policy.js';

/** Serves the contract until the returned function is called. */
export function serveIpc(core: AppCore): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(invokeWireName(channel), (event, request: unknown): Promise<IpcResult<unknown>> => {
      if (!fromOurPage(event)) return Promise.resolve({ ok: false, error: INVALID_REQUEST });
      return dispatchInvoke(core.invoke, channel, request);
    });
  }
  const unsubscribe = core.subscribe((event) => {
    let checked: IpcEvent;
    try {
      checked = checkEvent(event);
    } catch {
      // A payload outside the contract is a bug on our side; the controller must keep running.
      console.error(`KimiBar: dropped a ${event.channel} event that does not match the contract`);
      return;
    }
    for (const contents of appContents()) {
      if (isAppPageUrl(contents.getURL(), RENDERER_DIR)) contents.send(eventWireName(checked.channel), checked.payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(invokeWireName(channel));
  };
}

function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSender(
    { ownWindow: contentsKind(event.sender) === 'app', mainFrame: frame !== null && frame.parent === null, frameUrl: frame?.url ?? null },
    RENDERER_DIR,
  );
}
