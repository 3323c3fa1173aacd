// The demo is the real runtime over the simulated service, in a folder of its own.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { createDemoRuntime, DEMO_API_KEY, demoAccounts, type DemoRuntime } from '../../../src/main/preview/demo/demo-runtime.js';
import { FIRST_ACCOUNT_ID } from '../../../src/shared/accounts.js';

let demo: DemoRuntime | null = null;
afterEach(() => {
  demo?.runtime.close();
  demo?.remove();
  demo = null;
});

describe('demo runtime', () => {
  test('refreshes through the real core with the demo key, over a week of seeded history, in a throw-away folder', async () => {
    demo = await createDemoRuntime({ speed: 1, signedOut: false });
    const { runtime } = demo;
    expect(runtime.paths.configDir).not.toContain(process.env.HOME ?? '/nonexistent-home');
    expect(await runtime.account().secrets.persistent()).toBe(false);
    expect(await runtime.account().secrets.get('api-key')).toBe(DEMO_API_KEY);

    const now = runtime.clock.now();
    const seeded = runtime.history().entries(FIRST_ACCOUNT_ID, { from: now - 8 * 86_400_000, to: now });
    expect(new Set(seeded.map((entry) => entry.windowId))).toEqual(new Set(['5h', 'weekly', 'monthly-total']));
    expect(Math.min(...seeded.map((entry) => entry.firstSeen))).toBeLessThanOrEqual(now - 6.9 * 86_400_000);

    const result = await runtime.account().fetchSnapshot();
    expect(result.credential.kind).toBe('api-key');
    expect(result.value.windows.map((w) => w.id)).toEqual(['5h', 'weekly', 'monthly-total']);
    expect((await runtime.cookies.importKimiAuth({ region: 'kimi.com' })).found).toBeNull();

    const dir = runtime.paths.configDir;
    runtime.close();
    demo.remove();
    expect(existsSync(dir)).toBe(false);
    demo = null;
  });

  test('--signed-out starts without any credential', async () => {
    demo = await createDemoRuntime({ speed: 1, signedOut: true });
    expect(await demo.runtime.account().secrets.get('api-key')).toBeNull();
    await expect(demo.runtime.account().fetchSnapshot()).rejects.toMatchObject({ code: 'not-configured' });
  });

  test('--accounts 10: ten accounts, each refreshing with its own numbers; one used up, one refused', async () => {
    demo = await createDemoRuntime({ speed: 1, signedOut: false, accounts: 10 });
    const { runtime } = demo;
    const accounts = runtime.settings.get().accounts;
    expect(accounts.map((account) => account.name)).toEqual(['Kimi', 'Work', 'Personal', 'Team', 'Research', 'Side project', 'Client A', 'Client B', 'Weekend', 'Backup']);
    const outcomes = await Promise.all(
      accounts.map((account) =>
        runtime
          .account(account.id)
          .fetchSnapshot()
          .then(
            (result) => result.value.windows.find((w) => w.id === '5h')?.usedPercent ?? -1,
            (error: { code: string }) => error.code,
          ),
      ),
    );
    expect(outcomes[1]).toBe(100);
    expect(outcomes[2]).toBe('api-key-invalid');
    const numbers = outcomes.filter((outcome): outcome is number => typeof outcome === 'number');
    expect(numbers).toHaveLength(9);
    // Different accounts, different numbers.
    expect(new Set(numbers).size).toBeGreaterThanOrEqual(7);
  });

  test('two accounts both have numbers; a count outside 1–10 is refused', () => {
    expect(demoAccounts(2).map((account) => account.profile.state)).toEqual(['normal']);
    expect(demoAccounts(1)).toEqual([]);
    expect(() => demoAccounts(11)).toThrow(RangeError);
  });
});
