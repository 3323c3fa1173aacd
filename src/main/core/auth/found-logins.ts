// What the welcome may offer with "Use it": a login on this machine that KimiBar does not hold
// itself but Auto would use at the next refresh. Read like a status display (configured.ts):
// no browser read, no token renewal, so asking on every popover open costs nothing.
import type { FoundLogin } from '../../../shared/app-state.js';
import type { AccountRuntime } from '../runtime.js';
import { isConfigured, readConfiguredSource } from './configured.js';

export async function findLogins(account: Pick<AccountRuntime, 'credentialPlaces' | 'settings'>): Promise<FoundLogin[]> {
  if (account.settings().usageSource !== 'auto') return [];
  const cli = await readConfiguredSource('kimi-cli', account.credentialPlaces());
  return isConfigured(cli) ? ['kimi-cli'] : [];
}
