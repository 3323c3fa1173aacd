// Reads config.json defensively. The file is shared with people and other processes, so it may
// be anything: missing, half-written by an editor, binary, enormous, from a newer KimiBar. We
// read it ourselves (bounded, strictly decoded) instead of through conf, which reads without a
// size limit and turns a JSON number or array into an object.
import { readFileSync, statSync } from 'node:fs';
import { SETTINGS_VERSION, SettingsSchema, type Settings } from '../../../shared/settings.js';

export const SETTINGS_FILE_NAME = 'config.json';

/** Far above any real settings file; anything larger is not ours. */
export const MAX_SETTINGS_BYTES = 256 * 1024;

export type BadSettingsReason = 'corrupt' | 'invalid' | 'unknown-version' | 'too-large' | 'not-a-file';

export type SettingsFileRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly settings: Settings }
  | { readonly kind: 'bad'; readonly reason: BadSettingsReason; readonly detail: string };

export function readSettingsFile(path: string): SettingsFileRead {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return { kind: 'bad', reason: 'not-a-file', detail: 'not a regular file' };
    size = stats.size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
    return { kind: 'bad', reason: 'corrupt', detail: `cannot be read (${errorCode(error) ?? 'error'})` };
  }
  if (size > MAX_SETTINGS_BYTES) return { kind: 'bad', reason: 'too-large', detail: `${size} bytes` };

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
    return { kind: 'bad', reason: 'corrupt', detail: 'not UTF-8 text' };
  }
  return parseSettingsText(text);
}

/** Pure: the decision for a file's text. */
function parseSettingsText(text: string): SettingsFileRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'bad', reason: 'corrupt', detail: 'not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { kind: 'bad', reason: 'invalid', detail: 'not a JSON object' };
  }
  if ('version' in json && json.version !== SETTINGS_VERSION) {
    return { kind: 'bad', reason: 'unknown-version', detail: `version ${describeVersion(json.version)}` };
  }
  const parsed = SettingsSchema.safeParse(json);
  if (!parsed.success) {
    // Paths only: a hostile or mistaken file may hold anything, and values are not ours to echo.
    const paths = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)');
    return { kind: 'bad', reason: 'invalid', detail: `invalid ${paths.join(', ')}` };
  }
  return { kind: 'ok', settings: parsed.data };
}

function describeVersion(version: unknown): string {
  return typeof version === 'number' && Number.isFinite(version) ? String(version) : 'unrecognised';
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
