// Applies a settings patch (the renderer's `updateSettings` request) to settings: the fields
// given replace, everything else stays. Pure and zod-free, so the renderer can show a change
// at once while the app saves it; the app validates the result with SettingsSchema itself.
import { selectedAccount } from './accounts.js';
import type { SettingsPatch } from './ipc.js';
import type { Settings } from './settings.js';

/** `patch.kimi` changes the account `patch.account` names, the selected one without it; an id no
 *  account has changes nothing (the account was removed meanwhile). */
export function mergeSettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  const target = patch.account ?? selectedAccount(settings).id;
  return {
    ...settings,
    accounts: settings.accounts.map((account) => (account.id === target ? { ...account, ...patch.kimi } : account)),
    general: {
      ...settings.general,
      ...patch.general,
      notifications: { ...settings.general.notifications, ...patch.general?.notifications },
    },
  };
}
