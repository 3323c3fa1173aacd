// The simulated Kimi service at the Transport seam: what the demo's real core receives must be
// what the real servers send, so the real parsers and mapping accept it.
import { describe, expect, test } from 'vitest';
import { mapCodeApiUsage, mapWebUsage } from '../../../src/main/core/kimi/usage-mapping.js';
import { SIMULATED_VERIFICATION_URI, createSimulatedTransport } from '../../../src/main/preview/demo/simulated-transport.js';

const EPOCH = Date.parse('2026-11-24T10:00:00.000Z');
const HOUR = 3_600_000;

function transportAt(start = EPOCH, options: { pendingPolls?: number; timeScale?: number } = {}) {
  const clock = { ms: start, now() { return this.ms; } };
  return { clock, transport: createSimulatedTransport({ clock, epochMs: EPOCH, ...options }) };
}

const bearer = { Authorization: 'Bearer sk-kimi-demo' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('simulated transport', () => {
  test('the Code API answers in the classic shape the real mapping reads: 5-hour and weekly counts, the monthly pool', async () => {
    const { transport } = transportAt();
    const reply = await transport({ url: 'https://api.kimi.com/coding/v1/usages', headers: bearer });
    expect(reply).toMatchObject({ status: 200, ok: true });
    const body = reply.body as { usage: { limit: unknown } };
    expect(body.usage.limit).toBe('2048');
    const reading = mapCodeApiUsage(reply.body);
    expect(reading.windows.map((w) => w.id)).toEqual(['5h', 'weekly', 'monthly-total']);
    expect(reading.windows[0]).toMatchObject({ limit: 200, windowMinutes: 300 });
    expect(reading.plan).toBe('Allegretto');
  });

  test('the numbers move with the clock and reset', async () => {
    const { clock, transport } = transportAt();
    const read = async () => mapCodeApiUsage((await transport({ url: 'https://api.kimi.com/coding/v1/usages', headers: bearer })).body).windows[0]!;
    const first = await read();
    clock.ms += HOUR;
    const later = await read();
    expect(later.used).toBeGreaterThan(first.used!);
    clock.ms += 5 * HOUR;
    const afterReset = await read();
    expect(Date.parse(afterReset.resetsAt!)).toBe(Date.parse(first.resetsAt!) + 5 * HOUR);
  });

  test('the web endpoints answer too, and nothing answers without a bearer token', async () => {
    const { transport } = transportAt();
    const web = await transport({ url: 'https://www.kimi.com/apiv2/kimi.gateway.billing.v1.BillingService/GetUsages', method: 'POST', headers: bearer, body: '{}' });
    expect(mapWebUsage(web.body, null).windows.map((w) => w.id)).toEqual(['5h', 'weekly']);
    const membership = await transport({ url: 'https://www.kimi.com/apiv2/kimi.gateway.membership.v2.MembershipService/GetSubscriptionStats', method: 'POST', headers: bearer, body: '{}' });
    expect(mapWebUsage(web.body, membership.body).windows.map((w) => w.id)).toEqual(['5h', 'weekly', 'monthly-total']);
    const refused = await transport({ url: 'https://api.kimi.com/coding/v1/usages' });
    expect(refused).toMatchObject({ status: 401, ok: false });
    expect((await transport({ url: 'https://api.kimi.com/elsewhere', headers: bearer })).status).toBe(404);
  });

  test('device login: the code, a few pending polls, then tokens that refresh once each', async () => {
    const { transport } = transportAt(EPOCH, { pendingPolls: 2 });
    const oauth = 'https://auth.kimi.com/api/oauth';
    const start = (await transport({ url: `${oauth}/device_authorization`, method: 'POST', body: form({ client_id: 'x' }) })).body as Record<string, unknown>;
    expect(start.user_code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(start.verification_uri_complete).toBe(`${SIMULATED_VERIFICATION_URI}?user_code=${String(start.user_code)}`);
    const poll = () => transport({ url: `${oauth}/token`, method: 'POST', body: form({ device_code: String(start.device_code), grant_type: 'urn:ietf:params:oauth:grant-type:device_code' }) });
    expect((await poll()).body).toEqual({ error: 'authorization_pending' });
    expect((await poll()).body).toEqual({ error: 'authorization_pending' });
    const tokens = (await poll()).body as Record<string, string>;
    expect(tokens.access_token).toMatch(/^demo-access-/);
    expect((await poll()).body).toEqual({ error: 'invalid_grant' });

    const refresh = () => transport({ url: `${oauth}/token`, method: 'POST', body: form({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }) });
    expect((await refresh()).ok).toBe(true);
    expect((await refresh()).body).toEqual({ error: 'invalid_grant' });
  });

  test('a device code runs out after its lifetime, stretched by the time-lapse', async () => {
    const { clock, transport } = transportAt(EPOCH, { timeScale: 60 });
    const start = (await transport({ url: 'https://auth.kimi.com/api/oauth/device_authorization', method: 'POST', body: '' })).body as Record<string, unknown>;
    expect(start.expires_in).toBe(15 * 60 * 60);
    clock.ms += 15 * 60 * 60 * 1000;
    const late = await transport({ url: 'https://auth.kimi.com/api/oauth/token', method: 'POST', body: form({ device_code: String(start.device_code) }) });
    expect(late.body).toEqual({ error: 'expired_token' });
  });

  test('a cancelled request is a cancelled error', async () => {
    const { transport } = transportAt();
    await expect(transport({ url: 'https://api.kimi.com/coding/v1/usages', headers: bearer, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
