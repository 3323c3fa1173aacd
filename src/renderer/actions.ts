// What an error's suggested action does when its button is pressed: every error carries its
// fix, so the way out is one click away. Shared by the popover's banner and the settings window.
import type { KimiBarApi } from '../shared/ipc.js';
import type { ErrorAction } from '../shared/usage.js';

export async function runErrorAction(api: KimiBarApi, action: ErrorAction): Promise<void> {
  switch (action) {
    case 'open-settings':
    case 'sign-in':
    case 'paste-token':
      await api.openSettings({ pane: 'kimi' });
      return;
    case 'sign-in-web':
      await api.signInWeb();
      return;
    case 'retry':
      await api.refresh();
      return;
  }
}
