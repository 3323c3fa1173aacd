// `--demo`: the real core with only the outside world replaced — the network by the simulated
// Kimi service (at the Transport seam), the keychain by memory, the browsers by a few canned
// import reports — and its files in a fresh temporary folder, so the demo never reads or
// changes the user's settings, secrets or history. Seven days of simulated refreshes are
// written to the history database first, so the charts have something to draw.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CookieImporter, ImportReport } from '../../core/cookies/types.js';
import { openHistory } from '../../core/history/index.js';
import { buildSnapshot, mapCodeApiUsage } from '../../core/kimi/usage-mapping.js';
import type { Clock } from '../../core/ports.js';
import { createRuntime, type Runtime } from '../../core/runtime.js';
import { createSecretStore } from '../../core/settings/secrets.js';
import { APP_VERSION } from '../../core/version.js';
import { FIRST_ACCOUNT_ID } from '../../../shared/accounts.js';
import type { UsageSource } from '../../../shared/usage.js';
import { timeLapseClock } from '../preview-options.js';
import { addAccount } from '../../core/accounts/manage.js';
import { MAX_ACCOUNTS } from '../../../shared/settings.js';
import { simulateUsage } from './simulated-kimi.js';
import { codeApiBody, createSimulatedTransport, type UsageProfile } from './simulated-transport.js';

export interface DemoRuntimeOptions {
  /** Demo time runs this many times faster than real time. */
  readonly speed: number;
  /** Start without any credential: the first-run experience. */
  readonly signedOut: boolean;
  /** How many polls a device login stays pending (tests shorten it). */
  readonly pendingPolls?: number;
  /**
   * How many accounts (1–10, default 1): the first as always, each further one with its own API
   * key and its own usage; from three on, the second has its 5-hour window used up and the third
   * a key Kimi refuses, so every kind of row shows.
   */
  readonly accounts?: number;
}

export interface DemoRuntime {
  readonly runtime: Runtime;
  /** Deletes the demo's temporary folder; call after the runtime is closed. */
  remove(): void;
}

/** What the demo's API key looks like; it lives only in memory and only the simulator sees it. */
export const DEMO_API_KEY = 'sk-kimi-demo-0000000000000000';
const HISTORY_DAYS = 7;
const HISTORY_STEP_MS = 10 * 60_000;
const DAY_MS = 86_400_000;
const DEMO_SOURCE: UsageSource = { kind: 'api-key', label: 'Kimi Code API key' };

/** The names the demo's further accounts get, in order (the first is "Kimi", as always). */
export const DEMO_ACCOUNT_NAMES = ['Work', 'Personal', 'Team', 'Research', 'Side project', 'Client A', 'Client B', 'Weekend', 'Backup'] as const;

export interface DemoAccount {
  readonly name: string;
  readonly apiKey: string;
  readonly profile: UsageProfile;
}

/** The further accounts of a demo with `count` accounts, each with its own key and usage. */
export function demoAccounts(count: number): DemoAccount[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_ACCOUNTS) throw new RangeError(`the demo has 1 to ${MAX_ACCOUNTS} accounts`);
  return DEMO_ACCOUNT_NAMES.slice(0, count - 1).map((name, index) => {
    const variant = index + 1;
    const state: UsageProfile['state'] = count < 3 ? 'normal' : variant === 1 ? 'depleted' : variant === 2 ? 'rejected' : 'normal';
    return { name, apiKey: `sk-kimi-demo-${String(variant).padStart(16, '0')}`, profile: { variant, state } };
  });
}

const DEMO_REPORTS: readonly ImportReport[] = [
  { browser: 'chrome', browserName: 'Chrome', profile: 'Default', status: 'not-found', expiresAt: null, detail: null },
  { browser: 'safari', browserName: 'Safari', profile: null, status: 'needs-full-disk-access', expiresAt: null, detail: null },
  { browser: 'firefox', browserName: 'Firefox', profile: 'default-release', status: 'not-found', expiresAt: null, detail: null },
];

/** The demo reads no browser: every scan reports the same plausible lines and finds nothing. */
export const demoCookieImporter: CookieImporter = {
  importKimiAuth: async () => ({ found: null, reports: DEMO_REPORTS }),
};

export async function createDemoRuntime(options: DemoRuntimeOptions): Promise<DemoRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'kimibar-demo-'));
  const configDir = join(dir, 'config');
  try {
    const clock = timeLapseClock(options.speed);
    const epochMs = clock.now();
    seedHistory(configDir, clock, epochMs);
    const secrets = await createSecretStore({ keytar: null });
    if (!options.signedOut) await secrets.set('api-key', DEMO_API_KEY);
    const further = demoAccounts(options.accounts ?? 1);
    const runtime = await createRuntime({
      // Only the demo's own folder: no KIMI_* variables, no ~/.kimi-code credentials of the user.
      env: { KIMIBAR_CONFIG_DIR: configDir, HOME: dir },
      platform: process.platform,
      home: dir,
      appVersion: APP_VERSION,
      clock,
      secrets,
      cookies: demoCookieImporter,
      transport: createSimulatedTransport({
        clock,
        epochMs,
        timeScale: options.speed,
        pendingPolls: options.pendingPolls,
        profiles: new Map(further.map((account) => [account.apiKey, account.profile])),
      }),
    });
    for (const account of further) {
      const added = addAccount(runtime, { name: account.name, usageSource: 'api' });
      await runtime.account(added.id).secrets.set('api-key', account.apiKey);
    }
    return { runtime, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Records what refreshes every 10 minutes over the past week would have seen, through the real
 *  mapping, for the demo's first account (the one a fresh install has). */
function seedHistory(configDir: string, clock: Clock, epochMs: number): void {
  const history = openHistory({ dir: configDir, clock });
  try {
    for (let at = epochMs - HISTORY_DAYS * DAY_MS; at < epochMs; at += HISTORY_STEP_MS) {
      const reading = mapCodeApiUsage(codeApiBody(simulateUsage({ epochMs, nowMs: at })));
      history.record(buildSnapshot(reading, DEMO_SOURCE, new Date(at)), FIRST_ACCOUNT_ID);
    }
  } finally {
    history.close();
  }
}
