// The notification thresholds field: what the user types, as the settings schema wants it.

/** "50, 20" → [50, 20]; null unless every entry is a whole number 1–99 and there are 0–5. */
export function parseThresholds(text: string): number[] | null {
  const parts = text.split(/[,，\s]+/).filter((part) => part !== '');
  if (parts.length > 5 || !parts.every((part) => /^\d{1,2}$/.test(part))) return null;
  const values = parts.map(Number);
  if (values.some((value) => value < 1 || value > 99)) return null;
  return [...new Set(values)].sort((a, b) => b - a);
}
