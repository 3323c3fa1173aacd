// The settings folder's public face: where files live, the settings file, and secrets.
export { APP_DIR_NAME, resolveAppPaths, type AppPathsInput } from './paths.js';
export {
  openSettings,
  type OpenSettingsOptions,
  type SettingsBackend,
  type SettingsBackendFactory,
  type SettingsNotice,
  type SettingsNoticeReason,
  type SettingsStore,
} from './settings-store.js';
export { MAX_SETTINGS_BYTES, SETTINGS_FILE_NAME, type BadSettingsReason, type SettingsFileReader } from './settings-file.js';
export { SETTABLE_KEYS, describeAccepted, type SettingKey, type SettingValueKind } from './settings-keys.js';
export {
  SECRET_SERVICE,
  createSecretStore,
  maskSecret,
  type KeytarLike,
  type SecretStoreOptions,
  type SystemSecretStore,
} from './secrets.js';
