// Untrusted input end to end: hostile markup in every field an article or a shared link can
// fill is shown as text on every tab (tables, timeline tooltips, map and network labels,
// the reader) and runs nothing; tampered, truncated, oversized and zip-bomb links are
// refused with a message and the page goes on working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { serve, launch, openApp, idle, drop, DIST } from './helpers.mjs';

let srv;
let browser;

before(async () => {
  await stat(join(DIST, 'index.html')).catch(() => { throw new Error('dist/ is missing: run `trunk build --release` first'); });
  srv = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

/** Markup that would run if any of it were parsed as HTML, tagged with the field it is in. */
const evil = (field) => `"><svg onload="window.__pwned='${field}'"><img src=x onerror="window.__pwned='${field}'"><script>window.__pwned='${field}'</script>`;
/** The same without a slash, for dates (the page splits a date range at its slash). */
const evilDate = (field) => `"><svg onload="window.__pwned='${field}'"><img src=x onerror="window.__pwned='${field}'">`;

const link = (doc) => deflateRawSync(Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc))).toString('base64url');

const tabs = ['events', 'timeline', 'map', 'network', 'people', 'countries', 'places', 'organizations', 'articles'];

async function tab(page, name) {
  await page.click(`#tabs [data-tab="${name}"]`);
  await page.waitForSelector(`#view[data-tab="${name}"]`);
}

/** Nothing ran and no element from the markup exists (no <img>, no on* attribute, no new <script>). */
async function assertInert(page, scripts, where) {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned,
    img: document.querySelectorAll('img').length,
    svgOnload: document.querySelectorAll('svg[onload]').length,
    scripts: document.querySelectorAll('script').length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`)),
  }));
  assert.equal(found.pwned, undefined, `${where}: window.__pwned was set`);
  assert.equal(found.img, 0, `${where}: an <img> was created`);
  assert.equal(found.svgOnload, 0, `${where}: an <svg onload> was created`);
  assert.equal(found.scripts, scripts, `${where}: a <script> was added`);
  assert.deepEqual(found.handlers, [], `${where}: an element carries an event-handler attribute`);
}

/** Text shown now: the view, the open tooltip, the reader, the banner, SVG <title>s. */
const shownText = (page) => page.evaluate(() => [
  document.querySelector('#view').textContent,
  document.querySelector('#tooltip').hidden ? '' : document.querySelector('#tooltip').textContent,
  document.querySelector('#reader').hidden ? '' : document.querySelector('#reader').textContent,
  document.querySelector('#banner').hidden ? '' : document.querySelector('#banner').textContent,
].join('\n'));

/**
 * Visits every tab: hovers the timeline's events, the map's countries and links and the
 * network's nodes, opens the first rows of every table in the reader. Returns all the
 * text that was shown, and checks after each step that nothing ran.
 */
async function visitEverything(page, scripts) {
  let text = '';
  const grab = async (where) => {
    text += `\n${await shownText(page)}`;
    await assertInert(page, scripts, where);
  };
  const hoverAll = async (selector, max, where) => {
    const n = Math.min(max, await page.$$eval(selector, (els) => els.length));
    for (let i = 0; i < n; i++) {
      const el = (await page.$$(selector))[i];
      const box = await el?.boundingBox();
      if (!box) continue;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForTimeout(30);
      await grab(`${where} ${i}`);
    }
  };
  for (const t of tabs) {
    await tab(page, t);
    await grab(t);
    if (t === 'timeline') await hoverAll('svg.timeline .ev', 12, 'timeline tooltip');
    if (t === 'map') {
      await hoverAll('svg.map [data-code]', 40, 'map country');
      await hoverAll('svg.map [data-pair]', 10, 'map link');
    }
    if (t === 'network') await hoverAll('svg.network .node', 12, 'network node');
    for (let i = 0; i < 4; i++) {
      const cell = await (await page.$$('#view tbody tr'))[i]?.$('td');
      if (!cell) break;
      await cell.click();
      await page.waitForTimeout(50);
      await grab(`${t} row ${i} in the reader`);
    }
    await page.mouse.move(2, 2);
    // A click in the countries table filters by that country: undo it for the next tabs.
    if (await page.isVisible('#f-reset')) await page.click('#f-reset');
  }
  return text;
}

test('hostile markup in every field of a shared link is shown as text on every tab and runs nothing', async () => {
  const F = (f) => evil(f);
  const ev = (i) => ({
    type: i ? 'TRAINING' : 'ARMS', actors: i ? ['FR', 'NE'] : ['RU', 'ML'], directed: true, date: i ? '2021-03-04' : evilDate('event.date'),
    date_precision: i ? 'day' : null, place: F('event.place'), status: 'done', people: [F('event.people')], plover: F('event.plover'),
    trigger: F('event.trigger'), evidence: F('event.evidence'),
  });
  const payload = {
    format: 'entente-results', version: 1,
    articles: [{
      doc: F('doc'), title: F('title'), published: evilDate('published'), published_inferred: false, source: F('source'), encoding: F('encoding'),
      format: 'html', warnings: [F('warning')],
      countries: ['RU', 'ML', 'FR', 'NE'].map((code) => ({ code, name: F(`country.${code}`) })),
      people: [{ name: F('person.name'), role: F('person.role'), country: 'RU', aliases: [F('person.alias')], key: F('person.key') }],
      places: [{ name: F('place.name'), country: 'ML', lat: 12.65, lon: -8 }],
      organizations: [{ name: F('org.name'), kind: F('org.kind') }],
      events: [ev(0), ev(1)],
    }, {
      doc: F('doc2'), title: null, published: '2021-03-04', published_inferred: true, source: null, encoding: 'utf-8', format: 'text', warnings: [],
      countries: [], people: [], places: [], organizations: [], events: [],
    }],
    corpus: {
      people: [{ name: F('corpus.person.name'), aliases: [F('corpus.person.alias')], role: F('corpus.person.role'), country: 'RU', key: F('corpus.person.key'), sources: [{ article: 0, doc: F('source.doc'), index: 0 }] }],
      events: [0, 1].map((i) => {
        const e = ev(i);
        return { type: e.type, actors: e.actors, directed: true, date: e.date, date_precision: e.date_precision, place: F('corpus.event.place'), status: 'done', people: [F('corpus.event.people')], plover: F('corpus.event.plover'), sources: [{ article: i, doc: F('source.doc'), index: i }] };
      }).map((e, i) => (i ? { ...e, sources: [{ article: 0, doc: 'x', index: 1 }] } : e)),
      countries: ['RU', 'ML', 'FR', 'NE'].map((code, i) => ({ code, name: F(`corpus.country.${code}`), name_en: F(`corpus.country_en.${code}`), lat: 10 + i, lon: 10 * i, mentions: 3, articles: 1, events: 1, partners: ['RU', 'ML', 'FR', 'NE'].filter((c) => c !== code) })),
    },
  };
  const { page, context, problems } = await openApp(browser, `${srv.url}#r=${link(payload)}`);
  await idle(page);
  assert.match(await page.textContent('#banner'), /Viewing shared results: 2 articles, 2 events/);
  const scripts = await page.$$eval('script', (s) => s.length);
  const text = await visitEverything(page, scripts);
  // Where each field is shown, its markup is there as literal text.
  const shown = ['title', 'doc', 'doc2', 'source', 'warning', 'published', 'event.date', 'event.evidence', 'corpus.event.place', 'corpus.event.people',
    'corpus.person.name', 'corpus.person.alias', 'corpus.person.role', 'place.name', 'org.name', 'org.kind', 'corpus.country.RU', 'corpus.country.NE'];
  const missing = shown.filter((f) => !text.includes(f === 'published' || f === 'event.date' ? evilDate(f) : F(f)));
  assert.deepEqual(missing, [], 'fields not found as literal text');
  assert.deepEqual(problems.filter((p) => !/Content Security Policy|Refused/.test(p)), []);
  await context.close();
});

test('an article with hostile markup in its file name, title, outlet and sentences is shown as text on every tab', async () => {
  const { page, context, problems } = await openApp(browser, srv.url);
  await idle(page);
  const html = `<!doctype html><html><head>
<title>&lt;img src=x onerror="window.__pwned='title'"&gt; La France livre des blindés au Niger</title>
<meta property="og:site_name" content="&lt;svg onload=&quot;window.__pwned='source'&quot;&gt;">
</head><body><article>
<p>Le 3 mars 2021, la France a livré des blindés au Niger "&gt;&lt;svg onload="window.__pwned='evidence'"&gt; à Niamey, selon le ministère.</p>
<p>Le 4 avril 2021, la Russie a signé un accord de défense avec le Mali &lt;script&gt;window.__pwned='script'&lt;/script&gt; à Bamako.</p>
<p><img src="x" onerror="window.__pwned='tag'">Le Tchad a demandé l'aide de la France.</p>
<script>window.__pwned = 'inline';</script>
</article></body></html>`;
  const txtName = `"><svg onload="window.__pwned='file'"><img src=x onerror="window.__pwned='file'">.txt`;
  const txt = `Le 12 mai 2022, l'Allemagne a formé des soldats ivoiriens <img src=x onerror="window.__pwned='txt'"> à Abidjan.\n`;
  // Markdown drops inline HTML tags as markup; an escaped one (\<) is text, shown as such.
  const md = `# \\<img src=x onerror="window.__pwned='md'"> La Turquie livre des drones\n\nLe 2 juin 2022, la Turquie a livré des drones au Niger \\<svg onload="window.__pwned='md-body'"> à Niamey.\n`;
  await drop(page, [
    { name: 'hostile.html', bytes: Buffer.from(html) },
    { name: txtName, bytes: Buffer.from(txt) },
    { name: '<b>hostile</b>.md', bytes: Buffer.from(md) },
  ]);
  const docs = await page.evaluate(() => window.__entente.state.model.articles.map((a) => a.doc));
  assert.ok(docs.includes(txtName) && docs.includes('hostile.html') && docs.includes('<b>hostile</b>.md'), `dropped: ${docs}`);
  const scripts = await page.$$eval('script', (s) => s.length);
  await page.fill('#f-text', '');
  const text = await visitEverything(page, scripts);
  for (const literal of [
    txtName, // the file name (articles table, reader)
    `<img src=x onerror="window.__pwned='title'"> La France livre des blindés au Niger`, // an HTML <title>
    `<img src=x onerror="window.__pwned='md'"> La Turquie livre des drones`, // a Markdown heading
    `"><svg onload="window.__pwned='evidence'">`, // an event's evidence sentence
    '<b>hostile</b>.md',
  ]) assert.ok(text.includes(literal), `not shown as text: ${literal}`);
  // The reader shows an article's text as text too.
  await tab(page, 'articles');
  await page.locator('#view tbody tr', { hasText: "__pwned='file'" }).locator('td').first().click();
  await page.waitForSelector('#reader:not([hidden])');
  assert.ok((await page.textContent('#reader-body')).includes(`<img src=x onerror="window.__pwned='txt'">`));
  await assertInert(page, scripts, 'reader');
  assert.deepEqual(problems.filter((p) => !p.includes('panicked')), []);
  await context.close();
});

test('tampered, truncated, oversized and zip-bomb links are refused with a message; the page keeps working', async () => {
  const valid = { format: 'entente-results', version: 1, articles: [], corpus: { people: [], events: [], countries: [] } };
  const good = link({ ...valid, articles: [{ doc: 'a.txt', title: 'Un article partagé', published: null, published_inferred: false, source: null, encoding: 'utf-8', format: 'text', warnings: [], countries: [], people: [], places: [], organizations: [], events: [] }] });
  const cases = [
    ['garbage', '%3Cscript%3Ealert(1)%3C/script%3E', /the link is damaged \(unexpected characters\)/],
    ['not base64', 'abc!def', /the link is damaged \(unexpected characters\)/],
    ['a length base64 cannot have', 'AAAAA', /the link is damaged \(bad encoding\)/],
    ['valid base64 of garbage', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA', /the link is damaged \(cannot be decompressed\)/],
    ['truncated', good.slice(0, -8), /the link is damaged \(cannot be decompressed\)/],
    ['trailing data', `${good}AAAA`, /the link is damaged/],
    ['oversized link', 'A'.repeat(1024 * 1024 + 1), /the link is too long to be a shared result/],
    ['zip bomb (34 MB of spaces in 33 KB)', deflateRawSync(Buffer.alloc(34_000_000, 32), { level: 9 }).toString('base64url'), /the shared results are too large to open/],
    ['not UTF-8', deflateRawSync(Buffer.from([0xff, 0xfe, 0x7b, 0x7d])).toString('base64url'), /the link is damaged \(not valid text\)/],
    ['not JSON', link('{format: entente}'), /the link is damaged \(not valid data\)/],
    ['JSON, not an object', link([1, 2]), /the shared results are not valid: results should be an object/],
    ['another format', link({ ...valid, format: 'other' }), /this is not an entente results link/],
    ['wrong type', link({ ...valid, articles: 'nope' }), /the shared results are not valid: articles should be a list/],
    ['unknown event type', link({ ...valid, corpus: { ...valid.corpus, events: [{ type: 'INVASION' }] } }), /corpus\.events\[0\]\.type has an unknown value/],
    ['a source pointing nowhere', link({ ...valid, corpus: { ...valid.corpus, people: [{ name: 'A', aliases: [], role: null, country: null, key: 'a', sources: [{ article: 3, doc: 'a', index: 0 }] }] } }), /points to a missing article/],
    ['a latitude out of range', link({ ...valid, corpus: { ...valid.corpus, countries: [{ code: 'FR', name: 'France', name_en: 'France', lat: 1e300, lon: 0, mentions: 1, articles: 1, events: 0, partners: [] }] } }), /corpus\.countries\[0\]\.lat is out of range/],
  ];

  // Opened as the page's first URL: the message, then the examples as usual.
  const first = await openApp(browser, `${srv.url}#r=${link({ ...valid, articles: 'nope' })}`);
  await idle(first.page);
  assert.match(await first.page.textContent('#banner'), /cannot be opened: the shared results are not valid: articles should be a list\./);
  assert.ok(Number(await first.page.textContent('[data-count="events"]')) > 0, 'the examples are loaded');
  await first.context.close();

  // One after the other in the same page, through the fragment.
  const { page, context, problems } = await openApp(browser, srv.url);
  await idle(page);
  const events = await page.textContent('[data-count="events"]');
  const scripts = await page.$$eval('script', (s) => s.length);
  for (const [name, fragment, message] of cases) {
    await page.evaluate((h) => { location.hash = h; }, `r=${fragment}`);
    await page.waitForFunction(() => !document.querySelector('#banner').hidden && /cannot be opened/.test(document.querySelector('#banner').textContent), null, { timeout: 20_000 });
    const banner = await page.textContent('#banner');
    assert.match(banner, message, `${name}: ${banner}`);
    await assertInert(page, scripts, name);
    // The page goes on: the same articles and events as before.
    assert.equal(await page.textContent('[data-count="events"]'), events, `${name}: the local results are untouched`);
    await page.evaluate(() => { location.hash = ''; document.querySelector('#banner').hidden = true; });
  }
  // After all that, a good link still opens (the worker survived) and analysis still works.
  await page.evaluate((h) => { location.hash = h; }, `r=${good}`);
  await page.waitForFunction(() => /Viewing shared results: 1 article/.test(document.querySelector('#banner').textContent), null, { timeout: 20_000 });
  await page.click('#tabs [data-tab="articles"]');
  assert.match(await page.textContent('#view tbody'), /Un article partagé/);
  await page.click('#banner-action'); // "Open my own corpus"
  await idle(page);
  await drop(page, [{ name: 'niger-blindes.txt', file: 'niger-blindes.txt' }]);
  assert.ok(Number(await page.textContent('[data-count="events"]')) > 0, 'dropped files are still analysed');
  assert.deepEqual(problems, []);
  await context.close();
});
