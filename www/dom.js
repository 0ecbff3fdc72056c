// Small DOM helpers. Every piece of text goes in through textContent / createTextNode:
// nothing here (or anywhere in the page) assigns innerHTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an element. `attrs`: `class`, `dataset` (object), `on*` (listeners), `text`,
 * anything else as an attribute (skipped when null/false). Children: nodes or strings
 * (strings become text nodes).
 */
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** Same as `h` in the SVG namespace. */
export function s(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Appends nodes or strings (as text) to `el`, flattening arrays and skipping nulls. */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Removes every child of `el`. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

/** Shows a short message at the bottom of the window. */
let toastTimer = 0;
export function toast(message, ms = 3500) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, ms);
}

/** Debounce: calls `fn` once `ms` after the last call. */
export function debounce(fn, ms) {
  let t = 0;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

/** Runs `fn` at most once per animation frame. */
export function rafThrottle(fn) {
  let pending = false;
  let cost = 0; // how long the last call took
  let last = 0; // when it ended
  const throttled = () => {
    if (pending) return;
    pending = true;
    // At most once a frame, and, when a call is costly (thousands of rows), leaving the
    // main thread free three quarters of the time between calls.
    const wait = Math.max(0, last + 3 * cost - performance.now());
    const run = () => requestAnimationFrame(() => {
      pending = false;
      const t0 = performance.now();
      fn();
      last = performance.now();
      cost = last - t0;
    });
    if (wait > 16) setTimeout(run, wait);
    else run();
  };
  /** True while a call is scheduled and has not run yet. */
  throttled.pending = () => pending;
  return throttled;
}

/** A tooltip that follows the pointer; `content` is a node or a string. */
export const tooltip = {
  show(evt, content) {
    const el = document.getElementById('tooltip');
    clear(el);
    append(el, [content]);
    el.hidden = false;
    this.move(evt);
  },
  move(evt) {
    const el = document.getElementById('tooltip');
    if (el.hidden) return;
    const pad = 14;
    const r = el.getBoundingClientRect();
    let x = evt.clientX + pad;
    let y = evt.clientY + pad;
    if (x + r.width > window.innerWidth - 8) x = Math.max(8, evt.clientX - r.width - pad);
    if (y + r.height > window.innerHeight - 8) y = Math.max(8, evt.clientY - r.height - pad);
    el.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  },
  hide() {
    document.getElementById('tooltip').hidden = true;
  },
};

/** Triggers a download of `content` (string or Blob) as `filename`. */
export function download(filename, content, type = 'application/octet-stream') {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
