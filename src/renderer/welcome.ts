// The popover when nothing is set up yet — every new user's first screen: what KimiBar shows,
// and the ways in as buttons. Signing in with Kimi Code runs right here (the code, its page,
// Copy); an API key is typed in Settings; a Kimi Code CLI login found on this machine is one
// "Use it" away (Auto picks it up at the refresh the button starts).
import type { NotConfigured } from '../shared/app-state.js';
import type { Locale } from '../shared/i18n/index.js';
import { errorText, t } from '../shared/i18n/index.js';
import type { DeviceLoginEvent, DeviceLoginStart, KimiBarApi } from '../shared/ipc.js';
import { deviceLoginView } from './device-login-view.js';
import { h } from './dom.js';

type Phase = { readonly phase: 'idle'; readonly error: string | null } | { readonly phase: 'waiting'; readonly start: DeviceLoginStart };

export interface Welcome {
  /** The welcome for the current state; `redraw` is called when the sign-in moves on. */
  view(locale: Locale, notConfigured: NotConfigured): HTMLElement;
  /** The app's news about a device login (this window's or another's). */
  onDeviceLogin(event: DeviceLoginEvent, locale: Locale): void;
}

export function createWelcome(api: KimiBarApi, redraw: () => void): Welcome {
  let state: Phase = { phase: 'idle', error: null };
  const set = (next: Phase): void => {
    state = next;
    redraw();
  };

  async function signIn(locale: Locale): Promise<void> {
    const result = await api.startDeviceLogin();
    set(result.ok ? { phase: 'waiting', start: result.value } : { phase: 'idle', error: errorText(locale, result.error) });
  }

  function ways(locale: Locale, notConfigured: NotConfigured): HTMLElement {
    const found = notConfigured.found.map((login) =>
      h(
        'div',
        { class: 'welcome-found' },
        h('span', { class: 'welcome-found-text', id: `found-${login}` }, t(locale, `welcome.found.${login}`)),
        h('button', { type: 'button', class: 'button', id: `use-${login}`, 'aria-describedby': `found-${login}`, onclick: () => void api.refresh() }, t(locale, 'welcome.useIt')),
      ),
    );
    return h(
      'div',
      { class: 'welcome-ways', role: 'group', 'aria-label': t(locale, 'welcome.ways') },
      h('button', { type: 'button', class: 'button primary', id: 'welcome-sign-in', onclick: () => void signIn(locale) }, t(locale, 'welcome.signIn')),
      h('button', { type: 'button', class: 'button', id: 'welcome-api-key', onclick: () => void api.openSettings({ pane: 'kimi' }) }, t(locale, 'welcome.apiKey')),
      ...found,
    );
  }

  return {
    view(locale, notConfigured) {
      const error = state.phase === 'idle' ? state.error : null;
      return h(
        'div',
        { class: 'welcome', id: 'welcome' },
        h('h2', { class: 'welcome-title' }, t(locale, 'welcome.title')),
        h('p', { class: 'welcome-body' }, t(locale, 'welcome.body')),
        state.phase === 'waiting'
          ? deviceLoginView({ api, locale, start: state.start, onCancel: () => void api.cancelDeviceLogin() })
          : ways(locale, notConfigured),
        error === null ? null : h('p', { class: 'welcome-error', role: 'alert' }, error),
      );
    },
    onDeviceLogin(event, locale) {
      if (event.status === 'waiting') return;
      // Signed in: the numbers follow as a new state. Failed: say why beside the buttons.
      set({ phase: 'idle', error: event.error === null ? null : errorText(locale, event.error) });
    },
  };
}
