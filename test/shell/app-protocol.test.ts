import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP, APP_ORIGIN, APP_SCHEME_PRIVILEGES, appUrl, resolveAppFile, serveAppRequest } from '../../src/main/shell/app-protocol.js';
import { APP_PAGES } from '../../src/main/shell/policy.js';

const root = resolve(import.meta.dirname, '../..');

// The real renderer build, written to a temporary dist/ with a main bundle stand-in next to it,
// so "outside the renderer folder" has something worth stealing.
let dist: string;
let renderer: string;
beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'kimibar-app-protocol-'));
  execFileSync(process.execPath, [join(root, 'scripts/build-renderer.mjs'), '--out', dist], { stdio: 'pipe' });
  renderer = join(dist, 'renderer');
  mkdirSync(join(dist, 'main'), { recursive: true });
  writeFileSync(join(dist, 'main', 'index.js'), 'secret main bundle');
});
afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
});

describe('serveAppRequest', () => {
  it('serves every file the renderer build writes, byte for byte, with its MIME type and the CSP', async () => {
    const files = readdirSync(renderer);
    expect(files).toEqual(expect.arrayContaining([...APP_PAGES, 'popover.js', 'settings.js', 'popover.css', 'settings.css', 'base.css']));
    const expected: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };
    for (const file of files) {
      const reply = await serveAppRequest('GET', appUrl(file), renderer);
      expect(reply.status, file).toBe(200);
      expect(reply.headers['Content-Type'], file).toBe(`${expected[file.split('.').at(-1) ?? '']}; charset=utf-8`);
      expect(reply.headers['Content-Security-Policy']).toBe(APP_CSP);
      expect(reply.headers['X-Content-Type-Options']).toBe('nosniff');
      expect(Buffer.from(reply.body ?? new Uint8Array()).equals(readFileSync(join(renderer, file))), file).toBe(true);
    }
  });

  it('serves everything each page links to (scripts, styles), resolved as the browser would', async () => {
    for (const page of APP_PAGES) {
      const html = readFileSync(join(renderer, page), 'utf8');
      const refs = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '').filter((ref) => !ref.startsWith('data:'));
      expect(refs.length, page).toBeGreaterThanOrEqual(3);
      for (const ref of refs) {
        const reply = await serveAppRequest('GET', new URL(ref, appUrl(page)).href, renderer);
        expect(reply.status, `${page} → ${ref}`).toBe(200);
      }
    }
  });

  it('the header CSP is the one each page declares, so the app and the browser preview enforce the same policy', () => {
    for (const page of APP_PAGES) {
      const html = readFileSync(join(renderer, page), 'utf8');
      expect(html, page).toContain(`<meta http-equiv="Content-Security-Policy" content="${APP_CSP}" />`);
    }
    expect(APP_CSP.split(';')[0]).toBe("default-src 'self'");
  });

  it('ignores the query and the hash of a page URL', async () => {
    expect((await serveAppRequest('GET', `${appUrl('settings.html', 'general')}`, renderer)).status).toBe(200);
    expect((await serveAppRequest('GET', `${APP_ORIGIN}/settings.html?pane=kimi#general`, renderer)).status).toBe(200);
  });

  it('answers HEAD without a body and refuses every other method', async () => {
    const head = await serveAppRequest('HEAD', appUrl('popover.html'), renderer);
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      expect((await serveAppRequest(method, appUrl('popover.html'), renderer)).status, method).toBe(405);
    }
  });

  it('refuses traversal, encoded traversal, absolute paths and other hosts, never reaching the main bundle', async () => {
    const refused = [
      `${APP_ORIGIN}/../main/index.js`,
      `${APP_ORIGIN}/%2e%2e/main/index.js`,
      `${APP_ORIGIN}/%2E%2E/%2e%2e/main/index.js`,
      `${APP_ORIGIN}/..%2fmain%2findex.js`,
      `${APP_ORIGIN}/..%5cmain%5cindex.js`,
      `${APP_ORIGIN}/%2e%2e%2fmain%2findex.js`,
      `${APP_ORIGIN}/${encodeURIComponent(join(dist, 'main', 'index.js'))}`,
      `${APP_ORIGIN}/${join(dist, 'main', 'index.js')}`,
      `${APP_ORIGIN}//etc/passwd`,
      `${APP_ORIGIN}/C:/Windows/win.ini`,
      `${APP_ORIGIN}/popover.html%00.js`,
      'app://evil/popover.html',
      'app://kimibar.evil/popover.html',
      'app://user@kimibar/popover.html',
      'app://kimibar:8080/popover.html',
      `file://${join(renderer, 'popover.html')}`,
      'https://kimibar/popover.html',
      `${APP_ORIGIN}/`,
      `${APP_ORIGIN}`,
      `${APP_ORIGIN}/missing.html`,
      `${APP_ORIGIN}/popover.js.map`,
      `${APP_ORIGIN}/%zz.html`,
      'not a url',
    ];
    for (const url of refused) {
      const reply = await serveAppRequest('GET', url, renderer);
      expect(reply.status, url).toBeGreaterThanOrEqual(400);
      expect(reply.body, url).toBeNull();
      expect(JSON.stringify(reply.headers), url).not.toContain(dist);
    }
  });
});

describe('resolveAppFile', () => {
  it('lands only inside the renderer folder; dot segments the URL parser resolves stay inside it', () => {
    // `app://kimibar/../popover.html` is normalised by the URL parser to `/popover.html`: the
    // same file inside the folder, not an escape.
    const inside = resolveAppFile(`${APP_ORIGIN}/../popover.html`, '/srv/dist/renderer');
    expect(inside).toEqual({ ok: true, path: '/srv/dist/renderer/popover.html', relativePath: 'popover.html', mimeType: 'text/html; charset=utf-8' });
    expect(resolveAppFile(`${APP_ORIGIN}/../main/index.js`, '/srv/dist/renderer')).toMatchObject({ ok: true, path: '/srv/dist/renderer/main/index.js' });
  });

  it('builds page URLs on the app origin', () => {
    expect(appUrl('settings.html', 'general')).toBe('app://kimibar/settings.html#general');
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });
});
