// A tiny anti-aliased rasteriser for the tray meter: shapes are signed distance functions in
// points, sampled at pixel centres, so straight edges on the point grid come out as solid
// pixel rows at every scale while round caps get smooth edges. Pixels accumulate as
// premultiplied RGBA and are written as a PNG with pngjs.
import { PNG } from 'pngjs';

/** Distance in points from (x, y) to the shape's edge: negative inside, positive outside. */
export type Shape = (x: number, y: number) => number;

export type Rgb = readonly [red: number, green: number, blue: number];

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A rectangle with corner radius r (r = height / 2 gives a capsule). */
export function roundedRect({ x, y, width, height }: Rect, radius: number): Shape {
  const r = Math.min(radius, width / 2, height / 2);
  const cx = x + width / 2;
  const cy = y + height / 2;
  const hx = width / 2 - r;
  const hy = height / 2 - r;
  return (px, py) => {
    const qx = Math.abs(px - cx) - hx;
    const qy = Math.abs(py - cy) - hy;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

/** A straight stroke `width` points wide from (x1, y1) to (x2, y2), with round ends. */
export function segment(x1: number, y1: number, x2: number, y2: number, width: number): Shape {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length2 = dx * dx + dy * dy;
  return (px, py) => {
    const t = length2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - x1) * dx + (py - y1) * dy) / length2));
    return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy)) - width / 2;
  };
}

/** Every point of any of the shapes. */
export function union(...shapes: Shape[]): Shape {
  return (px, py) => Math.min(...shapes.map((shape) => shape(px, py)));
}

/** The part of `shape` left of the vertical line x = edge. */
export function clipRight(shape: Shape, edge: number): Shape {
  return (px, py) => Math.max(shape(px, py), px - edge);
}

/** A band `width` points wide just inside the shape's edge: an outline that stays within it. */
export function innerStroke(shape: Shape, width: number): Shape {
  return (px, py) => {
    const d = shape(px, py);
    return Math.max(d, -d - width);
  };
}

export class Raster {
  /** Premultiplied RGBA, 0–1. */
  private readonly pixels: Float32Array;

  constructor(
    readonly widthPoints: number,
    readonly heightPoints: number,
    readonly scale: number,
  ) {
    this.pixels = new Float32Array(this.width * this.height * 4);
  }

  get width(): number {
    return Math.round(this.widthPoints * this.scale);
  }

  get height(): number {
    return Math.round(this.heightPoints * this.scale);
  }

  /** How much of the pixel at (px, py) the shape covers, 0–1 (one sample, distance-based). */
  coverage(shape: Shape, px: number, py: number): number {
    const d = shape((px + 0.5) / this.scale, (py + 0.5) / this.scale) * this.scale;
    return Math.min(1, Math.max(0, 0.5 - d));
  }

  /** Paints `shape` over what is there (source-over). */
  paint(shape: Shape, color: Rgb, alpha: number): void {
    this.forEachPixel((px, py) => this.blend(px, py, color, alpha * this.coverage(shape, px, py)));
  }

  /** Paints `outer` minus `inner` (inner ⊆ outer): lets a track and its fill share edges
   *  without the track showing through a translucent fill. */
  paintDifference(outer: Shape, inner: Shape, color: Rgb, alpha: number): void {
    this.forEachPixel((px, py) => {
      const covered = this.coverage(outer, px, py) - this.coverage(inner, px, py);
      this.blend(px, py, color, alpha * Math.max(0, covered));
    });
  }

  toPng(): Buffer {
    const png = new PNG({ width: this.width, height: this.height });
    for (let i = 0; i < this.width * this.height; i += 1) {
      const a = this.pixels[i * 4 + 3] ?? 0;
      for (let c = 0; c < 3; c += 1) {
        png.data[i * 4 + c] = a === 0 ? 0 : Math.round((255 * (this.pixels[i * 4 + c] ?? 0)) / a);
      }
      png.data[i * 4 + 3] = Math.round(255 * a);
    }
    return PNG.sync.write(png);
  }

  private forEachPixel(visit: (px: number, py: number) => void): void {
    for (let py = 0; py < this.height; py += 1) {
      for (let px = 0; px < this.width; px += 1) visit(px, py);
    }
  }

  private blend(px: number, py: number, [r, g, b]: Rgb, alpha: number): void {
    if (alpha <= 0) return;
    const i = (py * this.width + px) * 4;
    const keep = 1 - alpha;
    const p = this.pixels;
    p[i] = (r / 255) * alpha + (p[i] ?? 0) * keep;
    p[i + 1] = (g / 255) * alpha + (p[i + 1] ?? 0) * keep;
    p[i + 2] = (b / 255) * alpha + (p[i + 2] ?? 0) * keep;
    p[i + 3] = alpha + (p[i + 3] ?? 0) * keep;
  }
}
