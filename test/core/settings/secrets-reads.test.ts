// How often the secret store asks the real Secret Service (each read is a D-Bus round trip):
// the probe that proves the keychain works is also the first read of the API key, which a
// refresh makes right after. Run under scripts/run-tests.mjs (a throwaway gnome-keyring).
import keytar from 'keytar';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { createSecretStore, openSecretStore, type KeytarLike } from '../../../src/main/core/settings/secrets.js';

const SERVICE = `KimiBar-test-reads-${process.pid}`;

beforeAll(() => {
  expect(process.env.KIMIBAR_TEST_KEYRING, 'run under: node scripts/run-tests.mjs …').toBeTruthy();
});
afterEach(async () => {
  await keytar.deletePassword(SERVICE, 'api-key');
});

/** The real keytar, counting reads. */
function countingKeytar(): { keytar: KeytarLike; reads: () => number } {
  let reads = 0;
  return {
    reads: () => reads,
    keytar: {
      getPassword: (service, account) => {
        reads += 1;
        return keytar.getPassword(service, account);
      },
      setPassword: (service, account, password) => keytar.setPassword(service, account, password),
      deletePassword: (service, account) => keytar.deletePassword(service, account),
    },
  };
}

it('reads the keychain once for the probe and the first read of the API key', async () => {
  await keytar.setPassword(SERVICE, 'api-key', 'sk-kimi-first-read-0123456789');
  const counting = countingKeytar();
  const store = await createSecretStore({ keytar: counting.keytar, service: SERVICE });
  expect(await store.get('api-key')).toBe('sk-kimi-first-read-0123456789');
  expect(counting.reads()).toBe(1);
});

it('asks the keychain again for every later read, and sees what another process changed', async () => {
  await keytar.setPassword(SERVICE, 'api-key', 'sk-kimi-before-0123456789');
  const counting = countingKeytar();
  const store = await createSecretStore({ keytar: counting.keytar, service: SERVICE });
  expect(await store.get('api-key')).toBe('sk-kimi-before-0123456789');
  await keytar.setPassword(SERVICE, 'api-key', 'sk-kimi-after-0123456789');
  expect(await store.get('api-key')).toBe('sk-kimi-after-0123456789');
  expect(counting.reads()).toBe(2);
});

it('does not answer from the probe after a write', async () => {
  const store = await createSecretStore({ keytar: countingKeytar().keytar, service: SERVICE });
  await store.set('api-key', 'sk-kimi-written-0123456789');
  expect(await store.get('api-key')).toBe('sk-kimi-written-0123456789');
});

it('asks nothing until a secret is needed, then probes once and answers the first read from it', async () => {
  await keytar.setPassword(SERVICE, 'api-key', 'sk-kimi-lazy-0123456789');
  const counting = countingKeytar();
  const store = openSecretStore({ keytar: counting.keytar, service: SERVICE });
  expect(counting.reads()).toBe(0);
  expect(store.notice).toBeNull();
  expect(await store.persistent()).toBe(true);
  expect(await store.get('api-key')).toBe('sk-kimi-lazy-0123456789');
  expect(counting.reads()).toBe(1);
});
