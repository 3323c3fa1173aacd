// What the settings panes read and do: the app's current view of settings, secrets and
// state, plus the few actions that change them. Panes are functions of this context.
import type { AppState } from '../shared/app-state.js';
import type { AccountSettings } from '../shared/settings.js';
import type { Locale } from '../shared/i18n/index.js';
import type { DeviceLoginStart, ImportReport, KimiBarApi, ManualTokenResult, SecretsView, SettingsPatch } from '../shared/ipc.js';
import type { Settings } from '../shared/settings.js';
import type { ErrorView } from '../shared/usage.js';

export type DeviceLoginUi = { phase: 'idle' } | { phase: 'waiting'; start: DeviceLoginStart };

export interface SettingsContext {
  readonly api: KimiBarApi;
  readonly locale: Locale;
  readonly settings: Settings;
  /** The account chosen in the list: the Kimi controls read and change this one. */
  readonly account: AccountSettings;
  /** What a request about one account carries: nothing with one account (it is the selected
   *  one), its id with several. */
  readonly forAccount: { readonly account?: string };
  /** The same for a channel whose whole request is the account: none at all with one account. */
  readonly accountRequest: { readonly account: string } | undefined;
  /** The chosen account's secrets. */
  readonly secrets: SecretsView | null;
  /** The chosen account's refresh state. */
  readonly state: AppState | null;
  readonly reports: readonly ImportReport[];
  readonly deviceLogin: DeviceLoginUi;
  /** The last pasted token's expiry and warning, until the token changes. */
  readonly manualToken: ManualTokenResult | null;
  /** Field id → message, for the value the app refused. */
  readonly errors: ReadonlyMap<string, string>;
  /** Sends a change; on refusal the message is shown at `fieldId`. */
  update(patch: SettingsPatch, fieldId: string): void;
  /** Runs an action whose failure is shown at `fieldId`: it throws an ActionFailure to say
   *  what; anything else it throws is a bug, shown as an internal error. */
  run(fieldId: string, action: () => Promise<void>): void;
  setError(fieldId: string, message: string | null): void;
  setDeviceLogin(next: DeviceLoginUi): void;
  setManualToken(result: ManualTokenResult | null): void;
  setReports(reports: readonly ImportReport[]): void;
}

/** What an action given to `run` throws when it fails: the app's refusal (an ErrorView, put in
 *  the reader's language when shown) or a message already in it. An Error, so a stray throw of
 *  something else is never mistaken for a refusal. */
export class ActionFailure extends Error {
  readonly shown: ErrorView | string;

  constructor(shown: ErrorView | string) {
    super(typeof shown === 'string' ? shown : shown.message);
    this.name = 'ActionFailure';
    this.shown = shown;
  }
}
