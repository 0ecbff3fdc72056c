// A sortable, keyboard-accessible table that renders its rows in pages (so thousands of
// rows cost nothing until scrolled to). Cells are built from text or nodes, never HTML.

import { h, clear } from './dom.js';

const PAGE = 200;

/**
 * columns: [{key, label, sort?: row → value, cell: row → Node|string, className?, width?}]
 * opts: {caption, empty, onActivate(row, cellKey), rowKey(row), selectedKey, sortState}
 * `sortState` ({key, dir}) is shared with the caller so a sort survives re-renders.
 */
export function renderTable(container, rows, columns, opts = {}) {
  const state = opts.sortState || { key: null, dir: 1 };
  clear(container);
  if (opts.caption) container.appendChild(opts.caption);
  if (!rows.length) {
    container.appendChild(h('p', { class: 'empty' }, opts.empty || 'Nothing to show.'));
    return;
  }

  const sorted = sortRows(rows, columns, state);
  const table = h('table', { class: 'grid' });
  const thead = h('thead');
  const tr = h('tr');
  for (const col of columns) {
    const th = h('th', { scope: 'col', class: col.className || null });
    if (col.sort) {
      const active = state.key === col.key;
      th.setAttribute('aria-sort', active ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
      const btn = h('button', { type: 'button', class: 'sort' }, col.label, h('span', { class: 'arrow', 'aria-hidden': 'true' }, active ? (state.dir > 0 ? '▲' : '▼') : ''));
      btn.addEventListener('click', () => {
        if (state.key === col.key) state.dir = -state.dir;
        else { state.key = col.key; state.dir = col.defaultDir || 1; }
        renderTable(container, rows, columns, { ...opts, sortState: state });
        container.querySelector(`th[data-key="${col.key}"] button`)?.focus();
      });
      th.appendChild(btn);
    } else {
      th.textContent = col.label;
    }
    th.dataset.key = col.key;
    tr.appendChild(th);
  }
  thead.appendChild(tr);
  table.appendChild(thead);
  const tbody = h('tbody');
  table.appendChild(tbody);

  let shown = 0;
  const more = h('button', { type: 'button', class: 'more' });
  const addPage = () => {
    const end = Math.min(sorted.length, shown + PAGE);
    const frag = document.createDocumentFragment();
    for (let i = shown; i < end; i++) frag.appendChild(rowEl(sorted[i], columns, opts));
    tbody.appendChild(frag);
    shown = end;
    more.hidden = shown >= sorted.length;
    more.textContent = `Show ${Math.min(PAGE, sorted.length - shown)} more of ${sorted.length - shown} remaining rows`;
  };
  more.addEventListener('click', addPage);

  tbody.addEventListener('keydown', (e) => {
    const row = e.target.closest('tr');
    if (!row) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      let next = e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
      if (!next && e.key === 'ArrowDown' && !more.hidden) { addPage(); next = row.nextElementSibling; }
      next?.focus();
    } else if ((e.key === 'Enter' || e.key === ' ') && e.target === row) {
      e.preventDefault();
      row.click();
    }
  });

  const wrap = h('div', { class: 'table-wrap' }, table);
  container.appendChild(wrap);
  container.appendChild(more);
  addPage();
  // Keep the selected row in view when the table is rebuilt.
  if (opts.selectedKey != null) {
    const sel = tbody.querySelector('tr.selected');
    sel?.scrollIntoView({ block: 'nearest' });
  }
}

function rowEl(row, columns, opts) {
  const key = opts.rowKey ? opts.rowKey(row) : null;
  const tr = h('tr', { tabindex: opts.onActivate ? '0' : null, class: key != null && key === opts.selectedKey ? 'selected' : null });
  if (key != null) tr.dataset.key = String(key);
  for (const col of columns) {
    const v = col.cell(row);
    const td = h('td', { class: col.className || null }, v);
    td.dataset.col = col.key;
    tr.appendChild(td);
  }
  if (opts.onActivate) {
    tr.addEventListener('click', (e) => {
      if (e.target.closest('a, button, input')) return;
      const td = e.target.closest('td');
      opts.onActivate(row, td ? td.dataset.col : null);
    });
  }
  return tr;
}

function sortRows(rows, columns, state) {
  const col = columns.find((c) => c.key === state.key && c.sort);
  if (!col) return rows;
  const keyed = rows.map((r, i) => [col.sort(r), i, r]);
  keyed.sort((a, b) => {
    const ea = isEmpty(a[0]);
    const eb = isEmpty(b[0]);
    if (ea || eb) return ea === eb ? a[1] - b[1] : ea ? 1 : -1; // empty cells last either way
    return compare(a[0], b[0]) * state.dir || a[1] - b[1];
  });
  return keyed.map((k) => k[2]);
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const isEmpty = (v) => v == null || v === '' || (typeof v === 'number' && !Number.isFinite(v));
function compare(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}
