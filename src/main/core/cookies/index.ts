// The public face of browser cookie import. Everything else in this folder is private, except
// site-storage.ts, which KimiBar's own sign-in window shares.
export { createCookieImporter, EMPTY_RESULT_TTL_MS } from './importer.js';
export type { CookieImporterDeps, KimiCookieImporter } from './importer.js';
export { formatImportReports } from './format.js';
export type { FormatOptions } from './format.js';
export { KEYCHAIN_QUIET_MS } from './keychain-denials.js';
export type { KeychainDenialStore } from './keychain-denials.js';
export { denialStoreOverRecord } from './keychain-denials.js';
export { createMacKeychainReader, createSecretToolReader } from './keychain.js';
export type { KeychainAnswer, KeychainReader, SecretToolReader } from './keychain.js';
export type { FileAccess } from './file-access.js';
export * from './types.js';
