// Where the popover window goes when its page asks for a height: as tall as the content, never
// taller than the screen's work area (the menu bar, the Dock and panels excluded), with the
// edge next to the tray kept in place. The shell only applies the answer.

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

import { POPOVER_HEIGHT_LIMITS } from '../../../shared/ipc-channels.js';

/** Below this the header and the menu would not fit (the contract refuses less anyway). */
export const POPOVER_MIN_HEIGHT = POPOVER_HEIGHT_LIMITS.min;

/**
 * The popover's bounds for a page that needs `requestedHeight` pixels. A window in the upper
 * half of the work area hangs from a menu bar or top panel and grows downwards; one in the lower
 * half sits above a bottom taskbar and grows upwards, so it never slides under the tray. Either
 * way it stays inside the work area; the page scrolls what does not fit (with a hint).
 */
export function fitPopoverBounds(current: Rect, requestedHeight: number, workArea: Rect): Rect {
  const height = Math.round(Math.min(Math.max(requestedHeight, POPOVER_MIN_HEIGHT), workArea.height));
  const workBottom = workArea.y + workArea.height;
  const hangsFromTop = current.y + current.height / 2 <= workArea.y + workArea.height / 2;
  const wanted = hangsFromTop ? current.y : current.y + current.height - height;
  const y = Math.min(Math.max(wanted, workArea.y), workBottom - height);
  return { x: current.x, y: Math.round(y), width: current.width, height };
}
