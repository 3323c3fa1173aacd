// What may travel in a request header, decided once. The transport refuses anything else before
// a byte is sent, and browser import skips a cookie that fails the token rule, so Auto moves on
// to the next profile or browser instead of settling on a cookie whose every request would fail.

/** Printable ASCII and tabs: what fetch sends unchanged (no CR/LF, nothing it would re-encode). */
export function isSendableHeaderValue(value: string): boolean {
  return /^[\t\x20-\x7e]*$/.test(value);
}

/**
 * A token (the kimi-auth cookie, a bearer token, an API key) that can travel both as
 * `Cookie: kimi-auth=<token>` and as `Authorization: Bearer <token>`: non-empty and made only of
 * RFC 6265 cookie-octets — printable ASCII without space, `"`, `,`, `;` and `\`. Anything else
 * would split the Cookie header into other cookies, be cut at white space by the server, or be
 * refused by fetch (non-ASCII, a U+FFFD left by bad UTF-8, control characters). JWTs, API keys
 * and OAuth tokens are all made of cookie-octets.
 */
export function isSendableToken(value: string): boolean {
  return /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/.test(value);
}

/** RFC 9110 `token`: header names, auth schemes and cookie names. */
const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * A whole header as the transport sends it. Credential headers must carry sendable tokens only:
 * `Authorization: <scheme> <token>` and `Cookie: <name>=<token>[; <name>=<token>]…`.
 */
export function isSendableHeader(name: string, value: string): boolean {
  if (!NAME.test(name) || !isSendableHeaderValue(value)) return false;
  switch (name.toLowerCase()) {
    case 'authorization': {
      const space = value.indexOf(' ');
      return space > 0 && NAME.test(value.slice(0, space)) && isSendableToken(value.slice(space + 1));
    }
    case 'cookie':
      return value.split('; ').every((pair) => {
        const eq = pair.indexOf('=');
        return eq > 0 && NAME.test(pair.slice(0, eq)) && isSendableToken(pair.slice(eq + 1));
      });
    default:
      return true;
  }
}
