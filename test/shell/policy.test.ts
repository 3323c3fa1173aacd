import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { externalUrl } from '../../src/shared/ipc.js';
import { FULL_DISK_ACCESS_URL, isAppPageUrl, isTrustedSender, mayNavigate, mayOpenExternally, signInMayNavigate } from '../../src/main/shell/policy.js';

const RENDERER = '/Applications/KimiBar.app/Contents/Resources/app.asar/dist/renderer';
const page = (name: string): string => `app://kimibar/${name}`;

describe('isAppPageUrl', () => {
  it('accepts our two pages, with a query or a hash', () => {
    expect(isAppPageUrl(page('popover.html'), RENDERER)).toBe(true);
    expect(isAppPageUrl(`${page('settings.html')}?pane=kimi`, RENDERER)).toBe(true);
    expect(isAppPageUrl(`${page('settings.html')}#general`, RENDERER)).toBe(true);
  });

  it('refuses other files, other folders, escapes, other hosts and other schemes', () => {
    for (const url of [
      page('other.html'),
      page('assets/popover.html'),
      page('popover.js'),
      page('%2e%2e/renderer-evil/popover.html'),
      page('..%2fpopover.html'),
      'app://evil/popover.html',
      'app://kimibar:1/popover.html',
      'app://u@kimibar/popover.html',
      // file: pages were ours before the app scheme; a file: URL now never is, even the very file.
      pathToFileURL(join(RENDERER, 'popover.html')).href,
      pathToFileURL('/etc/passwd').href,
      'https://www.kimi.com/popover.html',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAppPageUrl(url, RENDERER), url).toBe(false);
    }
  });

  it('agrees with the URL parser on dot segments: they never leave the app origin', () => {
    expect(isAppPageUrl(page('%2e%2e/popover.html'), RENDERER)).toBe(true);
    expect(isAppPageUrl(page('x/../settings.html'), RENDERER)).toBe(true);
    expect(isAppPageUrl(page('..%2fsettings.html'), RENDERER)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const ours = { ownWindow: true, mainFrame: true, frameUrl: page('popover.html') };

  it('trusts the top frame of our window on our page', () => {
    expect(isTrustedSender(ours, RENDERER)).toBe(true);
  });

  it('refuses a foreign window, an iframe, a vanished frame or a page that is not ours', () => {
    expect(isTrustedSender({ ...ours, ownWindow: false }, RENDERER)).toBe(false);
    expect(isTrustedSender({ ...ours, mainFrame: false }, RENDERER)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: null }, RENDERER)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'https://www.kimi.com/code/console' }, RENDERER)).toBe(false);
  });
});

describe('mayOpenExternally', () => {
  it('opens every link the contract can ask for, in both regions', () => {
    for (const region of ['kimi.com', 'kimi.ai'] as const) {
      for (const target of ['usage-dashboard', 'api-docs', 'full-disk-access'] as const) {
        expect(mayOpenExternally(externalUrl(target, region)), `${target} ${region}`).toBe(true);
      }
    }
  });

  it('opens https pages on the Kimi domains and their subdomains (device-login pages)', () => {
    expect(mayOpenExternally('https://kimi.com/')).toBe(true);
    expect(mayOpenExternally('https://auth.kimi.com/device?user_code=ABCD-1234')).toBe(true);
    expect(mayOpenExternally('https://www.kimi.ai/code/console')).toBe(true);
    expect(mayOpenExternally(FULL_DISK_ACCESS_URL)).toBe(true);
  });

  it('refuses other hosts, look-alikes, other schemes, ports and user info', () => {
    for (const url of [
      'http://www.kimi.com/code/console',
      'https://evilkimi.com/',
      'https://kimi.com.evil.example/',
      'https://www.kimi.com.evil.example/',
      'https://www.kimi.com:8443/',
      'https://user:pass@www.kimi.com/',
      'https://www.kimi.com@evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'x-apple.systempreferences:com.apple.preference.security?Privacy_Camera',
      'smb://kimi.com/share',
      'not a url',
    ]) {
      expect(mayOpenExternally(url), url).toBe(false);
    }
  });
});

describe('signInMayNavigate', () => {
  it('lets the sign-in browser follow https, including an identity provider', () => {
    expect(signInMayNavigate('https://www.kimi.com/code/console')).toBe(true);
    expect(signInMayNavigate('https://accounts.example.com/o/oauth2/auth?x=1')).toBe(true);
  });

  it('keeps it off files, plain http, app links and credentials in URLs', () => {
    for (const url of ['file:///etc/passwd', 'http://www.kimi.com/', 'kimi://open', 'javascript:void 0', 'https://a:b@www.kimi.com/', 'nonsense']) {
      expect(signInMayNavigate(url), url).toBe(false);
    }
  });
});

describe('mayNavigate', () => {
  it('keeps our windows and unclaimed contents on our pages, in every frame', () => {
    for (const kind of ['app', null] as const) {
      expect(mayNavigate(kind, page('settings.html'), true, RENDERER)).toBe(true);
      expect(mayNavigate(kind, 'https://www.kimi.com/code/console', true, RENDERER)).toBe(false);
      expect(mayNavigate(kind, 'https://www.kimi.com/code/console', false, RENDERER)).toBe(false);
      expect(mayNavigate(kind, 'data:text/html,hi', false, RENDERER)).toBe(false);
      expect(mayNavigate(kind, pathToFileURL(join(RENDERER, 'settings.html')).href, true, RENDERER)).toBe(false);
    }
  });

  it('holds the sign-in browser’s top frame to https and leaves its inner frames to the site', () => {
    expect(mayNavigate('sign-in', 'https://www.kimi.com/code/console', true, RENDERER)).toBe(true);
    expect(mayNavigate('sign-in', page('popover.html'), true, RENDERER)).toBe(false);
    expect(mayNavigate('sign-in', pathToFileURL(join(RENDERER, 'popover.html')).href, true, RENDERER)).toBe(false);
    expect(mayNavigate('sign-in', 'kimi://callback', true, RENDERER)).toBe(false);
    expect(mayNavigate('sign-in', 'about:blank', false, RENDERER)).toBe(true);
  });
});
