// The tray icon's public face: the meter image and the text beside and under it.
export type { TrayIconInput, TrayIconSource } from './icon-input.js';
export { trayIconInput } from './icon-input.js';
export type { TrayIconImages } from './meter.js';
export { renderTrayIcon } from './meter.js';
export type { TrayTitleSettings } from './tray-text.js';
export { trayTitle, trayTooltip } from './tray-text.js';
