// What a one-second glance at the menu bar must tell apart, checked on the real PNGs at 1×
// (18 px, the size a non-Retina menu bar shows) and 2×: the 5-hour window from the weekly one
// without a legend, and each state of the meter from every other, in template mode (one
// colour with alpha, so every difference has to be a shape or an alpha, never a hue).
// These tests read only pixels, not the layout constants, so they hold whatever the geometry.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { TrayIconInput } from '../../../src/main/core/tray-icon/index.js';
import { renderTrayIcon, trayIconStates } from '../../../src/main/core/tray-icon/index.js';
import { FRESH_METER, NO_READINGS } from './samples.js';

const fresh = FRESH_METER;
const none = NO_READINGS;

/** One input per state a glance must tell apart; depleted is the one a user most needs. */
const STATES = {
  fresh: {},
  stale: { stale: true },
  loading: { status: 'loading', ...none },
  error: { error: true },
  'signed-out': { status: 'signed-out', ...none },
  depleted: { fiveHourUsedPercent: 100, weeklyUsedPercent: 100 },
} as const satisfies Record<string, Partial<TrayIconInput>>;

interface Alpha {
  readonly width: number;
  readonly height: number;
  readonly data: Buffer;
  at(x: number, y: number): number;
}

function alpha(input: Partial<TrayIconInput>, scale: 1 | 2 = 1): Alpha {
  const images = renderTrayIcon({ ...fresh, ...input });
  const png = PNG.sync.read(scale === 1 ? images.png1x : images.png2x);
  return { width: png.width, height: png.height, data: png.data, at: (x, y) => png.data[(y * png.width + x) * 4 + 3] ?? 0 };
}

/** Pixels whose alpha differs by more than a quarter: a difference the eye sees at 18 px. */
function visibleDifference(a: Alpha, b: Alpha): number {
  let count = 0;
  for (let y = 0; y < a.height; y += 1) {
    for (let x = 0; x < a.width; x += 1) if (Math.abs(a.at(x, y) - b.at(x, y)) > 64) count += 1;
  }
  return count;
}

/** The horizontal bands of the image (runs of rows with any ink), top to bottom. */
function bands(image: Alpha): { top: number; rows: number }[] {
  const found: { top: number; rows: number }[] = [];
  for (let y = 0; y < image.height; y += 1) {
    const ink = Array.from({ length: image.width }, (_, x) => image.at(x, y)).some((a) => a > 0);
    const last = found.at(-1);
    if (!ink) continue;
    if (last !== undefined && last.top + last.rows === y) last.rows += 1;
    else found.push({ top: y, rows: 1 });
  }
  return found;
}

/** Solid fill pixels along a band's middle row. */
function solid(image: Alpha, band: { top: number; rows: number }): number {
  const y = band.top + Math.floor(band.rows / 2);
  return Array.from({ length: image.width }, (_, x) => image.at(x, y)).filter((a) => a > 160).length;
}

describe('the tray meter at a glance', () => {
  it.each([1, 2] as const)('draws the 5-hour window as the thicker top bar and the weekly one below (%i×)', (scale) => {
    const image = alpha({ fiveHourUsedPercent: 90, weeklyUsedPercent: 10 }, scale);
    const [top, bottom] = bands(image);
    expect(bands(image)).toHaveLength(2);
    if (top === undefined || bottom === undefined) return;
    expect(top.rows).toBeGreaterThanOrEqual(bottom.rows + 2 * scale);
    // 10 % left on top, 90 % left below: the top bar is the 5-hour one.
    expect(solid(image, top)).toBeLessThan(solid(image, bottom) / 4);
  });

  it('tells 5 hours 10 % left + weekly 90 % left from the swapped reading at 1×', () => {
    const reading = alpha({ fiveHourUsedPercent: 90, weeklyUsedPercent: 10 });
    const swapped = alpha({ fiveHourUsedPercent: 10, weeklyUsedPercent: 90 });
    expect(visibleDifference(reading, swapped)).toBeGreaterThan(40);
    // Each bar keeps its own thickness whichever way round the numbers are.
    expect(bands(reading).map((b) => b.rows)).toEqual(bands(swapped).map((b) => b.rows));
  });

  it.each([1, 2] as const)('draws depleted unlike loading, in template mode (%i×)', (scale) => {
    expect(visibleDifference(alpha(STATES.depleted, scale), alpha(STATES.loading, scale))).toBeGreaterThanOrEqual(8 * scale * scale);
  });

  it('marks a depleted lane unlike a lane with 1 % left', () => {
    const depleted = alpha({ fiveHourUsedPercent: 100 });
    const nearlyOut = alpha({ fiveHourUsedPercent: 99.4 });
    expect(visibleDifference(depleted, nearlyOut)).toBeGreaterThanOrEqual(8);
  });

  const names = Object.keys(STATES) as (keyof typeof STATES)[];
  const pairs = names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b] as const));
  it.each(pairs)('tells %s from %s at 1×', (a, b) => {
    expect(visibleDifference(alpha(STATES[a]), alpha(STATES[b]))).toBeGreaterThanOrEqual(8);
  });

  it('names each sample by the state it stands for', () => {
    for (const name of names) expect(trayIconStates({ ...fresh, ...STATES[name] })).toContain(name);
  });

  it.each(names)('draws %s black with alpha only, at 1× and 2×', (name) => {
    for (const scale of [1, 2] as const) {
      const images = renderTrayIcon({ ...fresh, ...STATES[name] });
      expect(images.template).toBe(true);
      const png = PNG.sync.read(scale === 1 ? images.png1x : images.png2x);
      const colours = new Set<string>();
      for (let i = 0; i < png.data.length; i += 4) if ((png.data[i + 3] ?? 0) > 0) colours.add(png.data.subarray(i, i + 3).join(','));
      expect([...colours]).toEqual(['0,0,0']);
    }
  });
});
