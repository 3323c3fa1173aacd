// The CLI's settings writer, over real files: what it writes is the file electron-store (conf
// underneath) reads in the app, it is private to the user, and it is replaced whole or not at all.
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeJsonFileAtomically } from '../../../src/main/core/settings/json-file-backend.js';
import { openSettings } from '../../../src/main/core/settings/settings-store.js';

const clock = { now: () => Date.parse('2026-11-24T10:00:00.000Z') };
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kimibar-json-file-'));
  file = join(dir, 'config.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the settings the CLI saves', () => {
  it.runIf(process.platform !== 'win32')('are readable by the user only (0600), also when the file was there before', () => {
    writeFileSync(file, '{"version":1}', { mode: 0o644 });
    openSettings({ configDir: dir, clock }).setByKey('general.coloredIcon', 'true');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('are the tab-indented JSON electron-store (conf) reads and writes in the app', () => {
    openSettings({ configDir: dir, clock }).setByKey('general.menuBarText', 'weekly');
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(JSON.stringify(JSON.parse(text), undefined, '\t'));
    expect(new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config' }).get('general.menuBarText')).toBe('weekly');
  });

  it('leave no temporary file behind', () => {
    const store = openSettings({ configDir: dir, clock });
    for (const value of ['true', 'false', 'true']) store.setByKey('general.coloredIcon', value);
    expect(readdirSync(dir)).toEqual(['config.json']);
  });
});

describe('writeJsonFileAtomically', () => {
  it('replaces the whole file', () => {
    writeFileSync(file, JSON.stringify({ old: 'x'.repeat(10_000) }));
    writeJsonFileAtomically(file, { fresh: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ fresh: true });
  });

  it('leaves the old file and no temporary file when the file cannot be replaced', () => {
    // A folder in the file's place: the rename fails after the temporary file was written.
    mkdirSync(file);
    writeFileSync(join(file, 'inside'), 'kept');
    expect(() => writeJsonFileAtomically(file, { fresh: true })).toThrow();
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(readFileSync(join(file, 'inside'), 'utf8')).toBe('kept');
  });

  it.runIf(process.platform !== 'win32')('keeps a symlinked settings file a symlink and writes where it points', () => {
    const real = join(dir, 'dotfiles-config.json');
    writeFileSync(real, '{}');
    symlinkSync(real, file);
    writeJsonFileAtomically(file, { fresh: true });
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readlinkSync(file)).toBe(real);
    expect(JSON.parse(readFileSync(real, 'utf8'))).toEqual({ fresh: true });
  });
});
