// Reads the payload of a Kimi token (a JWT). The signature is not checked: KimiBar only uses
// the payload for an expiry hint, for identity headers the site expects, and to tell which Kimi
// user a sign-in belongs to (accounts/token-chains.ts); the server decides whether the token is
// valid.
import * as z from '../../shared/zod.js';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** A real kimi-auth token is well under this; anything larger is not one. */
const MAX_TOKEN_LENGTH = 16 * 1024;

const optionalText = z.catch(z.optional(z.string().check(z.maxLength(512))), undefined);

const JwtPayloadSchema = z.object({
  exp: z.catch(z.optional(z.number()), undefined),
  iat: z.catch(z.optional(z.number()), undefined),
  sub: optionalText,
  /** The Kimi user, where a token names it apart from `sub` (docs/kimi-api.md, "Who signed in"). */
  user_id: z.catch(z.optional(z.union([z.string().check(z.maxLength(512)), z.pipe(z.number().check(z.int()), z.transform(String))])), undefined),
  ssid: optionalText,
  device_id: optionalText,
});
export type JwtPayload = z.infer<typeof JwtPayloadSchema>;

export function looksLikeJwt(text: string): boolean {
  return text.length <= MAX_TOKEN_LENGTH && JWT_SHAPE.test(text);
}

/** The payload's known claims, or null when the text is not a decodable JWT. */
export function decodeJwtPayload(token: string): JwtPayload | null {
  if (!looksLikeJwt(token)) return null;
  const encoded = token.split('.')[1] ?? '';
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = JwtPayloadSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The token's expiry, or null when it has none (or is not a JWT). */
export function jwtExpiry(token: string): Date | null {
  return dateFromSeconds(decodeJwtPayload(token)?.exp);
}

/** When the token was issued (`iat`), or null when it does not say. */
export function jwtIssuedAt(token: string): Date | null {
  return dateFromSeconds(decodeJwtPayload(token)?.iat);
}

function dateFromSeconds(seconds: number | undefined): Date | null {
  if (seconds === undefined) return null;
  const ms = seconds * 1000;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms) : null;
}
