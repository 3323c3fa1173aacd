// The API key as KimiBar accepts it to save: the rule is the shared one (src/shared/api-key.ts,
// also checked at the IPC boundary); this turns a refusal into the core's typed error. The
// error never carries the key, not even a part of it.
import { API_KEY_RULE, checkApiKey } from '../../../shared/api-key.js';
import { KimiError } from '../errors.js';

/** The trimmed key; KimiError 'api-key-missing' when empty, 'usage' when not well-formed. */
export function acceptApiKey(raw: string): string {
  const check = checkApiKey(raw);
  if (check.ok) return check.key;
  if (check.problem === 'empty') throw new KimiError('api-key-missing');
  throw new KimiError('usage', { detail: `that is not a well-formed API key (it must be ${API_KEY_RULE}); nothing was saved` });
}
