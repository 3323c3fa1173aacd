// The preview server's command line: `--demo`, `--signed-out`, `--port N`, `--speed N`.
import { parseArgs } from 'node:util';
import { KimiError } from '../core/errors.js';

export interface PreviewCliOptions {
  readonly demo: boolean;
  /** The demo starts without any credential (the first-run experience). */
  readonly signedOut: boolean;
  readonly port: number;
  /** Demo time runs this many times faster than real time (a time-lapse of the quota). */
  readonly speed: number;
}

export function parsePreviewArgs(argv: readonly string[]): PreviewCliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { demo: { type: 'boolean', default: false }, 'signed-out': { type: 'boolean', default: false }, port: { type: 'string', default: '0' }, speed: { type: 'string' } },
    strict: true,
  });
  const port = Number(values.port);
  const speed = Number(values.speed ?? '1');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new KimiError('usage', { detail: '--port must be a whole number from 0 to 65535' });
  if (!Number.isFinite(speed) || speed < 1 || speed > 3600) throw new KimiError('usage', { detail: '--speed must be a number from 1 to 3600' });
  // The real core runs on real time with the user's own credentials; these only shape the demo.
  if (!values.demo && (values['signed-out'] || values.speed !== undefined)) throw new KimiError('usage', { detail: '--signed-out and --speed need --demo' });
  return { demo: values.demo, signedOut: values['signed-out'], port, speed };
}

/** A clock that starts now and runs `speed` times faster than the system clock. */
export function timeLapseClock(speed: number, now: () => number = Date.now): { now(): number } {
  const start = now();
  return { now: () => start + (now() - start) * speed };
}
