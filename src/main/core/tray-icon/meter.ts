// Draws the tray meter: an 18×18 pt image with two bars, the 5-hour window as the thick bar on
// top and the weekly quota as a thinner bar below (the order every screen uses; the thickness
// tells them apart without a legend), each filled with the remaining share (or the used share,
// by setting). Every state the rules in icon-input.ts name has its own shape, not only its own
// shade, because a template image is one colour with alpha: loading draws dotted tracks,
// signed out outlines, an error a "!", a depleted lane an empty track ended by a bold "×",
// stale numbers a translucent fill. Geometry sits on whole points so straight edges are solid
// pixels at 1× and 2×; only round caps and diagonals are anti-aliased. A template image is
// black with alpha (macOS tints it for light and dark menu bars); the coloured mode uses
// system-like colours that read on both. Why this layout: docs/architecture.md, "The tray meter".
import type { MeterLevel } from '../../../shared/format/index.js';
import { meterLevel } from '../../../shared/format/index.js';
import type { TrayIconInput, TrayLane } from './icon-input.js';
import { TRAY_LANES, depletedLanes, laneUsed } from './icon-input.js';
import type { Rect, Rgb, Shape } from './raster.js';
import { Raster, clipRight, innerStroke, roundedRect, segment, union } from './raster.js';

/** Geometry in points; exported so tests can find the bars in the decoded pixels. */
export const TRAY_LAYOUT = {
  size: 18,
  barX: 1,
  barWidth: 16,
  /** Bars make room on the right for the "!" of an error or the "×" of a depleted lane. */
  barWidthWithMark: { error: 12, depleted: 10 },
  lanes: {
    '5h': { y: 3, height: 6 },
    weekly: { y: 12, height: 4 },
  },
  errorMark: { x: 15, width: 2, stemY: 3, stemHeight: 8, dotY: 13, dotHeight: 2 },
  /** The "×" beside a depleted lane: a square centred on the lane, flush with the right edge;
   *  its stroke in pixels per scale (at 1× a wider stroke blurs into a blot, at 2× it is bold). */
  depletedMark: { size: 6, strokePixels: { 1: 1.25, 2: 3 } },
  /** Loading: a row of square dots along each lane's middle. */
  loadingDots: { size: 2, step: 3 },
  /** Outline in pixels per scale: a full pixel at 1×, a finer line at 2× (like SF Symbols). */
  outlinePixels: { 1: 1, 2: 1.5 },
} as const;

const MARK_RADIUS = 0.5;

/** Loading dots are lighter than a fill in a template image; the coloured mode's grey is light
 *  already, and fainter would vanish on a light panel. */
export const TRAY_ALPHA = { track: 0.28, missingTrack: 0.1, fill: 1, staleFill: 0.55, outline: 0.9, mark: 1, loadingDot: { template: 0.6, colored: 1 } } as const;

const BLACK: Rgb = [0, 0, 0];
export const TRAY_COLORS = {
  green: [52, 199, 89],
  amber: [255, 159, 10],
  red: [255, 59, 48],
  neutral: [142, 142, 147],
} as const satisfies Record<string, Rgb>;

export interface TrayIconImages {
  /** 18×18 px. */
  readonly png1x: Buffer;
  /** 36×36 px. */
  readonly png2x: Buffer;
  /** Black with alpha, for the OS to tint; false in the coloured mode. */
  readonly template: boolean;
}

export function renderTrayIcon(input: TrayIconInput): TrayIconImages {
  return { png1x: drawMeter(input, 1).toPng(), png2x: drawMeter(input, 2).toPng(), template: !input.colored };
}

/** The lane colour of each meter level in the coloured mode. */
const LEVEL_COLORS = { ok: TRAY_COLORS.green, warn: TRAY_COLORS.amber, low: TRAY_COLORS.red } as const satisfies Record<MeterLevel, Rgb>;

/** The lane colour in the coloured mode: by remaining share, whatever the fill shows. */
export function meterColor(usedPercent: number): Rgb {
  return LEVEL_COLORS[meterLevel(usedPercent)];
}

/** Which mark sits right of the bars. A depleted lane outranks an error: used up is what the
 *  user most needs to see, and the stale fill still says the numbers are old. */
function rightMark(input: TrayIconInput, depleted: readonly TrayLane[]): 'depleted' | 'error' | null {
  if (depleted.length > 0) return 'depleted';
  return input.status !== 'signed-out' && input.error ? 'error' : null;
}

function drawMeter(input: TrayIconInput, scale: 1 | 2): Raster {
  const raster = new Raster(TRAY_LAYOUT.size, TRAY_LAYOUT.size, scale);
  const depleted = depletedLanes(input);
  const mark = rightMark(input, depleted);
  const barWidth = mark === null ? TRAY_LAYOUT.barWidth : TRAY_LAYOUT.barWidthWithMark[mark];
  const neutral = input.colored ? TRAY_COLORS.neutral : BLACK;
  for (const lane of TRAY_LANES) {
    const { y, height } = TRAY_LAYOUT.lanes[lane];
    const rect: Rect = { x: TRAY_LAYOUT.barX, y, width: barWidth, height };
    const track = roundedRect(rect, height / 2);
    if (input.status === 'signed-out') {
      raster.paint(innerStroke(track, TRAY_LAYOUT.outlinePixels[scale] / scale), neutral, TRAY_ALPHA.outline);
    } else if (input.status === 'loading') {
      raster.paint(loadingDots(rect), neutral, TRAY_ALPHA.loadingDot[input.colored ? 'colored' : 'template']);
    } else {
      drawLane(raster, input, rect, track, laneUsed(input, lane));
    }
  }
  if (mark === 'error') drawErrorMark(raster, input.colored ? TRAY_COLORS.red : BLACK);
  for (const lane of depleted) raster.paint(depletedMark(lane, scale), input.colored ? TRAY_COLORS.red : BLACK, TRAY_ALPHA.mark);
  return raster;
}

function drawLane(raster: Raster, input: TrayIconInput, rect: Rect, track: Shape, used: number | null): void {
  if (used === null) {
    raster.paint(track, input.colored ? TRAY_COLORS.neutral : BLACK, TRAY_ALPHA.missingTrack);
    return;
  }
  const color = input.colored ? meterColor(used) : BLACK;
  const share = (input.showUsageAsUsed ? used : 100 - used) / 100;
  const fill = clipRight(track, rect.x + fillWidth(share, rect.width, raster.scale));
  raster.paintDifference(track, fill, color, TRAY_ALPHA.track);
  raster.paint(fill, color, input.stale ? TRAY_ALPHA.staleFill : TRAY_ALPHA.fill);
}

/** The fill's width in points, snapped to whole pixels so its edge is crisp; any share above
 *  zero shows at least one pixel, and anything short of full stops a pixel short of the end. */
function fillWidth(share: number, width: number, scale: number): number {
  const pixels = width * scale;
  const clamped = Math.min(1, Math.max(0, share));
  let filled = Math.round(clamped * pixels);
  if (clamped > 0 && filled === 0) filled = 1;
  if (clamped < 1 && filled === pixels) filled = pixels - 1;
  return filled / scale;
}

/** Square dots along the lane's middle, on whole points, as many as fit. */
function loadingDots(rect: Rect): Shape {
  const { size, step } = TRAY_LAYOUT.loadingDots;
  const y = rect.y + (rect.height - size) / 2;
  const dots: Shape[] = [];
  for (let x = rect.x; x + size <= rect.x + rect.width; x += step) dots.push(roundedRect({ x, y, width: size, height: size }, 0));
  return union(...dots);
}

/** A bold "×" in a square centred on the lane, flush with the right edge; its strokes run
 *  corner to corner through pixel centres so they stay crisp at 1×. */
export function depletedMarkBox(lane: TrayLane): Rect {
  const { size } = TRAY_LAYOUT.depletedMark;
  const { y, height } = TRAY_LAYOUT.lanes[lane];
  return { x: TRAY_LAYOUT.size - size, y: y + height / 2 - size / 2, width: size, height: size };
}

function depletedMark(lane: TrayLane, scale: 1 | 2): Shape {
  const { x, y, width, height } = depletedMarkBox(lane);
  const inset = 0.5;
  const [left, top, right, bottom] = [x + inset, y + inset, x + width - inset, y + height - inset];
  const stroke = TRAY_LAYOUT.depletedMark.strokePixels[scale] / scale;
  return union(segment(left, top, right, bottom, stroke), segment(left, bottom, right, top, stroke));
}

function drawErrorMark(raster: Raster, color: Rgb): void {
  const { x, width, stemY, stemHeight, dotY, dotHeight } = TRAY_LAYOUT.errorMark;
  // A small corner radius keeps the 2-pixel mark solid at 1× and only softens it at 2×.
  raster.paint(roundedRect({ x, y: stemY, width, height: stemHeight }, MARK_RADIUS), color, TRAY_ALPHA.mark);
  raster.paint(roundedRect({ x, y: dotY, width, height: dotHeight }, MARK_RADIUS), color, TRAY_ALPHA.mark);
}
