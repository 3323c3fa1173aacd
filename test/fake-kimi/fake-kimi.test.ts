// The fake service itself: what other tests and the CLI's child-process tests rely on.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CODE_API_USAGE, assertSecretNotSent, startFakeKimi, type FakeKimi } from './index.js';

const run = promisify(execFile);

let kimi: FakeKimi;
beforeAll(async () => {
  kimi = await startFakeKimi();
});
afterAll(() => kimi.close());
beforeEach(() => kimi.reset());

describe('fake-kimi', () => {
  it('is trusted by a separate Node process through the inherited NODE_EXTRA_CA_CERTS', async () => {
    const script = `fetch(process.argv[1], { headers: { authorization: 'Bearer child' } }).then((r) => r.json()).then((j) => console.log(JSON.stringify(j)))`;
    const { stdout } = await run(process.execPath, ['-e', script, `${kimi.url}/coding/v1/usages`], { env: process.env });
    expect(JSON.parse(stdout)).toEqual(CODE_API_USAGE);
    expect(kimi.requestsTo('usages')[0]?.headers.authorization).toBe('Bearer child');
  });

  it('plays scripted replies in order, then the standing one, then the default', async () => {
    kimi.script('usages', { status: 500 }, { status: 429 });
    kimi.on('usages', { status: 418 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${kimi.url}/coding/v1/usages`)).status);
    expect(statuses).toEqual([500, 429, 418]);
    kimi.reset();
    expect((await fetch(`${kimi.url}/coding/v1/usages`)).status).toBe(200);
  });

  it('answers unknown paths with 404 and records them', async () => {
    expect((await fetch(`${kimi.url}/nope?x=1`)).status).toBe(404);
    expect(kimi.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/nope?x=1' })]);
  });

  it('finds a secret anywhere in a request and names the path, never the secret', async () => {
    await fetch(`${kimi.url}/a`, { headers: { cookie: 'kimi-auth=s3cret-value' } });
    await fetch(`${kimi.url}/b`, { method: 'POST', body: 'token=s3cret-value' });
    await fetch(`${kimi.url}/c?t=s3cret-value`);
    await fetch(`${kimi.url}/clean`);
    expect(kimi.requestsCarrying('s3cret-value').map((r) => r.path)).toEqual(['/a', '/b', '/c?t=s3cret-value']);
    expect(() => assertSecretNotSent(kimi, 's3cret-value')).toThrow('secret reached 3 request(s): GET /a, POST /b, GET /c');
    expect(() => assertSecretNotSent(kimi, 's3cret-value')).not.toThrow(/s3cret/);
    expect(() => assertSecretNotSent(kimi, 's3cret-value', (r) => r.path !== '/clean')).not.toThrow();
  });
});
