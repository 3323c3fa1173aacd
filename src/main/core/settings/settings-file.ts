// Reads config.json defensively. The file is shared with people and other processes, so it may
// be anything: missing, half-written by an editor, binary, enormous, from a newer KimiBar. We
// read it ourselves (bounded, strictly decoded) instead of through conf, which reads without a
// size limit and turns a JSON number or array into an object.
//
// A file we cannot read (permissions, an I/O error) is not a bad file: we know nothing about
// its content, so it is reported as 'unreadable' and must be left exactly where it is. Only a
// file whose bytes we read and found wrong is 'bad' (and then moved aside by the store).
import { readFileSync, statSync } from 'node:fs';
import { SETTINGS_VERSION, SettingsSchema, type Settings } from '../../../shared/settings.js';
import { MAX_SETTINGS_BYTES } from './file-name.js';
import { migrateSettingsDocument } from './migrate.js';

export { MAX_SETTINGS_BYTES, SETTINGS_FILE_NAME } from './file-name.js';

export type BadSettingsReason = 'corrupt' | 'invalid' | 'unknown-version' | 'too-large' | 'not-a-file';

export type SettingsFileRead =
  | { readonly kind: 'missing' }
  /** `document` is the file's whole JSON object (as version 2), keys KimiBar does not know included. */
  | { readonly kind: 'ok'; readonly settings: Settings; readonly document: Record<string, unknown> }
  | { readonly kind: 'bad'; readonly reason: BadSettingsReason; readonly detail: string }
  | { readonly kind: 'unreadable'; readonly detail: string };

/**
 * How the file is read. Production uses node's fs; tests hand in a version that fails the way
 * a file without read permission does, because the tests run as root, and root reads a
 * `chmod 000` file anyway (it bypasses permission checks), so no real file can show EACCES.
 */
export interface SettingsFileReader {
  stat(path: string): { isFile(): boolean; readonly size: number };
  readFile(path: string): Uint8Array;
}

export const nodeSettingsFileReader: SettingsFileReader = {
  stat: (path) => statSync(path),
  readFile: (path) => readFileSync(path),
};

export function readSettingsFile(path: string, reader: SettingsFileReader = nodeSettingsFileReader): SettingsFileRead {
  let size: number;
  try {
    const stats = reader.stat(path);
    if (!stats.isFile()) return { kind: 'bad', reason: 'not-a-file', detail: 'not a regular file' };
    size = stats.size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', detail: describeReadError(error) };
  }
  if (size > MAX_SETTINGS_BYTES) return { kind: 'bad', reason: 'too-large', detail: `${size} bytes` };

  let bytes: Uint8Array;
  try {
    bytes = reader.readFile(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', detail: describeReadError(error) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
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
  const document = migrateSettingsDocument(json as Record<string, unknown>);
  if ('version' in document && document.version !== SETTINGS_VERSION) {
    return { kind: 'bad', reason: 'unknown-version', detail: `version ${describeVersion(document.version)}` };
  }
  const parsed = SettingsSchema.safeParse(document);
  if (!parsed.success) {
    // Paths only: a hostile or mistaken file may hold anything, and values are not ours to echo.
    const paths = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)');
    return { kind: 'bad', reason: 'invalid', detail: `invalid ${paths.join(', ')}` };
  }
  return { kind: 'ok', settings: parsed.data, document };
}

function describeVersion(version: unknown): string {
  return typeof version === 'number' && Number.isFinite(version) ? String(version) : 'unrecognised';
}

/** Why a file could not be read, in words; never its content. */
function describeReadError(error: unknown): string {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a file is in the way of its folder';
  return `read error ${code ?? 'unknown'}`;
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
