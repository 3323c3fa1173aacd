// Text from cookie files is shown in terminals and screens and sent as a bearer token, so
// control characters (C0, DEL, C1) are refused in values and removed from names.
function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

export function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (isControl(text.charCodeAt(i))) return true;
  return false;
}

export function stripControlChars(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) if (!isControl(text.charCodeAt(i))) out += text[i];
  return out;
}

/** A usable cookie value: non-empty, no control characters. */
export function isCookieValue(text: string): boolean {
  return text.length > 0 && !hasControlChars(text);
}
