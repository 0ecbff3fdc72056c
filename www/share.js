// Sharing. The URL fragment holds the view state (tab, filters, selection) and, for
// "share results", the extracted data compressed with deflate-raw in base64url.
// Loading a fragment only ever parses data: JSON.parse on size-checked, decompressed
// bytes, then a schema check that copies the known fields and nothing else.

import { EVENT_TYPES } from './model.js';

export const MAX_LINK_CHARS = 64 * 1024; // fragments longer than this are refused when sharing
const MAX_FRAGMENT_CHARS = 4 * 1024 * 1024; // … and when loading
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

// ---- view state ---------------------------------------------------------------------------

export function encodeView(v) {
  const p = new URLSearchParams();
  if (v.tab && v.tab !== 'events') p.set('tab', v.tab);
  if (v.country) p.set('country', v.country);
  if (v.types && v.types.size !== EVENT_TYPES.length) p.set('types', [...v.types].join(',') || 'none');
  if (v.from) p.set('from', v.from);
  if (v.to) p.set('to', v.to);
  if (v.text) p.set('q', v.text);
  if (v.sel) p.set('sel', v.sel);
  return p;
}

const TABS = ['events', 'timeline', 'map', 'network', 'people', 'countries', 'places', 'organizations', 'articles'];

/** The view state in a fragment, each value checked; unknown or malformed values are dropped. */
export function decodeView(hash) {
  const p = new URLSearchParams(String(hash || '').replace(/^#/, ''));
  const v = {};
  const tab = p.get('tab');
  if (tab && TABS.includes(tab)) v.tab = tab;
  const country = p.get('country');
  if (country && /^[A-Z]{2}$/.test(country)) v.country = country;
  const types = p.get('types');
  if (types) v.types = new Set(types === 'none' ? [] : types.split(',').filter((t) => EVENT_TYPES.includes(t)));
  for (const k of ['from', 'to']) {
    const d = p.get(k);
    if (d && /^\d{4}-\d{2}-\d{2}$/.test(d)) v[k] = d;
  }
  const q = p.get('q');
  if (q) v.text = q.slice(0, 200);
  const sel = p.get('sel');
  if (sel && /^(event|person|article|place|org):\d{1,7}$/.test(sel)) v.sel = sel;
  v.results = p.get('r') || '';
  return v;
}

// ---- compressed results -------------------------------------------------------------------

function b64url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link is damaged (unexpected characters)');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  let bin;
  try { bin = atob(b64); } catch { throw new Error('the link is damaged (bad encoding)'); }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function deflate(text) {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    let r;
    try { r = await reader.read(); } catch { throw new Error('the link is damaged (cannot be decompressed)'); }
    if (r.done) break;
    size += r.value.length;
    if (size > MAX_INFLATED_BYTES) {
      reader.cancel();
      throw new Error('the shared results are too large to open');
    }
    chunks.push(r.value);
  }
  const all = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) { all.set(c, o); o += c.length; }
  return new TextDecoder('utf-8', { fatal: true }).decode(all);
}

/** The part of the results a link carries: metadata, events, people — no texts, no offsets. */
export function slimResults(articles, merged) {
  return {
    format: 'entente-results',
    version: 1,
    articles: articles.map((a) => ({
      doc: a.doc,
      title: a.title ?? null,
      published: a.published ?? null,
      published_inferred: !!a.published_inferred,
      source: a.source ?? null,
      encoding: a.encoding || '',
      format: a.format || 'text',
      warnings: a.warnings || [],
      countries: (a.countries || []).map((c) => ({ code: c.code, name: c.name })),
      people: (a.people || []).map((p) => ({ name: p.name, role: p.role ?? null, country: p.country ?? null, aliases: p.aliases || [], key: p.key || '' })),
      places: (a.places || []).map((p) => ({ name: p.name, country: p.country ?? null, lat: p.lat ?? null, lon: p.lon ?? null })),
      organizations: (a.organizations || []).map((o) => ({ name: o.name, kind: o.kind || '' })),
      events: (a.events || []).map((e) => ({
        type: e.type, actors: e.actors, directed: !!e.directed, date: e.date ?? null, date_precision: e.date_precision ?? null,
        place: e.place ?? null, status: e.status, people: e.people || [], plover: e.plover || '', trigger: e.trigger || '', evidence: e.evidence || '',
      })),
    })),
    corpus: merged,
  };
}

export async function encodeResults(articles, merged) {
  const json = JSON.stringify(slimResults(articles, merged));
  return b64url(await deflate(json));
}

/** Decodes and validates a results fragment; throws an Error with a readable message. */
export async function decodeResults(text) {
  if (text.length > MAX_FRAGMENT_CHARS) throw new Error('the link is too long to be a shared result');
  const json = await inflate(unb64url(text));
  let data;
  try { data = JSON.parse(json); } catch { throw new Error('the link is damaged (not valid data)'); }
  return validateResults(data);
}

// ---- schema -------------------------------------------------------------------------------

class SchemaError extends Error {}

const str = (v, path) => { if (typeof v !== 'string') throw new SchemaError(`${path} should be text`); return v.slice(0, 100_000); };
const optStr = (v, path) => (v == null ? null : str(v, path));
const bool = (v, path) => { if (typeof v !== 'boolean') throw new SchemaError(`${path} should be true or false`); return v; };
const num = (v, path) => { if (typeof v !== 'number' || !Number.isFinite(v)) throw new SchemaError(`${path} should be a number`); return v; };
const optNum = (v, path) => (v == null ? null : num(v, path));
const int = (v, path) => { if (!Number.isInteger(v) || v < 0) throw new SchemaError(`${path} should be a whole number`); return v; };
const list = (v, path, each, max = 1_000_000) => {
  if (!Array.isArray(v)) throw new SchemaError(`${path} should be a list`);
  if (v.length > max) throw new SchemaError(`${path} is too long`);
  return v.map((x, i) => each(x, `${path}[${i}]`));
};
const obj = (v, path) => { if (!v || typeof v !== 'object' || Array.isArray(v)) throw new SchemaError(`${path} should be an object`); return v; };
const oneOf = (values) => (v, path) => { if (!values.includes(v)) throw new SchemaError(`${path} has an unknown value`); return v; };
const code = (v, path) => { if (typeof v !== 'string' || !/^[A-Z]{2}$/.test(v)) throw new SchemaError(`${path} should be a country code`); return v; };
const optCode = (v, path) => (v == null ? null : code(v, path));

const eventType = oneOf(EVENT_TYPES);
const status = oneOf(['done', 'planned', 'ongoing', 'ended']);
const precision = (v, path) => (v == null ? null : oneOf(['day', 'week', 'month', 'quarter', 'season', 'half', 'year', 'range', 'unknown'])(v, path));
const sourceRef = (v, p) => { obj(v, p); return { article: int(v.article, `${p}.article`), doc: str(v.doc, `${p}.doc`), index: int(v.index, `${p}.index`) }; };

function validateResults(data) {
  try {
    obj(data, 'results');
    if (data.format !== 'entente-results' || data.version !== 1) throw new SchemaError('this is not an entente results link');
    const articles = list(data.articles, 'articles', (a, p) => {
      obj(a, p);
      return {
        doc: str(a.doc, `${p}.doc`),
        title: optStr(a.title, `${p}.title`),
        published: optStr(a.published, `${p}.published`),
        published_inferred: bool(a.published_inferred, `${p}.published_inferred`),
        source: optStr(a.source, `${p}.source`),
        encoding: str(a.encoding, `${p}.encoding`),
        format: oneOf(['text', 'markdown', 'html'])(a.format, `${p}.format`),
        warnings: list(a.warnings, `${p}.warnings`, str),
        text: '',
        excluded: [],
        dates: [],
        countries: list(a.countries, `${p}.countries`, (c, q) => { obj(c, q); return { code: code(c.code, `${q}.code`), name: str(c.name, `${q}.name`), mentions: [] }; }),
        people: list(a.people, `${p}.people`, (x, q) => { obj(x, q); return { name: str(x.name, `${q}.name`), role: optStr(x.role, `${q}.role`), country: optCode(x.country, `${q}.country`), aliases: list(x.aliases, `${q}.aliases`, str), key: str(x.key, `${q}.key`), mentions: [] }; }),
        places: list(a.places, `${p}.places`, (x, q) => { obj(x, q); return { name: str(x.name, `${q}.name`), country: optCode(x.country, `${q}.country`), lat: optNum(x.lat, `${q}.lat`), lon: optNum(x.lon, `${q}.lon`), mentions: [] }; }),
        organizations: list(a.organizations, `${p}.organizations`, (x, q) => { obj(x, q); return { name: str(x.name, `${q}.name`), kind: str(x.kind, `${q}.kind`), mentions: [] }; }),
        events: list(a.events, `${p}.events`, (e, q) => {
          obj(e, q);
          return {
            type: eventType(e.type, `${q}.type`), actors: list(e.actors, `${q}.actors`, code, 2), directed: bool(e.directed, `${q}.directed`),
            date: optStr(e.date, `${q}.date`), date_precision: precision(e.date_precision, `${q}.date_precision`), date_at: null,
            place: optStr(e.place, `${q}.place`), status: status(e.status, `${q}.status`), people: list(e.people, `${q}.people`, str),
            plover: str(e.plover, `${q}.plover`), trigger: str(e.trigger, `${q}.trigger`), trigger_at: null,
            evidence: str(e.evidence, `${q}.evidence`), evidence_at: null,
          };
        }),
      };
    }, 100_000);
    const c = obj(data.corpus, 'corpus');
    const n = articles.length;
    const ref = (v, p) => { const r = sourceRef(v, p); if (r.article >= n) throw new SchemaError(`${p} points to a missing article`); return r; };
    const corpus = {
      people: list(c.people, 'corpus.people', (x, q) => { obj(x, q); return { name: str(x.name, `${q}.name`), aliases: list(x.aliases, `${q}.aliases`, str), role: optStr(x.role, `${q}.role`), country: optCode(x.country, `${q}.country`), key: str(x.key, `${q}.key`), sources: list(x.sources, `${q}.sources`, ref) }; }),
      events: list(c.events, 'corpus.events', (e, q) => {
        obj(e, q);
        return {
          type: eventType(e.type, `${q}.type`), actors: list(e.actors, `${q}.actors`, code, 2), directed: bool(e.directed, `${q}.directed`),
          date: optStr(e.date, `${q}.date`), date_precision: precision(e.date_precision, `${q}.date_precision`), place: optStr(e.place, `${q}.place`),
          status: status(e.status, `${q}.status`), people: list(e.people, `${q}.people`, str), plover: str(e.plover, `${q}.plover`), sources: list(e.sources, `${q}.sources`, ref),
        };
      }),
      countries: list(c.countries, 'corpus.countries', (x, q) => {
        obj(x, q);
        return {
          code: code(x.code, `${q}.code`), name: str(x.name, `${q}.name`), name_en: str(x.name_en, `${q}.name_en`), lat: optNum(x.lat, `${q}.lat`), lon: optNum(x.lon, `${q}.lon`),
          mentions: int(x.mentions, `${q}.mentions`), articles: int(x.articles, `${q}.articles`), events: int(x.events, `${q}.events`), partners: list(x.partners, `${q}.partners`, code),
        };
      }),
    };
    return { articles, corpus };
  } catch (err) {
    if (err instanceof SchemaError) throw new Error(`the shared results are not valid: ${err.message}`);
    throw err;
  }
}
