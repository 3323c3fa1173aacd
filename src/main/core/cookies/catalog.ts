// Where each browser keeps its cookies, as data: the order to try them in, their
// user-data roots per OS, and the keychain / Secret Service names of their cookie key.
import { join } from 'node:path';
import type { Region } from '../../../shared/settings.js';
import type { Environment } from '../ports.js';
import type { BrowserId } from './types.js';

export type StoreFormat = 'chromium' | 'safari' | 'firefox' | 'kimi-desktop';

/** A path relative to a base folder; `variant` tells two installs of one browser apart. */
interface RootSpec {
  readonly base: 'home' | 'app-support' | 'xdg-config';
  readonly path: string;
  readonly variant?: 'snap' | 'flatpak';
}

export interface BrowserSpec {
  readonly id: BrowserId;
  readonly name: string;
  readonly format: StoreFormat;
  readonly macRoots: readonly RootSpec[];
  readonly linuxRoots: readonly RootSpec[];
  /** macOS Keychain item holding the "Safe Storage" password (Chromium family only). */
  readonly keychain: { readonly service: string; readonly account: string } | null;
  /** The libsecret `application` attribute of the Linux v11 password (Chromium family only). */
  readonly secretApplication: string | null;
}

const config = (path: string): RootSpec => ({ base: 'xdg-config', path });
const appSupport = (path: string): RootSpec => ({ base: 'app-support', path });
const snap = (path: string): RootSpec => ({ base: 'home', path, variant: 'snap' });
const flatpak = (path: string): RootSpec => ({ base: 'home', path, variant: 'flatpak' });

/** CodexBar's order, Arc → Chrome → Safari → Edge → Brave → Chromium, so the same cookie wins as
 *  there; then the browsers KimiBar adds (docs/kimi-api.md, "What KimiBar keeps from CodexBar"). */
export const BROWSERS: readonly BrowserSpec[] = [
  {
    id: 'arc',
    name: 'Arc',
    format: 'chromium',
    macRoots: [appSupport('Arc/User Data')],
    linuxRoots: [],
    keychain: { service: 'Arc Safe Storage', account: 'Arc' },
    secretApplication: null,
  },
  {
    id: 'chrome',
    name: 'Chrome',
    format: 'chromium',
    macRoots: [appSupport('Google/Chrome')],
    linuxRoots: [config('google-chrome'), flatpak('.var/app/com.google.Chrome/config/google-chrome')],
    keychain: { service: 'Chrome Safe Storage', account: 'Chrome' },
    secretApplication: 'chrome',
  },
  {
    id: 'safari',
    name: 'Safari',
    format: 'safari',
    macRoots: [
      { base: 'home', path: 'Library/Containers/com.apple.Safari/Data/Library/Cookies/Cookies.binarycookies' },
      { base: 'home', path: 'Library/Cookies/Cookies.binarycookies' },
    ],
    linuxRoots: [],
    keychain: null,
    secretApplication: null,
  },
  {
    id: 'edge',
    name: 'Edge',
    format: 'chromium',
    macRoots: [appSupport('Microsoft Edge')],
    linuxRoots: [config('microsoft-edge'), flatpak('.var/app/com.microsoft.Edge/config/microsoft-edge')],
    keychain: { service: 'Microsoft Edge Safe Storage', account: 'Microsoft Edge' },
    secretApplication: 'microsoft-edge',
  },
  {
    id: 'brave',
    name: 'Brave',
    format: 'chromium',
    macRoots: [appSupport('BraveSoftware/Brave-Browser')],
    linuxRoots: [
      config('BraveSoftware/Brave-Browser'),
      snap('snap/brave/current/.config/BraveSoftware/Brave-Browser'),
      flatpak('.var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser'),
    ],
    keychain: { service: 'Brave Safe Storage', account: 'Brave' },
    secretApplication: 'brave',
  },
  {
    id: 'chromium',
    name: 'Chromium',
    format: 'chromium',
    macRoots: [appSupport('Chromium')],
    linuxRoots: [
      config('chromium'),
      snap('snap/chromium/common/chromium'),
      flatpak('.var/app/org.chromium.Chromium/config/chromium'),
    ],
    keychain: { service: 'Chromium Safe Storage', account: 'Chromium' },
    secretApplication: 'chromium',
  },
  {
    id: 'vivaldi',
    name: 'Vivaldi',
    format: 'chromium',
    macRoots: [appSupport('Vivaldi')],
    linuxRoots: [config('vivaldi'), snap('snap/vivaldi/current/.config/vivaldi'), flatpak('.var/app/com.vivaldi.Vivaldi/config/vivaldi')],
    keychain: { service: 'Vivaldi Safe Storage', account: 'Vivaldi' },
    secretApplication: 'vivaldi',
  },
  {
    id: 'firefox',
    name: 'Firefox',
    format: 'firefox',
    macRoots: [appSupport('Firefox')],
    linuxRoots: [
      { base: 'home', path: '.mozilla/firefox' },
      snap('snap/firefox/common/.mozilla/firefox'),
      flatpak('.var/app/org.mozilla.firefox/.mozilla/firefox'),
    ],
    keychain: null,
    secretApplication: null,
  },
  {
    id: 'kimi-desktop',
    name: 'Kimi desktop app',
    format: 'kimi-desktop',
    macRoots: [appSupport('kimi-desktop')],
    linuxRoots: [config('kimi-desktop')],
    keychain: null,
    secretApplication: null,
  },
];

export interface BrowserRoot {
  readonly path: string;
  readonly variant: 'snap' | 'flatpak' | null;
}

/** Candidate roots of a browser on this OS (whether they exist is checked by the caller). */
export function browserRoots(spec: BrowserSpec, platform: NodeJS.Platform, home: string, env: Environment): BrowserRoot[] {
  const roots = platform === 'darwin' ? spec.macRoots : platform === 'linux' ? spec.linuxRoots : [];
  const xdgConfig = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  const bases = { home, 'app-support': join(home, 'Library/Application Support'), 'xdg-config': xdgConfig };
  return roots.map((root) => ({ path: join(bases[root.base], root.path), variant: root.variant ?? null }));
}

const KIMI_HOSTS: Record<Region, readonly string[]> = {
  'kimi.com': ['kimi.com', '.kimi.com', 'www.kimi.com', '.www.kimi.com'],
  'kimi.ai': ['kimi.ai', '.kimi.ai', 'www.kimi.ai', '.www.kimi.ai'],
};

/** The cookie hosts asked for: only these rows are ever read from a store. */
export function kimiHosts(region: Region): readonly string[] {
  return KIMI_HOSTS[region];
}
