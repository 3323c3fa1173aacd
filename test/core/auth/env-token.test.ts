// KIMI_AUTH_TOKEN is text a person typed, like a pasted token: it goes through the same parser,
// so only the kimi-auth token itself ever reaches the Cookie and Authorization headers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CookieImporter } from '../../../src/main/core/cookies/types.js';
import { KimiError } from '../../../src/main/core/errors.js';
import { createRuntime, type Runtime } from '../../../src/main/core/runtime.js';
import { createSecretStore } from '../../../src/main/core/settings/secrets.js';
import { fakeJwt } from '../../fake-kimi/index.js';
import { useFakeKimi } from '../../fake-kimi/lifecycle.js';

const kimi = useFakeKimi();
let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'kimibar-env-token-'));
});

const noBrowsers: CookieImporter = { importKimiAuth: async () => ({ found: null, reports: [] }) };
const jwt = fakeJwt({ sub: 'traffic-1', exp: Math.floor(Date.now() / 1000) + 3600 });

async function runtimeWith(authToken: string): Promise<Runtime> {
  return createRuntime({
    env: { KIMIBAR_CONFIG_DIR: join(home, 'config'), KIMIBAR_WEB_BASE_URL: kimi.url, KIMI_AUTH_TOKEN: authToken },
    platform: 'linux',
    home,
    appVersion: '0.0.0-test',
    secrets: await createSecretStore({ keytar: null }),
    cookies: noBrowsers,
  });
}

describe('KIMI_AUTH_TOKEN', () => {
  it.each([
    ['a bare token with white space around it', `  ${jwt}\n`],
    ['a quoted token', `"${jwt}"`],
    ['a single-quoted token', `'${jwt}'`],
    ['a quoted token with spaces inside and out', `  " ${jwt} "\n`],
    ['kimi-auth="…" (a quoted cookie value)', `kimi-auth="${jwt}"`],
    ['a quoted Cookie header with a quoted value', `"Cookie: theme=dark; kimi-auth='${jwt}'"`],
    ['kimi-auth=… with another cookie after it', `kimi-auth=${jwt}; admin=1`],
    ['a whole Cookie header', `Cookie: admin=1; kimi-auth=${jwt}; theme=dark`],
  ])('%s sends exactly kimi-auth=<token>', async (_name, value) => {
    const runtime = await runtimeWith(value);
    const { credential } = await runtime.account().fetchSnapshot({ mode: 'web' });

    const sent = kimi.requestsTo('webUsages');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.cookie).toBe(`kimi-auth=${jwt}`);
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${jwt}`);
    expect(kimi.requestsCarrying('admin=1')).toEqual([]);
    expect(credential).toMatchObject({ kind: 'web', origin: 'env', token: jwt });
    runtime.close();
  });

  it.each([
    ['a token with a cookie glued on', `${jwt}; admin=1`],
    ['a token with one quote only', `"${jwt}`],
    ['mismatched quotes', `"${jwt}'`],
    ['text holding no token', 'not-a-token at all'],
    ['another cookie only', 'Cookie: admin=1'],
  ])('%s is refused by name, without quoting it or sending anything', async (_name, value) => {
    const runtime = await runtimeWith(value);
    const error = await runtime.account().fetchSnapshot({ mode: 'web' }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(KimiError);
    expect(error).toMatchObject({ code: 'auth-invalid' });
    const { message } = error as KimiError;
    expect(message).toContain('KIMI_AUTH_TOKEN');
    expect(message).not.toContain(value);
    expect(message).not.toContain('admin');
    expect(kimi.requests).toEqual([]);
    runtime.close();
  });

  it('in Auto, an unusable KIMI_AUTH_TOKEN is the error reported, not "token missing"', async () => {
    const runtime = await runtimeWith(`${jwt}; admin=1`);
    await expect(runtime.account().fetchSnapshot()).rejects.toThrow(/KIMI_AUTH_TOKEN/);
    expect(kimi.requests).toEqual([]);
    runtime.close();
  });
});
