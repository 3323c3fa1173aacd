// The refresh fan-out with ten accounts: the real app core (createAppCore over createRuntime, a
// temporary config folder, keys in memory) against fake-kimi on loopback, each account with its
// own API key, Kimi answering in ~80 ms, and one account whose every request fails (HTTP 500).
// Prints the time from start until each account has numbers (the start is staggered by list
// position), how many usage requests were in flight at once, and the same for a manual
// "refresh all". Prints; asserts nothing. Run: node scripts/bench.mjs bench/accounts-refresh.bench.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addAccount } from '../src/main/core/accounts/manage.js';
import { STAGGER_STEP_MS } from '../src/main/core/app/accounts-controller.js';
import { systemTimers } from '../src/main/core/app/timers.js';
import { createRuntime } from '../src/main/core/runtime.js';
import { createAppCore } from '../src/main/core/service/app-core.js';
import type { ShellPorts } from '../src/main/core/service/shell-ports.js';
import { createSecretStore } from '../src/main/core/settings/secrets.js';
import type { AccountsState } from '../src/shared/app-state.js';
import { codeApiUsageBody, ensureTestCa, startFakeKimi, type Reply } from '../test/fake-kimi/index.js';

const ACCOUNTS = 10;
const FAILING = 4;
const LATENCY_MS = 80;

const caWasPublished = process.env.KIMIBAR_TEST_CA_DIR !== undefined;
const ca = ensureTestCa();
// Node reads NODE_EXTRA_CA_CERTS only at start-up: run again, trusting the test CA.
if (process.env.NODE_EXTRA_CA_CERTS !== ca.caCertPath || process.env.KIMIBAR_BENCH_CHILD !== '1') {
  const child = spawnSync(process.execPath, process.argv.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: ca.caCertPath, KIMIBAR_BENCH_CHILD: '1' },
  });
  if (!caWasPublished) rmSync(ca.dir, { recursive: true, force: true });
  process.exit(child.status ?? 1);
}

const keys = Array.from({ length: ACCOUNTS }, (_, i) => `sk-kimi-bench-${String(i).padStart(16, '0')}`);
let inFlight = 0;
let maxInFlight = 0;
const kimi = await startFakeKimi({ ca });
kimi.on('usages', async (request): Promise<Reply> => {
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
  inFlight -= 1;
  const index = keys.findIndex((key) => request.headers.authorization === `Bearer ${key}`);
  if (index === FAILING) return { status: 500, body: { code: 'internal', message: 'bench: this account always fails' } };
  return { body: codeApiUsageBody({ fiveHourUsed: 10 + index * 15, weeklyUsed: 100 + index * 50 }, Date.now()) };
});

const home = mkdtempSync(join(tmpdir(), 'kimibar-bench-accounts-'));
const runtime = await createRuntime({
  env: { KIMIBAR_CONFIG_DIR: join(home, 'config'), KIMI_CODE_BASE_URL: kimi.url, KIMI_CODE_OAUTH_HOST: kimi.url, KIMIBAR_WEB_BASE_URL: kimi.url },
  platform: process.platform,
  home,
  appVersion: '0.0.0-bench',
  secrets: await createSecretStore({ keytar: null }),
  cookies: { importKimiAuth: async () => ({ found: null, reports: [] }) },
});
await runtime.account().secrets.set('api-key', keys[0]!);
for (let i = 1; i < ACCOUNTS; i += 1) {
  const added = addAccount(runtime, { name: `Account ${i + 1}`, usageSource: 'api' });
  await runtime.account(added.id).secrets.set('api-key', keys[i]!);
}
const noop = (): undefined => undefined;
const shell: ShellPorts = {
  openUrl: async () => undefined,
  openSettings: noop,
  fitPopover: noop,
  closePopover: noop,
  quit: noop,
  signInWeb: async () => null,
  notify: noop,
  notifySettings: noop,
  setLaunchAtLogin: noop,
  showFile: noop,
};
const core = createAppCore({ runtime, shell, timers: systemTimers });

/** Per account (by list position): ms from `since` until it first had numbers, or an error. */
function watch(since: number): { settled: Promise<void>; firstNumbers: (number | null)[]; firstError: (number | null)[]; events: () => number } {
  const firstNumbers: (number | null)[] = Array.from({ length: ACCOUNTS }, () => null);
  const firstError: (number | null)[] = Array.from({ length: ACCOUNTS }, () => null);
  let count = 0;
  let done: () => void = noop;
  const settled = new Promise<void>((resolve) => (done = resolve));
  const unsubscribe = core.subscribe((event) => {
    if (event.channel !== 'accounts') return;
    count += 1;
    const state: AccountsState = event.payload;
    state.accounts.forEach((account, index) => {
      const at = performance.now() - since;
      if (firstNumbers[index] === null && account.state.snapshot !== null && account.state.lastAttemptAt !== null && !account.state.refreshing && account.state.lastError === null) firstNumbers[index] = at;
      if (firstError[index] === null && account.state.lastError !== null) firstError[index] = at;
    });
    if (firstNumbers.every((t, index) => t !== null || firstError[index] !== null)) {
      unsubscribe();
      done();
    }
  });
  return { settled, firstNumbers, firstError, events: () => count };
}

const fmt = (ms: number | null): string => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);

console.log(`${ACCOUNTS} accounts, Kimi latency ${LATENCY_MS} ms, account ${FAILING + 1} always fails (500); start stagger ${STAGGER_STEP_MS.start} ms per position`);
const started = performance.now();
const first = watch(started);
core.controller.start();
await first.settled;
first.firstNumbers.forEach((t, index) => console.log(`  account ${index + 1}: ${t === null ? `error after ${fmt(first.firstError[index] ?? null)}` : `numbers after ${fmt(t)}`}`));
const healthy = first.firstNumbers.filter((t): t is number => t !== null);
console.log(`start → all ${healthy.length} healthy accounts with numbers: ${fmt(Math.max(...healthy))}; 'accounts' events: ${first.events()}`);
console.log(`max usage requests in flight at once (staggered start): ${maxInFlight}`);

maxInFlight = 0;
const manualStarted = performance.now();
await core.invoke.refresh(undefined);
console.log(`manual refresh of all ${ACCOUNTS} (one failing): ${fmt(performance.now() - manualStarted)}, max in flight ${maxInFlight}`);

core.dispose();
await kimi.close();
rmSync(home, { recursive: true, force: true });
