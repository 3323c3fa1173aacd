// The `kimibar` command shipped inside the app: the wrapper (assets/cli/kimibar, packaged as
// resources/bin/kimibar) run for real in the layouts electron-builder makes, with a stand-in
// for the app's binary that prints what it was given; and the deb's install and remove scripts,
// whose KimiBar block runs here against a temporary /usr/bin.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IN_APP_CLI_FLAG } from '../../src/main/cli/in-app.js';

const ROOT = resolve(import.meta.dirname, '../..');
const WRAPPER = join(ROOT, 'assets/cli/kimibar');
const TEMPLATES = join(ROOT, 'node_modules/app-builder-lib/templates/linux');
/** Arguments a shell or Chromium could mangle: spaces, an empty one, quotes, a glob, options, `--`. */
const AWKWARD = ['usage', '--json', 'two words', '', "it's", '*', '--api-key=sk-kimi-x', '--', '-v'];

let config: Configuration;
let work: string;

beforeAll(async () => {
  config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
  work = mkdtempSync(join(tmpdir(), 'kimibar-cli-in-app-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Where electron-builder puts the wrapper, from the configuration's extraResources. */
function wrapperDestination(): string {
  const resources = (config.extraResources ?? []) as Array<{ from?: string; to?: string }>;
  const entry = resources.find((resource) => resource.from === 'assets/cli/kimibar');
  if (entry?.to === undefined) throw new Error('electron-builder.yml does not ship assets/cli/kimibar');
  return entry.to;
}

/** Lays out an app the way electron-builder does, with a stand-in binary printing its arguments
 *  NUL-separated and exiting with $STAND_IN_EXIT. Returns the wrapper's path inside it. */
function layOut(dir: string, binary: string, resources: string): string {
  const standIn = join(dir, binary);
  mkdirSync(dirname(standIn), { recursive: true });
  writeFileSync(standIn, '#!/bin/sh\nprintf \'%s\\0\' "$@"\nexit "${STAND_IN_EXIT:-0}"\n');
  chmodSync(standIn, 0o755);
  const wrapper = join(dir, resources, wrapperDestination());
  mkdirSync(dirname(wrapper), { recursive: true });
  copyFileSync(WRAPPER, wrapper);
  chmodSync(wrapper, statSync(WRAPPER).mode);
  return wrapper;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): { argv: string[]; status: number | null; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { PATH: `${join(work, 'usr/bin')}:${join(work, 'mac-bin')}:/usr/bin:/bin`, ...env } });
  const argv = result.stdout === '' ? [] : result.stdout.slice(0, -1).split('\0');
  return { argv, status: result.status, stderr: result.stderr };
}

describe('resources/bin/kimibar', () => {
  let linuxWrapper: string;
  let macWrapper: string;

  beforeAll(() => {
    // Linux (deb): /opt/KimiBar/resources/bin/kimibar beside /opt/KimiBar/<executableName>,
    // reached through the absolute link /usr/bin/kimibar the deb's install script makes.
    linuxWrapper = layOut(join(work, 'opt', config.productName ?? ''), config.linux?.executableName ?? '', 'resources');
    mkdirSync(join(work, 'usr/bin'), { recursive: true });
    symlinkSync(linuxWrapper, join(work, 'usr/bin/kimibar'));
    // macOS: KimiBar.app/Contents/Resources/bin/kimibar beside Contents/MacOS/<productName>,
    // reached through a relative link such as one in /usr/local/bin.
    macWrapper = layOut(join(work, `${config.productName ?? ''}.app/Contents`), join('MacOS', config.productName ?? ''), 'Resources');
    mkdirSync(join(work, 'mac-bin'), { recursive: true });
    symlinkSync(relative(join(work, 'mac-bin'), macWrapper), join(work, 'mac-bin/kimibar-mac'));
  });

  it('is shipped executable', () => {
    expect(wrapperDestination()).toBe('bin/kimibar');
    expect(statSync(WRAPPER).mode & 0o111).toBe(0o111);
  });

  it('runs the Linux app binary as the CLI, every argument passed through unchanged (found by PATH, through the link)', () => {
    const result = run('kimibar', AWKWARD, { DISPLAY: ':0' });
    expect(result).toEqual({ argv: [IN_APP_CLI_FLAG, '--', ...AWKWARD], status: 0, stderr: '' });
  });

  it('tells Chromium it needs no display when there is none (ssh, a server)', () => {
    expect(run('kimibar', ['status']).argv).toEqual(['--ozone-platform=headless', IN_APP_CLI_FLAG, '--', 'status']);
    expect(run('kimibar', ['status'], { WAYLAND_DISPLAY: 'wayland-0' }).argv).toEqual([IN_APP_CLI_FLAG, '--', 'status']);
  });

  it('runs the Mac app binary as the CLI through a relative link, with no arguments too', () => {
    expect(run('kimibar-mac', AWKWARD)).toEqual({ argv: [IN_APP_CLI_FLAG, '--', ...AWKWARD], status: 0, stderr: '' });
    expect(run('kimibar-mac', []).argv).toEqual([IN_APP_CLI_FLAG, '--']);
  });

  it("ends with the command's exit code", () => {
    expect(run('kimibar', ['guard'], { DISPLAY: ':0', STAND_IN_EXIT: '3' }).status).toBe(3);
    expect(run('kimibar-mac', ['usage'], { STAND_IN_EXIT: '4' }).status).toBe(4);
  });

  it('says so in one line when no app is beside it', () => {
    const alone = join(work, 'alone/bin/kimibar');
    mkdirSync(dirname(alone), { recursive: true });
    copyFileSync(WRAPPER, alone);
    chmodSync(alone, 0o755);
    const result = run(alone, ['status']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`kimibar: the KimiBar app was not found next to ${alone}\n`);
  });
});

// ---- the deb's scripts -------------------------------------------------------------------------

/** electron-builder's template expansion (FpmTarget's writeConfigFile): `${name}` from the
 *  options, an unknown name an error. */
function render(template: string, options: Record<string, string>): string {
  return template.replace(/\${([a-zA-Z]+)}/g, (_match, name: string) => {
    if (!(name in options)) throw new Error(`Macro ${name} is not defined`);
    return options[name] ?? '';
  });
}

function debScript(name: 'afterInstall' | 'afterRemove'): { template: string; rendered: string } {
  const path = config.deb?.[name];
  if (typeof path !== 'string') throw new Error(`electron-builder.yml sets no deb.${name}`);
  const template = readFileSync(join(ROOT, path), 'utf8');
  const productName = config.productName ?? '';
  return { template, rendered: render(template, { executable: config.linux?.executableName ?? '', sanitizedProductName: productName, productFilename: productName }) };
}

const MARKER = '# --- the kimibar command';

/** KimiBar's block of a rendered script, pointed at a temporary root instead of / and run. */
function runBlock(rendered: string, root: string): { status: number | null; stdout: string } {
  const block = rendered.slice(rendered.indexOf(MARKER));
  const cli = `/opt/KimiBar/resources/${wrapperDestination()}`;
  expect(block).toContain(`KIMIBAR_CLI='${cli}'`);
  expect(block).toContain("KIMIBAR_LINK='/usr/bin/kimibar'");
  const local = block.replace(`KIMIBAR_CLI='${cli}'`, `KIMIBAR_CLI='${root}${cli}'`).replace("KIMIBAR_LINK='/usr/bin/kimibar'", `KIMIBAR_LINK='${root}/usr/bin/kimibar'`);
  const result = spawnSync('bash', ['-c', local], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout };
}

describe("the deb's install and remove scripts", () => {
  it("are electron-builder's own, unchanged, with KimiBar's block at the end", () => {
    expect(debScript('afterInstall').template.startsWith(readFileSync(join(TEMPLATES, 'after-install.tpl'), 'utf8'))).toBe(true);
    expect(debScript('afterRemove').template.startsWith(readFileSync(join(TEMPLATES, 'after-remove.tpl'), 'utf8'))).toBe(true);
    expect(debScript('afterInstall').template).toContain(MARKER);
    expect(debScript('afterRemove').template).toContain(MARKER);
  });

  it('link /usr/bin/kimibar to the wrapper on install and remove the link on removal', () => {
    const root = mkdtempSync(join(work, 'root-'));
    mkdirSync(join(root, 'usr/bin'), { recursive: true });
    const link = join(root, 'usr/bin/kimibar');
    expect(runBlock(debScript('afterInstall').rendered, root).status).toBe(0);
    expect(readlinkSync(link)).toBe(`${root}/opt/KimiBar/resources/bin/kimibar`);
    // Installed again (an upgrade): still the one link.
    expect(runBlock(debScript('afterInstall').rendered, root).status).toBe(0);
    expect(readlinkSync(link)).toBe(`${root}/opt/KimiBar/resources/bin/kimibar`);
    expect(runBlock(debScript('afterRemove').rendered, root).status).toBe(0);
    expect(() => lstatSync(link)).toThrow(/ENOENT/);
  });

  it("leave someone else's kimibar alone: a file is never replaced, a link elsewhere is never removed", () => {
    const root = mkdtempSync(join(work, 'root-'));
    mkdirSync(join(root, 'usr/bin'), { recursive: true });
    const link = join(root, 'usr/bin/kimibar');
    writeFileSync(link, '#!/bin/sh\necho another kimibar\n');
    const install = runBlock(debScript('afterInstall').rendered, root);
    expect(install.status).toBe(0);
    expect(install.stdout).toContain('exists and is not a link, so it stays');
    expect(readFileSync(link, 'utf8')).toContain('another kimibar');
    expect(runBlock(debScript('afterRemove').rendered, root).status).toBe(0);
    expect(readFileSync(link, 'utf8')).toContain('another kimibar');

    rmSync(link);
    symlinkSync('/usr/lib/node_modules/kimibar/bin/kimibar.js', link);
    expect(runBlock(debScript('afterRemove').rendered, root).status).toBe(0);
    expect(readlinkSync(link)).toBe('/usr/lib/node_modules/kimibar/bin/kimibar.js');
  });
});
