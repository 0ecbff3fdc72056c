// The page's side of the analysis worker: a queue of files sent in small chunks (so the
// worker stays free to merge between them), results handed back in batches, and merges
// requested at most a few times a second while a large drop is being analysed.

const CHUNK = 16; // files per message to the worker
const MERGE_EVERY_MS = 400;

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
    this.inFlight = 0;
    this.total = 0;
    this.done = 0;
    this.mergeReq = 0;
    this.mergeInFlight = false;
    this.mergeWanted = false;
    this.lastMerge = 0;
    this.mergeTimer = 0;
    this.idleWaiters = [];
    this.sent = new Map(); // id → name of the files the worker has not answered yet
    this.nextId = 1;
    this.decodes = new Map(); // req → {resolve, reject} of the shared links being decoded
    this.decodeReq = 0;

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
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'entente-analyser' });
    this.worker.onmessage = (e) => this.handle(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      this.rejectReady(new Error(`the analysis worker failed to start: ${e.message || 'unknown error'}`));
    };
    this.worker.postMessage({
      type: 'init',
      jsUrl: new URL(jsUrl, document.baseURI).href,
      wasmUrl: new URL(wasmUrl, document.baseURI).href,
    });
  }

  /** A fresh id for a file or an article. */
  id() {
    return this.nextId++;
  }

  /** Queues `[{id, name, bytes}]` for analysis. */
  analyze(files) {
    if (!files.length) return;
    if (!this.worker || this.failed) {
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
    this.worker?.postMessage({ type: 'adopt', items });
    if (merge) this.requestMerge(true);
  }

  /**
   * Decodes the results part of a shared link in the worker (Rust: size limits, inflate
   * with a cap, schema check). Resolves to `{articles, corpus}`; rejects with an Error
   * whose message says why the link cannot be opened.
   */
  async decodeShared(text) {
    if (!this.worker) throw new Error('the analyser is not available in this page');
    try {
      await this.ready;
    } catch (err) {
      throw new Error(`the analyser cannot start (${err.message})`);
    }
    if (this.failed) throw new Error(`the analyser cannot run (${this.failed})`);
    const req = ++this.decodeReq;
    return new Promise((resolve, reject) => {
      this.decodes.set(req, { resolve, reject });
      this.worker.postMessage({ type: 'decodeShared', req, text });
    });
  }

  /** The file name of the wasm module this page loads. */
  wasmName() {
    const url = document.querySelector('meta[name="entente-wasm"]')?.content || '';
    return url.split('/').pop();
  }

  remove(ids) {
    this.worker?.postMessage({ type: 'remove', ids });
    this.requestMerge(true);
  }

  clear() {
    this.queue.length = 0;
    this.worker?.postMessage({ type: 'clear' });
    this.requestMerge(true);
  }

  /** Resolves when the queue is empty and the last merge has arrived. */
  idle() {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  isIdle() {
    return !this.queue.length && !this.inFlight && !this.mergeInFlight && !this.mergeWanted;
  }

  pump() {
    // Two chunks in flight keep the worker busy without flooding its queue.
    while (this.queue.length && this.inFlight < 2) {
      const files = this.queue.splice(0, CHUNK);
      for (const f of files) this.sent.set(f.id, f.name);
      this.inFlight += 1;
      this.worker.postMessage({ type: 'analyze', files }, files.map((f) => f.bytes));
    }
  }

  requestMerge(now = false) {
    this.mergeWanted = true;
    clearTimeout(this.mergeTimer);
    // A merge costs more as the corpus grows: keep merging under ~20% of the worker's time.
    const every = Math.max(MERGE_EVERY_MS, 4 * (this.mergeCost || 0));
    const wait = now ? 0 : Math.max(0, this.lastMerge + every - performance.now());
    this.mergeTimer = setTimeout(() => this.sendMerge(), wait);
  }

  sendMerge() {
    if (this.mergeInFlight || !this.mergeWanted) return;
    this.mergeWanted = false;
    this.mergeInFlight = true;
    this.lastMerge = performance.now();
    this.worker.postMessage({ type: 'merge', req: ++this.mergeReq });
  }

  progress() {
    this.onProgress({ done: this.done, total: this.total });
    if (this.done >= this.total) {
      this.done = 0;
      this.total = 0;
    }
  }

  handle(msg) {
    if (msg.stats) this.stats = msg.stats;
    switch (msg.type) {
      case 'ready':
        this.version = msg.version;
        this.wasmBytes = msg.wasmBytes;
        this.resolveReady(msg);
        break;
      case 'fatal': {
        // The worker cannot go on: every file it holds or would get fails, with the reason.
        this.failed = msg.message;
        this.rejectReady(new Error(msg.message));
        const lost = [...this.sent].map(([id, name]) => ({ id, name })).concat(this.queue.splice(0));
        this.sent.clear();
        this.inFlight = 0;
        this.mergeInFlight = false;
        this.mergeWanted = false;
        this.done = this.total;
        this.progress();
        this.onResults(lost.map((f) => ({ id: f.id, name: f.name, error: `not analysed: ${msg.message}` })));
        this.idleWaiters.splice(0).forEach((r) => r());
        for (const d of this.decodes.values()) d.reject(new Error(`the analyser cannot run (${msg.message})`));
        this.decodes.clear();
        break;
      }
      case 'decodedShared': {
        const d = this.decodes.get(msg.req);
        this.decodes.delete(msg.req);
        if (msg.error) d?.reject(new Error(msg.error));
        else d?.resolve(msg.results);
        break;
      }
      case 'results': {
        this.inFlight -= 1;
        for (const it of msg.items) this.sent.delete(it.id);
        this.done += msg.items.length;
        // Merge right away when the work is done, otherwise at most every MERGE_EVERY_MS.
        this.requestMerge(!this.queue.length && !this.inFlight);
        this.onResults(msg.items);
        this.progress();
        this.pump();
        break;
      }
      case 'merged':
        this.mergeInFlight = false;
        this.mergeCost = performance.now() - this.lastMerge;
        this.onMerged(msg);
        if (this.mergeWanted) this.requestMerge(!this.queue.length && !this.inFlight);
        if (this.isIdle()) this.idleWaiters.splice(0).forEach((r) => r());
        break;
      default:
        break;
    }
  }
}
