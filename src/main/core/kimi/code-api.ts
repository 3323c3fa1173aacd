// The Code API usage call: one GET with a Bearer token (docs/kimi-api.md, "Code API").
// Returns the raw parsed body; turning it into a snapshot is the mapping's job.
import type { Credential } from './credential.js';
import { KimiError } from '../errors.js';
import { forbiddenError } from './forbidden.js';
import type { IdentityHeaders } from './identity.js';
import { isSendableToken } from './header-value.js';
import { request, type Transport } from './transport.js';

/** The credentials the Code API accepts; web tokens go to the web API instead. */
export type CodeApiCredential = Exclude<Credential, { kind: 'web' }>;

export interface FetchCodeApiUsageInput {
  /** `resolveEndpoints(…).codeApiUsagesUrl`, already checked. */
  readonly url: string;
  readonly credential: CodeApiCredential;
  /** Sent only with OAuth tokens (device login, Kimi Code CLI), as the official CLI does. */
  readonly identity: IdentityHeaders;
  readonly transport?: Transport;
  readonly signal?: AbortSignal;
}

export async function fetchCodeApiUsage({ url, credential, identity, transport = request, signal }: FetchCodeApiUsageInput): Promise<unknown> {
  if (credential.token.trim() === '') throw new KimiError(credential.kind === 'api-key' ? 'api-key-missing' : 'auth-missing');
  if (!isSendableToken(credential.token)) throw rejected(credential, { detail: 'it holds characters that cannot be sent' });

  const headers = {
    ...(credential.kind === 'api-key' ? {} : identity),
    Authorization: `Bearer ${credential.token}`,
    Accept: 'application/json',
  };
  const response = await transport({ url, method: 'GET', headers, signal });
  // 401 alone says the token is bad. A 403 is about what the token may do — a spent quota or a
  // refusal of another kind — and its body tells which (./forbidden.ts).
  if (response.status === 401) throw rejected(credential, { status: response.status });
  if (response.status === 403) throw forbiddenError(response.body);
  if (!response.ok) throw new KimiError('http', { status: response.status, retryAfterSeconds: response.retryAfterSeconds });
  return response.body;
}

/**
 * A refused token (a 401, or one that cannot be sent), by where it came from: an API key is
 * "invalid or expired"; KimiBar's own device login was just refreshed, so a refusal means the
 * sign-in is gone ("sign in again"); the Kimi Code CLI's token is not ours to renew, so its
 * login is reported unusable.
 */
function rejected(credential: CodeApiCredential, details: { readonly status?: number; readonly detail?: string }): KimiError {
  switch (credential.kind) {
    case 'api-key':
      return new KimiError('api-key-invalid', details);
    case 'kimi-account':
      return new KimiError('signed-out', details);
    case 'kimi-cli':
      return new KimiError('cli-credential-missing', { detail: 'the server refused its token', ...details });
  }
}
