// Fewer points for drawing without flattening the picture: the range is cut into equal time
// buckets and each keeps its lowest and highest point, so spikes and resets survive (a plain
// average or every-nth sample would shave them off).

export interface TimedValue {
  readonly time: number;
  readonly value: number;
}

/** At most `maxPoints` of `points` (sorted by time), in time order. */
export function downsampleMinMax<T extends TimedValue>(points: readonly T[], maxPoints: number): T[] {
  const limit = Math.max(2, Math.floor(maxPoints));
  if (points.length <= limit) return [...points];
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return [];

  const bucketCount = Math.floor(limit / 2);
  const span = Math.max(1, last.time - first.time);
  const lows: (T | undefined)[] = new Array<T | undefined>(bucketCount);
  const highs: (T | undefined)[] = new Array<T | undefined>(bucketCount);
  for (const point of points) {
    const bucket = Math.min(bucketCount - 1, Math.floor(((point.time - first.time) / span) * bucketCount));
    const low = lows[bucket];
    const high = highs[bucket];
    if (!low || point.value < low.value) lows[bucket] = point;
    if (!high || point.value > high.value) highs[bucket] = point;
  }

  const out: T[] = [];
  for (let bucket = 0; bucket < bucketCount; bucket += 1) {
    const low = lows[bucket];
    const high = highs[bucket];
    if (!low || !high) continue;
    if (low === high) out.push(low);
    else if (low.time <= high.time) out.push(low, high);
    else out.push(high, low);
  }
  return out;
}
