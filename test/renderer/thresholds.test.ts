import { expect, test } from 'vitest';
import { parseThresholds } from '../../src/renderer/thresholds.js';

test('accepts up to five whole numbers 1–99, in any separator, highest first without repeats', () => {
  expect(parseThresholds('50, 20')).toEqual([50, 20]);
  expect(parseThresholds('10 50，20 50')).toEqual([50, 20, 10]);
  expect(parseThresholds('')).toEqual([]);
});

test('refuses anything else', () => {
  for (const text of ['0', '100', '12.5', '-5', 'fifty', '1,2,3,4,5,6', '5e1']) {
    expect(parseThresholds(text), text).toBeNull();
  }
});
