// entente — the page. Owns the state (articles, merged view, filters, tab, selection),
// wires the analysis worker, the views, the reader, export and sharing.

import { h, clear, $, $$, toast, debounce, rafThrottle, tooltip, download } from './dom.js';
import { Engine } from './engine.js';
import { EVENT_TYPES, TYPE_LABELS, STATUS_LABELS, buildModel, emptyFilters, applyFilters, filtersActive, formatDate, dateKey } from './model.js';
import { renderTable } from './table.js';
import { renderTimeline, eventCard } from './timeline.js';
import { renderMap } from './map.js';
import { renderNetwork } from './network.js';
import { openReader, closeReader } from './reader.js';
import { eventsCsv, peopleCsv, analysisJson, timelineJson } from './export.js';
import { encodeView, decodeView, encodeResults, decodeResults, MAX_LINK_CHARS } from './share.js';
import { filesFromDrop, triage } from './files.js';

const EMPTY_MERGED = () => ({ people: [], events: [], countries: [] });

const state = {
  mode: 'local', // or 'shared': results opened from a link
  items: [], // local articles, in order: {id, name, seed, analysis}
  merged: EMPTY_MERGED(),
  mergedIds: [],
  shared: null, // {articles, corpus, raw}
  model: null,
  filtered: null,
  filters: emptyFilters(),
  tab: 'events',
  sel: null, // 'event:3', 'person:1', 'article:0'…
  messages: [],
  progress: { done: 0, total: 0 },
  sorts: {},
  timings: {},
};
window.__entente = { state, timings: state.timings };

// ---- the analysis engine ------------------------------------------------------------------

const engine = new Engine({
  onProgress: (p) => { state.progress = p; showProgress(); },
  onResults: (items) => {
    const msgs = [];
    // The same text dropped again (the same file twice, a copy, another encoding of it) is
    // recognised by the core's fingerprint and not added a second time.
    const seen = new Map(state.items.map((it) => [it.analysis.fingerprint, it.name]));
    const duplicates = [];
    for (const it of items) {
      const fp = it.analysis && it.analysis.fingerprint;
      const first = fp && it.analysis.text.trim() ? seen.get(fp) : undefined;
      if (first !== undefined) {
        pendingMeta.delete(it.id);
        duplicates.push(it.id);
        msgs.push({ name: it.name, message: first === it.name ? 'already analysed: this file is not added twice' : `same text as ${first}, already analysed: not added twice`, level: 'warning' });
        continue;
      }
      if (fp) seen.set(fp, it.name);
      if (it.analysis) {
        const pending = pendingMeta.get(it.id) || {};
        pendingMeta.delete(it.id);
        state.items.push({ id: it.id, name: it.name, seed: !!pending.seed, analysis: it.analysis });
        for (const w of it.analysis.warnings || []) msgs.push({ name: it.name, message: w, level: 'warning' });
      } else {
        pendingMeta.delete(it.id);
        msgs.push({ name: it.name, message: it.error, level: 'error' });
      }
    }
    if (msgs.length) addMessages(msgs);
    if (duplicates.length) engine.remove(duplicates);
    if (state.mode === 'local') scheduleRefresh();
    settle();
  },
  onMerged: (msg) => {
    state.merged = msg.merged || EMPTY_MERGED();
    state.mergedIds = msg.ids || [];
    if (msg.error) addMessages([{ name: 'merge', message: msg.error, level: 'error' }]);
    if (state.mode === 'local') scheduleRefresh();
    settle();
  },
});
const pendingMeta = new Map(); // id → {seed}
window.__entente.engine = engine;

function setBusy(busy) {
  document.body.dataset.state = busy ? 'busy' : 'idle';
}

/** Idle once the engine has nothing left to do and the views show its last results. */
function settle() {
  if (engine.isIdle() && !scheduleRefresh.pending()) setBusy(false);
}

/** Reads files and queues them; unsupported ones get a message and never block the rest. */
async function addFiles(entries, { seed = false } = {}) {
  if (state.mode === 'shared') leaveShared({ loadSeeds: false });
  const { ok, rejected, skipped } = triage(entries);
  if (rejected.length) addMessages(rejected.map((r) => ({ ...r, level: 'error' })));
  if (skipped) addMessages([{ name: `${skipped} file${skipped > 1 ? 's' : ''}`, message: 'skipped in the dropped folders (not .txt, .html, .htm or .md)', level: 'info' }]);
  if (!ok.length) {
    settle();
    return;
  }
  setBusy(true);
  // Read in slices so that a drop of thousands of files starts analysing at once; a slice's
  // reads run together (each read is a round trip to the browser's file store).
  for (let i = 0; i < ok.length; i += 256) {
    const slice = ok.slice(i, i + 256);
    const read = await Promise.all(slice.map(async ({ name, file }) => {
      try {
        return { id: engine.id(), name, bytes: await file.arrayBuffer() };
      } catch (err) {
        addMessages([{ name, message: `cannot be read: ${err.message}`, level: 'error' }]);
        return null;
      }
    }));
    const files = read.filter(Boolean);
    for (const f of files) pendingMeta.set(f.id, { seed });
    engine.analyze(files);
  }
}

// The seeds, analysed at build time by this same wasm module (see www/tools/seed-index.mjs).
let seedCache = fetch('seeds/analysis.json').then((r) => (r.ok ? r.json() : null)).catch(() => null);

async function adoptSeedCache() {
  const cache = await seedCache;
  if (!cache || cache.wasm !== engine.wasmName() || !Array.isArray(cache.articles) || !cache.corpus || !Array.isArray(cache.corpus.events)) return false;
  const others = state.items.length > 0;
  const items = cache.articles.map((analysis) => ({ id: engine.id(), name: analysis.doc, seed: true, analysis }));
  state.items.push(...items);
  if (!others) {
    state.merged = cache.corpus;
    state.mergedIds = items.map((it) => it.id);
  }
  engine.adopt(items.map(({ id, analysis }) => ({ id, analysis })), { merge: others });
  const failed = (cache.failed || []).map((f) => ({ name: f.name, message: f.error, level: 'error' }));
  const warnings = cache.articles.flatMap((a) => (a.warnings || []).map((w) => ({ name: a.doc, message: w, level: 'warning' })));
  if (failed.length || warnings.length) addMessages([...failed, ...warnings]);
  return true;
}

async function loadSeeds() {
  const t0 = performance.now();
  // Replace the seeds already there rather than adding them twice.
  const old = state.items.filter((it) => it.seed).map((it) => it.id);
  if (old.length) removeArticles(old);
  if (await adoptSeedCache()) {
    refresh();
    state.timings.seeds = performance.now() - t0;
    settle();
    return;
  }
  let list;
  try {
    const resp = await fetch('seeds/index.json', { cache: 'no-cache' });
    if (!resp.ok) throw new Error(`${resp.status}`);
    list = (await resp.json()).files;
    if (!Array.isArray(list)) throw new Error('bad list');
  } catch (err) {
    addMessages([{ name: 'examples', message: `the bundled example articles cannot be loaded (${err.message})`, level: 'error' }]);
    return;
  }
  const fetched = await Promise.all(list.filter((n) => typeof n === 'string' && /^[\w.-]+$/.test(n)).map(async (name) => {
    const resp = await fetch(`seeds/${encodeURIComponent(name)}`);
    if (!resp.ok) return null;
    return { file: new File([await resp.arrayBuffer()], name), path: name, inFolder: false };
  }));
  await addFiles(fetched.filter(Boolean), { seed: true });
  await engine.idle();
  state.timings.seeds = performance.now() - t0;
}

function removeArticles(ids) {
  const drop = new Set(ids);
  const before = state.mergedIds;
  state.items = state.items.filter((it) => !drop.has(it.id));
  // Until the worker's new merge arrives, keep the old one minus what was removed.
  const keep = before.filter((id) => !drop.has(id));
  const newIndex = new Map(keep.map((id, i) => [id, i]));
  const remap = (sources) => sources.map((s) => ({ ...s, article: newIndex.get(before[s.article]) })).filter((s) => s.article !== undefined);
  state.merged = {
    people: state.merged.people.map((p) => ({ ...p, sources: remap(p.sources) })).filter((p) => p.sources.length),
    events: state.merged.events.map((e) => ({ ...e, sources: remap(e.sources) })).filter((e) => e.sources.length),
    countries: state.merged.countries,
  };
  state.mergedIds = keep;
  if (state.sel) { state.sel = null; closeReader(); }
  engine.remove(ids);
  setBusy(true);
  scheduleRefresh();
}

function clearAll() {
  state.items = [];
  state.merged = EMPTY_MERGED();
  state.mergedIds = [];
  state.sel = null;
  closeReader();
  engine.clear();
  clearMessages();
  refresh();
}

// ---- shared results -----------------------------------------------------------------------

async function openShared(encoded) {
  try {
    const data = await decodeResults(encoded, engine);
    state.mode = 'shared';
    state.shared = { ...data, raw: encoded };
    showBanner(`Viewing shared results: ${data.articles.length} article${data.articles.length === 1 ? '' : 's'}, ${data.corpus.events.length} event${data.corpus.events.length === 1 ? '' : 's'}. The article texts are not part of a link.`, 'Open my own corpus', () => leaveShared({ loadSeeds: true }));
    refresh();
    return true;
  } catch (err) {
    showBanner(`This link's shared results cannot be opened: ${err.message}.`, 'Dismiss', hideBanner, 'error');
    return false;
  }
}

function leaveShared({ loadSeeds: seeds }) {
  state.mode = 'local';
  state.shared = null;
  state.sel = null;
  closeReader();
  hideBanner();
  refresh();
  if (seeds && !state.items.length) loadSeeds();
}

// ---- the model and the views --------------------------------------------------------------

function corpusNow() {
  if (state.mode === 'shared') {
    return { articles: state.shared.articles, merged: state.shared.corpus, ids: state.shared.articles.map((_, i) => i) };
  }
  const byId = new Map(state.items.map((it) => [it.id, it]));
  const ids = state.mergedIds.filter((id) => byId.has(id));
  const inMerge = new Set(ids);
  // Articles analysed since the last merge come after the merged ones (their indices are unaffected).
  for (const it of state.items) if (!inMerge.has(it.id)) ids.push(it.id);
  return { articles: ids.map((id) => byId.get(id).analysis), merged: state.merged, ids };
}

function refresh() {
  const { articles, merged, ids } = corpusNow();
  state.model = buildModel(articles, merged, ids);
  fillCountryFilter();
  applyAndRender();
}
const scheduleRefresh = rafThrottle(() => {
  refresh();
  settle();
});

function applyAndRender() {
  state.filtered = applyFilters(state.model, state.filters);
  renderSummary();
  renderCounts();
  renderView();
  writeHash();
}

function renderSummary() {
  const m = state.model;
  const parts = [`${m.articles.length} article${m.articles.length === 1 ? '' : 's'}`, `${m.events.length} event${m.events.length === 1 ? '' : 's'}`, `${m.people.length} ${m.people.length === 1 ? 'person' : 'people'}`, `${[...m.countries.values()].filter((c) => c.events > 0 || m.events.some((e) => e.from === c.code || e.to === c.code)).length} countries in events`];
  $('#summary').textContent = parts.join(' · ') + (state.mode === 'shared' ? ' (shared)' : '');
}

function renderCounts() {
  const f = state.filtered;
  const m = state.model;
  const show = (key, n, total) => {
    const el = $(`[data-count="${key}"]`);
    el.textContent = n === total ? String(n) : `${n}/${total}`;
  };
  show('events', f.events.length, m.events.length);
  show('people', f.people.length, m.people.length);
  show('countries', f.countries.length, m.countries.size);
  show('places', f.places.length, m.places.length);
  show('organizations', f.organizations.length, m.organizations.length);
  show('articles', f.articles.length, m.articles.length);
  $('#f-reset').hidden = !filtersActive(state.filters);
}

function fillCountryFilter() {
  const sel = $('#f-country');
  const m = state.model;
  const counts = new Map();
  for (const e of m.events) for (const c of new Set([e.from, e.to])) if (c) counts.set(c, (counts.get(c) || 0) + 1);
  const codes = [...m.countries.keys()];
  if (state.filters.country && !codes.includes(state.filters.country)) codes.push(state.filters.country);
  codes.sort((a, b) => m.nameOf(a).localeCompare(m.nameOf(b), 'fr'));
  const want = codes.map((c) => `${c}:${counts.get(c) || 0}`).join(',');
  if (sel.dataset.list === want) { sel.value = state.filters.country; return; }
  sel.dataset.list = want;
  clear(sel);
  sel.appendChild(h('option', { value: '' }, 'All countries'));
  for (const c of codes) sel.appendChild(h('option', { value: c }, `${m.nameOf(c)} (${counts.get(c) || 0})`));
  sel.value = state.filters.country;
}

const view = () => $('#view');

function renderView() {
  const el = view();
  if (el._cleanup) { el._cleanup(); el._cleanup = null; }
  tooltip.hide();
  for (const b of $$('#tabs [role="tab"]')) {
    const on = b.dataset.tab === state.tab;
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    b.tabIndex = on ? 0 : -1;
  }
  el.dataset.tab = state.tab;
  el.setAttribute('aria-labelledby', `tab-${state.tab}`);
  const m = state.model;
  const f = state.filtered;
  if (!m.articles.length && state.mode === 'local') {
    clear(el);
    const busy = state.progress.total > 0;
    el.appendChild(h('div', { class: 'empty-state' },
      h('h2', {}, busy ? 'Analysing…' : 'No articles yet'),
      h('p', {}, 'Drop French news articles (.txt, .html, .htm, .md) or whole folders anywhere on this page, or use “Add articles…”. Everything stays in your browser.'),
      busy ? null : h('p', {}, h('button', { type: 'button', class: 'primary', onclick: () => $('#file-input').click() }, 'Add articles…'), ' ', h('button', { type: 'button', onclick: () => loadSeeds() }, 'Load the examples'))));
    return;
  }
  const selId = (kind) => (state.sel && state.sel.startsWith(kind + ':') ? Number(state.sel.split(':')[1]) : null);
  const N = m.nameOf;
  switch (state.tab) {
    case 'events':
      return renderTable(el, f.events, eventColumns(N), {
        empty: m.events.length ? 'No event matches the filters.' : 'No cooperation event was found in these articles.',
        rowKey: (e) => e.id, selectedKey: selId('event'), sortState: sortFor('events', 'date', 1),
        onActivate: (e, col) => select(`event:${e.id}`, col),
      });
    case 'timeline':
      return renderTimeline(el, f.events, { nameOf: N, selected: selId('event'), onSelect: (e) => select(`event:${e.id}`) });
    case 'map':
      return renderMap(el, { events: f.events, countries: m.countries, nameOf: N, selectedCountry: state.filters.country, onCountry: toggleCountry });
    case 'network':
      return renderNetwork(el, { events: f.events, nameOf: N, selectedCountry: state.filters.country, onCountry: toggleCountry });
    case 'people':
      return renderTable(el, f.people, [
        { key: 'name', label: 'Name', sort: (p) => p.name, cell: (p) => [h('strong', {}, p.name), p.aliases.length ? h('div', { class: 'muted small' }, `also ${p.aliases.join(', ')}`) : null] },
        { key: 'role', label: 'Role', sort: (p) => p.role, cell: (p) => p.role },
        { key: 'country', label: 'Country', sort: (p) => N(p.country), cell: (p) => N(p.country) },
        { key: 'articles', label: 'Articles', sort: (p) => p.articles, cell: (p) => String(p.articles), className: 'num', defaultDir: -1 },
        { key: 'events', label: 'Events', sort: (p) => p.events.length, cell: (p) => String(p.events.length), className: 'num', defaultDir: -1 },
      ], { empty: 'No person matches the filters.', rowKey: (p) => p.id, selectedKey: selId('person'), sortState: sortFor('people', 'articles', -1), onActivate: (p) => select(`person:${p.id}`) });
    case 'countries':
      return renderTable(el, f.countries, [
        { key: 'name', label: 'Country', sort: (c) => c.name, cell: (c) => [h('strong', {}, c.name), h('span', { class: 'muted small' }, ` ${c.code}`)] },
        { key: 'mentions', label: 'Mentions', sort: (c) => c.mentions, cell: (c) => String(c.mentions ?? ''), className: 'num', defaultDir: -1 },
        { key: 'articles', label: 'Articles', sort: (c) => c.articles, cell: (c) => String(c.articles ?? ''), className: 'num', defaultDir: -1 },
        { key: 'events', label: 'Events', sort: (c) => c.filteredEvents, cell: (c) => String(c.filteredEvents), className: 'num', defaultDir: -1 },
        { key: 'partners', label: 'Partners', sort: (c) => c.filteredPartners.length, cell: (c) => c.filteredPartners.map(N).join(', '), defaultDir: -1 },
      ], { empty: 'No country matches the filters.', rowKey: (c) => c.code, selectedKey: state.filters.country, sortState: sortFor('countries', 'events', -1), onActivate: (c) => toggleCountry(c.code) });
    case 'places':
      return renderTable(el, f.places, [
        { key: 'name', label: 'Place', sort: (p) => p.name, cell: (p) => h('strong', {}, p.name) },
        { key: 'country', label: 'Country', sort: (p) => N(p.country), cell: (p) => N(p.country) },
        { key: 'mentions', label: 'Mentions', sort: (p) => p.mentions, cell: (p) => String(p.mentions), className: 'num', defaultDir: -1 },
        { key: 'articles', label: 'Articles', sort: (p) => p.articleCount, cell: (p) => String(p.articleCount), className: 'num', defaultDir: -1 },
      ], { empty: 'No place matches the filters.', rowKey: (p) => p.id, selectedKey: selId('place'), sortState: sortFor('places', 'mentions', -1), onActivate: (p) => select(`place:${p.id}`) });
    case 'organizations':
      return renderTable(el, f.organizations, [
        { key: 'name', label: 'Organization', sort: (o) => o.name, cell: (o) => h('strong', {}, o.name) },
        { key: 'kind', label: 'Kind', sort: (o) => o.kind, cell: (o) => o.kind },
        { key: 'mentions', label: 'Mentions', sort: (o) => o.mentions, cell: (o) => String(o.mentions), className: 'num', defaultDir: -1 },
        { key: 'articles', label: 'Articles', sort: (o) => o.articleCount, cell: (o) => String(o.articleCount), className: 'num', defaultDir: -1 },
      ], { empty: 'No organization matches the filters.', rowKey: (o) => o.id, selectedKey: selId('org'), sortState: sortFor('organizations', 'mentions', -1), onActivate: (o) => select(`org:${o.id}`) });
    case 'articles':
      return renderTable(el, f.articles, [
        { key: 'title', label: 'Title', sort: (a) => a.title || a.doc, cell: (a) => [h('strong', {}, a.title || a.doc), a.title ? h('div', { class: 'muted small' }, a.doc) : null] },
        { key: 'published', label: 'Published', sort: (a) => dateKey(a.published), cell: (a) => (a.published ? `${formatDate(a.published)}${a.inferred ? ' (inferred)' : ''}` : '') },
        { key: 'source', label: 'Source', sort: (a) => a.source, cell: (a) => a.source },
        { key: 'file', label: 'File', sort: (a) => `${a.raw.format} ${a.raw.encoding}`, cell: (a) => h('span', { class: 'muted small' }, [a.raw.format, a.raw.encoding].filter(Boolean).join(' · ')) },
        { key: 'events', label: 'Events', sort: (a) => a.events, cell: (a) => String(a.events), className: 'num', defaultDir: -1 },
        { key: 'warnings', label: 'Warnings', sort: (a) => a.warnings.length, cell: (a) => (a.warnings.length ? h('span', { class: 'warning' }, a.warnings.join('; ')) : ''), defaultDir: -1 },
        ...(state.mode === 'local' ? [{ key: 'remove', label: '', cell: (a) => h('button', { type: 'button', class: 'icon remove', title: `Remove ${a.doc}`, 'aria-label': `Remove ${a.doc}`, onclick: () => removeArticles([a.pageId]) }, '×') }] : []),
      ], { empty: 'No article matches the filters.', rowKey: (a) => a.id, selectedKey: selId('article'), sortState: sortFor('articles', null, 1), onActivate: (a) => select(`article:${a.id}`) });
    default:
      return null;
  }
}

function sortFor(table, key, dir) {
  if (!state.sorts[table]) state.sorts[table] = { key, dir };
  return state.sorts[table];
}

function eventColumns(N) {
  const arrow = (e) => (e.directed ? '→' : '–');
  return [
    { key: 'date', label: 'Date', sort: (e) => dateKey(e.date), cell: (e) => (e.date ? [h('span', { class: 'link-cell' }, formatDate(e.date)), e.precision && e.precision !== 'day' ? h('span', { class: 'badge' }, e.precision) : null] : h('span', { class: 'muted' }, 'undated')), className: 'nowrap' },
    { key: 'type', label: 'Type', sort: (e) => e.type, cell: (e) => h('span', { class: `chip t-${e.type}` }, TYPE_LABELS[e.type] || e.type) },
    { key: 'actors', label: 'From → to', sort: (e) => `${N(e.from)} ${N(e.to)}`, cell: (e) => [N(e.from), h('span', { class: 'arrow' }, ` ${arrow(e)} `), N(e.to)] },
    { key: 'place', label: 'Place', sort: (e) => e.place, cell: (e) => (e.place ? h('span', { class: 'link-cell' }, e.place) : '') },
    { key: 'status', label: 'Status', sort: (e) => e.status, cell: (e) => h('span', { class: `status s-${e.status}` }, STATUS_LABELS[e.status] || e.status) },
    { key: 'people', label: 'People', sort: (e) => e.people.join(', '), cell: (e) => e.people.join(', ') },
    { key: 'reports', label: 'Reports', sort: (e) => e.sources.length, cell: (e) => String(e.sources.length), className: 'num', defaultDir: -1 },
    { key: 'evidence', label: 'Evidence', cell: (e) => h('span', { class: 'evidence', title: e.evidence }, e.evidence.length > 170 ? `${e.evidence.slice(0, 169)}…` : e.evidence), className: 'evidence-col' },
  ];
}

// ---- selection and the reader -------------------------------------------------------------

function select(sel, col = null) {
  state.sel = sel;
  writeHash();
  showSelection(col);
  // Mark the row without rebuilding the table.
  for (const tr of $$('tr.selected', view())) tr.classList.remove('selected');
  const [kind, id] = sel.split(':');
  const key = kind === 'event' || kind === 'person' || kind === 'article' || kind === 'place' || kind === 'org' ? id : null;
  if (key != null) view().querySelector(`tbody tr[data-key="${key}"]`)?.classList.add('selected');
  if (state.tab === 'timeline') for (const c of $$('.ev', view())) c.classList.toggle('selected', kind === 'event' && c.dataset.id === id);
}

function showSelection(col = null) {
  const m = state.model;
  if (!state.sel || !m) return;
  const [kind, idText] = state.sel.split(':');
  const id = Number(idText);
  const N = m.nameOf;
  const open = (articleIndex, focus, info) => {
    const a = m.analyses[articleIndex];
    if (a) openReader(a, { focus, nameOf: N, info });
  };
  if (kind === 'event') {
    const e = m.events[id];
    if (!e) return;
    const src = e.sources[0];
    if (!src) return;
    const ae = m.analyses[src.article]?.events?.[src.index];
    let focus = ae?.evidence_at || null;
    if (col === 'date' && ae?.date_at) focus = ae.date_at;
    if (col === 'place' && e.place) {
      const pl = (m.analyses[src.article]?.places || []).find((p) => p.name === e.place);
      if (pl?.mentions?.[0]) focus = pl.mentions[0];
    }
    if (col === 'people' && e.people.length) {
      const pe = (m.analyses[src.article]?.people || []).find((p) => e.people.includes(p.name));
      if (pe?.mentions?.[0]) focus = pe.mentions[0];
    }
    open(src.article, focus, [eventCard(e, N)]);
  } else if (kind === 'person') {
    const p = m.people[id];
    const src = p?.sources[0];
    if (!src) return;
    const ap = m.analyses[src.article]?.people?.[src.index];
    open(src.article, ap?.mentions?.[0] || null, [`${p.name}${p.role ? `, ${p.role}` : ''}`]);
  } else if (kind === 'place' || kind === 'org') {
    const row = (kind === 'place' ? m.places : m.organizations)[id];
    const ref = row?.refs[0];
    if (!ref) return;
    const item = m.analyses[ref.article]?.[kind === 'place' ? 'places' : 'organizations']?.[ref.index];
    open(ref.article, item?.mentions?.[0] || null, [row.name]);
  } else if (kind === 'article') {
    open(id, null, []);
  }
}

function toggleCountry(code) {
  state.filters.country = state.filters.country === code ? '' : code;
  $('#f-country').value = state.filters.country;
  applyAndRender();
}

// ---- URL fragment -------------------------------------------------------------------------

let writingHash = false;
function viewParams() {
  const p = encodeView({ tab: state.tab, ...state.filters, sel: state.sel });
  if (state.mode === 'shared' && state.shared) p.set('r', state.shared.raw);
  return p;
}
function writeHash() {
  const p = viewParams().toString();
  const want = p ? `#${p}` : '';
  if (location.hash === want || (!want && !location.hash)) return;
  writingHash = true;
  history.replaceState(null, '', want || location.pathname + location.search);
  writingHash = false;
}

function applyViewState(v) {
  state.tab = v.tab || 'events';
  const f = emptyFilters();
  if (v.country) f.country = v.country;
  if (v.types) f.types = v.types;
  if (v.from) f.from = v.from;
  if (v.to) f.to = v.to;
  if (v.text) f.text = v.text;
  state.filters = f;
  state.sel = v.sel || null;
  syncFilterInputs();
}

async function onHashChange() {
  if (writingHash) return;
  const v = decodeView(location.hash);
  applyViewState(v);
  if (v.results && (!state.shared || state.shared.raw !== v.results)) await openShared(v.results);
  else if (!v.results && state.mode === 'shared') leaveShared({ loadSeeds: true });
  refresh();
  if (state.sel) showSelection(); else closeReader();
}

// ---- filters UI ---------------------------------------------------------------------------

function buildTypeFilter() {
  const box = $('#f-types');
  for (const t of EVENT_TYPES) {
    const input = h('input', { type: 'checkbox', value: t, checked: true });
    input.addEventListener('change', () => {
      if (input.checked) state.filters.types.add(t); else state.filters.types.delete(t);
      applyAndRender();
    });
    box.appendChild(h('label', { class: `type-toggle t-${t}`, title: TYPE_LABELS[t] }, input, h('span', { class: 'swatch' }), TYPE_LABELS[t]));
  }
}

function syncFilterInputs() {
  const f = state.filters;
  $('#f-country').value = f.country;
  for (const box of $$('#f-types input')) box.checked = f.types.has(box.value);
  $('#f-from').value = f.from;
  $('#f-to').value = f.to;
  $('#f-text').value = f.text;
}

function wireFilters() {
  buildTypeFilter();
  $('#f-country').addEventListener('change', (e) => { state.filters.country = e.target.value; applyAndRender(); });
  $('#f-from').addEventListener('change', (e) => { state.filters.from = e.target.value; applyAndRender(); });
  $('#f-to').addEventListener('change', (e) => { state.filters.to = e.target.value; applyAndRender(); });
  const text = debounce(() => { state.filters.text = $('#f-text').value; applyAndRender(); }, 150);
  $('#f-text').addEventListener('input', text);
  $('#filters').addEventListener('submit', (e) => e.preventDefault());
  $('#filters').addEventListener('reset', (e) => {
    e.preventDefault();
    state.filters = emptyFilters();
    syncFilterInputs();
    applyAndRender();
  });
}

// ---- tabs ---------------------------------------------------------------------------------

function wireTabs() {
  const tabs = $$('#tabs [role="tab"]');
  for (const b of tabs) {
    b.addEventListener('click', () => { state.tab = b.dataset.tab; renderView(); writeHash(); });
  }
  $('#tabs').addEventListener('keydown', (e) => {
    const i = tabs.findIndex((b) => b.dataset.tab === state.tab);
    let j = null;
    if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = tabs.length - 1;
    if (j == null) return;
    e.preventDefault();
    tabs[j].click();
    tabs[j].focus();
  });
}

// ---- messages, progress, banner -----------------------------------------------------------

function addMessages(list) {
  state.messages.push(...list);
  renderMessages();
}
function clearMessages() {
  state.messages = [];
  renderMessages();
}
function renderMessages() {
  const box = $('#messages');
  const ul = clear($('#messages-list'));
  const msgs = state.messages;
  box.hidden = !msgs.length;
  if (!msgs.length) return;
  const errors = msgs.filter((m) => m.level === 'error').length;
  $('#messages-title').textContent = errors
    ? `${errors} file${errors === 1 ? '' : 's'} could not be analysed${msgs.length > errors ? `, ${msgs.length - errors} note${msgs.length - errors === 1 ? '' : 's'}` : ''}`
    : `${msgs.length} note${msgs.length === 1 ? '' : 's'} about the files`;
  for (const m of msgs.slice(-200)) {
    ul.appendChild(h('li', { class: `msg ${m.level || 'error'}` }, h('span', { class: 'file' }, m.name), ': ', h('span', { class: 'text' }, m.message)));
  }
  if (msgs.length > 200) ul.appendChild(h('li', { class: 'muted' }, `…and ${msgs.length - 200} earlier messages`));
}

function showProgress() {
  const { done, total } = state.progress;
  const box = $('#progress');
  if (!total || done >= total) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  $('#progress-bar').style.width = `${Math.round((done / total) * 100)}%`;
  $('#progress-text').textContent = `Analysing ${done} / ${total} files…`;
}

function showBanner(text, action, onAction, level = 'info') {
  const b = $('#banner');
  b.hidden = false;
  b.className = `banner ${level}`;
  $('#banner-text').textContent = text;
  const btn = $('#banner-action');
  btn.textContent = action || '';
  btn.hidden = !action;
  btn.onclick = onAction || null;
}
function hideBanner() {
  $('#banner').hidden = true;
}

// ---- export and share ---------------------------------------------------------------------

function stamp() {
  return new Date().toISOString().slice(0, 10);
}

function doExport(kind) {
  const m = state.model;
  const f = state.filtered;
  const { articles, merged } = corpusNow();
  switch (kind) {
    case 'events-csv': return download(`entente-events-${stamp()}.csv`, eventsCsv(f.events, m.nameOf), 'text/csv;charset=utf-8');
    case 'people-csv': return download(`entente-people-${stamp()}.csv`, peopleCsv(f.people, m.nameOf), 'text/csv;charset=utf-8');
    case 'timeline-json': return download(`entente-timeline-${stamp()}.json`, timelineJson(f.events, m.nameOf), 'application/json');
    case 'analysis-json': return download(`entente-analysis-${stamp()}.json`, analysisJson(articles, merged), 'application/json');
    default: return null;
  }
}

function linkWith(params) {
  const base = location.href.replace(/#.*$/, '');
  const p = params.toString();
  return p ? `${base}#${p}` : base;
}

function offerLink(text, link) {
  const input = h('input', { type: 'text', readonly: true, class: 'share-link', 'aria-label': 'Link' });
  input.value = link;
  const copy = h('button', { type: 'button' }, 'Copy');
  copy.addEventListener('click', async () => {
    input.select();
    try { await navigator.clipboard.writeText(link); toast('Link copied'); } catch { toast('Select the link and copy it'); }
  });
  const b = $('#banner');
  b.hidden = false;
  b.className = 'banner info';
  $('#banner-text').textContent = '';
  $('#banner-text').append(h('span', {}, text), input, copy);
  const btn = $('#banner-action');
  btn.textContent = 'Close';
  btn.hidden = false;
  btn.onclick = () => { hideBanner(); if (state.mode === 'shared') openShared(state.shared.raw); };
  input.select();
}

async function shareView() {
  const p = encodeView({ tab: state.tab, ...state.filters, sel: state.sel });
  if (state.mode === 'shared') p.set('r', state.shared.raw);
  const link = linkWith(p);
  const note = state.mode === 'shared' ? 'Link to this view of the shared results:' : state.items.some((it) => !it.seed) ? 'This link reopens this view of the bundled examples only (your own files are not in it; use “Share results as a link”):' : 'Link to this view:';
  offerLink(note, link);
}

async function shareResults() {
  const { articles, merged } = corpusNow();
  if (!articles.length) { toast('Nothing to share yet'); return; }
  const encoded = await encodeResults(articles, merged);
  const p = encodeView({ tab: state.tab, ...state.filters, sel: state.sel });
  p.set('r', encoded);
  const link = linkWith(p);
  const kb = Math.ceil(link.length / 1024);
  if (link.length > MAX_LINK_CHARS) {
    const b = $('#banner');
    b.hidden = false;
    b.className = 'banner warning';
    $('#banner-text').textContent = `These results are too large for a link (${kb} KB; links stay under ${MAX_LINK_CHARS / 1024} KB to open everywhere). Share the full analysis as a JSON file instead.`;
    const btn = $('#banner-action');
    btn.hidden = false;
    btn.textContent = 'Download the JSON';
    btn.onclick = () => { doExport('analysis-json'); hideBanner(); };
    return;
  }
  offerLink(`Results link (${kb} KB, ${articles.length} article${articles.length === 1 ? '' : 's'}, texts not included):`, link);
}

// ---- drag and drop ------------------------------------------------------------------------

function wireDrop() {
  const zone = $('#dropzone');
  let depth = 0;
  const hasFiles = (e) => Array.from(e.dataTransfer?.types || []).includes('Files');
  window.addEventListener('dragenter', (e) => { if (!hasFiles(e)) return; e.preventDefault(); depth += 1; zone.hidden = false; });
  window.addEventListener('dragover', (e) => { if (!hasFiles(e)) return; e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; });
  window.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (!depth) zone.hidden = true; });
  window.addEventListener('drop', async (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    zone.hidden = true;
    setBusy(true);
    const entries = await filesFromDrop(e.dataTransfer);
    await addFiles(entries);
  });
  const input = $('#file-input');
  $('#btn-add').addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const files = Array.from(input.files || []).map((file) => ({ file, path: file.name, inFolder: false }));
    input.value = '';
    setBusy(true);
    await addFiles(files);
  });
}

// ---- boot ---------------------------------------------------------------------------------

function wire() {
  wireFilters();
  wireTabs();
  wireDrop();
  $('#btn-seeds').addEventListener('click', () => { if (state.mode === 'shared') leaveShared({ loadSeeds: false }); loadSeeds(); });
  $('#btn-clear').addEventListener('click', () => { if (state.mode === 'shared') leaveShared({ loadSeeds: false }); clearAll(); });
  $('#messages-clear').addEventListener('click', clearMessages);
  $('#reader-close').addEventListener('click', () => { closeReader(); state.sel = null; writeHash(); for (const tr of $$('tr.selected', view())) tr.classList.remove('selected'); });
  for (const b of $$('[data-export]')) b.addEventListener('click', () => { doExport(b.dataset.export); b.closest('details').open = false; });
  $('#btn-share-view').addEventListener('click', () => { $('#menu-share').open = false; shareView(); });
  $('#btn-share-results').addEventListener('click', () => { $('#menu-share').open = false; shareResults(); });
  document.addEventListener('click', (e) => { for (const d of $$('details.menu[open]')) if (!d.contains(e.target)) d.open = false; });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      for (const d of $$('details.menu[open]')) d.open = false;
      if (!$('#reader').hidden && !e.target.closest?.('input, select')) $('#reader-close').click();
    }
  });
  window.addEventListener('hashchange', onHashChange);
}

async function boot() {
  const t0 = performance.now();
  setBusy(true);
  wire();
  const v = decodeView(location.hash);
  applyViewState(v);
  refresh();
  engine.ready.catch((err) => {
    showBanner(`The analyser cannot start: ${err.message}. Exports still work; analysing files and opening shared links do not.`, '', null, 'error');
  });
  if (v.results) {
    const ok = await openShared(v.results);
    if (ok) {
      refresh();
      if (state.sel) showSelection();
      setBusy(false);
      state.timings.ready = performance.now() - t0;
      return;
    }
  }
  await loadSeeds();
  refresh();
  if (state.sel) showSelection();
  state.timings.ready = performance.now() - t0;
  setBusy(false);
}

boot();
