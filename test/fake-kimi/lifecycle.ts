// One fake-kimi per test file: started before the file's tests, reset before each test (so a
// test's routes and recorded requests never leak into the next), closed after. The returned
// object forwards to the running server, so a file reads `kimi.url` and `kimi.on(…)` as usual;
// touching it outside a test or hook is a mistake and says so.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeKimi, type FakeKimi, type StartFakeKimiOptions } from './server.js';

export function useFakeKimi(options?: StartFakeKimiOptions): FakeKimi {
  let current: FakeKimi | null = null;
  beforeAll(async () => {
    current = await startFakeKimi(options);
  });
  afterAll(async () => {
    await current?.close();
    current = null;
  });
  beforeEach(() => current?.reset());
  return new Proxy({} as FakeKimi, {
    get(_target, key) {
      if (current === null) throw new Error('fake-kimi runs only inside a test or a hook');
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
}
