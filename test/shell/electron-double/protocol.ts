// The messages between the main-bundle test and the Electron double in the child process.

/** Who sends an invoke: our popover's top frame, an iframe in it, the popover's contents on a
 *  foreign page, or a web contents KimiBar never registered. */
export type InvokeSender = 'popover' | 'subframe' | 'other-origin' | 'other-contents';

export type DoubleCommand =
  | { readonly type: 'invoke'; readonly channel: string; readonly request?: unknown; readonly sender: InvokeSender }
  | { readonly type: 'tray-click' }
  | { readonly type: 'tray-menu-click'; readonly label: string }
  | { readonly type: 'notification-click' }
  | { readonly type: 'app-get'; readonly url: string };

export type DoubleMessage =
  | { readonly kind: 'call'; readonly api: string; readonly args: unknown[] }
  | { readonly kind: 'reply'; readonly id: number; readonly value?: unknown; readonly error?: string };
