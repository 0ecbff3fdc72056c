// trunk post_build hook. Writes into the staging directory:
//  - seeds/index.json: the list of bundled seed articles;
//  - seeds/analysis.json: those articles already analysed and merged by the very wasm
//    module of this build (run here under node), so the page shows them at once. The page
//    uses it only when its `wasm` field names the module it loaded; otherwise it analyses
//    the seeds itself.
import { readdirSync, readFileSync, writeFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('seed-index: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}
const dir = join(staging, 'seeds');
mkdirSync(dir, { recursive: true });
const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(txt|html?|md)$/i.test(f)).sort() : [];
writeFileSync(join(dir, 'index.json'), JSON.stringify({ files }, null, 1) + '\n');
console.log(`seed-index: ${files.length} seed articles listed`);

const wasm = readdirSync(staging).find((f) => f.endsWith('_bg.wasm'));
const js = wasm && wasm.replace(/_bg\.wasm$/, '.js');
if (!wasm || !existsSync(join(staging, js))) {
  console.log('seed-index: no wasm module in the build, seeds/analysis.json not written');
  process.exit(0);
}
const tmp = mkdtempSync(join(tmpdir(), 'entente-seeds-'));
try {
  // The wasm-bindgen module is an ES module whatever the folder's package.json says.
  const mjs = join(tmp, 'entente.mjs');
  writeFileSync(mjs, readFileSync(join(staging, js)));
  const api = await import(pathToFileURL(mjs).href);
  api.initSync({ module: readFileSync(join(staging, wasm)) });
  const articles = [];
  const failed = [];
  for (const name of files) {
    try {
      articles.push(api.analyze_file_json(name, readFileSync(join(dir, name))));
    } catch (err) {
      failed.push({ name, error: err && err.message ? err.message : String(err) });
      // A panic leaves the instance unusable: stop here, the page analyses the seeds itself.
      if (err instanceof WebAssembly.RuntimeError) throw err;
    }
  }
  // JSON texts in and out, as the page's workers use them.
  const corpus = JSON.parse(api.merge_json(articles));
  const out = { wasm, version: api.version(), articles: articles.map((a) => JSON.parse(a)), failed, corpus };
  writeFileSync(join(dir, 'analysis.json'), JSON.stringify(out) + '\n');
  console.log(`seed-index: ${articles.length} seeds analysed into seeds/analysis.json (${corpus.events.length} events)`);
} catch (err) {
  console.log(`seed-index: seeds not pre-analysed (${err.message}); the page will analyse them`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
