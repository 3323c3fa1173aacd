// Draws every tray icon state at 1× and 2× into artifacts/tray-states.png, magnified and on
// light and dark menu bars (template images shown as macOS tints them), plus true size, so
// the meter can be judged by eye; each row is labelled with its state, each column with its
// scale and menu bar. Run: node scripts/bench.mjs scripts/tray-contact-sheet.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import type { TrayIconInput } from '../src/main/core/tray-icon/index.js';
import { renderTrayIcon } from '../src/main/core/tray-icon/index.js';
import { GLYPH, glyphPixel } from './pixel-font.js';
import { FRESH_METER, NO_READINGS } from '../test/core/tray-icon/samples.js';

const base = FRESH_METER;
const none = NO_READINGS;
const STATES: readonly [string, Partial<TrayIconInput>][] = [
  ['fresh: 5-hour 38% left (top), weekly 70% left', {}],
  ['fresh: 5-hour 10% / weekly 90% left', { fiveHourUsedPercent: 90, weeklyUsedPercent: 10 }],
  ['fresh: 5-hour 90% / weekly 10% left (swapped)', { fiveHourUsedPercent: 10, weeklyUsedPercent: 90 }],
  ['full', { fiveHourUsedPercent: 0, weeklyUsedPercent: 0 }],
  ['nearly out: 1% / 1% left', { fiveHourUsedPercent: 99.4, weeklyUsedPercent: 99.4 }],
  ['depleted: 5-hour', { fiveHourUsedPercent: 100 }],
  ['depleted: weekly', { weeklyUsedPercent: 100 }],
  ['depleted: both', { fiveHourUsedPercent: 100, weeklyUsedPercent: 100 }],
  ['depleted 5-hour, stale + error', { fiveHourUsedPercent: 100, stale: true, error: true }],
  ['stale', { stale: true }],
  ['error', { error: true }],
  ['stale + error', { stale: true, error: true }],
  ['loading', { status: 'loading', ...none }],
  ['loading + error (first refresh failed)', { status: 'loading', ...none, error: true }],
  ['signed out', { status: 'signed-out', ...none }],
  ['weekly lane missing', { weeklyUsedPercent: null }],
  ['show usage as used', { showUsageAsUsed: true }],
  ['coloured green / amber', { colored: true, fiveHourUsedPercent: 55, weeklyUsedPercent: 30 }],
  ['coloured red / green', { colored: true, fiveHourUsedPercent: 90 }],
  ['coloured depleted 5-hour', { colored: true, fiveHourUsedPercent: 100 }],
  ['coloured stale + error', { colored: true, stale: true, error: true }],
  ['coloured loading', { colored: true, status: 'loading', ...none }],
  ['coloured signed out', { colored: true, status: 'signed-out', ...none }],
];

const LIGHT = [236, 236, 236] as const;
const DARK = [40, 40, 42] as const;
const CELL = 160;
const MAGNIFIED = 144;
const columns: { title: string; scale: 1 | 2; background: readonly [number, number, number]; zoom: number }[] = [
  { title: '1X LIGHT (ZOOM)', scale: 1, background: LIGHT, zoom: MAGNIFIED / 18 },
  { title: '2X LIGHT (ZOOM)', scale: 2, background: LIGHT, zoom: MAGNIFIED / 36 },
  { title: '1X DARK (ZOOM)', scale: 1, background: DARK, zoom: MAGNIFIED / 18 },
  { title: '2X DARK (ZOOM)', scale: 2, background: DARK, zoom: MAGNIFIED / 36 },
  { title: '1X LIGHT', scale: 1, background: LIGHT, zoom: 1 },
  { title: '2X LIGHT', scale: 2, background: LIGHT, zoom: 1 },
  { title: '1X DARK', scale: 1, background: DARK, zoom: 1 },
  { title: '2X DARK', scale: 2, background: DARK, zoom: 1 },
];

/** Label text is drawn this many pixels per font pixel. */
const TEXT_SCALE = 2;
const LABEL_WIDTH = Math.max(...STATES.map(([label]) => label.length)) * GLYPH.advance * TEXT_SCALE + 24;
const HEADER = 24;

const sheet = new PNG({ width: LABEL_WIDTH + CELL * columns.length, height: HEADER + CELL * STATES.length });
sheet.data.fill(255);

/** Writes `text` in black with its top-left corner at (left, top). */
function text(value: string, left: number, top: number): void {
  [...value].forEach((char, i) => {
    for (let gy = 0; gy < GLYPH.height * TEXT_SCALE; gy += 1) {
      for (let gx = 0; gx < GLYPH.width * TEXT_SCALE; gx += 1) {
        if (!glyphPixel(char, Math.floor(gx / TEXT_SCALE), Math.floor(gy / TEXT_SCALE))) continue;
        const out = ((top + gy) * sheet.width + left + i * GLYPH.advance * TEXT_SCALE + gx) * 4;
        sheet.data.fill(0, out, out + 3);
      }
    }
  });
}

columns.forEach((column, col) => text(column.title, LABEL_WIDTH + col * CELL + 6, 7));
STATES.forEach(([label, patch], row) => {
  text(label, 8, HEADER + row * CELL + CELL / 2 - (GLYPH.height * TEXT_SCALE) / 2);
  const input = { ...base, ...patch };
  const images = renderTrayIcon(input);
  columns.forEach((column, col) => {
    const icon = PNG.sync.read(column.scale === 1 ? images.png1x : images.png2x);
    const tint = input.colored ? null : column.background === DARK ? 255 : 0;
    const size = icon.width * column.zoom;
    const offset = Math.floor((CELL - size) / 2);
    for (let y = 0; y < CELL; y += 1) {
      for (let x = 0; x < CELL; x += 1) {
        const edge = x === 0 || y === 0;
        const [bgR, bgG, bgB] = edge ? [180, 180, 180] : column.background;
        const ix = Math.floor((x - offset) / column.zoom);
        const iy = Math.floor((y - offset) / column.zoom);
        const inside = x >= offset && y >= offset && ix < icon.width && iy < icon.height;
        const at = (iy * icon.width + ix) * 4;
        const alpha = inside ? (icon.data[at + 3] ?? 0) / 255 : 0;
        const src = [0, 1, 2].map((c) => tint ?? icon.data[at + c] ?? 0);
        const out = ((HEADER + row * CELL + y) * sheet.width + LABEL_WIDTH + col * CELL + x) * 4;
        [bgR, bgG, bgB].forEach((bgc, c) => {
          sheet.data[out + c] = Math.round((src[c] ?? 0) * alpha + bgc * (1 - alpha));
        });
        sheet.data[out + 3] = 255;
      }
    }
  });
  console.log(`row ${row + 1}: ${label}`);
});

// The runner bundles this file into dist/ and runs it from the project root.
const outDir = resolve('artifacts');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, 'tray-states.png');
writeFileSync(file, PNG.sync.write(sheet));
console.log(`columns: ${columns.map((c) => c.title.toLowerCase()).join(', ')}`);
console.log(`wrote ${file}`);
