// Local calendar days as YYYY-MM-DD. Usage is counted on the day it happened where the user
// is, which Intl knows for any time zone; looking it up for every record of a large log is the
// slow part, so answers are kept per quarter hour (every zone's offset is a multiple of 15 min).
const SLOT_MS = 15 * 60_000;
const MAX_CACHED = 20_000;

export type DayOf = (epochMs: number) => string;

export function dayFormatter(timeZone?: string): DayOf {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const cache = new Map<number, string>();
  return (epochMs) => {
    const slot = Math.floor(epochMs / SLOT_MS);
    let day = cache.get(slot);
    if (day === undefined) {
      day = isoDay(format, epochMs);
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(slot, day);
    }
    return day;
  };
}

function isoDay(format: Intl.DateTimeFormat, epochMs: number): string {
  const parts = format.formatToParts(epochMs);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The day `n` days before `day` (both YYYY-MM-DD), on the calendar, whatever the zone. */
export function daysBefore(day: string, n: number): string {
  const at = Date.parse(`${day}T12:00:00Z`) - n * 86_400_000;
  return new Date(at).toISOString().slice(0, 10);
}
