import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumProfiles } from '../../../src/main/core/cookies/chromium-profiles.js';
import { parseProfilesIni } from '../../../src/main/core/cookies/firefox-store.js';
import { writeChromiumStore } from '../../fixtures/cookies/chromium.js';
import { makeTempHome, writeLocalState } from '../../fixtures/cookies/home.js';

const home = makeTempHome();
afterAll(() => home.remove());

describe('chromiumProfiles', () => {
  it('lists profiles with stores in order, named from Local State, keeping only folders inside the root', async () => {
    const root = home.path('root');
    writeLocalState(root, { 'Profile 10': 'Ten', Default: 'Me\u0007', 'Profile 2': 'Two', '..': 'Up', 'a/b': 'Nested', Custom: 'Custom name' });
    for (const folder of ['Default', 'Profile 2', 'Profile 10', 'Custom', 'Profile 7']) writeChromiumStore(join(root, folder, 'Cookies'), 24, []);
    writeChromiumStore(join(root, 'Profile 10', 'Network', 'Cookies'), 24, []);
    mkdirSync(join(root, 'Profile 3'));
    writeChromiumStore(join(root, 'NotAProfile', 'Cookies'), 24, []);
    const profiles = await chromiumProfiles(root);
    expect(profiles.map((p) => [p.folder, p.displayName, p.stores.length])).toEqual([
      ['Default', 'Me', 1],
      ['Profile 2', 'Two', 1],
      ['Profile 7', 'Profile 7', 1],
      ['Profile 10', 'Ten', 2],
      ['Custom', 'Custom name', 1],
    ]);
    expect(profiles[3]?.stores[0]).toBe(join(root, 'Profile 10', 'Network', 'Cookies'));
  });

  it('also lists a profile that has only local storage, and names its folder', async () => {
    const root = home.path('site-only');
    mkdirSync(join(root, 'Default', 'Local Storage', 'leveldb'), { recursive: true });
    mkdirSync(join(root, 'Profile 1', 'Local Storage'), { recursive: true });
    writeChromiumStore(join(root, 'Profile 2', 'Cookies'), 24, []);
    const profiles = await chromiumProfiles(root);
    expect(profiles.map((p) => [p.folder, p.stores.length, p.localStorage])).toEqual([
      ['Default', 0, join(root, 'Default', 'Local Storage', 'leveldb')],
      ['Profile 2', 1, null],
    ]);
  });

  it('falls back to the folders when Local State is corrupt', async () => {
    const root = home.path('corrupt');
    writeChromiumStore(join(root, 'Default', 'Cookies'), 24, []);
    writeFileSync(join(root, 'Local State'), '{"profile": {"info_cache": [1, 2');
    expect((await chromiumProfiles(root)).map((p) => p.displayName)).toEqual(['Default']);
  });
});

describe('parseProfilesIni', () => {
  it('reads Profile sections and ignores the rest', () => {
    const text = '[General]\nVersion=2\r\n[Profile1]\nName=work\nIsRelative=0\nPath=/abs/work\n\n[Profile0]\nName=default\nIsRelative=1\nPath=Profiles/x.default\n[Install1]\nDefault=x\nPath=not-a-profile\n[Profile2]\nName=no path\n';
    expect(parseProfilesIni(text)).toEqual([
      { name: 'work', path: '/abs/work', relative: false },
      { name: 'default', path: 'Profiles/x.default', relative: true },
    ]);
  });
});
