// The one door from the app to the user's browser (ShellPorts.openUrl): only the allow-list
// of policy.ts passes, whoever asks.
import { shell } from 'electron';
import { KimiError } from '../core/errors.js';
import { mayOpenExternally } from './policy.js';

export async function openExternalChecked(url: string): Promise<void> {
  if (!mayOpenExternally(url)) throw new KimiError('usage', { detail: 'this link is not one KimiBar opens' });
  await shell.openExternal(url);
}
