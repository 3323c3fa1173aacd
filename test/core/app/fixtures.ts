// Builders shared by the app-controller and notification tests.
import { SettingsSchema } from '../../../src/shared/settings.js';
import type { Settings } from '../../../src/shared/settings.js';
import type { UsageSnapshot, UsageWindow } from '../../../src/shared/usage.js';

export const T0 = Date.parse('2026-11-24T10:00:00.000Z');
export const MIN = 60_000;

export function window(id: UsageWindow['id'], usedPercent: number, resetsAt?: number): UsageWindow {
  return {
    id,
    title: id === '5h' ? '5-hour' : id === 'weekly' ? 'Weekly' : id,
    usedPercent,
    resetsAt: resetsAt === undefined ? undefined : new Date(resetsAt).toISOString(),
    windowMinutes: id === '5h' ? 300 : id === 'weekly' ? 10080 : undefined,
    pace: null,
  };
}

export function snapshot(windows: UsageWindow[] = [window('5h', 30), window('weekly', 10)], at = T0): UsageSnapshot {
  return {
    source: { kind: 'api-key', label: 'Kimi Code API key' },
    plan: 'Moderato',
    updatedAt: new Date(at).toISOString(),
    stale: false,
    windows,
    error: null,
  };
}

type General = Settings['general'];
export function settings(general: Partial<Omit<General, 'notifications'>> & { notifications?: Partial<General['notifications']> } = {}): Settings {
  return SettingsSchema.parse({ general });
}
