// Shared by the e2e tests: a static server for dist/ on 127.0.0.1 and a headless Chromium.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = process.env.ENTENTE_DIST || join(ROOT, 'dist');
export const SHOTS = join(ROOT, 'e2e', 'shots');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Serves `dir` under `prefix` (e.g. '/sub/path/' to check relative URLs). */
export async function serve(dir = DIST, prefix = '/') {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!path.startsWith(prefix)) { res.writeHead(404).end(); return; }
      path = path.slice(prefix.length);
      if (path === '' || path.endsWith('/')) path += 'index.html';
      const file = normalize(join(dir, path));
      if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
      await stat(file);
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { url, requests, close: () => new Promise((r) => server.close(r)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A page on the app; collects console errors, CSP violations and page errors. */
export async function openApp(browser, url, { colorScheme = 'light', viewport = { width: 1440, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { page, context, problems };
}

/** Waits until the page has finished analysing (body[data-state=idle]). */
export async function idle(page, timeout = 30_000) {
  await page.waitForFunction(() => document.body.dataset.state === 'idle', null, { timeout });
}

/**
 * Drops files on the page as a real drop would (a DataTransfer carrying Files), then waits
 * for the analysis. Each file: `{name, bytes}` or `{name, file}` (a file in e2e/fixtures/).
 */
export async function drop(page, files) {
  const payload = await Promise.all(files.map(async (f) => ({
    name: f.name,
    b64: Buffer.from(f.bytes || await readFile(join(ROOT, 'e2e', 'fixtures', f.file))).toString('base64'),
  })));
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name));
    }
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
  await idle(page);
}
