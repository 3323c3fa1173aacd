import { describe, expect, test } from 'vitest';
import { describeAccountRow, type RowContext } from '../../src/renderer/account-row-view.js';
import { IDLE_STATE } from '../../src/main/core/app/controller.js';
import type { AccountState, AppState } from '../../src/shared/app-state.js';
import type { UsageSnapshot } from '../../src/shared/usage.js';

const NOW = Date.parse('2026-11-24T10:00:00.000Z');
const MINUTE = 60_000;
const at = (offsetMs: number): string => new Date(NOW + offsetMs).toISOString();
const en: RowContext = { locale: 'en', nowMs: NOW, showUsed: false, cadence: 'adaptive' };

function snapshot(fiveHourUsed: number, weeklyUsed: number, overrides: Partial<UsageSnapshot> = {}): UsageSnapshot {
  return {
    source: { kind: 'api-key', label: 'Kimi Code API key' },
    plan: null,
    updatedAt: at(-MINUTE),
    stale: false,
    windows: [
      { id: 'weekly', title: 'Weekly', usedPercent: weeklyUsed, resetsAt: at(3 * 1440 * MINUTE), pace: null },
      { id: '5h', title: '5-hour', usedPercent: fiveHourUsed, resetsAt: at(133 * MINUTE), pace: null },
    ],
    ...overrides,
  };
}

function account(state: Partial<AppState>, name = 'Work'): AccountState {
  return {
    id: 'w1',
    name,
    state: {
      ...IDLE_STATE,
      ...state,
    },
  };
}

describe('describeAccountRow', () => {
  test('5-hour before weekly, each as the figure the cards round to, and the next reset', () => {
    const view = describeAccountRow(account({ snapshot: snapshot(38.4, 79.6) }), en);
    expect(view.figures.map((figure) => [figure.label, figure.figure, figure.level])).toEqual([
      ['5h', '62%', 'ok'],
      ['Wk', '20%', 'warn'],
    ]);
    expect(view.figures[0]?.fillPercent).toBeCloseTo(61.6);
    expect(view.reset).toBe('↻ 2h 13m');
    expect(view.status).toBeNull();
    expect(view.description).toBe('5-hour 62% left, Weekly 20% left, Resets in 2h 13m');
  });

  test('"Show usage as used" shows what is used, in the figures, the bars and the spoken name', () => {
    const view = describeAccountRow(account({ snapshot: snapshot(38.4, 79.6) }), { ...en, showUsed: true });
    expect(view.figures.map((figure) => figure.figure)).toEqual(['38%', '80%']);
    expect(view.figures[1]?.fillPercent).toBeCloseTo(79.6);
    expect(view.description).toBe('5-hour 38% used, Weekly 80% used, Resets in 2h 13m');
  });

  test('a reset already past is not the next one', () => {
    const numbers = snapshot(10, 10);
    const windows = numbers.windows.map((window) => (window.id === '5h' ? { ...window, resetsAt: at(-MINUTE) } : window));
    expect(describeAccountRow(account({ snapshot: { ...numbers, windows } }), en).reset).toBe('↻ 3d');
  });

  test('an account in error says so in a few words instead of its old numbers', () => {
    const view = describeAccountRow(
      account({ snapshot: snapshot(10, 10, { stale: true }), lastError: { code: 'api-key-invalid', message: 'Kimi Code API key is invalid or expired', action: 'open-settings' } }),
      en,
    );
    expect(view.status).toEqual({ text: 'Key rejected', error: true });
    expect(view.figures).toEqual([]);
    expect(view.description).toBe('Key rejected');
    const offline = describeAccountRow(account({ lastError: { code: 'network', message: 'Kimi network error', action: 'retry' } }), { ...en, locale: 'zh-CN' });
    expect(offline.status).toEqual({ text: '无法连接 Kimi', error: true });
    const other = describeAccountRow(account({ lastError: { code: 'http', message: 'Kimi API error: HTTP 502', action: 'retry' } }), en);
    expect(other.status?.text).toBe('Refresh failed');
  });

  test('a spent quota is not an error: the row shows its numbers, 0% left', () => {
    const view = describeAccountRow(account({ snapshot: snapshot(100, 60), lastError: { code: 'quota-exhausted', message: 'Kimi usage limit reached', action: null, window: '5h' } }), en);
    expect(view.status).toBeNull();
    expect(view.figures[0]).toMatchObject({ figure: '0%', level: 'low' });
  });

  test('no numbers yet: why, in words', () => {
    expect(describeAccountRow(account({ signedOut: true, notConfigured: { found: [] } }), en).status).toEqual({ text: 'Not set up', error: false });
    expect(describeAccountRow(account({ signedOut: true }), en).status?.text).toBe('Not signed in');
    expect(describeAccountRow(account({ refreshing: true }), en).status?.text).toBe('Loading…');
    expect(describeAccountRow(account({}), en).status?.text).toBe('No numbers yet');
    const empty = describeAccountRow(account({ snapshot: snapshot(0, 0, { windows: [] }) }), en);
    expect(empty.status?.text).toBe('No limits reported');
    expect(empty.description).toBe('No limits reported');
  });

  test('old numbers are marked stale, as the cards are', () => {
    expect(describeAccountRow(account({ snapshot: snapshot(10, 10, { updatedAt: at(-3 * 60 * MINUTE) }) }), en).stale).toBe(true);
    expect(describeAccountRow(account({ snapshot: snapshot(10, 10) }), en).stale).toBe(false);
  });

  test('in Chinese', () => {
    const view = describeAccountRow(account({ snapshot: snapshot(38.4, 79.6) }, '工作'), { ...en, locale: 'zh-CN' });
    expect(view.figures.map((figure) => figure.label)).toEqual(['5时', '周']);
    expect(view.reset).toBe('↻ 2小时13分');
    expect(view.description).toBe('5 小时剩余 62%，每周剩余 20%，2 小时 13 分钟后重置');
  });
});
