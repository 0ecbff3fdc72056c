// Network: countries as nodes, events as edges weighted by their number, laid out by a
// small deterministic force simulation. Click a country to filter by it.

import { h, s, clear, tooltip } from './dom.js';
import { TYPE_LABELS } from './model.js';

export function renderNetwork(container, { events, nameOf, selectedCountry, onCountry }) {
  clear(container);
  const nodes = new Map();
  const edges = new Map();
  for (const e of events) {
    if (!e.from || !e.to || e.from === e.to) continue;
    for (const c of [e.from, e.to]) {
      if (!nodes.has(c)) nodes.set(c, { code: c, n: 0, x: 0, y: 0, vx: 0, vy: 0 });
      nodes.get(c).n += 1;
    }
    const [a, b] = [e.from, e.to].sort();
    const k = `${a}|${b}`;
    if (!edges.has(k)) edges.set(k, { a, b, n: 0, types: new Map() });
    const ed = edges.get(k);
    ed.n += 1;
    ed.types.set(e.type, (ed.types.get(e.type) || 0) + 1);
  }
  if (!nodes.size) {
    container.appendChild(h('p', { class: 'empty' }, 'No cooperation between two countries to show.'));
    return;
  }
  container.appendChild(h('p', { class: 'muted hint' }, `${nodes.size} countries, ${edges.size} partnerships. Node size: events; line width: events between the two. Click a country to filter by it.`));

  layout([...nodes.values()], [...edges.values()], nodes);

  // Fit the layout to the box on screen, so that sizes and labels are in pixels.
  const list = [...nodes.values()];
  const wrap = h('div', { class: 'network-wrap' });
  container.appendChild(wrap);
  const W = Math.max(480, wrap.clientWidth || 900);
  const H = Math.max(320, wrap.clientHeight || 560);
  const [mx, my] = [90, 50];
  const minX = Math.min(...list.map((n) => n.x));
  const maxX = Math.max(...list.map((n) => n.x));
  const minY = Math.min(...list.map((n) => n.y));
  const maxY = Math.max(...list.map((n) => n.y));
  const k = Math.min((W - 2 * mx) / Math.max(1, maxX - minX), (H - 2 * my) / Math.max(1, maxY - minY));
  const ox = (W - k * (maxX - minX)) / 2;
  const oy = (H - k * (maxY - minY)) / 2;
  for (const n of list) {
    n.x = ox + (n.x - minX) * k;
    n.y = oy + (n.y - minY) * k;
  }
  const svg = s('svg', { class: 'network', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Network of ${nodes.size} countries` });
  const maxE = Math.max(...[...edges.values()].map((e) => e.n));
  const maxN = Math.max(...list.map((n) => n.n));
  const gE = s('g', { class: 'edges' });
  for (const ed of [...edges.values()].sort((p, q) => p.n - q.n)) {
    const A = nodes.get(ed.a);
    const B = nodes.get(ed.b);
    const top = [...ed.types].sort((p, q) => q[1] - p[1])[0][0];
    const line = s('line', { class: `edge t-${top}`, x1: A.x, y1: A.y, x2: B.x, y2: B.y, 'stroke-width': (1.5 + 7 * Math.sqrt(ed.n / maxE)).toFixed(2) });
    line.dataset.edge = `${ed.a}|${ed.b}`;
    gE.appendChild(line);
  }
  svg.appendChild(gE);
  const gN = s('g', { class: 'nodes' });
  for (const n of list) {
    const r = 6 + 14 * Math.sqrt(n.n / maxN);
    const g = s('g', { class: `node${n.code === selectedCountry ? ' selected' : ''}`, tabindex: '0', role: 'button', 'aria-label': `${nameOf(n.code)}: ${n.n} events` });
    g.dataset.code = n.code;
    g.appendChild(s('circle', { cx: n.x, cy: n.y, r }));
    g.appendChild(s('text', { x: n.x, y: n.y + r + 13, 'text-anchor': 'middle' }, nameOf(n.code)));
    g.addEventListener('click', () => onCountry(n.code));
    g.addEventListener('keydown', (evt) => { if (evt.key === 'Enter' || evt.key === ' ') { evt.preventDefault(); onCountry(n.code); } });
    gN.appendChild(g);
  }
  svg.appendChild(gN);
  svg.addEventListener('mousemove', (evt) => {
    const t = evt.target;
    const edge = t.dataset?.edge;
    const node = t.closest?.('.node');
    if (edge) {
      const ed = edges.get(edge);
      tooltip.show(evt, h('div', {}, h('strong', {}, `${nameOf(ed.a)} – ${nameOf(ed.b)}`), h('div', {}, `${ed.n} event${ed.n === 1 ? '' : 's'}`),
        [...ed.types].sort((p, q) => q[1] - p[1]).map(([t2, k]) => h('div', {}, h('span', { class: `swatch t-${t2}` }), ` ${TYPE_LABELS[t2] || t2}: ${k}`))));
    } else if (node) {
      const n = nodes.get(node.dataset.code);
      tooltip.show(evt, `${nameOf(n.code)}: ${n.n} event${n.n === 1 ? '' : 's'}`);
    } else tooltip.hide();
  });
  svg.addEventListener('mouseleave', () => tooltip.hide());
  wrap.appendChild(svg);
}

/** Fruchterman–Reingold style layout, deterministic (nodes start on a circle). */
function layout(list, edges, byCode) {
  const N = list.length;
  list.sort((a, b) => b.n - a.n || a.code.localeCompare(b.code));
  const R = 60 + 28 * N;
  list.forEach((n, i) => {
    const a = (2 * Math.PI * i) / N;
    n.x = R * Math.cos(a);
    n.y = R * Math.sin(a) * 0.7;
  });
  if (N < 3) return;
  const area = (R * 2) * (R * 1.4);
  const k = Math.sqrt(area / N) * 0.8;
  let temp = R / 4;
  const iters = N > 150 ? 120 : 300;
  for (let it = 0; it < iters; it++) {
    for (const v of list) { v.vx = 0; v.vy = 0; }
    for (let i = 0; i < N; i++) {
      for (let j = i + 1; j < N; j++) {
        const a = list[i];
        const b = list[j];
        let dx = a.x - b.x;
        let dy = a.y - b.y;
        let d = Math.hypot(dx, dy) || 0.01;
        const f = (k * k) / d;
        dx /= d; dy /= d;
        a.vx += dx * f; a.vy += dy * f;
        b.vx -= dx * f; b.vy -= dy * f;
      }
    }
    for (const ed of edges) {
      const a = byCode.get(ed.a);
      const b = byCode.get(ed.b);
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      const d = Math.hypot(dx, dy) || 0.01;
      const f = ((d * d) / k) * (0.6 + 0.4 * Math.log2(1 + ed.n)) / d;
      a.vx -= dx * f; a.vy -= dy * f;
      b.vx += dx * f; b.vy += dy * f;
    }
    for (const v of list) {
      // A weak pull to the centre keeps separate components on screen.
      v.vx -= v.x * 0.02; v.vy -= v.y * 0.03;
      const d = Math.hypot(v.vx, v.vy) || 0.01;
      v.x += (v.vx / d) * Math.min(d, temp);
      v.y += (v.vy / d) * Math.min(d, temp);
    }
    temp *= 0.985;
  }
}
