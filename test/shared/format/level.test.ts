// The meter colour is decided once, from the same whole percent the text shows: the popover's
// bar, the tray's coloured lane and the CLI's bar take the same colour for the same reading,
// and that colour agrees with the "N% left" next to it.
import { describe, expect, it } from 'vitest';
import { renderUsage } from '../../../src/main/cli/render-usage.js';
import { TRAY_COLORS, meterColor } from '../../../src/main/core/tray-icon/meter.js';
import { describeWindow } from '../../../src/renderer/usage-view.js';
import type { MeterLevel } from '../../../src/shared/format/index.js';
import { meterLevel, percentText } from '../../../src/shared/format/index.js';
import type { UsageSnapshot, UsageWindow } from '../../../src/shared/usage.js';

const NOW = new Date('2026-11-24T10:00:00.000Z');

/** Percent used, the headline it reads, and the level that headline must be shown in. */
const BOUNDARIES: readonly [used: number, text: string, level: MeterLevel][] = [
  [0, '100% left', 'ok'],
  [50, '50% left', 'ok'],
  [50.4, '50% left', 'ok'], // 49.6 % left reads "50% left", so it is not amber
  [50.6, '49% left', 'warn'],
  [80, '20% left', 'warn'],
  [80.4, '20% left', 'warn'], // 19.6 % left reads "20% left", so it is not red
  [80.6, '19% left', 'low'],
  [99.6, '1% left', 'low'],
  [100, '0% left', 'low'],
];

describe('meterLevel: green from 50 % left, amber from 20 %, red below, as the text rounds', () => {
  it.each(BOUNDARIES)('used %s: reads "%s" and is %s', (used, text, level) => {
    expect(percentText('en', used, 'left')).toBe(text);
    expect(meterLevel(used)).toBe(level);
  });

  it('clamps as the text does: over quota is red, below zero is green', () => {
    expect(meterLevel(130)).toBe('low');
    expect(meterLevel(-5)).toBe('ok');
  });
});

describe('the popover, the tray and the CLI colour the same reading alike', () => {
  const TRAY: Record<MeterLevel, readonly number[]> = { ok: TRAY_COLORS.green, warn: TRAY_COLORS.amber, low: TRAY_COLORS.red };
  const CLI: Record<MeterLevel, string> = { ok: 'green', warn: 'yellow', low: 'red' };

  /** The style the CLI gives the filled part of the window's bar. */
  function cliBarStyle(window: UsageWindow): string {
    const snapshot: UsageSnapshot = {
      plan: null,
      source: { kind: 'api-key', label: 'Kimi Code API key' },
      windows: [window],
      updatedAt: NOW.toISOString(),
      stale: false,
      error: null,
    };
    const text = renderUsage(snapshot, NOW, { style: (style, part) => `<${style}>${part}</${style}>` });
    const bar = /<(\w+)>█*<\/\1><dim>░*<\/dim>/.exec(text);
    expect(bar).not.toBeNull();
    return bar![1]!;
  }

  it.each(BOUNDARIES)('used %s ("%s") is %s on every surface', (used, text, level) => {
    const window: UsageWindow = { id: 'weekly', title: 'Weekly', usedPercent: used, windowMinutes: 10_080, pace: null };
    const view = describeWindow('en', window, NOW.getTime(), false);
    expect(view.percentText).toBe(text);
    expect(view.level).toBe(level);
    expect(describeWindow('en', window, NOW.getTime(), true).level).toBe(level);
    expect([...meterColor(used)]).toEqual([...TRAY[level]]);
    expect(cliBarStyle(window)).toBe(CLI[level]);
  });
});
