// Draws every tray icon state at 1× and 2× into artifacts/tray-states.png, magnified and on
// light and dark menu bars (template images shown as macOS tints them), plus true size, so
// the meter can be judged by eye. Run: node scripts/bench.mjs scripts/tray-contact-sheet.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import type { TrayIconInput } from '../src/main/core/tray-icon/index.js';
import { renderTrayIcon } from '../src/main/core/tray-icon/index.js';

const base: TrayIconInput = {
  status: 'ready',
  fiveHourUsedPercent: 62,
  weeklyUsedPercent: 30,
  stale: false,
  error: false,
  showUsageAsUsed: false,
  colored: false,
};

const none = { fiveHourUsedPercent: null, weeklyUsedPercent: null } as const;
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
const columns: { scale: 1 | 2; background: readonly [number, number, number]; zoom: number }[] = [
  { scale: 1, background: LIGHT, zoom: MAGNIFIED / 18 },
  { scale: 2, background: LIGHT, zoom: MAGNIFIED / 36 },
  { scale: 1, background: DARK, zoom: MAGNIFIED / 18 },
  { scale: 2, background: DARK, zoom: MAGNIFIED / 36 },
  { scale: 1, background: LIGHT, zoom: 1 },
  { scale: 2, background: LIGHT, zoom: 1 },
  { scale: 1, background: DARK, zoom: 1 },
  { scale: 2, background: DARK, zoom: 1 },
];

const sheet = new PNG({ width: CELL * columns.length, height: CELL * STATES.length });
STATES.forEach(([label, patch], row) => {
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
        const out = ((row * CELL + y) * sheet.width + col * CELL + x) * 4;
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
console.log(`columns: 1× light, 2× light, 1× dark, 2× dark (magnified), then true size 1× light, 2× light, 1× dark, 2× dark`);
console.log(`wrote ${file}`);
