import { describe, expect, it } from 'vitest';
import { MAX_RECENT_ERRORS, createRecentActivity } from '../../../src/main/core/diagnostics/recent-activity.js';
import { KimiError } from '../../../src/main/core/errors.js';

describe('recent activity', () => {
  it('keeps the latest shape per endpoint, never the body', () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const activity = createRecentActivity({ now: () => now });
    activity.responseSeen('code-api-usages', { usage: { limit: '100' } });
    now += 60_000;
    activity.responseSeen('code-api-usages', { usages: { limit_5h: { used_ratio: 0.5 } } });
    activity.responseSeen('web-usages', { usages: [] });
    const { responses } = activity.view();
    expect(responses).toEqual([
      { endpoint: 'code-api-usages', at: '2026-12-01T10:01:00.000Z', shape: { usages: { limit_5h: { used_ratio: 'number' } } } },
      { endpoint: 'web-usages', at: '2026-12-01T10:01:00.000Z', shape: { usages: { array: [], length: 0 } } },
    ]);
  });

  it('keeps only the last errors, oldest dropped first', () => {
    const activity = createRecentActivity({ now: () => 0 });
    for (let i = 0; i < MAX_RECENT_ERRORS + 5; i += 1) activity.errorSeen(new KimiError('http', { status: 500 + i }), 'api-key');
    const { errors } = activity.view();
    expect(errors).toHaveLength(MAX_RECENT_ERRORS);
    expect(errors[0]?.message).toBe('Kimi API error: HTTP 505');
    expect(errors.at(-1)).toMatchObject({ source: 'api-key', code: 'http', message: 'Kimi API error: HTTP 514' });
  });
});
