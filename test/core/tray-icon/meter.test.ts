import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { TrayIconInput } from '../../../src/main/core/tray-icon/index.js';
import { renderTrayIcon } from '../../../src/main/core/tray-icon/index.js';
import { TRAY_COLORS, TRAY_LAYOUT } from '../../../src/main/core/tray-icon/meter.js';

const ready: TrayIconInput = {
  status: 'ready',
  weeklyUsedPercent: 30,
  fiveHourUsedPercent: 62,
  stale: false,
  error: false,
  showUsageAsUsed: false,
  colored: false,
};

interface Decoded {
  width: number;
  height: number;
  alpha(x: number, y: number): number;
  rgb(x: number, y: number): [number, number, number];
}

function decode(buffer: Buffer): Decoded {
  const png = PNG.sync.read(buffer);
  const at = (x: number, y: number) => (y * png.width + x) * 4;
  return {
    width: png.width,
    height: png.height,
    alpha: (x, y) => png.data[at(x, y) + 3] ?? -1,
    rgb: (x, y) => [png.data[at(x, y)] ?? -1, png.data[at(x, y) + 1] ?? -1, png.data[at(x, y) + 2] ?? -1],
  };
}

function draw(patch: Partial<TrayIconInput>, scale: 1 | 2 = 1): Decoded {
  const images = renderTrayIcon({ ...ready, ...patch });
  return decode(scale === 1 ? images.png1x : images.png2x);
}

type Lane = '5h' | 'weekly';
const middleRow = (lane: Lane, scale: number) => Math.floor((TRAY_LAYOUT.lanes[lane].y + TRAY_LAYOUT.lanes[lane].height / 2) * scale);
const row = (image: Decoded, y: number) => Array.from({ length: image.width }, (_, x) => image.alpha(x, y));
/** Pixels of fill along the lane's middle row, left of `end` points: more opaque than halfway
 *  between the faint track and a solid fill (the anti-aliased end of a round cap still counts). */
const filled = (image: Decoded, lane: Lane, scale: number, end: number = TRAY_LAYOUT.size) =>
  row(image, middleRow(lane, scale))
    .slice(0, end * scale)
    .filter((a) => a > 160).length;
const near = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1);

describe('renderTrayIcon', () => {
  it('draws 18×18 px at 1× and 36×36 px at 2×, as a template by default', () => {
    const images = renderTrayIcon(ready);
    expect([decode(images.png1x).width, decode(images.png1x).height]).toEqual([18, 18]);
    expect([decode(images.png2x).width, decode(images.png2x).height]).toEqual([36, 36]);
    expect(images.template).toBe(true);
  });

  it.each([1, 2] as const)('fills each bar in proportion to what is left (%i×)', (scale) => {
    const bar = TRAY_LAYOUT.barWidth * scale;
    for (const [weekly, fiveHour] of [[0, 0], [25, 75], [30, 62], [50, 90], [87.5, 12.5]]) {
      const image = draw({ weeklyUsedPercent: weekly, fiveHourUsedPercent: fiveHour }, scale);
      expect(filled(image, 'weekly', scale)).toBe(Math.round(((100 - (weekly ?? 0)) / 100) * bar));
      expect(filled(image, '5h', scale)).toBe(Math.round(((100 - (fiveHour ?? 0)) / 100) * bar));
    }
  });

  it('shows the used share when "show usage as used" is on', () => {
    const image = draw({ weeklyUsedPercent: 25, fiveHourUsedPercent: 75, showUsageAsUsed: true }, 2);
    expect(filled(image, 'weekly', 2)).toBe(8);
    expect(filled(image, '5h', 2)).toBe(24);
  });

  it('keeps a sliver for a nearly empty bar and a gap for a nearly full one', () => {
    const image = draw({ weeklyUsedPercent: 99.9, fiveHourUsedPercent: 0.1 });
    expect(filled(image, 'weekly', 1)).toBe(1);
    expect(filled(image, '5h', 1)).toBe(15);
    const barEnd = TRAY_LAYOUT.barX + TRAY_LAYOUT.barWidthWithMark.depleted;
    expect(filled(draw({ weeklyUsedPercent: 100 }), 'weekly', 1, barEnd)).toBe(0);
  });

  it('is black with alpha only as a template', () => {
    const image = draw({ error: true, stale: true }, 2);
    for (let y = 0; y < image.height; y += 1) {
      for (let x = 0; x < image.width; x += 1) {
        if (image.alpha(x, y) > 0) expect(image.rgb(x, y)).toEqual([0, 0, 0]);
      }
    }
  });

  it('draws a stale fill at 55 % alpha over a faint track', () => {
    const image = draw({ stale: true, weeklyUsedPercent: 50 });
    const y = middleRow('weekly', 1);
    near(image.alpha(4, y), Math.round(0.55 * 255));
    near(image.alpha(14, y), Math.round(0.28 * 255));
    expect(filled(image, 'weekly', 1)).toBe(0);
  });

  it.each([1, 2] as const)('draws dotted tracks while loading, not the empty tracks of a used-up window (%i×)', (scale) => {
    const image = draw({ status: 'loading', weeklyUsedPercent: null, fiveHourUsedPercent: null }, scale);
    const { size, step } = TRAY_LAYOUT.loadingDots;
    for (const lane of ['5h', 'weekly'] as const) {
      const alphas = row(image, middleRow(lane, scale));
      for (let x = TRAY_LAYOUT.barX; x + size <= TRAY_LAYOUT.barX + TRAY_LAYOUT.barWidth; x += step) {
        near(alphas[x * scale] ?? -1, Math.round(0.6 * 255));
        expect(alphas[(x + size) * scale]).toBe(0);
      }
    }
  });

  it('dims the track of a missing lane', () => {
    const image = draw({ fiveHourUsedPercent: null });
    expect(filled(image, 'weekly', 1)).toBe(11);
    // Inside the round caps (the 6-point cap's end pixels are a touch anti-aliased).
    row(image, middleRow('5h', 1))
      .slice(2, 16)
      .forEach((a) => near(a, Math.round(0.1 * 255)));
  });

  it.each([1, 2] as const)('marks an error with a "!" beside shortened bars (%i×)', (scale) => {
    const plain = draw({}, scale);
    const marked = draw({ error: true }, scale);
    const { x, width, stemY, stemHeight, dotY, dotHeight } = TRAY_LAYOUT.errorMark;
    const column = Math.floor((x + width / 2) * scale);
    const stem = Math.floor((TRAY_LAYOUT.lanes['5h'].y + TRAY_LAYOUT.lanes['5h'].height + 0.5) * scale); // between the bars
    expect(stem).toBeLessThan((stemY + stemHeight) * scale);
    const dot = Math.floor((dotY + dotHeight / 2) * scale);
    const between = Math.floor((dotY - 1) * scale);
    expect([marked.alpha(column, stem), marked.alpha(column, dot), marked.alpha(column, between)]).toEqual([255, 255, 0]);
    expect(plain.alpha(column, stem)).toBe(0);
    const barEnd = (TRAY_LAYOUT.barX + TRAY_LAYOUT.barWidthWithMark.error) * scale;
    expect(marked.alpha(barEnd, middleRow('weekly', scale))).toBe(0);
    expect(plain.alpha(barEnd, middleRow('weekly', scale))).toBeGreaterThan(0);
  });

  it.each([1, 2] as const)('ends a depleted lane with a bold "×" beside shortened bars, over the "!" (%i×)', (scale) => {
    for (const lane of ['5h', 'weekly'] as const) {
      const used = lane === '5h' ? { fiveHourUsedPercent: 100 } : { weeklyUsedPercent: 100 };
      const other = lane === '5h' ? 'weekly' : '5h';
      for (const image of [draw(used, scale), draw({ ...used, error: true, stale: true }, scale)]) {
        const { size } = TRAY_LAYOUT.depletedMark;
        const { y, height } = TRAY_LAYOUT.lanes[lane];
        const [left, top] = [(TRAY_LAYOUT.size - size) * scale, (y + height / 2 - size / 2) * scale];
        const last = size * scale - 1;
        // The four corners and the middle of the cross are ink; the middles of its sides are not.
        for (const [dx, dy] of [[0, 0], [last, 0], [0, last], [last, last], [last / 2, last / 2]]) {
          expect(image.alpha(left + Math.floor(dx ?? 0), top + Math.floor(dy ?? 0))).toBeGreaterThan(200);
        }
        expect(image.alpha(left + Math.floor(last / 2), top)).toBeLessThan(64);
        expect(image.alpha(left, top + Math.floor(last / 2))).toBeLessThan(64);
        // Nothing left in the depleted lane; the other lane keeps its numbers, shortened.
        const barEnd = TRAY_LAYOUT.barX + TRAY_LAYOUT.barWidthWithMark.depleted;
        expect(filled(image, lane, scale, barEnd)).toBe(0);
        expect(filled(image, other, scale, TRAY_LAYOUT.size)).toBeLessThanOrEqual(TRAY_LAYOUT.barWidthWithMark.depleted * scale);
        expect(image.alpha(barEnd * scale, middleRow(other, scale))).toBe(0);
      }
    }
    // The "!" gives way: its dot sits where the weekly cross is not.
    const { x, dotY } = TRAY_LAYOUT.errorMark;
    expect(draw({ fiveHourUsedPercent: 100, error: true }, scale).alpha(x * scale, dotY * scale)).toBe(0);
  });

  it('marks a depleted lane in red in the coloured mode', () => {
    const image = draw({ colored: true, fiveHourUsedPercent: 100 }, 2);
    const corner = (TRAY_LAYOUT.size - TRAY_LAYOUT.depletedMark.size) * 2;
    expect(image.rgb(corner, TRAY_LAYOUT.lanes['5h'].y * 2)).toEqual([...TRAY_COLORS.red]);
  });

  it.each([1, 2] as const)('draws outlines only when signed out (%i×)', (scale) => {
    const image = draw({ status: 'signed-out', weeklyUsedPercent: null, fiveHourUsedPercent: null }, scale);
    for (const lane of ['5h', 'weekly'] as const) {
      const top = TRAY_LAYOUT.lanes[lane].y * scale;
      const mid = middleRow(lane, scale);
      const inside = Array.from({ length: 8 * scale }, (_, i) => 5 * scale + i);
      expect(inside.map((x) => image.alpha(x, mid))).toEqual(inside.map(() => 0));
      inside.forEach((x) => expect(image.alpha(x, top)).toBeGreaterThan(200));
      expect(image.alpha(TRAY_LAYOUT.barX * scale, mid)).toBeGreaterThan(200);
    }
  });

  describe('coloured mode', () => {
    const fillColor = (usedPercent: number, patch: Partial<TrayIconInput> = {}) => {
      const image = draw({ colored: true, weeklyUsedPercent: usedPercent, ...patch }, 2);
      const x = TRAY_LAYOUT.barX * 2 + 3;
      return image.rgb(x, middleRow('weekly', 2));
    };

    // The colour follows the whole percent the tooltip shows: 49.5 % left reads "50% left"
    // and is green, 19.5 % left reads "20% left" and is amber.
    it.each([
      [0, TRAY_COLORS.green],
      [50, TRAY_COLORS.green],
      [50.5, TRAY_COLORS.green],
      [50.6, TRAY_COLORS.amber],
      [80, TRAY_COLORS.amber],
      [80.5, TRAY_COLORS.amber],
      [80.6, TRAY_COLORS.red],
      [99, TRAY_COLORS.red],
    ])('tints a bar %s %% used by what is left, as its text rounds', (used, color) => {
      expect(fillColor(used)).toEqual([...color]);
    });

    it('keeps the colour of what is left when showing what is used, and is not a template', () => {
      expect(fillColor(90, { showUsageAsUsed: true })).toEqual([...TRAY_COLORS.red]);
      expect(renderTrayIcon({ ...ready, colored: true }).template).toBe(false);
    });
  });
});
