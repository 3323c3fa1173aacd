// The preview server's command line: `--demo`, `--signed-out`, `--port N`, `--speed N`,
// `--accounts N` (or KIMIBAR_DEMO_ACCOUNTS=N: `npm run demo` passes no arguments through easily).
import { parseArgs } from 'node:util';
import { KimiError } from '../core/errors.js';
import { MAX_ACCOUNTS } from '../../shared/settings.js';

export interface PreviewCliOptions {
  readonly demo: boolean;
  /** The demo starts without any credential (the first-run experience). */
  readonly signedOut: boolean;
  readonly port: number;
  /** Demo time runs this many times faster than real time (a time-lapse of the quota). */
  readonly speed: number;
  /** How many simulated accounts the demo shows (1–10). */
  readonly accounts: number;
}

export function parsePreviewArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): PreviewCliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      demo: { type: 'boolean', default: false },
      'signed-out': { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
      speed: { type: 'string' },
      accounts: { type: 'string' },
    },
    strict: true,
  });
  const accountsText = values.accounts ?? (values.demo ? env.KIMIBAR_DEMO_ACCOUNTS : undefined);
  const accounts = Number(accountsText ?? '1');
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > MAX_ACCOUNTS) {
    throw new KimiError('usage', { detail: `--accounts (KIMIBAR_DEMO_ACCOUNTS) must be a whole number from 1 to ${MAX_ACCOUNTS}` });
  }
  const port = Number(values.port);
  const speed = Number(values.speed ?? '1');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new KimiError('usage', { detail: '--port must be a whole number from 0 to 65535' });
  if (!Number.isFinite(speed) || speed < 1 || speed > 3600) throw new KimiError('usage', { detail: '--speed must be a number from 1 to 3600' });
  // The real core runs on real time with the user's own credentials; these only shape the demo.
  if (!values.demo && (values['signed-out'] || values.speed !== undefined || values.accounts !== undefined)) {
    throw new KimiError('usage', { detail: '--signed-out, --speed and --accounts need --demo' });
  }
  return { demo: values.demo, signedOut: values['signed-out'], port, speed, accounts };
}

/** A clock that starts now and runs `speed` times faster than the system clock. */
export function timeLapseClock(speed: number, now: () => number = Date.now): { now(): number } {
  const start = now();
  return { now: () => start + (now() - start) * speed };
}
