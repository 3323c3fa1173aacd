// A stand-in for the `electron` module, so the built main bundle runs in plain Node (the
// Electron binary is never installed here or in CI). It is as thin as the API surface the
// shell and its bundled libraries (menubar, electron-positioner, electron-store) touch; every
// export is typed against electron.d.ts with Pick<…>, so a call the shell makes with the wrong
// signature fails the type check here as it would against Electron.
//
// Control channel: the parent test process talks to it over Node's IPC channel. Every call
// worth checking is sent up as `{ kind: 'call', api, args }`; the test sends commands (invoke a
// handler as a given sender, click the tray, click a menu item, fetch a page through the app
// scheme) and gets `{ kind: 'reply', id, value }` back.
import { EventEmitter } from 'node:events';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DoubleCommand, DoubleMessage, InvokeSender } from './protocol.js';

function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, item: unknown) => {
      if (typeof item === 'function') return '[function]';
      if (item instanceof Uint8Array) return `[${item.byteLength} bytes]`;
      if (item instanceof FakeSession) return '[session]';
      return item;
    }) ?? 'null',
  ) as unknown;
}

function send(message: DoubleMessage): void {
  process.send?.(message);
}

function record(api: string, ...args: unknown[]): void {
  send({ kind: 'call', api, args: jsonSafe(args) as unknown[] });
}

// ---- app -------------------------------------------------------------------------------------

type AppSurface = Pick<
  Electron.App,
  | 'requestSingleInstanceLock'
  | 'quit'
  | 'exit'
  | 'whenReady'
  | 'isReady'
  | 'getPath'
  | 'getVersion'
  | 'getAppPath'
  | 'getPreferredSystemLanguages'
  | 'focus'
  | 'setLoginItemSettings'
  | 'isPackaged'
>;

class FakeApp extends EventEmitter implements AppSurface {
  /** KIMIBAR_DOUBLE_PACKAGED=1 plays the packaged app; otherwise `npm start`. */
  readonly isPackaged = process.env.KIMIBAR_DOUBLE_PACKAGED === '1';
  /** Present on every platform here, so the test sees whether the shell hides the Dock icon. */
  readonly dock: Pick<Electron.Dock, 'hide'> = { hide: () => record('app.dock.hide') };

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    const granted = process.env.KIMIBAR_DOUBLE_LOCK !== 'taken';
    record('app.requestSingleInstanceLock', additionalData ?? null, granted);
    return granted;
  }
  quit(): void {
    record('app.quit');
    // Electron emits will-quit and then ends the process; the shell cleans up on will-quit.
    this.emit('before-quit');
    this.emit('will-quit');
    setImmediate(() => process.exit(0));
  }
  exit(exitCode?: number): void {
    record('app.exit', exitCode ?? 0);
    process.exit(exitCode ?? 0);
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  isReady(): boolean {
    return true;
  }
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    if (name === 'home') return homedir();
    if (name === 'userData') return join(homedir(), '.config', 'KimiBar');
    throw new Error(`electron double: app.getPath('${name}') is not doubled`);
  }
  getVersion(): string {
    return '0.0.0-double';
  }
  getAppPath(): string {
    return process.cwd();
  }
  getPreferredSystemLanguages(): string[] {
    return ['en-US'];
  }
  focus(options?: Electron.FocusOptions): void {
    record('app.focus', options ?? null);
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    record('app.setLoginItemSettings', settings);
  }
}

export const app = new FakeApp();

// ---- sessions and web contents ----------------------------------------------------------------

type SessionSurface = Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

class FakeSession implements SessionSurface {
  constructor(readonly partition: string) {}
  setPermissionRequestHandler(handler: Parameters<Electron.Session['setPermissionRequestHandler']>[0]): void {
    record('session.setPermissionRequestHandler', this.partition, handler !== null);
  }
  setPermissionCheckHandler(handler: Parameters<Electron.Session['setPermissionCheckHandler']>[0]): void {
    record('session.setPermissionCheckHandler', this.partition, handler !== null);
  }
}

const defaultSession = new FakeSession('default');
const partitions = new Map<string, FakeSession>();

type SessionModule = Pick<typeof Electron.session, 'fromPartition'> & { readonly defaultSession: FakeSession };
export const session: SessionModule = {
  defaultSession,
  fromPartition(partition: string): Electron.Session {
    let found = partitions.get(partition);
    if (found === undefined) {
      found = new FakeSession(partition);
      partitions.set(partition, found);
    }
    return found as unknown as Electron.Session;
  },
};

type WebContentsSurface = Pick<Electron.WebContents, 'getURL' | 'send' | 'setWindowOpenHandler' | 'isDestroyed' | 'id'>;

let nextId = 1;

class FakeWebContents extends EventEmitter implements WebContentsSurface {
  readonly id = nextId++;
  url = '';
  constructor(readonly session: FakeSession) {
    super();
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, ...args: unknown[]): void {
    record('webContents.send', this.id, channel, ...args);
  }
  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    record('webContents.setWindowOpenHandler', this.id, handler({ url: 'https://example.com/' } as Electron.HandlerDetails));
  }
  isDestroyed(): boolean {
    return false;
  }
}

function createContents(partitionSession: FakeSession): FakeWebContents {
  const contents = new FakeWebContents(partitionSession);
  app.emit('web-contents-created', {}, contents);
  return contents;
}

// ---- windows ----------------------------------------------------------------------------------

type WindowSurface = Pick<
  Electron.BrowserWindow,
  | 'loadURL'
  | 'show'
  | 'hide'
  | 'focus'
  | 'isDestroyed'
  | 'isVisible'
  | 'isAlwaysOnTop'
  | 'setPosition'
  | 'getSize'
  | 'getBounds'
  | 'setBounds'
  | 'setResizable'
  | 'isResizable'
  | 'setVisibleOnAllWorkspaces'
  | 'close'
>;

const windows: FakeBrowserWindow[] = [];

export class FakeBrowserWindow extends EventEmitter implements WindowSurface {
  readonly webContents: FakeWebContents;
  readonly windowId: number;
  private visible = false;
  private destroyed = false;
  private bounds: Electron.Rectangle;
  private resizable: boolean;

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    const preferences = options.webPreferences ?? {};
    const contentsSession =
      preferences.session !== undefined
        ? (preferences.session as unknown as FakeSession)
        : preferences.partition !== undefined
          ? (session.fromPartition(preferences.partition) as unknown as FakeSession)
          : defaultSession;
    this.webContents = createContents(contentsSession);
    this.windowId = this.webContents.id;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.resizable = options.resizable ?? true;
    windows.push(this);
    record('BrowserWindow.new', this.windowId, options);
  }
  loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    record('BrowserWindow.loadURL', this.windowId, url);
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
    record('BrowserWindow.show', this.windowId);
  }
  hide(): void {
    this.visible = false;
    record('BrowserWindow.hide', this.windowId);
  }
  focus(): void {
    record('BrowserWindow.focus', this.windowId);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isAlwaysOnTop(): boolean {
    return false;
  }
  setPosition(x: number, y: number): void {
    this.bounds = { ...this.bounds, x, y };
  }
  getSize(): number[] {
    return [this.bounds.width, this.bounds.height];
  }
  getBounds(): Electron.Rectangle {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<Electron.Rectangle>): void {
    this.bounds = { ...this.bounds, ...bounds };
    record('BrowserWindow.setBounds', this.windowId, bounds, this.resizable);
  }
  setResizable(resizable: boolean): void {
    this.resizable = resizable;
  }
  isResizable(): boolean {
    return this.resizable;
  }
  setVisibleOnAllWorkspaces(visible: boolean): void {
    void visible;
  }
  close(): void {
    this.destroyed = true;
    this.emit('close');
    this.emit('closed');
  }
}

export { FakeBrowserWindow as BrowserWindow };

// ---- tray, menus, images ----------------------------------------------------------------------

type TraySurface = Pick<Electron.Tray, 'setTitle' | 'setToolTip' | 'setImage' | 'setContextMenu' | 'popUpContextMenu' | 'destroy' | 'getBounds'>;

const trays: FakeTray[] = [];
let trayMenu: FakeMenu | null = null;

class FakeTray extends EventEmitter implements TraySurface {
  constructor(image: Electron.NativeImage | string) {
    super();
    void image;
    trays.push(this);
    record('Tray.new');
  }
  setTitle(title: string, options?: Electron.TitleOptions): void {
    record('Tray.setTitle', title, options ?? null);
  }
  setToolTip(toolTip: string): void {
    record('Tray.setToolTip', toolTip);
  }
  setImage(image: Electron.NativeImage | string): void {
    void image;
    record('Tray.setImage');
  }
  setContextMenu(menu: Electron.Menu | null): void {
    trayMenu = menu as unknown as FakeMenu | null;
    record('Tray.setContextMenu', trayMenu?.labels() ?? null);
  }
  popUpContextMenu(menu?: Electron.Menu): void {
    record('Tray.popUpContextMenu', (menu as unknown as FakeMenu | undefined)?.labels() ?? null);
  }
  destroy(): void {
    record('Tray.destroy');
  }
  getBounds(): Electron.Rectangle {
    return { x: 1000, y: 0, width: 24, height: 24 };
  }
}

export { FakeTray as Tray };

class FakeMenu {
  constructor(readonly items: readonly Electron.MenuItemConstructorOptions[]) {}
  labels(): string[] {
    return this.items.map((item) => item.label ?? item.role ?? item.type ?? '');
  }
}

type MenuModule = Pick<typeof Electron.Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
export const Menu: MenuModule = {
  buildFromTemplate(template: Array<Electron.MenuItemConstructorOptions | Electron.MenuItem>): Electron.Menu {
    return new FakeMenu(template as Electron.MenuItemConstructorOptions[]) as unknown as Electron.Menu;
  },
  setApplicationMenu(menu: Electron.Menu | null): void {
    record('Menu.setApplicationMenu', (menu as unknown as FakeMenu | null)?.labels() ?? null);
  },
};

type ImageSurface = Pick<Electron.NativeImage, 'addRepresentation' | 'setTemplateImage'>;
class FakeImage implements ImageSurface {
  addRepresentation(options: Electron.AddRepresentationOptions): void {
    void options;
  }
  setTemplateImage(option: boolean): void {
    void option;
  }
}

type NativeImageModule = Pick<typeof Electron.nativeImage, 'createFromBuffer'>;
export const nativeImage: NativeImageModule = {
  createFromBuffer(buffer: Buffer, options?: Electron.CreateFromBufferOptions): Electron.NativeImage {
    void buffer;
    void options;
    return new FakeImage() as unknown as Electron.NativeImage;
  },
};

// ---- screen (menubar and electron-positioner place the popover with it; the shell looks for a hidden tray)

const DISPLAY = { bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 24, width: 1440, height: 876 } };
type ScreenModule = Pick<Electron.Screen, 'getAllDisplays' | 'getDisplayMatching' | 'getDisplayNearestPoint' | 'getCursorScreenPoint'>;
export const screen: ScreenModule = {
  getAllDisplays(): Electron.Display[] {
    return [structuredClone(DISPLAY) as Electron.Display];
  },
  getDisplayMatching(rect: Electron.Rectangle): Electron.Display {
    void rect;
    return structuredClone(DISPLAY) as Electron.Display;
  },
  getDisplayNearestPoint(point: Electron.Point): Electron.Display {
    void point;
    return structuredClone(DISPLAY) as Electron.Display;
  },
  getCursorScreenPoint(): Electron.Point {
    return { x: 0, y: 0 };
  },
};

// ---- IPC, protocol, OS services ---------------------------------------------------------------

type Handler = Parameters<Electron.IpcMain['handle']>[1];
const handlers = new Map<string, Handler>();

type IpcMainSurface = Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;
class FakeIpcMain extends EventEmitter implements IpcMainSurface {
  handle(channel: string, listener: Handler): void {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, listener);
    record('ipcMain.handle', channel);
  }
  removeHandler(channel: string): void {
    handlers.delete(channel);
    record('ipcMain.removeHandler', channel);
  }
}
export const ipcMain = new FakeIpcMain();

type ProtocolHandler = Parameters<Electron.Protocol['handle']>[1];
const schemeHandlers = new Map<string, ProtocolHandler>();
type ProtocolSurface = Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
export const protocol: ProtocolSurface = {
  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    record('protocol.registerSchemesAsPrivileged', app.listenerCount('ready'), customSchemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    schemeHandlers.set(scheme, handler);
    record('protocol.handle', scheme);
  },
};

const notifications: Notification[] = [];

export class Notification extends EventEmitter implements Pick<Electron.Notification, 'show'> {
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: Electron.NotificationConstructorOptions = {}) {
    super();
    notifications.push(this);
    record('Notification.new', options);
  }
  show(): void {
    record('Notification.show', this.options.title ?? null);
  }
}

type ShellModule = Pick<Electron.Shell, 'openExternal' | 'showItemInFolder'>;
export const shell: ShellModule = {
  openExternal(url: string, options?: Electron.OpenExternalOptions): Promise<void> {
    record('shell.openExternal', url, options ?? null);
    return Promise.resolve();
  },
  showItemInFolder(fullPath: string): void {
    record('shell.showItemInFolder', fullPath);
  },
};

type DialogModule = Pick<Electron.Dialog, 'showErrorBox'>;
export const dialog: DialogModule = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', title, content);
  },
};

type NetModule = Pick<Electron.Net, 'fetch' | 'isOnline'>;
export const net: NetModule = {
  // Node's fetch: it trusts NODE_EXTRA_CA_CERTS, which is how the fake Kimi server is reached.
  fetch: (input, init) => {
    record('net.fetch', input instanceof Request ? input.url : String(input));
    return fetch(input, init);
  },
  isOnline: () => true,
};

export const powerMonitor = new EventEmitter();

export default { app, BrowserWindow: FakeBrowserWindow, Tray: FakeTray, Menu, nativeImage, screen, ipcMain, protocol, Notification, shell, dialog, net, powerMonitor, session };

// ---- commands from the test -------------------------------------------------------------------

function popoverContents(): FakeWebContents {
  const window = windows.find((candidate) => candidate.webContents.url.includes('popover.html'));
  if (window === undefined) throw new Error('electron double: no window shows the popover page');
  return window.webContents;
}

function invokeEvent(sender: InvokeSender): Electron.IpcMainInvokeEvent {
  const own = popoverContents();
  const facts = {
    popover: { contents: own, parent: null, url: own.url },
    subframe: { contents: own, parent: {}, url: own.url },
    'other-origin': { contents: own, parent: null, url: 'https://evil.example/popover.html' },
    'other-contents': { contents: createContents(defaultSession), parent: null, url: own.url },
  }[sender];
  return { sender: facts.contents, senderFrame: { parent: facts.parent, url: facts.url } } as unknown as Electron.IpcMainInvokeEvent;
}

async function run(command: DoubleCommand): Promise<unknown> {
  switch (command.type) {
    case 'invoke': {
      const handler = handlers.get(command.channel);
      if (handler === undefined) throw new Error(`electron double: nothing handles ${command.channel}`);
      return jsonSafe(await (handler(invokeEvent(command.sender), command.request) as Promise<unknown>));
    }
    case 'tray-click': {
      const tray = trays.at(-1);
      if (tray === undefined) throw new Error('electron double: no tray');
      tray.emit('click', {}, tray.getBounds(), { x: 0, y: 0 });
      return null;
    }
    case 'tray-menu-click': {
      const item = trayMenu?.items.find((candidate) => candidate.label === command.label);
      if (item?.click === undefined) throw new Error(`electron double: the tray menu has no "${command.label}"`);
      item.click({} as Electron.MenuItem, undefined, {});
      return null;
    }
    case 'notification-click': {
      const notification = notifications.at(-1);
      if (notification === undefined) throw new Error('electron double: no notification was shown');
      notification.emit('click', {});
      return null;
    }
    case 'app-get': {
      const handler = schemeHandlers.get(new URL(command.url).protocol.slice(0, -1));
      if (handler === undefined) throw new Error(`electron double: no handler for ${command.url}`);
      const response = await handler(new Request(command.url));
      return { status: response.status, contentType: response.headers.get('content-type') };
    }
  }
}

process.on('message', (message: DoubleCommand & { id: number }) => {
  run(message).then(
    (value) => send({ kind: 'reply', id: message.id, value }),
    (error: unknown) => send({ kind: 'reply', id: message.id, error: String(error) }),
  );
});
