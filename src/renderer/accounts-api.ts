// The account channels as the renderer calls them (docs: the accounts push event and the
// getAccounts / selectAccount / addAccount / removeAccount / moveAccount invokes, and the
// `account` field on the channels that act on one account). Typed here until the IPC contract
// (shared/ipc.ts) carries them; then this file goes and KimiBarApi alone is used.
import type { AccountsState } from '../shared/app-state.js';
import type { IpcResult, KimiBarApi, ManualTokenResult, SecretsView, DeviceLoginStart, HistoryPoint, HistoryQuery } from '../shared/ipc.js';
import type { AccountSettings, UsageSourceMode } from '../shared/settings.js';
import type { AppState } from '../shared/app-state.js';

interface ForAccount {
  readonly account?: string;
}

export interface AccountsApi {
  getAccounts(): Promise<IpcResult<AccountsState>>;
  selectAccount(request: { account: string }): Promise<IpcResult<null>>;
  addAccount(request: { name: string; usageSource?: UsageSourceMode }): Promise<IpcResult<AccountSettings>>;
  removeAccount(request: { account: string }): Promise<IpcResult<null>>;
  moveAccount(request: { account: string; index: number }): Promise<IpcResult<null>>;
  getSecrets(request?: ForAccount): Promise<IpcResult<SecretsView>>;
  setApiKey(request: { apiKey: string } & ForAccount): Promise<IpcResult<{ set: boolean; masked: string }>>;
  clearApiKey(request?: ForAccount): Promise<IpcResult<null>>;
  setManualToken(request: { input: string } & ForAccount): Promise<IpcResult<ManualTokenResult>>;
  clearManualToken(request?: ForAccount): Promise<IpcResult<null>>;
  startDeviceLogin(request?: ForAccount): Promise<IpcResult<DeviceLoginStart>>;
  signOut(request?: ForAccount): Promise<IpcResult<null>>;
  signInWeb(request?: ForAccount): Promise<IpcResult<null>>;
  getHistory(request: HistoryQuery & ForAccount): Promise<IpcResult<HistoryPoint[]>>;
  refresh(request?: ForAccount): Promise<IpcResult<AppState>>;
  on(event: 'accounts', listener: (payload: AccountsState) => void): () => void;
}

export function accountsApi(api: KimiBarApi): AccountsApi {
  return api as unknown as AccountsApi;
}
