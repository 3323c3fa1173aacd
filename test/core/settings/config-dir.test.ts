// KimiBar's folder is created through one helper, which turns "a file is in the way" and
// friends into a typed error that names the folder — for the settings, the device id and history.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KimiError } from '../../../src/main/core/errors.js';
import { openHistory } from '../../../src/main/core/history/index.js';
import { loadDeviceId } from '../../../src/main/core/kimi/identity.js';
import { ensureConfigDir } from '../../../src/main/core/settings/config-dir.js';
import { FIRST_ACCOUNT_ID } from '../../../src/shared/accounts.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kimibar-config-dir-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function storageError(run: () => unknown): Promise<KimiError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(KimiError);
    expect((error as KimiError).code).toBe('storage');
    return error as KimiError;
  }
  throw new Error('expected a storage error');
}

describe('ensureConfigDir', () => {
  it('creates the folder, private to the user, and accepts one that exists', () => {
    const dir = join(root, 'a', 'KimiBar');
    ensureConfigDir(dir);
    ensureConfigDir(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('names the folder when a file is in its place', async () => {
    const dir = join(root, 'KimiBar');
    writeFileSync(dir, 'x');
    const error = await storageError(() => ensureConfigDir(dir));
    expect(error.message).toBe(`KimiBar could not save its files: the folder ${dir} cannot be created: a file with that name is in the way (move or delete it)`);
  });

  it('names the folder when a file is in the place of a parent folder', async () => {
    writeFileSync(join(root, 'config'), 'x');
    const dir = join(root, 'config', 'KimiBar');
    const error = await storageError(() => ensureConfigDir(dir));
    expect(error.message).toContain(dir);
    expect(error.message).toContain('one of its parent folders');
    expect(error.message).not.toMatch(/ENOTDIR|EEXIST/);
  });
});

describe('every file KimiBar keeps in its folder goes through it', () => {
  it('the device id: a typed error naming the folder, not "EEXIST: mkdir …"', async () => {
    const configDir = join(root, 'KimiBar');
    writeFileSync(configDir, 'x');
    mkdirSync(join(root, 'home'));
    const error = await storageError(() => loadDeviceId({ paths: { home: join(root, 'home'), configDir } }));
    expect(error.message).toContain(`the folder ${configDir} cannot be created`);
    expect(readFileSync(configDir, 'utf8')).toBe('x');
  });

  it('history creates the folder the same way (private to the user)', () => {
    const dir = join(root, 'fresh', 'KimiBar');
    const history = openHistory({ dir, clock: { now: () => Date.parse('2026-11-24T10:00:00Z') } });
    history.entries(FIRST_ACCOUNT_ID, { from: 0, to: 1 });
    history.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
