// config.json version 1 held one Kimi account's source settings under `kimi`; version 2 holds a
// list of accounts. A version-1 document is read as version 2 holding that one account, with
// the id whose keychain items keep their version-1 names, so upgrading moves no secret and
// loses no setting. Only the document read is converted: the file itself changes at the next
// save, as any other setting would. A `kimi` that is not an object is carried over as it is and
// fails validation like any other bad value (the file is then moved aside and the user told).
import { FIRST_ACCOUNT_ID, FIRST_ACCOUNT_NAME } from '../../../shared/settings.js';

/** The document as this build reads it; a version-2 (or unknown-version) document is returned as it is. */
export function migrateSettingsDocument(document: Record<string, unknown>): Record<string, unknown> {
  const version = Object.hasOwn(document, 'version') ? document.version : 1;
  if (version !== 1) return document;
  const migrated: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (key === 'kimi') continue;
    // defineProperty: a "__proto__" key from the file must stay a key, not become a prototype.
    Object.defineProperty(migrated, key, { value, enumerable: true, writable: true, configurable: true });
  }
  const kimi = Object.hasOwn(document, 'kimi') ? document.kimi : {};
  const account = isPlainObject(kimi) ? { ...kimi, id: FIRST_ACCOUNT_ID, name: FIRST_ACCOUNT_NAME } : kimi;
  migrated.version = 2;
  migrated.accounts = [account];
  return migrated;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
