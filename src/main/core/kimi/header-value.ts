// What may travel in a request header, decided once. The transport refuses anything else before
// a byte is sent, and browser import skips a cookie that fails the token rule, so Auto moves on
// to the next profile or browser instead of settling on a cookie whose every request would fail.
import { isSendableToken } from '../../../shared/sendable-token.js';

export { isSendableToken };

/** Printable ASCII and tabs: what fetch sends unchanged (no CR/LF, nothing it would re-encode). */
export function isSendableHeaderValue(value: string): boolean {
  return /^[\t\x20-\x7e]*$/.test(value);
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
