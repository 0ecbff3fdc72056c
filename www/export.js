// Exports: events and people as CSV, the full analysis as the CLI's JSON
// (`{"articles", "corpus"}`), and events in TimelineJS's JSON format.

import { TYPE_LABELS, formatDate } from './model.js';

/** One CSV field: quoted when needed, and defused when a spreadsheet would read a formula. */
function field(v) {
  let t = v == null ? '' : Array.isArray(v) ? v.join('; ') : String(v);
  if (/^[=+\-@\t\r]/.test(t)) t = `'${t}`;
  return /[",;\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** CSV text (RFC 4180, CRLF, with a BOM so spreadsheets read it as UTF-8). */
export function csv(header, rows) {
  return '\ufeff' + [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

export function eventsCsv(events, nameOf) {
  return csv(
    ['date', 'date_precision', 'date_readable', 'type', 'plover', 'from', 'from_name', 'to', 'to_name', 'directed', 'status', 'place', 'people', 'reports', 'documents', 'evidence'],
    events.map((e) => [e.date || '', e.precision || '', formatDate(e.date), e.type, e.raw.plover || '', e.from, nameOf(e.from), e.to, nameOf(e.to), e.directed ? 'yes' : 'no', e.status, e.place, e.people, e.sources.length, e.docs, e.evidence]),
  );
}

export function peopleCsv(people, nameOf) {
  return csv(
    ['name', 'aliases', 'role', 'country', 'country_name', 'articles', 'events', 'documents'],
    people.map((p) => [p.name, p.aliases, p.role, p.country, nameOf(p.country), p.articles, p.events.length, [...new Set(p.sources.map((x) => x.doc))]]),
  );
}

/** The CLI's JSON output: every article and the merged view. */
export function analysisJson(articles, merged) {
  return JSON.stringify({ articles, corpus: merged }, null, 2) + '\n';
}

// TimelineJS renders its text fields as HTML: the extracted text is escaped first.
const esc = (t) => String(t).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** TimelineJS 3 JSON (https://timeline.knightlab.com/docs/json-format.html). */
export function timelineJson(events, nameOf, title = 'Military cooperation') {
  const part = (t) => {
    const d = new Date(t);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  };
  const out = [];
  for (const e of events) {
    if (!e.iv) continue;
    const start = part(e.iv.start);
    const day = e.precision === 'day';
    const startDate = day ? start : e.precision === 'year' ? { year: start.year } : e.precision === 'month' ? { year: start.year, month: start.month } : start;
    const item = {
      start_date: startDate,
      display_date: formatDate(e.date),
      text: {
        headline: esc(`${TYPE_LABELS[e.type] || e.type}: ${nameOf(e.from)} ${e.directed ? '→' : '–'} ${nameOf(e.to)}`),
        text: [e.evidence ? `« ${e.evidence} »` : '', e.place ? `Place: ${e.place}` : '', e.people.length ? `People: ${e.people.join(', ')}` : '', `Status: ${e.status}`, `Sources: ${e.docs.join(', ')}`].filter(Boolean).map((l) => `<p>${esc(l)}</p>`).join(''),
      },
      group: esc(TYPE_LABELS[e.type] || e.type),
      unique_id: `event-${e.id}`,
    };
    if (!day && !['year', 'month'].includes(e.precision)) item.end_date = part(e.iv.end - 86_400_000);
    out.push(item);
  }
  return JSON.stringify({ title: { text: { headline: title, text: `${out.length} events extracted by entente` } }, events: out }, null, 2) + '\n';
}
