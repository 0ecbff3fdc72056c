// Timeline: events on a time axis, one lane per partner pair, coloured by type. An event
// known only to the month, season or year is drawn as a bar over that period; a day is a
// dot. Wheel or +/− to zoom, drag or arrow keys to pan, hover for evidence, click to select.

import { h, s, clear, tooltip } from './dom.js';
import { EVENT_TYPES, TYPE_LABELS, formatDate } from './model.js';

const DAY = 86_400_000;
const LABEL_W = 190;
const AXIS_H = 30;
const ROW_H = 16;
const LANE_PAD = 6;

let zoom = null; // {t0, t1} kept across re-renders while the data domain is unchanged
let zoomDomain = '';

export function renderTimeline(container, events, { nameOf, selected, onSelect }) {
  clear(container);
  const dated = events.filter((e) => e.iv);
  const undated = events.length - dated.length;

  const legend = h('div', { class: 'type-legend' },
    EVENT_TYPES.map((t) => h('span', { class: `legend-item` }, h('span', { class: `swatch t-${t}` }), TYPE_LABELS[t])));
  const toolbar = h('div', { class: 'toolbar' },
    h('button', { type: 'button', title: 'Zoom in (+)', 'aria-label': 'Zoom in', onclick: () => zoomBy(0.5) }, '+'),
    h('button', { type: 'button', title: 'Zoom out (−)', 'aria-label': 'Zoom out', onclick: () => zoomBy(2) }, '−'),
    h('button', { type: 'button', title: 'Show everything (0)', onclick: () => { zoom = null; draw(); } }, 'Fit'),
    h('span', { class: 'muted hint' }, 'Scroll to zoom, drag to pan. Bars are events known only to a month, season or year.'),
    undated ? h('span', { class: 'muted hint' }, `${undated} undated event${undated > 1 ? 's' : ''} not shown.`) : null,
    legend);
  container.appendChild(toolbar);

  if (!dated.length) {
    container.appendChild(h('p', { class: 'empty' }, events.length ? 'None of these events has a date.' : 'No events to show.'));
    return;
  }

  // Lanes: one per unordered pair, busiest first; events packed into rows inside a lane.
  const lanesByPair = new Map();
  for (const e of dated) {
    if (!lanesByPair.has(e.pair)) lanesByPair.set(e.pair, { pair: e.pair, a: [e.from, e.to].sort()[0], b: [e.from, e.to].sort()[1], events: [] });
    lanesByPair.get(e.pair).events.push(e);
  }
  const lanes = [...lanesByPair.values()].sort((x, y) => y.events.length - x.events.length || x.pair.localeCompare(y.pair));
  let y = AXIS_H;
  for (const lane of lanes) {
    lane.events.sort((p, q) => p.iv.start - q.iv.start || (q.iv.end - q.iv.start) - (p.iv.end - p.iv.start));
    const rowEnds = [];
    for (const e of lane.events) {
      // Rows hold events that do not overlap (with a little room for dots).
      const minGap = 2 * DAY;
      let r = rowEnds.findIndex((end) => end + minGap <= e.iv.start);
      if (r < 0) { r = rowEnds.length; rowEnds.push(0); }
      rowEnds[r] = Math.max(e.iv.end, e.iv.start + DAY);
      e._row = r;
    }
    lane.rows = Math.max(1, rowEnds.length);
    lane.y = y;
    lane.h = lane.rows * ROW_H + LANE_PAD * 2;
    y += lane.h;
  }
  const height = y + 4;

  let t0 = Math.min(...dated.map((e) => e.iv.start));
  let t1 = Math.max(...dated.map((e) => e.iv.end));
  const pad = Math.max((t1 - t0) * 0.04, 15 * DAY);
  t0 -= pad; t1 += pad;
  const domainKey = `${t0}:${t1}`;
  if (zoomDomain !== domainKey) { zoom = null; zoomDomain = domainKey; }

  const svg = s('svg', { class: 'timeline', tabindex: '0', role: 'img', 'aria-label': `Timeline of ${dated.length} dated events in ${lanes.length} partner pairs` });
  const wrap = h('div', { class: 'timeline-wrap' }, svg);
  container.appendChild(wrap);

  function view() { return zoom || { t0, t1 }; }
  function width() { return Math.max(400, wrap.clientWidth || 900); }

  function zoomBy(f, centerX) {
    const v = view();
    const W = width() - LABEL_W;
    const cx = centerX == null ? 0.5 : Math.min(1, Math.max(0, (centerX - LABEL_W) / W));
    const tc = v.t0 + (v.t1 - v.t0) * cx;
    let span = (v.t1 - v.t0) * f;
    span = Math.min(Math.max(span, 7 * DAY), (t1 - t0) * 4);
    zoom = { t0: tc - span * cx, t1: tc + span * (1 - cx) };
    draw();
  }
  function panBy(fraction) {
    const v = view();
    const d = (v.t1 - v.t0) * fraction;
    zoom = { t0: v.t0 + d, t1: v.t1 + d };
    draw();
  }

  function draw() {
    const W = width();
    const v = view();
    const x = (t) => LABEL_W + ((t - v.t0) / (v.t1 - v.t0)) * (W - LABEL_W - 10);
    svg.setAttribute('viewBox', `0 0 ${W} ${height}`);
    svg.setAttribute('width', W);
    svg.setAttribute('height', height);
    clear(svg);

    const clipId = 'tl-clip';
    svg.appendChild(s('defs', {}, s('clipPath', { id: clipId }, s('rect', { x: LABEL_W, y: 0, width: W - LABEL_W, height }))));

    // Lanes and their labels.
    lanes.forEach((lane, i) => {
      svg.appendChild(s('rect', { class: i % 2 ? 'lane odd' : 'lane', x: 0, y: lane.y, width: W, height: lane.h }));
      const label = `${nameOf(lane.a)} – ${nameOf(lane.b)}`;
      svg.appendChild(s('text', { class: 'lane-label', x: 8, y: lane.y + lane.h / 2 + 4 }, s('title', {}, `${label}: ${lane.events.length} event${lane.events.length > 1 ? 's' : ''}`), truncate(label, 26)));
    });

    // Axis ticks.
    const axis = s('g', { class: 'axis', 'clip-path': `url(#${clipId})` });
    for (const t of ticks(v.t0, v.t1, (W - LABEL_W) / 95)) {
      const tx = x(t.at);
      axis.appendChild(s('line', { class: t.major ? 'tick major' : 'tick', x1: tx, x2: tx, y1: AXIS_H - 6, y2: height }));
      axis.appendChild(s('text', { class: 'tick-label', x: tx + 3, y: AXIS_H - 10 }, t.label));
    }
    svg.appendChild(axis);
    svg.appendChild(s('line', { class: 'axis-line', x1: LABEL_W, x2: W, y1: AXIS_H, y2: AXIS_H }));

    // Events.
    const marks = s('g', { 'clip-path': `url(#${clipId})` });
    for (const lane of lanes) {
      for (const e of lane.events) {
        const cy = lane.y + LANE_PAD + e._row * ROW_H + ROW_H / 2;
        const x0 = x(e.iv.start);
        const x1 = x(e.iv.end);
        const point = e.iv.end - e.iv.start <= DAY && !e.iv.openStart && !e.iv.openEnd;
        const cls = `ev t-${e.type}${e.id === selected ? ' selected' : ''}${e.status === 'planned' ? ' planned' : ''}`;
        let mark;
        if (point || x1 - x0 < 7) {
          mark = s('circle', { class: cls, cx: (x0 + x1) / 2, cy, r: 5 });
        } else {
          mark = s('rect', { class: `${cls} span${e.iv.openStart || e.iv.openEnd ? ' open' : ''}`, x: x0, y: cy - 5, width: Math.max(3, x1 - x0), height: 10, rx: 3 });
        }
        mark.dataset.id = String(e.id);
        marks.appendChild(mark);
      }
    }
    svg.appendChild(marks);
  }

  const byId = new Map(dated.map((e) => [String(e.id), e]));
  svg.addEventListener('mousemove', (evt) => {
    const id = evt.target?.dataset?.id;
    if (id && byId.has(id)) tooltip.show(evt, eventCard(byId.get(id), nameOf));
    else tooltip.hide();
  });
  svg.addEventListener('mouseleave', () => tooltip.hide());
  svg.addEventListener('wheel', (evt) => {
    evt.preventDefault();
    const r = svg.getBoundingClientRect();
    zoomBy(evt.deltaY > 0 ? 1.25 : 0.8, evt.clientX - r.left);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (evt) => {
    if (evt.button !== 0) return;
    drag = { x: evt.clientX, v: view(), moved: false };
    svg.setPointerCapture(evt.pointerId);
  });
  svg.addEventListener('pointermove', (evt) => {
    if (!drag) return;
    const dx = evt.clientX - drag.x;
    if (Math.abs(dx) > 3) drag.moved = true;
    if (!drag.moved) return;
    const W = width() - LABEL_W - 10;
    const dt = (-dx / W) * (drag.v.t1 - drag.v.t0);
    zoom = { t0: drag.v.t0 + dt, t1: drag.v.t1 + dt };
    tooltip.hide();
    draw();
  });
  svg.addEventListener('pointerup', (evt) => {
    const wasDrag = drag && drag.moved;
    drag = null;
    if (wasDrag) return;
    const el = document.elementFromPoint(evt.clientX, evt.clientY);
    const id = el?.dataset?.id;
    if (id && byId.has(id)) onSelect(byId.get(id));
  });
  svg.addEventListener('keydown', (evt) => {
    const k = evt.key;
    if (k === '+' || k === '=') zoomBy(0.5);
    else if (k === '-' || k === '_') zoomBy(2);
    else if (k === '0') { zoom = null; draw(); }
    else if (k === 'ArrowLeft') panBy(-0.2);
    else if (k === 'ArrowRight') panBy(0.2);
    else return;
    evt.preventDefault();
  });

  draw();
  const ro = new ResizeObserver(() => draw());
  ro.observe(wrap);
  container._cleanup = () => ro.disconnect();
}

/** The tooltip card of an event. */
export function eventCard(e, nameOf) {
  const arrow = e.directed ? ' → ' : ' – ';
  return h('div', { class: 'card' },
    h('div', { class: 'card-head' }, h('span', { class: `chip t-${e.type}` }, TYPE_LABELS[e.type] || e.type), ' ', e.date ? formatDate(e.date) : 'undated', e.precision ? h('span', { class: 'muted' }, ` (${e.precision})`) : null),
    h('div', { class: 'card-actors' }, `${nameOf(e.from)}${arrow}${nameOf(e.to)}`),
    e.place || e.status ? h('div', { class: 'muted' }, [e.place, e.status].filter(Boolean).join(' · ')) : null,
    e.people.length ? h('div', {}, e.people.join(', ')) : null,
    e.evidence ? h('blockquote', { class: 'evidence-quote' }, `« ${truncate(e.evidence, 320)} »`) : null,
    h('div', { class: 'muted' }, `${e.sources.length} report${e.sources.length === 1 ? '' : 's'}`));
}

function truncate(t, n) {
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Calendar-aligned ticks between t0 and t1, about `n` of them. */
function ticks(t0, t1, n) {
  const span = t1 - t0;
  const steps = [
    ['day', 1], ['day', 7], ['month', 1], ['month', 3], ['month', 6],
    ['year', 1], ['year', 2], ['year', 5], ['year', 10], ['year', 25], ['year', 50],
  ];
  const approx = { day: DAY, month: 30.44 * DAY, year: 365.25 * DAY };
  const [unit, k] = steps.find(([u, m]) => span / (approx[u] * m) <= Math.max(2, n)) || steps[steps.length - 1];
  const out = [];
  const d = new Date(t0);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  let cur;
  if (unit === 'year') { y = Math.floor(y / k) * k; cur = Date.UTC(y, 0, 1); }
  else if (unit === 'month') { m = Math.floor(m / k) * k; cur = Date.UTC(y, m, 1); }
  else cur = Date.UTC(y, m, d.getUTCDate());
  let guard = 0;
  while (cur <= t1 && guard++ < 500) {
    const dt = new Date(cur);
    if (cur >= t0) {
      let label;
      let major = false;
      if (unit === 'year') { label = String(dt.getUTCFullYear()); major = true; }
      else if (unit === 'month') { major = dt.getUTCMonth() === 0; label = major ? String(dt.getUTCFullYear()) : MONTHS[dt.getUTCMonth()]; }
      else { major = dt.getUTCDate() === 1; label = `${dt.getUTCDate()} ${MONTHS[dt.getUTCMonth()]}${major && dt.getUTCMonth() === 0 ? ` ${dt.getUTCFullYear()}` : ''}`; }
      out.push({ at: cur, label, major });
    }
    if (unit === 'year') cur = Date.UTC(new Date(cur).getUTCFullYear() + k, 0, 1);
    else if (unit === 'month') { const c = new Date(cur); cur = Date.UTC(c.getUTCFullYear(), c.getUTCMonth() + k, 1); }
    else cur += k * DAY;
  }
  return out;
}
