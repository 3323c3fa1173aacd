// A credential is what a usage fetch is made with. The `kind` decides the endpoint: the
// Code API (§1 A) for api-key, kimi-account and kimi-cli; web usage (§1 B + C) for web.
import type { SourceKind } from '../../../shared/usage.js';

export type WebTokenOrigin = 'web-session' | 'manual' | 'env' | 'browser';

export type Credential =
  | { readonly kind: 'api-key'; readonly token: string; readonly origin: 'settings' | 'env' }
  /** KimiBar's own device-login OAuth access token (refreshed before use). */
  | { readonly kind: 'kimi-account'; readonly token: string }
  /** The Kimi Code CLI's access token, read-only from its credentials file. */
  | { readonly kind: 'kimi-cli'; readonly token: string; readonly path: string }
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
