// Sharing. The URL fragment holds the view state (tab, filters, selection) and, for
// "share results", the extracted data compressed with deflate-raw in base64url.
// Loading results from a fragment only ever parses data, in the analysis worker, by the
// Rust core (src/share.rs, fuzzed): size limits, inflate with an output cap, a streaming
// JSON read into typed structs that keeps the known fields and nothing else. Everything it
// returns is then shown as text (dom.js never assigns markup).

import { EVENT_TYPES } from './model.js';

export const MAX_LINK_CHARS = 64 * 1024; // fragments longer than this are refused when sharing
const MAX_FRAGMENT_CHARS = 1024 * 1024; // … and when loading (as share::MAX_FRAGMENT_CHARS)

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

async function deflate(text) {
  const stream = new Blob([new TextEncoder().encode(text)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
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

/**
 * Decodes and validates a results fragment with the Rust decoder in the worker
 * (`engine.decodeShared`); throws an Error with a readable message. The cheap checks come
 * first, so an oversized or garbled link never reaches the worker.
 */
export async function decodeResults(text, engine) {
  if (text.length > MAX_FRAGMENT_CHARS) throw new Error('the link is too long to be a shared result');
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link is damaged (unexpected characters)');
  return engine.decodeShared(text);
}
