// Draws the app icon, assets/icon.png (1024×1024): the tray meter's two bars — weekly on top,
// 5-hour below — on a dark rounded square on the macOS icon grid (824 px body, soft shadow).
// electron-builder turns it into the .icns and the Linux icons.
// Run: node scripts/bench.mjs scripts/make-app-icon.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import type { Rgb, Shape } from '../src/main/core/tray-icon/raster.js';
import { clipRight, roundedRect } from '../src/main/core/tray-icon/raster.js';

const SIZE = 1024;
const BODY = { x: 100, y: 100, width: 824, height: 824 };
const BODY_RADIUS = 185;
const TOP: Rgb = [46, 50, 70];
const BOTTOM: Rgb = [16, 17, 24];
const BAR = { x: 220, width: 584, height: 132 };
const LANES = [
  { y: 330, left: 0.7, color: [255, 255, 255] as Rgb },
  { y: 562, left: 0.38, color: [64, 156, 255] as Rgb },
];

/** Straight RGBA, 0–1, composited front to back with "over". */
const pixels = new Float32Array(SIZE * SIZE * 4);

function over(index: number, color: Rgb, alpha: number): void {
  if (alpha <= 0) return;
  const i = index * 4;
  const baseAlpha = pixels[i + 3] ?? 0;
  const outAlpha = alpha + baseAlpha * (1 - alpha);
  for (let c = 0; c < 3; c += 1) {
    const base = pixels[i + c] ?? 0;
    pixels[i + c] = ((color[c] ?? 0) / 255 * alpha + base * baseAlpha * (1 - alpha)) / outAlpha;
  }
  pixels[i + 3] = outAlpha;
}

/** Coverage of a pixel by a shape, anti-aliased over one pixel. */
function coverage(shape: Shape, x: number, y: number): number {
  return Math.min(1, Math.max(0, 0.5 - shape(x + 0.5, y + 0.5)));
}

function paint(shape: Shape, color: (x: number, y: number) => Rgb, alpha: number): void {
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      const a = coverage(shape, x, y) * alpha;
      if (a > 0) over(y * SIZE + x, color(x, y), a);
    }
  }
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((c) => Math.round((a[c] ?? 0) + ((b[c] ?? 0) - (a[c] ?? 0)) * t)) as unknown as Rgb;

const body = roundedRect(BODY, BODY_RADIUS);

// A soft shadow below the body, as macOS icons carry.
const shadow = roundedRect({ ...BODY, y: BODY.y + 14 }, BODY_RADIUS);
for (let y = 0; y < SIZE; y += 1) {
  for (let x = 0; x < SIZE; x += 1) {
    const d = shadow(x + 0.5, y + 0.5);
    const a = 0.3 * Math.exp(-Math.max(0, d) / 12);
    over(y * SIZE + x, [0, 0, 0], a);
  }
}

paint(body, (_x, y) => mix(TOP, BOTTOM, (y - BODY.y) / BODY.height), 1);

for (const lane of LANES) {
  const rect = { x: BAR.x, y: lane.y, width: BAR.width, height: BAR.height };
  const track = roundedRect(rect, BAR.height / 2);
  paint(track, () => [255, 255, 255], 0.16);
  paint(clipRight(track, BAR.x + BAR.width * lane.left), () => lane.color, 1);
}

const png = new PNG({ width: SIZE, height: SIZE });
for (let i = 0; i < SIZE * SIZE; i += 1) {
  for (let c = 0; c < 4; c += 1) png.data[i * 4 + c] = Math.round(Math.min(1, Math.max(0, pixels[i * 4 + c] ?? 0)) * 255);
}
// Run from the repository root, like every script here.
const out = resolve('assets');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'icon.png'), PNG.sync.write(png));
console.log(`app icon: ${join(out, 'icon.png')} (${SIZE}×${SIZE})`);
