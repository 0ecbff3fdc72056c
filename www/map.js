// Map: an offline world map (world-atlas 110m TopoJSON, read with topojson-client) in a
// Natural Earth projection. Countries are shaded by their number of events, partners are
// joined by curves, a click on a country filters by it. Wheel to zoom, drag to pan.

import { h, s, clear, tooltip } from './dom.js';

let worldPromise = null;
function loadWorld() {
  if (!worldPromise) {
    worldPromise = (async () => {
      const topojson = await import('../vendor/topojson-client/index.js');
      const resp = await fetch(new URL('../vendor/world-atlas/countries-110m.json', import.meta.url));
      if (!resp.ok) throw new Error(`map data unavailable (${resp.status})`);
      const topo = await resp.json();
      const fc = topojson.feature(topo, topo.objects.countries);
      return fc.features
        .filter((f) => f.id !== '010') // Antarctica
        .map((f) => ({ id: f.id, name: f.properties?.name || '', geometry: f.geometry, d: pathOf(f.geometry) }));
    })();
    worldPromise.catch(() => { worldPromise = null; });
  }
  return worldPromise;
}

// Natural Earth projection (Šavrič, Jenny, Patterson & Jenny 2011), in units of 100.
const RAD = Math.PI / 180;
export function project(lon, lat) {
  const l = lon * RAD;
  const p = lat * RAD;
  const p2 = p * p;
  const p4 = p2 * p2;
  const x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  const y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  return [x * 100, -y * 100];
}

function pathOf(geom) {
  if (!geom) return '';
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.type === 'MultiPolygon' ? geom.coordinates : [];
  let d = '';
  for (const poly of polys) {
    for (const ring of poly) {
      // Rings that cross the antimeridian (Russia, Fiji) are unwrapped past ±180° instead
      // of being drawn back across the whole map.
      let prev = null;
      let shift = 0;
      ring.forEach(([lon, lat], i) => {
        if (prev != null) {
          if (lon + shift - prev > 180) shift -= 360;
          else if (lon + shift - prev < -180) shift += 360;
        }
        prev = lon + shift;
        const [x, y] = project(prev, lat);
        d += `${i ? 'L' : 'M'}${x.toFixed(2)} ${y.toFixed(2)}`;
      });
      d += 'Z';
    }
  }
  return d;
}

function inRing(lon, lat, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function contains(geom, lon, lat) {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.type === 'MultiPolygon' ? geom.coordinates : [];
  return polys.some((poly) => inRing(lon, lat, poly[0]) && !poly.slice(1).some((hole) => inRing(lon, lat, hole)));
}

const norm = (t) => String(t || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

/** Which map feature is each corpus country: the shape holding its centroid, else by English name. */
function matchCountries(features, countries) {
  const byCode = new Map();
  for (const c of countries) {
    let f = null;
    if (Number.isFinite(c.lat) && Number.isFinite(c.lon)) f = features.find((x) => contains(x.geometry, c.lon, c.lat));
    if (!f) f = features.find((x) => norm(x.name) === norm(c.name_en) || norm(x.name) === norm(c.name));
    if (f) byCode.set(c.code, f);
  }
  return byCode;
}

let viewBox = null;
let viewKey = '';

export async function renderMap(container, { events, countries, nameOf, selectedCountry, onCountry }) {
  clear(container);
  const status = h('p', { class: 'muted' }, 'Loading the map…');
  container.appendChild(status);
  let features;
  try {
    features = await loadWorld();
  } catch (err) {
    status.textContent = `The map cannot be shown: ${err.message}`;
    return;
  }
  if (!container.isConnected) return;
  clear(container);

  const counts = new Map();
  const pairs = new Map();
  for (const e of events) {
    for (const c of [e.from, e.to]) if (c) counts.set(c, (counts.get(c) || 0) + 1);
    if (e.from && e.to && e.from !== e.to) {
      const p = pairs.get(e.pair) || { a: [e.from, e.to].sort()[0], b: [e.from, e.to].sort()[1], n: 0 };
      p.n += 1;
      pairs.set(e.pair, p);
    }
  }
  const allCountries = [...countries.values()];
  const byCode = matchCountries(features, allCountries);
  const codeOf = new Map([...byCode].map(([code, f]) => [f, code]));
  const centroid = (code) => {
    const c = countries.get(code);
    if (c && Number.isFinite(c.lat) && Number.isFinite(c.lon)) return project(c.lon, c.lat);
    return null;
  };
  const bin = (n) => (n <= 0 ? 0 : n === 1 ? 1 : n <= 3 ? 2 : n <= 7 ? 3 : n <= 15 ? 4 : 5);

  // Initial view: the countries taking part in events, else Africa and Europe.
  const pts = [...counts.keys()].map(centroid).filter(Boolean);
  let [minX, minY, maxX, maxY] = [...project(-20, 60), ...project(60, -36)];
  if (pts.length) {
    minX = Math.min(...pts.map((p) => p[0])); maxX = Math.max(...pts.map((p) => p[0]));
    minY = Math.min(...pts.map((p) => p[1])); maxY = Math.max(...pts.map((p) => p[1]));
    const padX = Math.max(12, (maxX - minX) * 0.25);
    const padY = Math.max(10, (maxY - minY) * 0.25);
    minX -= padX; maxX += padX; minY -= padY; maxY += padY;
  }
  const fit = { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
  const key = [...counts.keys()].sort().join(',');
  if (key !== viewKey || !viewBox) { viewBox = { ...fit }; viewKey = key; }

  const legend = h('div', { class: 'map-legend' },
    h('span', { class: 'muted' }, 'Events per country:'),
    [['1', 1], ['2–3', 2], ['4–7', 3], ['8–15', 4], ['16+', 5]].map(([label, b]) => h('span', { class: 'legend-item' }, h('span', { class: `swatch c${b}` }), label)),
    h('button', { type: 'button', onclick: () => { viewBox = { ...fit }; apply(); } }, 'Fit'),
    h('span', { class: 'muted hint' }, 'Click a country to filter by it; scroll to zoom, drag to pan.'));
  container.appendChild(legend);

  const svg = s('svg', { class: 'map', role: 'img', 'aria-label': `Map of ${counts.size} countries taking part in ${events.length} events` });
  const gLand = s('g', { class: 'land' });
  for (const f of features) {
    const code = codeOf.get(f);
    const n = code ? counts.get(code) || 0 : 0;
    const path = s('path', { d: f.d, class: `country c${bin(n)}${code && code === selectedCountry ? ' selected' : ''}${code ? ' known' : ''}`, 'vector-effect': 'non-scaling-stroke' });
    if (code) path.dataset.code = code;
    path.dataset.name = f.name;
    gLand.appendChild(path);
  }
  svg.appendChild(gLand);

  const gLinks = s('g', { class: 'links' });
  const maxN = Math.max(1, ...[...pairs.values()].map((p) => p.n));
  for (const p of [...pairs.values()].sort((x, y) => x.n - y.n)) {
    const A = centroid(p.a);
    const B = centroid(p.b);
    if (!A || !B) continue;
    const mx = (A[0] + B[0]) / 2;
    const my = (A[1] + B[1]) / 2;
    const dx = B[0] - A[0];
    const dy = B[1] - A[1];
    const c = [mx - dy * 0.18, my + dx * 0.18];
    const w = 1.2 + 4 * Math.sqrt(p.n / maxN);
    const link = s('path', { class: 'link', d: `M${A[0]} ${A[1]}Q${c[0]} ${c[1]} ${B[0]} ${B[1]}`, 'stroke-width': w.toFixed(2), 'vector-effect': 'non-scaling-stroke' });
    link.dataset.pair = `${p.a}|${p.b}|${p.n}`;
    gLinks.appendChild(link);
  }
  svg.appendChild(gLinks);

  const gDots = s('g', { class: 'dots' });
  for (const code of counts.keys()) {
    const P = centroid(code);
    if (!P) continue;
    const dot = s('circle', { class: 'dot', cx: P[0], cy: P[1], r: 0.9 });
    dot.dataset.code = code;
    gDots.appendChild(dot);
  }
  svg.appendChild(gDots);

  const wrap = h('div', { class: 'map-wrap' }, svg);
  container.appendChild(wrap);

  function apply() {
    // Keep the aspect ratio of the box on screen.
    const r = wrap.getBoundingClientRect();
    const aspect = r.width > 0 && r.height > 0 ? r.width / r.height : 1.6;
    let { x, y, w, h: hh } = viewBox;
    if (w / hh > aspect) { const nh = w / aspect; y -= (nh - hh) / 2; hh = nh; } else { const nw = hh * aspect; x -= (nw - w) / 2; w = nw; }
    svg.setAttribute('viewBox', `${x} ${y} ${w} ${hh}`);
    const unitsPerPx = r.width > 0 ? w / r.width : 0.1;
    for (const d of gDots.children) d.setAttribute('r', (unitsPerPx * 3.5).toFixed(3));
  }

  svg.addEventListener('mousemove', (evt) => {
    const t = evt.target;
    if (t.dataset?.pair) {
      const [a, b, n] = t.dataset.pair.split('|');
      tooltip.show(evt, `${nameOf(a)} – ${nameOf(b)}: ${n} event${n === '1' ? '' : 's'}`);
    } else if (t.dataset?.code) {
      const c = countries.get(t.dataset.code);
      const n = counts.get(t.dataset.code) || 0;
      tooltip.show(evt, h('div', {}, h('strong', {}, nameOf(t.dataset.code)), h('div', {}, `${n} event${n === 1 ? '' : 's'} in view`), c?.mentions ? h('div', { class: 'muted' }, `${c.mentions} mentions in ${c.articles} article${c.articles === 1 ? '' : 's'}`) : null));
    } else if (t.dataset?.name) {
      tooltip.show(evt, h('span', { class: 'muted' }, t.dataset.name));
    } else tooltip.hide();
  });
  svg.addEventListener('mouseleave', () => tooltip.hide());
  svg.addEventListener('wheel', (evt) => {
    evt.preventDefault();
    const r = svg.getBoundingClientRect();
    const vb = svg.viewBox.baseVal;
    const fx = (evt.clientX - r.left) / r.width;
    const fy = (evt.clientY - r.top) / r.height;
    const f = evt.deltaY > 0 ? 1.2 : 1 / 1.2;
    const w = Math.min(Math.max(vb.width * f, 8), 700);
    const hh = (vb.height / vb.width) * w;
    viewBox = { x: vb.x + (vb.width - w) * fx, y: vb.y + (vb.height - hh) * fy, w, h: hh };
    apply();
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (evt) => {
    if (evt.button !== 0) return;
    const vb = svg.viewBox.baseVal;
    drag = { x: evt.clientX, y: evt.clientY, vb: { x: vb.x, y: vb.y, w: vb.width, h: vb.height }, moved: false, target: evt.target };
    svg.setPointerCapture(evt.pointerId);
  });
  svg.addEventListener('pointermove', (evt) => {
    if (!drag) return;
    const dx = evt.clientX - drag.x;
    const dy = evt.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
    if (!drag.moved) return;
    const r = svg.getBoundingClientRect();
    viewBox = { x: drag.vb.x - (dx / r.width) * drag.vb.w, y: drag.vb.y - (dy / r.height) * drag.vb.h, w: drag.vb.w, h: drag.vb.h };
    tooltip.hide();
    apply();
  });
  svg.addEventListener('pointerup', () => {
    const d = drag;
    drag = null;
    if (!d || d.moved) return;
    const code = d.target?.dataset?.code;
    if (code) onCountry(code);
  });

  apply();
  const ro = new ResizeObserver(() => apply());
  ro.observe(wrap);
  container._cleanup = () => ro.disconnect();
}
