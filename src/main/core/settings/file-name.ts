// Where the settings file is and how large it may be: the settings store and the status line's
// small read of the account list (../status-line/account-list.ts) agree on both, and the status
// line must not build the settings schema (and the schemas it brings along) to learn them.
export const SETTINGS_FILE_NAME = 'config.json';

/** Far above any real settings file; anything larger is not ours. */
export const MAX_SETTINGS_BYTES = 256 * 1024;
