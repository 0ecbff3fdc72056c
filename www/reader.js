// The reader: one article with every recognised span highlighted by kind, page furniture
// greyed out, and the selected evidence scrolled into view. Text goes in as text nodes only.

import { h, clear, $ } from './dom.js';
import { byteToUtf16 } from './offsets.js';
import { formatDate, TYPE_LABELS } from './model.js';

export const KINDS = [
  ['evidence', 'Evidence'],
  ['trigger', 'Event trigger'],
  ['country', 'Country'],
  ['person', 'Person'],
  ['place', 'Place'],
  ['org', 'Organization'],
  ['date', 'Date'],
  ['excluded', 'Page furniture'],
];

// Evidence sentences cover most of an article: off by default (the selected one is always marked).
const hidden = new Set(['evidence']);

/** Every highlighted span of an analysis, as byte offsets. */
function spansOf(a, nameOf) {
  const out = [];
  const add = (at, kind, label) => {
    if (at && Number.isFinite(at.start) && Number.isFinite(at.end) && at.end > at.start) out.push({ start: at.start, end: at.end, kind, label });
  };
  for (const x of a.excluded || []) add(x, 'excluded', `page furniture: ${x.reason}`);
  for (const c of a.countries || []) for (const m of c.mentions || []) add(m, 'country', `${c.name} (${c.code})`);
  for (const p of a.people || []) {
    const label = [p.name, p.role, p.country ? nameOf(p.country) : ''].filter(Boolean).join(' — ');
    for (const m of p.mentions || []) add(m, 'person', label);
  }
  for (const p of a.places || []) for (const m of p.mentions || []) add(m, 'place', p.country ? `${p.name} (${nameOf(p.country)})` : p.name);
  for (const o of a.organizations || []) for (const m of o.mentions || []) add(m, 'org', o.kind ? `${o.name} (${o.kind})` : o.name);
  for (const d of a.dates || []) add(d, 'date', d.value ? `${d.span} → ${d.value} (${formatDate(d.value)})` : `${d.span} (not resolved)`);
  for (const e of a.events || []) {
    const label = `${TYPE_LABELS[e.type] || e.type}: ${(e.actors || []).map(nameOf).join(e.directed ? ' → ' : ' – ')}${e.date ? `, ${formatDate(e.date)}` : ''}`;
    add(e.evidence_at, 'evidence', label);
    add(e.trigger_at, 'trigger', label);
  }
  return out;
}

/**
 * Opens `article` (an analysis) in the reader. `focus`: `{start, end}` byte offsets to
 * mark and scroll to, or null. `info`: extra lines shown when the text is not available.
 */
export function openReader(article, { focus = null, nameOf = (c) => c, info = [] } = {}) {
  const aside = $('#reader');
  aside.hidden = false;
  document.body.classList.add('reading');
  $('#reader-title').textContent = article.title || article.doc;
  const meta = [
    article.title ? article.doc : '',
    article.published ? `published ${formatDate(article.published)}${article.published_inferred ? ' (inferred)' : ''}` : '',
    article.source || '',
    article.encoding && article.encoding !== 'utf-8' ? `encoding ${article.encoding}` : '',
  ].filter(Boolean).join(' · ');
  $('#reader-meta').textContent = meta;

  const legend = clear($('#reader-legend'));
  for (const [kind, label] of KINDS) {
    const box = h('input', { type: 'checkbox', checked: !hidden.has(kind), 'aria-label': `Highlight ${label}` });
    box.addEventListener('change', () => {
      if (box.checked) hidden.delete(kind); else hidden.add(kind);
      $('#reader-body').classList.toggle(`hide-${kind}`, !box.checked);
    });
    legend.appendChild(h('label', { class: `legend-item lk-${kind}` }, box, h('span', { class: 'swatch' }), label));
  }

  const body = clear($('#reader-body'));
  for (const kind of KINDS.map((k) => k[0])) body.classList.toggle(`hide-${kind}`, hidden.has(kind));
  for (const w of article.warnings || []) body.appendChild(h('p', { class: 'warning' }, `⚠ ${w}`));

  const text = typeof article.text === 'string' ? article.text : '';
  if (!text) {
    body.appendChild(h('p', { class: 'muted' }, 'The text of this article is not available here (shared results carry the extracted data, not the texts).'));
    for (const line of info) body.appendChild(h('blockquote', { class: 'evidence-quote' }, line));
    return;
  }

  const toU = byteToUtf16(text);
  const spans = spansOf(article, nameOf).map((sp) => ({ ...sp, s: toU(sp.start), e: toU(sp.end) })).filter((sp) => sp.e > sp.s);
  let focusU = null;
  if (focus && Number.isFinite(focus.start)) {
    focusU = { s: toU(focus.start), e: toU(Math.max(focus.end, focus.start)) };
    if (focusU.e <= focusU.s) focusU.e = Math.min(text.length, focusU.s + 1);
  }
  const cuts = new Set([0, text.length]);
  for (const sp of spans) { cuts.add(sp.s); cuts.add(sp.e); }
  if (focusU) { cuts.add(focusU.s); cuts.add(focusU.e); }
  const points = [...cuts].sort((x, y) => x - y);
  spans.sort((x, y) => x.s - y.s);

  const frag = document.createDocumentFragment();
  let active = [];
  let next = 0;
  let firstFocus = null;
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    active = active.filter((sp) => sp.e > a);
    while (next < spans.length && spans[next].s <= a) {
      if (spans[next].e > a) active.push(spans[next]);
      next++;
    }
    const piece = text.slice(a, b);
    const isFocus = focusU && a >= focusU.s && b <= focusU.e;
    if (!active.length && !isFocus) {
      frag.appendChild(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(active.map((sp) => sp.kind))];
    const el = h('span', { class: ['hl', ...kinds.map((k) => `k-${k}`), isFocus ? 'focus' : ''].join(' ').trim() }, piece);
    const labels = [...new Set(active.map((sp) => sp.label).filter(Boolean))];
    if (labels.length) el.title = labels.join('\n');
    if (isFocus && !firstFocus) firstFocus = el;
    frag.appendChild(el);
  }
  body.appendChild(frag);
  body.scrollTop = 0;
  if (firstFocus) {
    // After layout: bring the evidence to the middle of the reader.
    requestAnimationFrame(() => firstFocus.scrollIntoView({ block: 'center', behavior: 'instant' }));
  }
}

export function closeReader() {
  $('#reader').hidden = true;
  document.body.classList.remove('reading');
}
