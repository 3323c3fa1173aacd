import { expect, test } from 'vitest';
import { parsePreviewArgs, timeLapseClock } from '../../src/main/preview/preview-options.js';

test('parses --demo, --port and --speed with their defaults', () => {
  expect(parsePreviewArgs([])).toEqual({ demo: false, signedOut: false, port: 0, speed: 1, accounts: 1 });
  expect(parsePreviewArgs(['--demo', '--signed-out', '--port', '8123', '--speed', '60'])).toEqual({ demo: true, signedOut: true, port: 8123, speed: 60, accounts: 1 });
});

test('the demo shows 1 to 10 accounts, from --accounts or KIMIBAR_DEMO_ACCOUNTS', () => {
  expect(parsePreviewArgs(['--demo', '--accounts', '10']).accounts).toBe(10);
  expect(parsePreviewArgs(['--demo'], { KIMIBAR_DEMO_ACCOUNTS: '2' }).accounts).toBe(2);
  expect(parsePreviewArgs(['--demo', '--accounts', '3'], { KIMIBAR_DEMO_ACCOUNTS: '2' }).accounts).toBe(3);
  // Without --demo the variable means nothing: the real core shows the user's own accounts.
  expect(parsePreviewArgs([], { KIMIBAR_DEMO_ACCOUNTS: '5' }).accounts).toBe(1);
  for (const bad of ['0', '11', '2.5', 'two']) expect(() => parsePreviewArgs(['--demo', '--accounts', bad])).toThrow(/--accounts/);
  expect(() => parsePreviewArgs(['--demo'], { KIMIBAR_DEMO_ACCOUNTS: '12' })).toThrow(/KIMIBAR_DEMO_ACCOUNTS/);
  expect(() => parsePreviewArgs(['--accounts', '2'])).toThrow(/need --demo/);
});

test('refuses bad values and unknown options', () => {
  expect(() => parsePreviewArgs(['--port', '70000'])).toThrow(/--port/);
  expect(() => parsePreviewArgs(['--speed', '0'])).toThrow(/--speed/);
  expect(() => parsePreviewArgs(['--verbose'])).toThrow();
});

test('a time-lapse clock runs its speed times faster from when it was made', () => {
  let now = 1000;
  const clock = timeLapseClock(60, () => now);
  now = 3000;
  expect(clock.now()).toBe(1000 + 2000 * 60);
});

test('the demo-only options need --demo: the real core runs on real time with the user’s own credentials', () => {
  expect(() => parsePreviewArgs(['--speed', '60'])).toThrow(/need --demo/);
  expect(() => parsePreviewArgs(['--signed-out'])).toThrow(/need --demo/);
  expect(parsePreviewArgs(['--port', '8123'])).toEqual({ demo: false, signedOut: false, port: 8123, speed: 1, accounts: 1 });
});
