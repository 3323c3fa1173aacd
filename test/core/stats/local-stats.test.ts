import { appendFileSync, mkdirSync, readFileSync, renameSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalStats } from '../../../src/main/core/stats/index.js';
import {
  BUCKET_KIMIBAR,
  BUCKET_NOTES,
  SESSION_A,
  SESSION_B,
  SESSION_C,
  SESSION_D,
  copyHomes,
  openStats,
  treeSnapshot,
  usageLine,
  type Homes,
} from './support.js';

let homes: Homes;
const opened: LocalStats[] = [];

function stats(options: Parameters<typeof openStats>[1] = {}): LocalStats {
  const s = openStats(homes, options);
  opened.push(s);
  return s;
}

beforeEach(() => {
  homes = copyHomes();
});
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  homes.remove();
});

const KIMIBAR = '/home/dev/kimibar';
const NOTES = '/home/dev/notes';
const LEGACY = '/home/dev/legacy-app';

/** The counts of one table row, without its key. */
function counts(input: number, output: number, cacheRead: number, cacheCreation: number, requests: number) {
  return { input, output, cacheRead, cacheCreation, requests, total: input + output + cacheRead + cacheCreation };
}

describe('the fixtures, counted by hand', () => {
  // Counted from test/fixtures/kimi-code-sessions (today is 2026-11-26, UTC):
  //  session A main:  compaction 11-25 kimi-for-coding 5000/800/0/0; 11-26 1200/300/8000/0 and
  //                   400/150/9000/100 (the step.end events repeat these and are not counted;
  //                   "some.future_record" and a prompt that says "usage.record" are ignored)
  //  session A agent-0: 11-26 kimi-k2-turbo 2000/500/0/0
  //  session B (forked from A at 10:00): A's two copied records are A's; 11-26 700/200/12000/0
  //  session C (not in the index, cwd from config.update): 10-10 999/999 (outside 30 days),
  //                   11-20 100/50/0/0, and a torn last line that does not count yet
  //  kimi-cli session D: 11-24 100/50/200/10 (repeated once with the same id), 150/75/300/20
  it('per model over 7 days', async () => {
    const s = stats();
    await s.scan();
    expect(s.rows('model', 7)).toEqual([
      { key: 'kimi-for-coding', project: null, ...counts(7400, 1500, 29000, 100, 5) },
      { key: 'kimi-k2-turbo', project: null, ...counts(2000, 500, 0, 0, 1) },
      { key: '', project: null, ...counts(250, 125, 500, 30, 2) },
    ]);
  });

  it('per project over 7 days, and over 60 (the old record of the notes project)', async () => {
    const s = stats();
    await s.scan();
    expect(s.rows('project', 7)).toEqual([
      { key: KIMIBAR, project: null, ...counts(9300, 1950, 29000, 100, 5) },
      { key: LEGACY, project: null, ...counts(250, 125, 500, 30, 2) },
      { key: NOTES, project: null, ...counts(100, 50, 0, 0, 1) },
    ]);
    expect(s.rows('project', 60).find((row) => row.key === NOTES)).toEqual({ key: NOTES, project: null, ...counts(1099, 1049, 0, 0, 2) });
  });

  it('per day and per session', async () => {
    const s = stats();
    await s.scan();
    expect(s.rows('day', 30)).toEqual([
      { key: '2026-11-20', project: null, ...counts(100, 50, 0, 0, 1) },
      { key: '2026-11-24', project: null, ...counts(250, 125, 500, 30, 2) },
      { key: '2026-11-25', project: null, ...counts(5000, 800, 0, 0, 1) },
      { key: '2026-11-26', project: null, ...counts(4300, 1150, 29000, 100, 4) },
    ]);
    expect(s.rows('session', 30)).toEqual([
      { key: `kimi-code:${SESSION_A}`, project: KIMIBAR, ...counts(8600, 1750, 17000, 100, 4) },
      { key: `kimi-code:${SESSION_B}`, project: KIMIBAR, ...counts(700, 200, 12000, 0, 1) },
      { key: `kimi-cli:${SESSION_D}`, project: LEGACY, ...counts(250, 125, 500, 30, 2) },
      { key: `kimi-code:${SESSION_C}`, project: NOTES, ...counts(100, 50, 0, 0, 1) },
    ]);
  });

  it('the popover view: today, its top model, the week', async () => {
    const s = stats();
    const report = await s.scan();
    expect(report).toMatchObject({ files: 5, filesRead: 5, records: 9, invalidRecords: 0, longLines: 0, symlinksOutside: 0 });
    const view = s.view(7);
    expect(view.today).toBe('2026-11-26');
    expect(view.todayTotals).toEqual(counts(4300, 1150, 29000, 100, 4));
    expect(view.topModel).toBe('kimi-for-coding');
    expect(view.week).toEqual([
      { day: '2026-11-20', total: 150 },
      { day: '2026-11-21', total: 0 },
      { day: '2026-11-22', total: 0 },
      { day: '2026-11-23', total: 0 },
      { day: '2026-11-24', total: 905 },
      { day: '2026-11-25', total: 5800 },
      { day: '2026-11-26', total: 34550 },
    ]);
    expect(view.files).toBe(5);
  });

  it('reads nothing again when nothing changed, and the counts stay', async () => {
    const s = stats();
    await s.scan();
    const again = await s.scan();
    expect(again).toMatchObject({ files: 5, filesRead: 0, bytesRead: 0, records: 0 });
    expect(s.view(1).todayTotals).toEqual(counts(4300, 1150, 29000, 100, 4));
  });

  it('never writes in the sessions folders', async () => {
    const before = treeSnapshot(join(homes.root, 'homes'));
    const s = stats();
    await s.scan();
    await s.scan();
    expect(treeSnapshot(join(homes.root, 'homes'))).toEqual(before);
  });

  it('keeps what it read across a restart (the progress is in history.sqlite)', async () => {
    const first = stats();
    await first.scan();
    first.close();
    opened.splice(opened.indexOf(first), 1);
    const second = stats();
    expect(await second.scan()).toMatchObject({ filesRead: 0, bytesRead: 0 });
    expect(second.view(1).todayTotals.total).toBe(34550);
  });
});

describe('incremental reading', () => {
  it('reads only the bytes appended since the last scan', async () => {
    const s = stats();
    await s.scan();
    const appended = usageLine('kimi-for-coding', '2026-11-26T14:00:00Z', 10, 20, 30, 40) + usageLine('kimi-k2-turbo', '2026-11-26T14:01:00Z', 1, 2, 0, 0);
    appendFileSync(homes.wire(BUCKET_KIMIBAR, SESSION_A), appended);
    const report = await s.scan();
    expect(report.bytesRead).toBe(Buffer.byteLength(appended));
    expect(report).toMatchObject({ filesRead: 1, records: 2, filesRestarted: 0 });
    expect(s.view(1).todayTotals).toEqual(counts(4311, 1172, 29030, 140, 6));
  });

  it('leaves a torn last line until it is complete, then counts it once', async () => {
    const s = stats();
    await s.scan();
    const wire = homes.wire(BUCKET_NOTES, SESSION_C);
    const full = usageLine('kimi-for-coding', '2026-11-26T12:00:00Z', 7777, 7777);
    const written = readFileSync(wire, 'utf8');
    const torn = written.slice(written.lastIndexOf('\n') + 1);
    expect(full.startsWith(torn)).toBe(true);
    expect(s.rows('project', 1).find((row) => row.key === NOTES)).toBeUndefined();

    // Still torn after more bytes: not counted, and read again from the line's start next time.
    appendFileSync(wire, full.slice(torn.length, torn.length + 10));
    expect((await s.scan()).records).toBe(0);
    appendFileSync(wire, full.slice(torn.length + 10));
    const report = await s.scan();
    expect(report.records).toBe(1);
    expect(report.bytesRead).toBe(Buffer.byteLength(full));
    expect(s.rows('project', 1).find((row) => row.key === NOTES)).toEqual({ key: NOTES, project: null, ...counts(7777, 7777, 0, 0, 1) });
    expect((await s.scan()).records).toBe(0);
  });

  it('a truncated file is read again from the start and its old counts are taken back', async () => {
    const s = stats();
    await s.scan();
    const wire = homes.wire(BUCKET_KIMIBAR, SESSION_A, 'agent-0');
    truncateSync(wire, 0);
    appendFileSync(wire, usageLine('kimi-k2-turbo', '2026-11-26T13:00:00Z', 3, 4));
    const report = await s.scan();
    expect(report.filesRestarted).toBe(1);
    expect(s.rows('model', 1).find((row) => row.key === 'kimi-k2-turbo')).toEqual({ key: 'kimi-k2-turbo', project: null, ...counts(3, 4, 0, 0, 1) });
  });

  it('a file replaced by another (new inode) counts only the new one', async () => {
    const s = stats();
    await s.scan();
    const wire = homes.wire(BUCKET_KIMIBAR, SESSION_A, 'agent-0');
    const replacement = `${wire}.new`;
    // Longer than the old file, so only the inode tells them apart.
    writeFileSync(replacement, readFileSync(wire, 'utf8') + usageLine('kimi-k2-turbo', '2026-11-26T13:00:00Z', 5, 6));
    renameSync(replacement, wire);
    const report = await s.scan();
    expect(report.filesRestarted).toBe(1);
    expect(s.rows('model', 1).find((row) => row.key === 'kimi-k2-turbo')).toEqual({ key: 'kimi-k2-turbo', project: null, ...counts(2005, 506, 0, 0, 2) });
  });

  it('a log rewritten in place with a new first line (format upgrade) is not counted twice', async () => {
    const s = stats();
    await s.scan();
    const wire = homes.wire(BUCKET_KIMIBAR, SESSION_A);
    const upgraded = readFileSync(wire, 'utf8').replace('"protocol_version":"1.4"', '"protocol_version":"1.5"');
    writeFileSync(wire, upgraded + usageLine('kimi-for-coding', '2026-11-26T13:00:00Z', 1, 1));
    const report = await s.scan();
    expect(report.filesRestarted).toBe(1);
    expect(s.rows('session', 1).find((row) => row.key === `kimi-code:${SESSION_A}`)).toEqual({
      key: `kimi-code:${SESSION_A}`,
      project: KIMIBAR,
      ...counts(3601, 951, 17000, 100, 4),
    });
  });

  it('a file that disappears keeps the usage it recorded', async () => {
    const s = stats();
    await s.scan();
    writeFileSync(homes.wire(BUCKET_KIMIBAR, SESSION_A, 'agent-0'), '');
    renameSync(homes.wire(BUCKET_KIMIBAR, SESSION_A, 'agent-0'), join(homes.root, 'elsewhere.jsonl'));
    await s.scan();
    expect(s.view(1).todayTotals.total).toBe(34550);
  });
});

describe('what it refuses', () => {
  it('never follows a link out of the sessions folder, and follows one inside only once', async () => {
    const outside = join(homes.root, 'outside', 'session_x', 'agents', 'main');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'wire.jsonl'), usageLine('kimi-for-coding', '2026-11-26T11:00:00Z', 1_000_000, 1));
    symlinkSync(join(homes.root, 'outside', 'session_x'), join(homes.codeHome, 'sessions', BUCKET_NOTES, 'session_linked_out'));
    const linkedAgent = join(homes.codeHome, 'sessions', BUCKET_NOTES, SESSION_C, 'agents', 'copy');
    mkdirSync(linkedAgent);
    symlinkSync(join(outside, 'wire.jsonl'), join(linkedAgent, 'wire.jsonl'));
    // A link to a log that is already counted, inside the folder: counted once.
    symlinkSync(join(homes.codeHome, 'sessions', BUCKET_KIMIBAR), join(homes.codeHome, 'sessions', 'wd_alias_000000000000'));

    const s = stats();
    const report = await s.scan();
    expect(report.symlinksOutside).toBe(2);
    expect(report.files).toBe(5);
    expect(s.view(1).todayTotals.total).toBe(34550);
  });

  it('skips giant, damaged and hostile lines with a count, and keeps going', async () => {
    const wire = homes.wire(BUCKET_NOTES, SESSION_C);
    // Finish the torn line first so the appended lines are lines of their own.
    appendFileSync(wire, '\n');
    const at = Date.parse('2026-11-26T11:00:00Z');
    const giant = `{"type":"usage.record","model":"${'x'.repeat(300_000)}","usage":{"inputOther":1,"output":1},"time":${at}}\n`;
    const hostile = [
      giant,
      `{"type":"usage.record","model":"m","usage":{"inputOther":-5,"output":1},"time":${at}}\n`,
      `{"type":"usage.record","model":"m","usage":{"inputOther":1e300,"output":1},"time":${at}}\n`,
      `{"type":"usage.record","model":"m","usage":{"inputOther":"12","output":1},"time":${at}}\n`,
      `{"type":"usage.record","usage":{"inputOther":1,"output":1},"time":${at}}\n`,
      `{"type":"usage.record","model":"m","usage":{"inputOther":1,"output":1},"time":"yesterday"}\n`,
      `{"type":"usage.record", "model": \u0000 broken\n`,
      '\u0000\u0001\u0002 "usage.record" \uFFFD\n',
      `{"type":"usage.record","model":"__proto__","usage":{"inputOther":1,"output":2},"time":${at},"constructor":{"prototype":1}}\n`,
    ].join('');
    appendFileSync(wire, hostile + usageLine('kimi-for-coding', '2026-11-26T11:30:00Z', 10, 10));
    const s = stats({ maxLineBytes: 64 * 1024, bufferBytes: 4096 });
    const report = await s.scan();
    expect(report.longLines).toBe(1);
    // The torn line, completed by the newline, is damaged; so are the next seven.
    expect(report.invalidRecords).toBe(8);
    // The prototype-named model is only a name; the last, valid line counts.
    const today = s.rows('model', 1);
    expect(today.find((row) => row.key === '__proto__')).toEqual({ key: '__proto__', project: null, ...counts(1, 2, 0, 0, 1) });
    expect(s.rows('project', 1).find((row) => row.key === NOTES)).toEqual({ key: NOTES, project: null, ...counts(11, 12, 0, 0, 2) });
  });

  it('reads a log whose lines cross the read buffer the same as with a large buffer', async () => {
    const small = stats({ bufferBytes: 7 });
    await small.scan();
    const rows = small.rows('session', 30);
    small.close();
    opened.splice(opened.indexOf(small), 1);
    homes.remove();
    homes = copyHomes();
    const large = stats();
    await large.scan();
    expect(large.rows('session', 30)).toEqual(rows);
  });
});
