// The demo is the real runtime over the simulated service, in a folder of its own.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { createDemoRuntime, DEMO_API_KEY, type DemoRuntime } from '../../../src/main/preview/demo/demo-runtime.js';
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
    expect(await runtime.secrets.persistent()).toBe(false);
    expect(await runtime.secrets.get('api-key')).toBe(DEMO_API_KEY);

    const now = runtime.clock.now();
    const seeded = runtime.history().entries(FIRST_ACCOUNT_ID, { from: now - 8 * 86_400_000, to: now });
    expect(new Set(seeded.map((entry) => entry.windowId))).toEqual(new Set(['5h', 'weekly', 'monthly-total']));
    expect(Math.min(...seeded.map((entry) => entry.firstSeen))).toBeLessThanOrEqual(now - 6.9 * 86_400_000);

    const result = await runtime.fetchSnapshot();
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
    expect(await demo.runtime.secrets.get('api-key')).toBeNull();
    await expect(demo.runtime.fetchSnapshot()).rejects.toMatchObject({ code: 'not-configured' });
  });
});
