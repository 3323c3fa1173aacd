// One rule: a new sign-in (KimiBar's device login or its in-app web session) is refused when
// another account already holds the same token chain or the same Kimi user.
//
// Why: Kimi's refresh tokens rotate and are single use (docs/kimi-api.md, "Device login",
// "Web session refresh"). Two accounts holding one chain would each renew it in turn, and the
// first renewal spends the token the other still holds: that account is signed out at its next
// refresh, seemingly at random. Two accounts signed in as the same Kimi user are that mistake one
// step earlier (the same device login approved twice), and would only show the same numbers twice.
// The Kimi user is read from the tokens' JWT claims, never checked against a signature: the rule
// only compares, it trusts nothing (docs/kimi-api.md, "Who signed in").
//
// Nothing here logs or repeats a token: the refusal names only the other account.
import { KimiError } from '../errors.js';
import { decodeJwtPayload } from '../jwt.js';
import type { OAuthTokens } from '../kimi/token-manager.js';

/** The kinds of sign-in KimiBar keeps itself, each a chain of rotating refresh tokens. */
export type SignInKind = 'device-login' | 'web-session';

/** Another account's stored sign-ins (device login, web session), as read from its keychain items. */
export interface HeldSignIns {
  /** The name the user gave that account: the refusal says which one holds the sign-in. */
  readonly accountName: string;
  readonly signIns: readonly (OAuthTokens | null)[];
}

/**
 * Throws KimiError('account-duplicate') when one of `others` holds the same refresh token (or,
 * for a session without one, the same access token) or a token naming the same Kimi user.
 * The account's own earlier sign-ins are not among `others`: signing in again replaces them.
 */
export function refuseSharedChain(candidate: OAuthTokens, others: readonly HeldSignIns[]): void {
  const chain = new Set(chainTokens(candidate));
  const users = kimiUsers(candidate);
  for (const other of others) {
    for (const held of other.signIns) {
      if (held === null) continue;
      const sameChain = chainTokens(held).some((token) => chain.has(token));
      const sameUser = [...kimiUsers(held)].some((user) => users.has(user));
      if (sameChain || sameUser) throw new KimiError('account-duplicate', { detail: other.accountName });
    }
  }
}

/** The tokens that identify a chain: its refresh token, and the access token it renewed last. */
function chainTokens(tokens: OAuthTokens): string[] {
  return tokens.refreshToken === null ? [tokens.accessToken] : [tokens.refreshToken, tokens.accessToken];
}

/** The Kimi users the sign-in's tokens name: `user_id` where a token has it, else `sub`. */
function kimiUsers(tokens: OAuthTokens): Set<string> {
  const users = new Set<string>();
  for (const token of [tokens.accessToken, tokens.refreshToken]) {
    if (token === null) continue;
    const claims = decodeJwtPayload(token);
    const user = (claims?.user_id ?? claims?.sub)?.trim();
    if (user) users.add(user);
  }
  return users;
}
