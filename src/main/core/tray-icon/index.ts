// The tray icon's public face: the meter image, the rules that name its states, and the text
// beside and under it.
export type { TrayIconInput, TrayIconSource, TrayIconState, TrayLane } from './icon-input.js';
export { TRAY_LANES, TRAY_STATE_RULES, depletedLanes, isDepleted, laneUsedPercent, trayIconInput, trayIconStates } from './icon-input.js';
export type { TrayIconImages } from './meter.js';
export { renderTrayIcon } from './meter.js';
export type { TrayTitleSettings } from './tray-text.js';
export { trayTitle, trayTooltip } from './tray-text.js';
