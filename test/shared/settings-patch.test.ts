import { expect, test } from 'vitest';
import { mergeSettingsPatch } from '../../src/shared/settings-patch.js';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../src/shared/settings.js';

test('the fields given replace, nested notification fields one by one, the rest stays', () => {
  const merged = mergeSettingsPatch(DEFAULT_SETTINGS, { kimi: { region: 'kimi.ai' }, general: { notifications: { thresholds: [30] } } });
  expect(merged.accounts[0]!).toEqual({ ...DEFAULT_SETTINGS.accounts[0]!, region: 'kimi.ai' });
  expect(merged.general.notifications).toEqual({ ...DEFAULT_SETTINGS.general.notifications, thresholds: [30] });
  expect(merged.general.refreshCadence).toBe(DEFAULT_SETTINGS.general.refreshCadence);
  expect(SettingsSchema.parse(merged)).toEqual(merged);
});

test('an empty patch changes nothing and the input is not mutated', () => {
  const before = structuredClone(DEFAULT_SETTINGS);
  expect(mergeSettingsPatch(DEFAULT_SETTINGS, {})).toEqual(before);
  mergeSettingsPatch(DEFAULT_SETTINGS, { general: { language: 'zh-CN' } });
  expect(DEFAULT_SETTINGS).toEqual(before);
});
