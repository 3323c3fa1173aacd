// The preload as it ships: bundled by esbuild to CommonJS (as scripts/build.mjs does), then run
// the way a sandboxed preload runs — with a `require` that knows only 'electron'. Electron is
// the one thing that cannot exist here, so its two objects are replaced at that seam.
import { build } from 'esbuild';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, eventWireName, invokeWireName } from '../../src/shared/ipc-channels.js';

const ENTRY = join(import.meta.dirname, '../../src/preload/index.ts');

interface Loaded {
  readonly exposed: Map<string, Record<string, unknown>>;
  readonly invoked: [string, unknown][];
  readonly listeners: Map<string, Set<(event: unknown, payload: unknown) => void>>;
  readonly required: string[];
}

let code = '';

beforeAll(async () => {
  const result = await build({ entryPoints: [ENTRY], bundle: true, platform: 'node', format: 'cjs', external: ['electron'], write: false, logLevel: 'silent' });
  code = result.outputFiles[0]?.text ?? '';
});

function load(): Loaded {
  const loaded: Loaded = { exposed: new Map(), invoked: [], listeners: new Map(), required: [] };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => loaded.exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, request: unknown) => {
        loaded.invoked.push([channel, request]);
        return Promise.resolve({ ok: true, value: null });
      },
      on: (channel: string, handler: (event: unknown, payload: unknown) => void) => {
        const set = loaded.listeners.get(channel) ?? new Set();
        set.add(handler);
        loaded.listeners.set(channel, set);
      },
      removeListener: (channel: string, handler: (event: unknown, payload: unknown) => void) => loaded.listeners.get(channel)?.delete(handler),
    },
  };
  const require = (name: string): unknown => {
    loaded.required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  const module = { exports: {} };
  runInNewContext(code, { require, module, exports: module.exports });
  return loaded;
}

describe('preload', () => {
  it('requires nothing but electron and bundles no zod', () => {
    expect(load().required).toEqual(['electron']);
    expect(code).not.toMatch(/from ['"]zod['"]|require\(['"]zod['"]\)|ZodError/);
  });

  it('exposes exactly window.kimibar with one method per invoke channel and `on`', () => {
    const { exposed } = load();
    expect([...exposed.keys()]).toEqual(['kimibar']);
    const api = exposed.get('kimibar') ?? {};
    expect(Object.keys(api).sort()).toEqual([...INVOKE_CHANNELS, 'on'].sort());
  });

  it('sends each invoke on its wire name with the request as given', async () => {
    const { exposed, invoked } = load();
    const api = exposed.get('kimibar') as Record<string, (request?: unknown) => Promise<unknown>>;
    await api.getHistory?.({ days: 7 });
    await api.refresh?.();
    expect(invoked).toEqual([
      [invokeWireName('getHistory'), { days: 7 }],
      [invokeWireName('refresh'), undefined],
    ]);
  });

  it('hands listeners the payload only, never the IPC event, and unsubscribes', () => {
    const { exposed, listeners } = load();
    const on = (exposed.get('kimibar') as { on: (event: string, listener: (...args: unknown[]) => void) => () => void }).on;
    for (const event of EVENT_CHANNELS) {
      const received: unknown[][] = [];
      const off = on(event, (...args) => received.push(args));
      const wire = eventWireName(event);
      for (const handler of listeners.get(wire) ?? []) handler({ sender: 'secret-object' }, { hello: event });
      expect(received).toEqual([[{ hello: event }]]);
      off();
      expect(listeners.get(wire)?.size).toBe(0);
    }
  });
});
