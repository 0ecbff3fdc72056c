// The hostile corpus of the core's tests (tests/data/hostile/, expected outcomes in its
// expect.json) dropped on the built page: every file is either analysed (a row in the
// articles) or refused with its message, none blocks the others, copies are recognised,
// and 10,000 small files at once go through with the page responsive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, openApp, idle, drop, ROOT } from './helpers.mjs';

const HOSTILE = join(ROOT, 'tests', 'data', 'hostile');
let srv;
let browser;

before(async () => {
  srv = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

async function app() {
  const ctx = await openApp(browser, srv.url);
  await idle(ctx.page);
  return ctx;
}

const docs = (page) => page.evaluate(() => window.__entente.state.model.articles.map((a) => a.doc));
const messages = (page) => page.$$eval('#messages-list li', (l) => l.map((x) => x.textContent));

test('every file of the hostile corpus is analysed or refused with its message, in one drop', async () => {
  const expect = JSON.parse(await readFile(join(HOSTILE, 'expect.json'), 'utf8'));
  const names = (await readdir(HOSTILE)).filter((n) => n !== 'expect.json' && expect[n]).sort();
  assert.ok(names.length >= 20, `hostile files: ${names.length}`);
  const files = await Promise.all(names.map(async (name) => ({ name, bytes: await readFile(join(HOSTILE, name)) })));
  const { page, context } = await app();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await drop(page, files);
  const shown = await docs(page);
  const msgs = await messages(page);
  // The same article in three encodings: the first is kept, the others are copies.
  const texts = new Map();
  for (const name of names) {
    const e = expect[name];
    if (e.refused) {
      const m = msgs.find((x) => x.startsWith(name));
      assert.ok(m && m.includes(e.refused), `${name}: refused with « ${e.refused} »: ${m}`);
      assert.ok(!shown.includes(name), `${name}: refused but shown`);
      continue;
    }
    const text = e.text !== undefined ? e.text : (e.contains || [])[0];
    const first = text && e.text !== '' ? texts.get(text) : undefined;
    if (first === undefined && text) texts.set(text, name);
    if (first !== undefined && e.text !== undefined) {
      const m = msgs.find((x) => x.startsWith(name));
      assert.ok(m && /same text as|already analysed/.test(m), `${name}: a copy of ${first}: ${m}`);
    } else if (!shown.includes(name)) {
      // Not shown: only as a recognised copy of an earlier file.
      const m = msgs.find((x) => x.startsWith(name) && /same text as/.test(x));
      assert.ok(m, `${name}: neither shown nor reported as a copy`);
    }
  }
  assert.deepEqual(errors, [], 'no uncaught error in the page');
  // The page still works: a normal article dropped afterwards is analysed.
  await drop(page, [{ name: 'after.txt', bytes: Buffer.from('La France a livré des blindés au Niger le 3 mars 2023.') }]);
  assert.ok((await docs(page)).includes('after.txt'));
  await context.close();
});

test('10,000 small files dropped at once: all analysed, the page stays responsive', async () => {
  const { page, context } = await app();
  const result = await page.evaluate(async () => {
    const sentences = [
      'La France a livré des blindés au Niger.',
      'Le ministre russe de la Défense a rencontré son homologue malien à Bamako.',
      'La Turquie formera des soldats somaliens à Mogadiscio.',
      'Le Tchad et le Soudan ont signé un accord de coopération militaire.',
    ];
    const dt = new DataTransfer();
    for (let i = 0; i < 10000; i++) {
      dt.items.add(new File([`Article ${i}\n\nLe ${1 + (i % 28)} mars 2022, ${sentences[i % sentences.length]}\n`], `f${String(i).padStart(5, '0')}.txt`));
    }
    await new Promise((r) => setTimeout(r, 50));
    let maxTask = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) maxTask = Math.max(maxTask, e.duration);
    });
    observer.observe({ type: 'longtask' });
    const t0 = performance.now();
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 100));
    await new Promise((resolve) => {
      const check = () => (document.body.dataset.state === 'idle' ? resolve() : setTimeout(check, 100));
      check();
    });
    const ms = performance.now() - t0;
    observer.takeRecords().forEach((e) => { maxTask = Math.max(maxTask, e.duration); });
    observer.disconnect();
    return { ms, maxTask, stats: window.__entente.engine.stats, articles: window.__entente.state.model.articles.length, seeds: window.__entente.state.items.filter((it) => it.seed).length };
  });
  console.log(`# 10,000 small files: ${Math.round(result.ms)} ms, longest main-thread task ${Math.round(result.maxTask)} ms, workers ${JSON.stringify(result.stats)}`);
  assert.equal(result.articles, 10000 + result.seeds);
  assert.ok(result.maxTask < 2000, `longest main-thread task ${result.maxTask} ms`);
  await context.close();
});
