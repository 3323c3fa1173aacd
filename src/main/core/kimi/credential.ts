// A credential is what a usage fetch is made with. The `kind` decides the endpoint: the
// Code API for api-key, kimi-account and kimi-cli; web usage (+ membership) for web.
// It belongs to the Kimi client, which consumes it; `auth` only decides which one to use.
import type { SourceKind } from '../../../shared/usage.js';

export type WebTokenOrigin = 'web-session' | 'manual' | 'env' | 'browser';

export type Credential =
  | { readonly kind: 'api-key'; readonly token: string; readonly origin: 'settings' | 'env' }
  /** KimiBar's own device-login OAuth access token (refreshed before use). */
  | { readonly kind: 'kimi-account'; readonly token: string }
  /**
   * The Kimi Code CLI's access token, read-only from its credentials file, with the Code API
   * base its login belongs to: the token is sent there and nowhere else (not to the Region
   * setting's host).
   */
  | { readonly kind: 'kimi-cli'; readonly token: string; readonly path: string; readonly baseUrl: string }
  | { readonly kind: 'web'; readonly token: string; readonly origin: WebTokenOrigin; readonly label: string };

export type CredentialKind = Credential['kind'];

// Compile-time check that credential kinds and snapshot source kinds stay the same set.
const _sameKinds: Record<SourceKind, CredentialKind> = {
  'api-key': 'api-key',
  'kimi-account': 'kimi-account',
  'kimi-cli': 'kimi-cli',
  web: 'web',
};
void _sameKinds;

/** What a person reads as the snapshot's source. */
export function credentialLabel(credential: Credential): string {
  switch (credential.kind) {
    case 'api-key':
      return 'Kimi Code API key';
    case 'kimi-account':
      return 'Kimi account (signed in)';
    case 'kimi-cli':
      return 'Kimi Code CLI';
    case 'web':
      return credential.label;
  }
}
