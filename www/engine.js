// The page's side of the analysis workers: a pool of workers (one per core, up to four)
// fed from one queue in small chunks, results handed back in batches, and merges requested
// at most a few times a second while a large drop is being analysed. The analyses are kept
// here as the JSON texts the Rust core wrote (see worker.js), so any worker can merge them;
// the first live worker does.

const CHUNK = 16; // files per message to a worker
const MERGE_EVERY_MS = 400;
const MAX_WORKERS = 4;

export class Engine {
  /**
   * `onResults(items)`: a batch of per-file results, in order.
   * `onMerged({ids, merged, error})`: a new merged view of the articles `ids`.
   * `onProgress({done, total})`.
   */
  constructor({ onResults, onMerged, onProgress }) {
    this.onResults = onResults;
    this.onMerged = onMerged;
    this.onProgress = onProgress;
    this.queue = [];
    this.total = 0;
    this.done = 0;
    this.mergeReq = 0;
    this.mergeInFlight = false;
    this.mergeWanted = false;
    this.staleMerge = false;
    this.lastMerge = 0;
    this.mergeTimer = 0;
    this.idleWaiters = [];
    this.nextId = 1;
    this.decodes = new Map(); // req → {resolve, reject} of the shared links being decoded
    this.decodeReq = 0;
    this.jsons = new Map(); // id → the analysis as JSON text, in arrival order: what is merged
    this.workers = [];
    this.stats = { analyzeMs: 0, mergeMs: 0, merges: 0, files: 0, workers: 0 };

    const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;
    const jsUrl = meta('entente-wasm-js');
    const wasmUrl = meta('entente-wasm');
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    if (!jsUrl || !wasmUrl) {
      this.rejectReady(new Error('this page was not built with trunk (no analyser module)'));
      return;
    }
    const n = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 2));
    const init = { type: 'init', jsUrl: new URL(jsUrl, document.baseURI).href, wasmUrl: new URL(wasmUrl, document.baseURI).href };
    for (let i = 0; i < n; i++) {
      const w = {
        index: i,
        worker: new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: `entente-analyser-${i + 1}` }),
        inFlight: 0,
        sent: new Map(), // id → {id, name, bytes} of the files this worker has not answered yet
        failed: '',
        stats: null,
      };
      w.worker.onmessage = (e) => this.handle(w, e.data);
      w.worker.onerror = (e) => {
        e.preventDefault?.();
        this.fail(w, `the analysis worker failed to start: ${e.message || 'unknown error'}`);
      };
      w.worker.postMessage(init);
      this.workers.push(w);
    }
    this.stats.workers = n;
  }

  /** The workers still able to work. */
  live() {
    return this.workers.filter((w) => !w.failed);
  }

  /** A fresh id for a file or an article. */
  id() {
    return this.nextId++;
  }

  /** Queues `[{id, name, bytes}]` for analysis. */
  analyze(files) {
    if (!files.length) return;
    if (!this.live().length || this.failed) {
      this.onResults(files.map((f) => ({ id: f.id, name: f.name, error: `not analysed: ${this.failed || 'the analyser is not available in this page'}` })));
      return;
    }
    this.queue.push(...files);
    this.total += files.length;
    this.progress();
    this.pump();
  }

  /** Hands over analyses made by this same module elsewhere (the pre-analysed seeds). */
  adopt(items, { merge = false } = {}) {
    for (const it of items) this.jsons.set(it.id, JSON.stringify(it.analysis));
    if (merge) {
      this.requestMerge(true);
    } else if (this.mergeInFlight) {
      // The caller shows its own merged view of what it adopted (the seeds' cache). A merge
      // still on its way was asked before (e.g. by a clear): showing it would replace that
      // view with an older one. Drop it and merge again when it arrives.
      this.staleMerge = true;
      this.mergeWanted = true;
    }
  }

  /**
   * Decodes the results part of a shared link in a worker (Rust: size limits, inflate
   * with a cap, schema check). Resolves to `{articles, corpus}`; rejects with an Error
   * whose message says why the link cannot be opened.
   */
  async decodeShared(text) {
    if (!this.workers.length) throw new Error('the analyser is not available in this page');
    try {
      await this.ready;
    } catch (err) {
      throw new Error(`the analyser cannot start (${err.message})`);
    }
    const w = this.live()[0];
    if (!w) throw new Error(`the analyser cannot run (${this.failed})`);
    const req = ++this.decodeReq;
    return new Promise((resolve, reject) => {
      this.decodes.set(req, { resolve, reject });
      w.worker.postMessage({ type: 'decodeShared', req, text });
    });
  }

  /** The file name of the wasm module this page loads. */
  wasmName() {
    const url = document.querySelector('meta[name="entente-wasm"]')?.content || '';
    return url.split('/').pop();
  }

  remove(ids) {
    for (const id of ids) this.jsons.delete(id);
    this.requestMerge(true);
  }

  clear() {
    this.queue.length = 0;
    this.jsons.clear();
    this.requestMerge(true);
  }

  /** Resolves when the queue is empty and the last merge has arrived. */
  idle() {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  inFlight() {
    return this.workers.reduce((n, w) => n + w.inFlight, 0);
  }

  isIdle() {
    return !this.queue.length && !this.inFlight() && !this.mergeInFlight && !this.mergeWanted;
  }

  pump() {
    // Two chunks in flight per worker keep each busy without flooding its queue.
    for (const w of this.live()) {
      while (this.queue.length && w.inFlight < 2) {
        const files = this.queue.splice(0, CHUNK);
        for (const f of files) w.sent.set(f.id, f);
        w.inFlight += 1;
        // The bytes are copied, not transferred: a worker that dies hands its files over.
        w.worker.postMessage({ type: 'analyze', files });
      }
    }
  }

  requestMerge(now = false) {
    this.mergeWanted = true;
    clearTimeout(this.mergeTimer);
    // A merge costs more as the corpus grows: keep merging under ~20% of the worker's time.
    // Even a merge wanted "now" waits ⅛ ms per article since the last one, so that the
    // pauses of a drop of thousands of files do not each cost a full merge.
    const every = Math.max(MERGE_EVERY_MS, 4 * (this.mergeCost || 0));
    const spacing = now ? this.jsons.size / 8 : every;
    const wait = Math.max(0, this.lastMerge + spacing - performance.now());
    this.mergeTimer = setTimeout(() => this.sendMerge(), wait);
  }

  sendMerge() {
    if (this.mergeInFlight || !this.mergeWanted) return;
    const w = this.live()[0];
    if (!w) return;
    this.mergeWanted = false;
    this.mergeInFlight = true;
    this.lastMerge = performance.now();
    // In id (drop) order, whatever order the workers answered in: the same drop always
    // merges the same way.
    const ids = [...this.jsons.keys()].sort((a, b) => a - b);
    w.worker.postMessage({ type: 'merge', req: ++this.mergeReq, ids, jsons: ids.map((id) => this.jsons.get(id)) });
  }

  progress() {
    this.onProgress({ done: this.done, total: this.total });
    if (this.done >= this.total) {
      this.done = 0;
      this.total = 0;
    }
  }

  /** Sums the workers' figures (analysis time is CPU time over all workers). */
  sumStats() {
    const s = { analyzeMs: 0, mergeMs: 0, merges: 0, files: 0, workers: this.workers.length };
    for (const w of this.workers) {
      if (!w.stats) continue;
      s.analyzeMs += w.stats.analyzeMs;
      s.mergeMs += w.stats.mergeMs;
      s.merges += w.stats.merges;
      s.files += w.stats.files;
    }
    this.stats = s;
  }

  /** A worker cannot go on: its files go to the others, or fail with the reason if none is left. */
  fail(w, message) {
    if (w.failed) return;
    w.failed = message;
    const orphans = [...w.sent.values()];
    w.sent.clear();
    w.inFlight = 0;
    if (!this.live().length) {
      this.failed = message;
      this.rejectReady(new Error(message));
      const lost = orphans.concat(this.queue.splice(0));
      this.mergeInFlight = false;
      this.mergeWanted = false;
      this.staleMerge = false;
      this.done = this.total;
      this.progress();
      this.onResults(lost.map((f) => ({ id: f.id, name: f.name, error: `not analysed: ${message}` })));
      this.idleWaiters.splice(0).forEach((r) => r());
      for (const d of this.decodes.values()) d.reject(new Error(`the analyser cannot run (${message})`));
      this.decodes.clear();
      return;
    }
    this.queue.unshift(...orphans);
    if (this.mergeInFlight) {
      // The merge may have been lost with the worker: ask again.
      this.mergeInFlight = false;
      this.staleMerge = false;
      this.requestMerge(true);
    }
    this.pump();
  }

  handle(w, msg) {
    if (msg.stats) {
      w.stats = msg.stats;
      this.sumStats();
    }
    switch (msg.type) {
      case 'ready':
        this.version = msg.version;
        this.wasmBytes = msg.wasmBytes;
        this.resolveReady(msg);
        break;
      case 'fatal':
        this.fail(w, msg.message);
        break;
      case 'decodedShared': {
        const d = this.decodes.get(msg.req);
        this.decodes.delete(msg.req);
        if (msg.error) d?.reject(new Error(msg.error));
        else d?.resolve(msg.results);
        break;
      }
      case 'results': {
        w.inFlight -= 1;
        const items = [];
        for (const it of msg.items) {
          w.sent.delete(it.id);
          if (it.json === undefined) {
            items.push(it);
            continue;
          }
          try {
            const analysis = JSON.parse(it.json);
            this.jsons.set(it.id, it.json);
            items.push({ id: it.id, name: it.name, analysis });
          } catch (err) {
            items.push({ id: it.id, name: it.name, error: `the analysis could not be read (${err.message})` });
          }
        }
        this.done += items.length;
        // Merge right away when the work is done, otherwise at most every MERGE_EVERY_MS.
        this.requestMerge(!this.queue.length && !this.inFlight());
        this.onResults(items);
        this.progress();
        this.pump();
        break;
      }
      case 'merged': {
        this.mergeInFlight = false;
        this.mergeCost = performance.now() - this.lastMerge;
        let merged = null;
        let error = msg.error;
        if (msg.json !== undefined) {
          try {
            merged = JSON.parse(msg.json);
          } catch (err) {
            error = `merging failed: ${err.message}`;
          }
        }
        if (this.staleMerge) this.staleMerge = false;
        else this.onMerged({ ids: msg.ids, merged, error });
        if (this.mergeWanted) this.requestMerge(!this.queue.length && !this.inFlight());
        if (this.isIdle()) this.idleWaiters.splice(0).forEach((r) => r());
        break;
      }
      default:
        break;
    }
  }
}
