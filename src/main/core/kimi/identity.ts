// Who is calling: the identity headers Kimi's OAuth clients send (the header table under
// "Code API" in docs/kimi-api.md), and the stable device id behind X-Msh-Device-Id. The Kimi
// Code CLI's id is reused (read-only) so the account sees one device, not two, on a machine
// that runs both.
import { randomUUID } from 'node:crypto';
import { linkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { arch, hostname, platform, release, version } from 'node:os';
import { join } from 'node:path';
import { readSmallFile } from '../small-file.js';
import type { AppPaths } from '../ports.js';
import { ensureConfigDir } from '../settings/config-dir.js';

/** What the identity headers say about this machine; read from the OS by `systemDeviceFacts`. */
export interface DeviceFacts {
  readonly hostname: string;
  /** "macOS", "Linux", … */
  readonly osName: string;
  readonly osRelease: string;
  /** The kernel's long version string (`os.version()`). */
  readonly osVersion: string;
  readonly arch: string;
}

export interface IdentityInput {
  /** KimiBar's version, from package.json. */
  readonly appVersion: string;
  readonly device: DeviceFacts;
  readonly deviceId: string;
}

export type IdentityHeaders = Readonly<Record<string, string>>;

/** KimiBar names itself honestly rather than posing as the Kimi Code CLI. */
const PLATFORM = 'kimibar';
const MAX_HEADER_LENGTH = 128;

export function identityHeaders({ appVersion, device, deviceId }: IdentityInput): IdentityHeaders {
  return {
    'User-Agent': `KimiBar/${headerSafe(appVersion)}`,
    'X-Msh-Platform': PLATFORM,
    'X-Msh-Version': headerSafe(appVersion),
    'X-Msh-Device-Name': headerSafe(device.hostname),
    'X-Msh-Device-Model': headerSafe(`${device.osName} ${device.osRelease} ${device.arch}`),
    'X-Msh-Os-Version': headerSafe(device.osVersion),
    'X-Msh-Device-Id': headerSafe(deviceId),
  };
}

/**
 * Host names and OS strings may hold non-ASCII text, which HTTP headers cannot carry as is:
 * keep printable ASCII, collapse the rest, and never send an empty value.
 */
function headerSafe(value: string): string {
  const ascii = value.replace(/[^\x20-\x7e]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_HEADER_LENGTH).trim();
  return ascii === '' ? 'unknown' : ascii;
}

const OS_NAMES: Readonly<Record<string, string>> = { darwin: 'macOS', linux: 'Linux', win32: 'Windows' };

/** Reads the facts from this machine; the only place that asks the OS. */
export function systemDeviceFacts(): DeviceFacts {
  const os = platform();
  return { hostname: hostname(), osName: OS_NAMES[os] ?? os, osRelease: release(), osVersion: version(), arch: arch() };
}

// The Kimi Code CLI writes a dashed UUID or its 32-hex-digit form; either is a usable id.
const DEVICE_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/;
const DEVICE_ID_FILE = 'device_id';
/** A device id file holds an id and a newline; one much larger is not a device id file. */
const MAX_DEVICE_ID_BYTES = 4096;

export interface LoadDeviceIdOptions {
  readonly paths: AppPaths;
  /** The Kimi Code CLI's home (`$KIMI_CODE_HOME`, else `~/.kimi-code`), where it keeps its id. */
  readonly kimiCodeHome?: string;
  /** Makes a new id; tests pass a fixed one. */
  readonly newId?: () => string;
}

/**
 * The id for X-Msh-Device-Id: the Kimi Code CLI's `<its home>/device_id` when it holds a
 * valid one (never written), else KimiBar's own `<configDir>/device_id`, created (0600) on
 * first use.
 *
 * The files are read synchronously, opened non-blocking (../small-file.ts): opened through
 * the thread pool, a FIFO planted at either path held the open, and with it every refresh that
 * waits for this id, forever; and each refresh starts by reading them, before its request.
 * Rejects (never throws) when its own file cannot be written.
 */
export async function loadDeviceId({ paths, kimiCodeHome = join(paths.home, '.kimi-code'), newId = randomUUID }: LoadDeviceIdOptions): Promise<string> {
  const cliId = readDeviceIdFile(join(kimiCodeHome, DEVICE_ID_FILE));
  if (cliId !== null) return cliId;
  const ownPath = join(paths.configDir, DEVICE_ID_FILE);
  const ownId = readDeviceIdFile(ownPath);
  if (ownId !== null) return ownId;

  const created = newId().toLowerCase();
  ensureConfigDir(paths.configDir);
  // Written aside, then linked into place: the file appears whole or not at all, and when
  // another KimiBar process got there first (EEXIST) its id wins.
  const staged = `${ownPath}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(staged, `${created}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(staged, ownPath);
    return created;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readDeviceIdFile(ownPath);
    if (winner !== null) return winner;
    // An unreadable leftover: replace it rather than send a malformed id forever.
    renameSync(staged, ownPath);
    return created;
  } finally {
    rmSync(staged, { force: true });
  }
}

/** A valid id from the file, lowercased; null for a missing, odd, oversized or malformed one. */
function readDeviceIdFile(path: string): string | null {
  const text = readSmallFile(path, MAX_DEVICE_ID_BYTES);
  if (typeof text !== 'string') return null;
  const id = text.trim().toLowerCase();
  return DEVICE_ID.test(id) ? id : null;
}
