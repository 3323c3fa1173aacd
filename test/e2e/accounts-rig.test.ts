// The e2e rig with several accounts, without a browser: each extra account's key lands in the
// real keyring under its own item, fake-kimi answers each by its key (one account in error), the
// app core lists them all, and closing the preview leaves no key behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secretItemName } from '../../src/main/core/settings/secrets.js';
import type { AccountsState } from '../../src/shared/app-state.js';
import { dispatchInvoke } from '../../src/shared/ipc.js';
import { keyringLookup, startPreview } from './harness.js';

// The bridge serves files from here only when a page asks; no page does in this test.
const emptyBuild = mkdtempSync(join(tmpdir(), 'kimibar-e2e-nobuild-'));
afterAll(() => rmSync(emptyBuild, { recursive: true, force: true }));

describe('preview rig with several accounts', () => {
  it('gives each account its key and its own numbers, and removes the keys on close', async () => {
    const preview = await startPreview(emptyBuild, {
      accounts: [
        { name: 'Work', apiKey: 'sk-kimi-e2e-work-0123456789abcdef', usage: { fiveHourUsed: 180, weeklyUsed: 1900 } },
        { name: 'Broken', apiKey: 'sk-kimi-e2e-broken-0123456789abcd', usage: { status: 500, body: { code: 'internal' } } },
      ],
    });
    let ids: string[] = [];
    try {
      ids = preview.runtime.settings.get().accounts.map((account) => account.id);
      expect(keyringLookup(preview.keyringService, secretItemName(ids[1]!, 'api-key'))).toBe('sk-kimi-e2e-work-0123456789abcdef');
      await dispatchInvoke(preview.app.core.invoke, 'refresh', undefined);
      const reply = await dispatchInvoke(preview.app.core.invoke, 'getAccounts', undefined);
      const accounts = (reply as { ok: true; value: AccountsState }).value.accounts;
      expect(accounts.map((a) => [a.name, a.state.snapshot?.windows.find((w) => w.id === '5h')?.usedPercent ?? null, a.state.lastError?.code ?? null])).toEqual([
        ['Kimi', 69.5, null],
        ['Work', 90, null],
        ['Broken', null, expect.any(String)],
      ]);
    } finally {
      await preview.close();
    }
    expect(keyringLookup(preview.keyringService, secretItemName(ids[1]!, 'api-key'))).toBe('');
  });
});
