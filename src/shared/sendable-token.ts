// What a token must be made of to travel both as `Cookie: kimi-auth=<token>` and as
// `Authorization: Bearer <token>`: non-empty RFC 6265 cookie-octets — printable ASCII without
// space, `"`, `,`, `;` and `\`. Anything else would split the Cookie header into other cookies,
// be cut at white space by the server, or be refused by fetch (non-ASCII, a U+FFFD left by bad
// UTF-8, control characters). JWTs, API keys and OAuth tokens are all made of cookie-octets.
// It lives in shared because the settings window's API-key field checks it too.
export const SENDABLE_TOKEN = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/;

export function isSendableToken(value: string): boolean {
  return SENDABLE_TOKEN.test(value);
}
