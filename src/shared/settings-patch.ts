// Applies a settings patch (the renderer's `updateSettings` request) to settings: the fields
// given replace, everything else stays. Pure and zod-free, so the renderer can show a change
// at once while the app saves it; the app validates the result with SettingsSchema itself.
import type { SettingsPatch } from './ipc.js';
import type { Settings } from './settings.js';

export function mergeSettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  return {
    ...settings,
    kimi: { ...settings.kimi, ...patch.kimi },
    general: {
      ...settings.general,
      ...patch.general,
      notifications: { ...settings.general.notifications, ...patch.general?.notifications },
    },
  };
}
