// An analysis worker (a module worker). It loads the wasm-bindgen module that trunk built
// (its hashed URL comes from the page) and analyses the files it is sent, in order. The page
// runs a few of these side by side (see engine.js); the first one also merges.
//
// Analyses travel as JSON text written by the Rust core: `JSON.parse` on the page side is
// several times faster than building the objects field by field across the wasm boundary,
// and the same text goes back, untouched, into the merge.
//
// Messages in:  {type:'init', jsUrl, wasmUrl}
//               {type:'analyze', files:[{id, name, bytes: ArrayBuffer}]}
//               {type:'merge', req, ids, jsons}: the analyses to merge, as JSON texts
//               {type:'decodeShared', req, text}: the results part of a shared link
// Messages out: {type:'ready', version} · {type:'fatal', message}
//               {type:'results', items:[{id, name, json} | {id, name, error, crashed?}]}
//               {type:'merged', req, ids, json} | {type:'merged', req, ids, error}
//               {type:'decodedShared', req, results} | {type:'decodedShared', req, error}

let urls = null;
let compiled = null; // WebAssembly.Module, compiled once
let api = null; // the current wasm-bindgen module namespace
let merger = null; // {api, m}: the Merger of the instance `api`, what it has read of each analysis
let generation = 0;
let lastPanic = '';
const stats = { analyzeMs: 0, mergeMs: 0, merges: 0, files: 0 };

// The facade's panic hook calls this before the instance traps.
globalThis.__ententePanic = (message) => { lastPanic = String(message); };

async function instantiate() {
  // A fresh import (new query string) gives a fresh module record, so an instance that
  // trapped after a panic is never used again.
  generation += 1;
  const url = new URL(urls.jsUrl);
  if (generation > 1) url.searchParams.set('instance', String(generation));
  const mod = await import(url.href);
  await mod.default({ module_or_path: compiled });
  api = mod;
}

async function init(msg) {
  urls = { jsUrl: msg.jsUrl, wasmUrl: msg.wasmUrl };
  const resp = await fetch(urls.wasmUrl);
  if (!resp.ok) throw new Error(`cannot load the analyser (${resp.status} ${resp.statusText})`);
  const bytes = await resp.arrayBuffer();
  compiled = await WebAssembly.compile(bytes);
  await instantiate();
  // The first analysis builds the core's tables: do it now, not on the user's first file.
  try {
    api.analyze_file_json('warm-up.txt', new TextEncoder().encode('Le 3 mars 2020, la France a livré des blindés au Mali, à Bamako.'));
  } catch {
    await instantiate();
  }
  postMessage({ type: 'ready', version: api.version(), wasmBytes: bytes.byteLength });
}

async function analyze(files) {
  const items = [];
  for (const f of files) {
    lastPanic = '';
    const t0 = performance.now();
    try {
      const json = api.analyze_file_json(f.name, new Uint8Array(f.bytes));
      stats.analyzeMs += performance.now() - t0;
      stats.files += 1;
      items.push({ id: f.id, name: f.name, json });
    } catch (err) {
      if (lastPanic || err instanceof WebAssembly.RuntimeError) {
        items.push({ id: f.id, name: f.name, crashed: true, error: `the analyser failed on this file (${lastPanic || err.message}); the other files are not affected` });
        await instantiate();
      } else {
        items.push({ id: f.id, name: f.name, error: err && err.message ? err.message : String(err) });
      }
    }
  }
  postMessage({ type: 'results', items, stats });
}

async function merge(req, ids, jsons) {
  lastPanic = '';
  try {
    const t0 = performance.now();
    // Each analysis is read once, the first time it is merged: the merger keeps what the
    // merge needs of it, and later merges of a growing corpus read only the new ones.
    if (!merger || merger.api !== api) merger = { api, m: new api.Merger() };
    for (let i = 0; i < ids.length; i++) {
      if (!merger.m.has(ids[i])) merger.m.add(ids[i], jsons[i]);
    }
    merger.m.retain(ids);
    const json = merger.m.merge(ids);
    stats.mergeMs += performance.now() - t0;
    stats.merges += 1;
    postMessage({ type: 'merged', req, ids, json, stats });
  } catch (err) {
    if (lastPanic || err instanceof WebAssembly.RuntimeError) await instantiate();
    postMessage({ type: 'merged', req, ids, error: `merging failed: ${lastPanic || err.message}` });
  }
}

// A shared link is decoded and checked by the Rust core (src/share.rs): size limits, inflate
// with a cap, schema. Only data comes back.
function decodeShared(req, text) {
  lastPanic = '';
  try {
    postMessage({ type: 'decodedShared', req, results: api.decode_shared(text) });
  } catch (err) {
    const crashed = lastPanic || err instanceof WebAssembly.RuntimeError;
    postMessage({ type: 'decodedShared', req, error: crashed ? `the link could not be read (${lastPanic || err.message})` : (err && err.message) || String(err) });
    if (crashed) return instantiate();
  }
  return null;
}

// Messages are handled one at a time, in order.
let chain = Promise.resolve();
onmessage = (e) => {
  const msg = e.data;
  chain = chain.then(async () => {
    try {
      switch (msg.type) {
        case 'init': await init(msg); break;
        case 'analyze': await analyze(msg.files); break;
        case 'merge': await merge(msg.req, msg.ids, msg.jsons); break;
        case 'decodeShared': await decodeShared(msg.req, msg.text); break;
        default: break;
      }
    } catch (err) {
      postMessage({ type: 'fatal', message: err && err.message ? err.message : String(err) });
    }
  });
};
