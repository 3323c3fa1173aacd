// Draws the tray meter: an 18×18 pt image with two bars, weekly on top and 5-hour below, each
// filled with the remaining share (or the used share, by setting). Geometry sits on whole
// points so the straight edges are solid pixels at 1× and 2×; only the round caps are
// anti-aliased. A template image is black with alpha (macOS tints it for light and dark
// menu bars); the coloured mode uses system-like colours that read on both.
import type { MeterLevel } from '../../../shared/format/index.js';
import { meterLevel } from '../../../shared/format/index.js';
import type { TrayIconInput } from './icon-input.js';
import type { Rect, Rgb, Shape } from './raster.js';
import { Raster, clipRight, innerStroke, roundedRect } from './raster.js';

/** Geometry in points; exported so tests can find the bars in the decoded pixels. */
export const TRAY_LAYOUT = {
  size: 18,
  barX: 1,
  barWidth: 16,
  /** Bars make room for the "!" on the right when the last refresh failed. */
  barWidthWithMark: 12,
  barHeight: 5,
  weeklyY: 3,
  fiveHourY: 10,
  mark: { x: 15, width: 2, stemY: 3, stemHeight: 8, dotY: 13, dotHeight: 2 },
  /** Outline in pixels per scale: a full pixel at 1×, a finer line at 2× (like SF Symbols). */
  outlinePixels: { 1: 1, 2: 1.5 },
} as const;

const MARK_RADIUS = 0.5;

export const TRAY_ALPHA = { track: 0.28, missingTrack: 0.1, fill: 1, staleFill: 0.55, outline: 0.9, mark: 1 } as const;

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

function drawMeter(input: TrayIconInput, scale: 1 | 2): Raster {
  const raster = new Raster(TRAY_LAYOUT.size, TRAY_LAYOUT.size, scale);
  const barWidth = input.error ? TRAY_LAYOUT.barWidthWithMark : TRAY_LAYOUT.barWidth;
  const lanes = [
    { y: TRAY_LAYOUT.weeklyY, used: input.weeklyUsedPercent },
    { y: TRAY_LAYOUT.fiveHourY, used: input.fiveHourUsedPercent },
  ];
  for (const lane of lanes) {
    const rect: Rect = { x: TRAY_LAYOUT.barX, y: lane.y, width: barWidth, height: TRAY_LAYOUT.barHeight };
    const track = roundedRect(rect, rect.height / 2);
    if (input.status === 'signed-out') {
      const outline = innerStroke(track, TRAY_LAYOUT.outlinePixels[scale] / scale);
      raster.paint(outline, input.colored ? TRAY_COLORS.neutral : BLACK, TRAY_ALPHA.outline);
    } else {
      drawLane(raster, input, rect, track, lane.used);
    }
  }
  if (input.error) drawMark(raster, input.colored ? TRAY_COLORS.red : BLACK);
  return raster;
}

function drawLane(raster: Raster, input: TrayIconInput, rect: Rect, track: Shape, used: number | null): void {
  const neutral = input.colored ? TRAY_COLORS.neutral : BLACK;
  if (input.status === 'loading') {
    raster.paint(track, neutral, TRAY_ALPHA.track);
    return;
  }
  if (used === null) {
    raster.paint(track, neutral, TRAY_ALPHA.missingTrack);
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

function drawMark(raster: Raster, color: Rgb): void {
  const { x, width, stemY, stemHeight, dotY, dotHeight } = TRAY_LAYOUT.mark;
  // A small corner radius keeps the 2-pixel mark solid at 1× and only softens it at 2×.
  raster.paint(roundedRect({ x, y: stemY, width, height: stemHeight }, MARK_RADIUS), color, TRAY_ALPHA.mark);
  raster.paint(roundedRect({ x, y: dotY, width, height: dotHeight }, MARK_RADIUS), color, TRAY_ALPHA.mark);
}
