// What a status line says, from the cached snapshot: "K 5h 62% · wk 81% · ↻ 2h 13m". Pure —
// the time comes in — so the command, the app's line file and the tests draw the same line.
// Every number goes through shared/format (the percent rule, durations, the meter level that
// picks a colour or a CSS class), so the line reads like the popover and the tray.
//
// Formats, by host (docs/kimi-api.md, "Status lines"): `plain` for Kimi Code's footer, Starship
// and `cat`; `tmux` with `#[fg=…]` colours; `waybar`, Waybar's JSON (text, tooltip, class,
// percentage); `json` for scripts. A template replaces the text for people who want their own.
import { formatDuration, meterLevel, percentFigure, updatedText, wholePercent, type MeterLevel, type PercentMode } from '../../../shared/format/index.js';
import { WINDOW_IDS, type WindowId } from '../../../shared/window-ids.js';
import { MINUTE_MS, STATUS_LINE_FRESH_MS } from '../app/cadence.js';
import { KIMI_ERROR_CODES, KimiError, type KimiErrorCode } from '../errors.js';
import { trayTooltip } from '../tray-icon/tray-text.js';
import type { AccountRef } from '../../../shared/accounts.js';
import type { CacheRead, LineCache } from './cache-file.js';

/** The part of a snapshot a line shows (the app's full snapshots are drawn the same). */
type LineSnapshot = NonNullable<LineCache['snapshot']>;
type LineWindow = LineSnapshot['windows'][number];
/** The cache as the line reads it: the full cache (./snapshot-cache.ts) is one too. */
export type LineCacheRead = CacheRead<LineCache>;

export const STATUS_LINE_FORMATS = ['plain', 'tmux', 'waybar', 'json'] as const;
export type StatusLineFormat = (typeof STATUS_LINE_FORMATS)[number];

/** The windows a line shows unless told otherwise: the two every plan has had. */
export const DEFAULT_LINE_WINDOWS: readonly WindowId[] = ['5h', 'weekly'];

/** A status bar has room for a word or two per window. */
const SHORT_NAME: Readonly<Record<WindowId, string>> = {
  '5h': '5h',
  weekly: 'wk',
  'monthly-total': 'mo',
  'monthly-code': 'code',
  'code-7d': '7d',
};

const PREFIX = 'K';
const SEPARATOR = ' · ';
/** Status lines are English, like the rest of the CLI. */
const LOCALE = 'en';

/** The hint when KimiBar has no numbers because no sign-in works. */
export const SIGN_IN_HINT = 'kimibar login';

export interface LineOptions {
  readonly format: StatusLineFormat;
  /** Which windows, in this order; null for DEFAULT_LINE_WINDOWS. */
  readonly windows: readonly WindowId[] | null;
  /** A parsed template (parseTemplate), or null for the built-in text. */
  readonly template: Template | null;
  readonly mode: PercentMode;
  readonly now: number;
  /** Whose numbers: named in `json` and by `{account}`; left out by the app's line file. */
  readonly account?: AccountRef;
}

/** Whether the cache is too old (or missing) and one refresh should be started. */
export function needsRefresh(read: LineCacheRead, now: number): boolean {
  if (read.kind !== 'ok') return true;
  const attempted = Date.parse(read.cache.lastAttemptAt);
  // A clock that jumped back would otherwise keep old numbers "fresh" until it catches up.
  return !(now - attempted < STATUS_LINE_FRESH_MS && attempted - now < STATUS_LINE_FRESH_MS);
}

/** The one line to print (JSON formats on one line too), without a newline. */
export function renderStatusLine(read: LineCacheRead, options: LineOptions): string {
  const view = describe(read, options);
  switch (options.format) {
    case 'plain':
      return oneLine(options.template ? fillTemplate(options.template, view) : plainText(view));
    case 'tmux':
      return oneLine(options.template ? fillTemplate(options.template, view) : tmuxText(view));
    case 'waybar':
      return JSON.stringify(waybarObject(view, options));
    case 'json':
      return JSON.stringify(jsonObject(view, options));
  }
}

interface WindowView {
  readonly window: LineWindow;
  readonly figure: string;
  readonly level: MeterLevel;
}

interface LineView {
  readonly snapshot: LineSnapshot | null;
  readonly windows: readonly WindowView[];
  /** "2h 13m" to the first reset ahead among the shown windows; null without one. */
  readonly reset: string | null;
  /** "12m" when the numbers are older than the freshness rule; null when current. */
  readonly age: string | null;
  /** The last refresh failed; null when it worked. */
  readonly error: LineCache['error'];
  /** No sign-in works: the line's advice. */
  readonly signedOut: boolean;
  /** Nothing usable is cached yet (none, or damaged). */
  readonly noData: boolean;
  readonly now: number;
  /** The account's name, for `{account}`; empty when the caller named none. */
  readonly accountName: string;
}

function describe(read: LineCacheRead, { windows: wanted, mode, now, account }: LineOptions): LineView {
  const cache = read.kind === 'ok' ? read.cache : null;
  const snapshot = cache?.snapshot ?? null;
  const error = cache?.error ?? null;
  const ids = wanted ?? DEFAULT_LINE_WINDOWS;
  let shown = ids.flatMap((id) => snapshot?.windows.filter((w) => w.id === id) ?? []);
  // A plan without the default windows still shows something: its first row.
  if (shown.length === 0 && wanted === null && snapshot !== null) shown = snapshot.windows.slice(0, 1);
  const windows = shown.map((window) => ({ window, figure: percentFigure(LOCALE, window.usedPercent, mode), level: meterLevel(window.usedPercent) }));
  const resets = shown.map((w) => (w.resetsAt === undefined ? Number.NaN : Date.parse(w.resetsAt))).filter((at) => at > now);
  const updated = snapshot === null ? Number.NaN : Date.parse(snapshot.updatedAt);
  const ageMs = now - updated;
  return {
    snapshot,
    windows,
    reset: resets.length === 0 ? null : formatDuration(LOCALE, Math.min(...resets) - now),
    // An age is how long it has been at least: whole minutes, rounded down.
    age: Number.isFinite(ageMs) && ageMs >= STATUS_LINE_FRESH_MS ? formatDuration(LOCALE, Math.floor(ageMs / MINUTE_MS) * MINUTE_MS) : null,
    error,
    signedOut: error !== null && isSignedOutCode(error.code),
    noData: snapshot === null,
    now,
    accountName: account === undefined ? '' : clean(account.name),
  };
}

function isSignedOutCode(code: string): boolean {
  return (KIMI_ERROR_CODES as readonly string[]).includes(code) && new KimiError(code as KimiErrorCode).signedOut;
}

/** The pieces of the built-in text, each with the level that colours it (null: no colour). */
function pieces(view: LineView): { text: string; tone: MeterLevel | 'dim' | null }[] {
  if (view.noData) {
    if (view.signedOut) return [{ text: SIGN_IN_HINT, tone: null }];
    if (view.error !== null) return [{ text: `! ${view.error.message}`, tone: 'low' }];
    return [{ text: 'no data yet', tone: 'dim' }];
  }
  const parts: { text: string; tone: MeterLevel | 'dim' | null }[] = view.windows.map((w) => ({ text: `${SHORT_NAME[w.window.id]} ${w.figure}`, tone: w.level }));
  if (view.reset !== null) parts.push({ text: `↻ ${view.reset}`, tone: null });
  if (view.age !== null) parts.push({ text: `${view.age} ago`, tone: 'dim' });
  if (view.signedOut) parts.push({ text: SIGN_IN_HINT, tone: null });
  else if (view.error !== null) parts.push({ text: '!', tone: 'low' });
  return parts;
}

/** "K 5h 62% · …" with numbers; "K · kimibar login" when the line is only a word of advice. */
function lead(view: LineView): string {
  return view.noData ? `${PREFIX}${SEPARATOR}` : `${PREFIX} `;
}

function plainText(view: LineView): string {
  return `${lead(view)}${pieces(view)
    .map((p) => p.text)
    .join(SEPARATOR)}`;
}

const TMUX_STYLE: Readonly<Record<MeterLevel | 'dim', string>> = { ok: 'fg=green', warn: 'fg=yellow', low: 'fg=red', dim: 'dim' };

/** tmux reads `#[…]` as a style and `#` as the start of a format: text of ours doubles it. */
function tmuxText(view: LineView): string {
  const styled = pieces(view).map(({ text, tone }) => {
    const safe = text.replace(/#/g, '##');
    return tone === null ? safe : `#[${TMUX_STYLE[tone]}]${safe}#[default]`;
  });
  return `${lead(view)}${styled.join(SEPARATOR)}`;
}

/** Waybar draws text and tooltip as Pango markup. */
function pango(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function waybarObject(view: LineView, options: LineOptions): Record<string, unknown> {
  const text = options.template ? fillTemplate(options.template, view) : pango(plainText(view));
  const classes = [view.windows[0]?.level ?? (view.signedOut ? 'signed-out' : 'no-data')];
  if (view.age !== null) classes.push('stale');
  if (view.error !== null) classes.push(view.signedOut ? 'signed-out' : 'error');
  const primary = view.windows[0];
  return {
    text: oneLine(text),
    tooltip: pango(tooltipText(view, options)),
    class: [...new Set(classes)],
    ...(primary === undefined ? {} : { percentage: wholePercent(primary.window.usedPercent, options.mode) }),
  };
}

function tooltipText(view: LineView, { mode, now }: LineOptions): string {
  const lines: string[] = [];
  if (view.snapshot !== null) {
    lines.push(...trayTooltip(view.snapshot, now, LOCALE, mode === 'used').split('\n').map(clean));
    lines.push(updatedText(LOCALE, view.snapshot.updatedAt, now));
  }
  if (view.error !== null) lines.push(view.signedOut ? `${clean(view.error.message)} — run ${SIGN_IN_HINT}` : clean(view.error.message));
  if (lines.length === 0) lines.push('KimiBar: no data yet');
  return lines.join('\n');
}

function jsonObject(view: LineView, options: LineOptions): Record<string, unknown> {
  return {
    text: options.template ? oneLine(fillTemplate(options.template, view)) : plainText(view),
    windows: view.windows.map(({ window, level }) => ({
      id: window.id,
      left: wholePercent(window.usedPercent, 'left'),
      used: wholePercent(window.usedPercent, 'used'),
      level,
      resetsAt: window.resetsAt ?? null,
    })),
    plan: view.snapshot?.plan === undefined || view.snapshot.plan === null ? null : clean(view.snapshot.plan),
    updatedAt: view.snapshot?.updatedAt ?? null,
    stale: view.age !== null,
    error: view.error === null ? null : { code: view.error.code, message: clean(view.error.message) },
    hint: view.signedOut ? SIGN_IN_HINT : null,
    ...(options.account === undefined ? {} : { account: { id: options.account.id, name: view.accountName } }),
  };
}

// ── Templates ────────────────────────────────────────────────────────────────────────────

/** Per window: `{5h.left}` "62%", `{5h.used}` "38%", `{5h.reset}` "2h 13m", `{5h.level}` "ok". */
const WINDOW_FIELDS = ['left', 'used', 'reset', 'level'] as const;
/** Whole line: `{line}` the built-in text, `{reset}` the first reset, `{age}` "12m" when old,
 *  `{plan}`, `{account}` the account's name (a line per account in one bar). */
const LINE_FIELDS = ['line', 'reset', 'age', 'plan', 'account'] as const;

export type TemplatePart = string | { readonly window: WindowId; readonly field: (typeof WINDOW_FIELDS)[number] } | { readonly line: (typeof LINE_FIELDS)[number] };
export type Template = readonly TemplatePart[];

/** Every placeholder a template may use, for the help text and the error. */
export const TEMPLATE_PLACEHOLDERS: readonly string[] = [...WINDOW_IDS.flatMap((id) => WINDOW_FIELDS.map((f) => `{${id}.${f}}`)), ...LINE_FIELDS.map((f) => `{${f}}`)];

/** Parses `text`; an Error names the first unknown placeholder (a typo shows at once). */
export function parseTemplate(text: string): Template | Error {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{([^{}]*)\}/g)) {
    const [whole, name = ''] = match;
    const at = match.index;
    if (at > last) parts.push(text.slice(last, at));
    last = at + whole.length;
    const [first, field] = name.split('.');
    if (field === undefined && (LINE_FIELDS as readonly string[]).includes(name)) parts.push({ line: name as (typeof LINE_FIELDS)[number] });
    else if (field !== undefined && (WINDOW_IDS as readonly string[]).includes(first ?? '') && (WINDOW_FIELDS as readonly string[]).includes(field)) {
      parts.push({ window: first as WindowId, field: field as (typeof WINDOW_FIELDS)[number] });
    } else return new Error(`unknown placeholder {${name.slice(0, 24).replace(/[^\w.-]/g, '')}} (placeholders: {5h.left}, {weekly.reset}, {line}, …; see kimibar statusline --help)`);
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Without numbers a template has nothing to fill: the built-in text (the hint) is shown. */
function fillTemplate(template: Template, view: LineView): string {
  if (view.noData) return plainText(view);
  return template
    .map((part) => {
      if (typeof part === 'string') return part;
      if ('line' in part) {
        if (part.line === 'line') return plainText(view);
        if (part.line === 'plan') return clean(view.snapshot?.plan ?? '');
        if (part.line === 'account') return view.accountName;
        return (part.line === 'reset' ? view.reset : view.age) ?? '';
      }
      return windowField(view, part.window, part.field);
    })
    .join('');
}

function windowField(view: LineView, id: WindowId, field: (typeof WINDOW_FIELDS)[number]): string {
  const window = view.snapshot?.windows.find((w) => w.id === id);
  if (window === undefined) return '-';
  switch (field) {
    case 'left':
      return percentFigure(LOCALE, window.usedPercent, 'left');
    case 'used':
      return percentFigure(LOCALE, window.usedPercent, 'used');
    case 'level':
      return meterLevel(window.usedPercent);
    case 'reset': {
      const at = window.resetsAt === undefined ? Number.NaN : Date.parse(window.resetsAt);
      return Number.isFinite(at) && at > view.now ? formatDuration(LOCALE, at - view.now) : '-';
    }
  }
}

/** Text from the cache may hold anything: no control characters reach a terminal or a bar. */
function clean(text: string): string {
  return text.replace(/\p{Cc}+/gu, ' ').trim();
}

/** A status line is one line whatever a template or the cache holds. */
function oneLine(text: string): string {
  return clean(text);
}
