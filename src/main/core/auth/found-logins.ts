// What the welcome may offer with "Use it": a login on this machine that KimiBar does not hold
// itself but Auto would use at the next refresh. Read like a status display (configured.ts):
// no browser read, no token renewal, so asking on every popover open costs nothing.
import { selectedAccount } from '../../../shared/accounts.js';
import type { FoundLogin } from '../../../shared/app-state.js';
import type { Runtime } from '../runtime.js';
import { isConfigured, readConfiguredSource } from './configured.js';

export async function findLogins(runtime: Pick<Runtime, 'credentialPlaces' | 'settings'>): Promise<FoundLogin[]> {
  if (selectedAccount(runtime.settings.get()).usageSource !== 'auto') return [];
  const cli = await readConfiguredSource('kimi-cli', runtime.credentialPlaces());
  return isConfigured(cli) ? ['kimi-cli'] : [];
}
