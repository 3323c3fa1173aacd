// The status line's words from a cache, as every host gets them: the rules the CLI tests
// exercise end to end, here with the edge cases a child process would make slow to cover.
import { describe, expect, it } from 'vitest';
import type { SnapshotCache } from '../../../src/main/core/status-line/snapshot-cache.js';
import { needsRefresh, parseTemplate, renderStatusLine, type LineOptions } from '../../../src/main/core/status-line/line.js';
import { MIN, T0, snapshot, window } from '../app/fixtures.js';

const HOUR = 60 * MIN;

function cache(overrides: Partial<SnapshotCache> = {}, at = T0): SnapshotCache {
  return {
    format: 'kimibar-snapshot-cache',
    version: 1,
    writtenBy: 'app',
    lastAttemptAt: new Date(at).toISOString(),
    snapshot: snapshot([window('5h', 55, at + 2 * HOUR), window('weekly', 81.2, at + 3 * 24 * HOUR)], at),
    error: null,
    ...overrides,
  };
}

const options = (patch: Partial<LineOptions> = {}): LineOptions => ({ format: 'plain', windows: null, template: null, mode: 'left', now: T0, ...patch });
const line = (c: SnapshotCache, patch: Partial<LineOptions> = {}) => renderStatusLine({ kind: 'ok', cache: c }, options(patch));

describe('the line', () => {
  it('uses the shared percent rule, levels and countdown words', () => {
    expect(line(cache())).toBe('K 5h 45% · wk 19% · ↻ 2h');
    expect(line(cache(), { format: 'tmux' })).toBe('K #[fg=yellow]5h 45%#[default] · #[fg=red]wk 19%#[default] · ↻ 2h');
    // 99.6 % used is "1% left", never "0% left" (shared/format/percent.ts).
    expect(line(cache({ snapshot: snapshot([window('5h', 99.6, T0 + MIN)]) }))).toBe('K 5h 1% · ↻ 1m');
  });

  it('a plan without the default windows shows its first row; an asked-for window that is missing shows nothing of it', () => {
    const monthly = cache({ snapshot: snapshot([window('monthly-total', 20), window('monthly-code', 50)]) });
    expect(line(monthly)).toBe('K mo 80%');
    expect(line(monthly, { windows: ['monthly-code', '5h'] })).toBe('K code 50%');
  });

  it('old numbers show their age in whole minutes, rounded down', () => {
    expect(line(cache(), { now: T0 + 4 * MIN })).not.toMatch(/ago/);
    expect(line(cache(), { now: T0 + 5 * MIN + 59_000 })).toBe('K 5h 45% · wk 19% · ↻ 1h 55m · 5m ago');
  });

  it('text from the cache cannot break the line, a tmux format or Waybar markup', () => {
    const hostile = cache({
      snapshot: { ...snapshot([window('5h', 10, T0 + HOUR)]), plan: 'Pro\n#(touch /tmp/x) <b>&' },
      error: { code: 'network', message: 'Kimi network error:\r\nline two #[fg=red] <i>' },
    });
    expect(line(hostile, { template: template('{plan}') })).toBe('Pro #(touch /tmp/x) <b>&');
    const noNumbers = { ...hostile, snapshot: null };
    expect(line(noNumbers)).toBe('K · ! Kimi network error: line two #[fg=red] <i>');
    expect(line(noNumbers, { format: 'tmux' })).toBe('K · #[fg=red]! Kimi network error: line two ##[fg=red] <i>#[default]');
    const waybar = JSON.parse(line(noNumbers, { format: 'waybar' })) as { text: string; tooltip: string; class: string[] };
    expect(waybar.text).toBe('K · ! Kimi network error: line two #[fg=red] &lt;i&gt;');
    expect(waybar.tooltip).toBe('Kimi network error: line two #[fg=red] &lt;i&gt;');
    expect(waybar.class).toEqual(['no-data', 'error']);
    const json = JSON.parse(line(hostile, { format: 'json' })) as { plan: string };
    expect(json.plan).toBe('Pro #(touch /tmp/x) <b>&');
  });

  it('signed out with numbers kept: the numbers, then the advice', () => {
    const signedOut = cache({ error: { code: 'signed-out', message: 'Signed out of Kimi — sign in again' } });
    expect(line(signedOut)).toBe('K 5h 45% · wk 19% · ↻ 2h · kimibar login');
    expect(JSON.parse(line(signedOut, { format: 'waybar' }))).toMatchObject({ class: ['warn', 'signed-out'], percentage: 45 });
  });

  it('nothing cached yet', () => {
    expect(renderStatusLine({ kind: 'absent' }, options())).toBe('K · no data yet');
    expect(renderStatusLine({ kind: 'bad', note: 'x' }, options({ template: template('{5h.left}') }))).toBe('K · no data yet');
    expect(JSON.parse(renderStatusLine({ kind: 'absent' }, options({ format: 'waybar' })))).toEqual({ text: 'K · no data yet', tooltip: 'KimiBar: no data yet', class: ['no-data'] });
  });
});

describe('templates', () => {
  it('fills every placeholder; a window the plan lacks reads "-"', () => {
    const filled = line(cache(), { template: template('{5h.left}|{5h.used}|{5h.reset}|{5h.level}|{code-7d.left}|{reset}|{age}|{plan}|{line}') });
    expect(filled).toBe('45%|55%|2h|warn|-|2h||Moderato|K 5h 45% · wk 19% · ↻ 2h');
  });

  it('{account} is the account\'s name, cleaned like any text; json names the account; without one, neither', () => {
    const account = { id: 'k3x9', name: 'Work\u001b[31m #1' };
    expect(line(cache(), { template: template('{account}: {5h.left}'), account })).toBe('Work [31m #1: 45%');
    expect(JSON.parse(line(cache(), { format: 'json', account }))).toMatchObject({ account: { id: 'k3x9', name: 'Work [31m #1' } });
    expect(line(cache(), { template: template('{account}{5h.left}') })).toBe('45%');
    expect(JSON.parse(line(cache(), { format: 'json' }))).not.toHaveProperty('account');
  });

  it('an unknown placeholder is an error naming it, without echoing anything odd', () => {
    expect(parseTemplate('{5h.lfet}')).toBeInstanceOf(Error);
    expect((parseTemplate('{5h.lfet}') as Error).message).toMatch(/^unknown placeholder \{5h\.lfet\}/);
    expect((parseTemplate('{weekly}') as Error).message).toMatch(/\{weekly\}/);
    expect((parseTemplate('{\u001b[31m}') as Error).message).toMatch(/unknown placeholder \{31m\}/);
    expect(parseTemplate('no placeholders')).toEqual(['no placeholders']);
  });
});

describe('freshness', () => {
  it('fresh for five minutes after the last attempt, failed or not; a clock moved far back counts as old', () => {
    const c = cache({ error: { code: 'network', message: 'x' } });
    expect(needsRefresh({ kind: 'ok', cache: c }, T0 + 4 * MIN)).toBe(false);
    expect(needsRefresh({ kind: 'ok', cache: c }, T0 + 5 * MIN)).toBe(true);
    expect(needsRefresh({ kind: 'ok', cache: c }, T0 - HOUR)).toBe(true);
    expect(needsRefresh({ kind: 'absent' }, T0)).toBe(true);
    expect(needsRefresh({ kind: 'bad', note: '' }, T0)).toBe(true);
  });
});

function template(text: string) {
  const parsed = parseTemplate(text);
  if (parsed instanceof Error) throw parsed;
  return parsed;
}
