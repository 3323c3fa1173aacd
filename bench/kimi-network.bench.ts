// Figures for the Kimi network layer against fake-kimi on loopback: CA and server start-up,
// Code API and web usage round trips, and refusing an oversize body. Prints; asserts nothing.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fetchCodeApiUsage } from '../src/main/core/kimi/code-api.js';
import { resolveEndpoints } from '../src/main/core/kimi/endpoints.js';
import { identityHeaders, systemDeviceFacts } from '../src/main/core/kimi/identity.js';
import { MAX_BODY_BYTES, request } from '../src/main/core/kimi/transport.js';
import { fetchWebUsage } from '../src/main/core/kimi/web-api.js';
import { ensureTestCa, fakeJwt, startFakeKimi } from '../test/fake-kimi/index.js';

const caWasPublished = process.env.KIMIBAR_TEST_CA_DIR !== undefined;
const caStarted = performance.now();
const ca = ensureTestCa();
const caMs = performance.now() - caStarted;

// Node reads NODE_EXTRA_CA_CERTS only at start-up: run again, trusting the test CA.
if (process.env.NODE_EXTRA_CA_CERTS !== ca.caCertPath || process.env.KIMIBAR_BENCH_CHILD !== '1') {
  const child = spawnSync(process.execPath, process.argv.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: ca.caCertPath, KIMIBAR_BENCH_CHILD: '1' },
  });
  console.log(`test CA (openssl, first run): ${caMs.toFixed(1)} ms`);
  if (!caWasPublished) rmSync(ca.dir, { recursive: true, force: true });
  process.exit(child.status ?? 1);
}

function summary(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  console.log(`${label}: n=${samples.length} p50=${at(0.5).toFixed(2)} ms p95=${at(0.95).toFixed(2)} ms max=${at(1).toFixed(2)} ms`);
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const startMs = performance.now();
const kimi = await startFakeKimi({ ca });
console.log(`fake-kimi start: ${(performance.now() - startMs).toFixed(1)} ms`);

const endpoints = resolveEndpoints({ region: 'kimi.com', env: { KIMI_CODE_BASE_URL: kimi.url, KIMIBAR_WEB_BASE_URL: kimi.url } });
const identity = identityHeaders({ appVersion: '0.1.0', device: systemDeviceFacts(), deviceId: '00000000-0000-4000-8000-000000000000' });
const credential = { kind: 'api-key', token: 'sk-kimi-bench-key-0000', origin: 'env' } as const;

const firstMs = await time(() => fetchCodeApiUsage({ url: endpoints.codeApiUsagesUrl, credential, identity }));
console.log(`Code API first request (TLS handshake included): ${firstMs.toFixed(2)} ms`);

const codeSamples: number[] = [];
for (let i = 0; i < 200; i += 1) codeSamples.push(await time(() => fetchCodeApiUsage({ url: endpoints.codeApiUsagesUrl, credential, identity })));
summary('Code API usage (keep-alive)', codeSamples);

const token = fakeJwt({ sub: 'bench', ssid: 's', device_id: 'd', exp: 2_000_000_000 });
const webSamples: number[] = [];
for (let i = 0; i < 100; i += 1) webSamples.push(await time(() => fetchWebUsage({ webBaseUrl: endpoints.webBaseUrl, token, timezone: 'UTC' })));
summary('web usage + membership in parallel', webSamples);

kimi.on('/huge', { oversizeBytes: 64 * MAX_BODY_BYTES });
const rssBefore = process.memoryUsage().rss;
const hugeSamples: number[] = [];
for (let i = 0; i < 10; i += 1) hugeSamples.push(await time(() => request({ url: `${kimi.url}/huge` }).catch(() => undefined)));
summary('refuse a 64 MiB body at 1 MiB', hugeSamples);
console.log(`rss growth across the oversize runs: ${((process.memoryUsage().rss - rssBefore) / 1048576).toFixed(1)} MiB`);

await kimi.close();
