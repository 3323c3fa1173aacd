// The waiting device login, as the popover's welcome and the settings window both show it: the
// code to type (selectable, with a Copy button), the page to type it on as a link, "Open
// browser again" and Cancel. Links leave only through the app (openDeviceLoginPage), which
// checks them against the allow-list; a page KimiBar would not open is shown as text to copy.
import type { Locale } from '../shared/i18n/index.js';
import { t } from '../shared/i18n/index.js';
import type { DeviceLoginStart, KimiBarApi } from '../shared/ipc.js';
import { announce, h } from './dom.js';

export interface DeviceLoginViewOptions {
  readonly api: KimiBarApi;
  readonly locale: Locale;
  readonly start: DeviceLoginStart;
  readonly onCancel: () => void;
}

export function deviceLoginView({ api, locale, start, onCancel }: DeviceLoginViewOptions): HTMLElement {
  const code = h('output', { class: 'device-code', id: 'device-code', 'aria-live': 'polite' }, start.userCode);
  const copy = h('button', { type: 'button', class: 'button', id: 'device-code-copy' }, t(locale, 'signIn.copy'));
  copy.addEventListener('click', () => {
    void copyText(code, start.userCode).then(() => {
      copy.textContent = t(locale, 'signIn.copied');
      announce(t(locale, 'signIn.copied'));
    });
  });
  const openPage = (): void => void api.openDeviceLoginPage();
  // Shown as the user will see it in the address bar, without the code already in the query.
  const pageText = readablePage(start.verificationUri);
  const page = start.browserOpened
    ? h('a', { class: 'device-page-link', id: 'device-login-link', href: start.verificationUri, onclick: (event: Event) => (event.preventDefault(), openPage()) }, pageText)
    : h('span', { class: 'selectable', id: 'device-login-link' }, start.verificationUri);
  return h(
    'div',
    { class: 'device-login', role: 'group', 'aria-labelledby': 'device-code-label' },
    h('p', { class: 'device-login-label', id: 'device-code-label' }, t(locale, 'account.code')),
    h('div', { class: 'device-code-row' }, code, copy),
    h('p', { class: 'device-page' }, `${t(locale, 'signIn.page')}: `, page),
    h('p', { class: 'device-login-wait' }, t(locale, 'account.waiting')),
    h(
      'div',
      { class: 'buttons' },
      start.browserOpened ? h('button', { type: 'button', class: 'button', id: 'device-login-open', onclick: openPage }, t(locale, 'signIn.openAgain')) : null,
      h('button', { type: 'button', class: 'button', id: 'device-login-cancel', onclick: onCancel }, t(locale, 'account.cancel')),
    ),
  );
}

function readablePage(uri: string): string {
  const url = new URL(uri);
  return `${url.host}${url.pathname}`;
}

/** The clipboard when the page may write to it; else the code is selected for ⌘C. */
async function copyText(element: HTMLElement, text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    getSelection()?.selectAllChildren(element);
    document.execCommand('copy');
  }
}
