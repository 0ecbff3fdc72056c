// The corpus model on the page: normalized dates as time intervals, names, filters, and the
// rows of every table, derived from the analyses and the merged view.

export const EVENT_TYPES = ['MEETING', 'AGREEMENT', 'ARMS', 'TRAINING', 'DEPLOYMENT', 'EXERCISE', 'REQUEST'];

export const TYPE_LABELS = {
  MEETING: 'Meeting',
  AGREEMENT: 'Agreement',
  ARMS: 'Arms',
  TRAINING: 'Training',
  DEPLOYMENT: 'Deployment',
  EXERCISE: 'Exercise',
  REQUEST: 'Request',
};

export const STATUS_LABELS = { done: 'done', planned: 'planned', ongoing: 'ongoing', ended: 'ended' };

const DAY = 86_400_000;
const utc = (y, m = 0, d = 1) => Date.UTC(y, m, d);

// Seasons as the French press uses them (astronomical, approximate days).
const SEASONS = {
  SP: [[0, 2, 20], [0, 5, 21]],
  SU: [[0, 5, 21], [0, 8, 23]],
  FA: [[0, 8, 23], [0, 11, 21]],
  WI: [[0, 11, 21], [1, 2, 20]],
};
const SEASON_LABELS = { SP: 'spring', SU: 'summer', FA: 'autumn', WI: 'winter' };

/**
 * A normalized date value (`YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, `YYYY-Qn`, `YYYY-SP`,
 * `YYYY-Hn`, `YYYY`, `A/B`, `A/..`, `../B`) as a half-open interval `[start, end)` in ms
 * since the epoch (UTC), or null when it cannot be placed in time.
 */
export function interval(value) {
  if (typeof value !== 'string' || !value) return null;
  if (value.includes('/')) {
    const [a, b] = value.split('/');
    const ia = a && a !== '..' ? interval(a) : null;
    const ib = b && b !== '..' ? interval(b) : null;
    if (!ia && !ib) return null;
    return {
      start: ia ? ia.start : ib.start,
      end: ib ? ib.end : ia.end,
      openStart: !ia,
      openEnd: !ib,
    };
  }
  let m;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) {
    const s = utc(+m[1], +m[2] - 1, +m[3]);
    return { start: s, end: s + DAY };
  }
  if ((m = /^(\d{4})-W(\d{2})$/.exec(value))) {
    // ISO week: the week with the year's first Thursday is week 1.
    const jan4 = utc(+m[1], 0, 4);
    const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
    const s = jan4 - dow * DAY + (+m[2] - 1) * 7 * DAY;
    return { start: s, end: s + 7 * DAY };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) return { start: utc(+m[1], +m[2] - 1), end: utc(+m[1], +m[2]) };
  if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) {
    const q = +m[2] - 1;
    return { start: utc(+m[1], q * 3), end: utc(+m[1], q * 3 + 3) };
  }
  if ((m = /^(\d{4})-H([12])$/.exec(value))) {
    const hh = +m[2] - 1;
    return { start: utc(+m[1], hh * 6), end: utc(+m[1], hh * 6 + 6) };
  }
  if ((m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value))) {
    const [[ya, ma, da], [yb, mb, db]] = SEASONS[m[2]];
    return { start: utc(+m[1] + ya, ma, da), end: utc(+m[1] + yb, mb, db) };
  }
  if ((m = /^(\d{4})$/.exec(value))) return { start: utc(+m[1]), end: utc(+m[1] + 1) };
  return null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A readable form of a normalized date value. */
export function formatDate(value) {
  if (!value) return '';
  if (value.includes('/')) {
    const [a, b] = value.split('/');
    return `${a === '..' || !a ? '…' : formatDate(a)} – ${b === '..' || !b ? '…' : formatDate(b)}`;
  }
  let m;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) return `${+m[3]} ${MONTHS[+m[2] - 1]} ${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) return `${MONTHS[+m[2] - 1]} ${m[1]}`;
  if ((m = /^(\d{4})-W(\d{2})$/.exec(value))) return `week ${+m[2]}, ${m[1]}`;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) return `Q${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-H([12])$/.exec(value))) return `H${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value))) return `${SEASON_LABELS[m[2]]} ${m[1]}`;
  return value;
}

/** Sort key for a date value: its start, undated last. */
export function dateKey(value) {
  const iv = interval(value);
  return iv ? iv.start : Number.POSITIVE_INFINITY;
}

/** Builds the page's model from `{articles, corpus}`. `ids` are the articles' page ids. */
export function buildModel(articles, merged, ids) {
  const countries = new Map(); // code → {code, name, name_en, lat, lon, ...stats}
  for (const c of merged.countries || []) countries.set(c.code, c);
  // Countries mentioned in articles but missing from the stats still get a name.
  for (const a of articles) {
    for (const c of a.countries || []) {
      if (!countries.has(c.code)) {
        countries.set(c.code, { code: c.code, name: c.name, name_en: c.name, lat: null, lon: null, mentions: 0, articles: 0, events: 0, partners: [] });
      }
    }
  }
  const nameOf = (code) => (code && countries.get(code)?.name) || code || '';

  const events = (merged.events || []).map((e, i) => {
    const sources = (e.sources || []).filter((s) => articles[s.article]);
    const first = sources.map((s) => articles[s.article]?.events?.[s.index]).find(Boolean);
    const iv = interval(e.date);
    const actors = e.actors || [];
    return {
      id: i,
      raw: e,
      type: e.type,
      date: e.date,
      precision: e.date_precision,
      iv,
      from: actors[0] || '',
      to: actors[1] || '',
      directed: !!e.directed,
      place: e.place || '',
      status: e.status || '',
      people: e.people || [],
      sources,
      docs: [...new Set(sources.map((s) => s.doc))],
      evidence: first ? first.evidence : '',
      pair: [actors[0] || '', actors[1] || ''].sort().join('–'),
    };
  });

  const eventsByName = new Map();
  for (const e of events) {
    for (const n of e.people) {
      if (!eventsByName.has(n)) eventsByName.set(n, []);
      eventsByName.get(n).push(e);
    }
  }
  const people = (merged.people || []).map((p, i) => {
    const evs = [...new Set([p.name, ...(p.aliases || [])].flatMap((n) => eventsByName.get(n) || []))];
    return {
      id: i,
      raw: p,
      name: p.name,
      aliases: p.aliases || [],
      role: p.role || '',
      country: p.country || '',
      sources: p.sources || [],
      articles: new Set((p.sources || []).map((s) => s.article)).size,
      events: evs,
    };
  });

  const placeMap = new Map();
  const orgMap = new Map();
  articles.forEach((a, ai) => {
    for (const [pi, p] of (a.places || []).entries()) {
      const key = `${p.name}\u0000${p.country || ''}`;
      let row = placeMap.get(key);
      if (!row) {
        row = { name: p.name, country: p.country || '', lat: p.lat, lon: p.lon, mentions: 0, articles: new Set(), refs: [] };
        placeMap.set(key, row);
      }
      row.mentions += (p.mentions || []).length;
      row.articles.add(ai);
      row.refs.push({ article: ai, index: pi });
    }
    for (const [oi, o] of (a.organizations || []).entries()) {
      // « Alliance atlantique (OTAN) » in one article and « OTAN » in another are one row,
      // named by its longest form.
      const acronym = /\(([^()]+)\)$/.exec(o.name);
      const key = (acronym ? acronym[1] : o.name).toLowerCase();
      let row = orgMap.get(key);
      if (!row) {
        row = { name: o.name, kind: o.kind || '', mentions: 0, articles: new Set(), refs: [] };
        orgMap.set(key, row);
      } else if (o.name.length > row.name.length) {
        row.name = o.name;
      }
      row.mentions += (o.mentions || []).length;
      row.articles.add(ai);
      row.refs.push({ article: ai, index: oi });
    }
  });
  const places = [...placeMap.values()].map((p, i) => ({ ...p, id: i, articleCount: p.articles.size }));
  const organizations = [...orgMap.values()].map((o, i) => ({ ...o, id: i, articleCount: o.articles.size }));

  const articleRows = articles.map((a, i) => ({
    id: i,
    pageId: ids ? ids[i] : i,
    raw: a,
    doc: a.doc,
    title: a.title || '',
    published: a.published || '',
    inferred: !!a.published_inferred,
    source: a.source || '',
    warnings: a.warnings || [],
    events: (a.events || []).length,
    countries: new Set((a.countries || []).map((c) => c.code)),
    hasText: typeof a.text === 'string' && a.text.length > 0,
  }));

  return { articles: articleRows, analyses: articles, events, people, places, organizations, countries, nameOf };
}

/** The filter state: country code, set of types, from/to (YYYY-MM-DD), free text. */
export function emptyFilters() {
  return { country: '', types: new Set(EVENT_TYPES), from: '', to: '', text: '' };
}

export function filtersActive(f) {
  return !!(f.country || f.types.size !== EVENT_TYPES.length || f.from || f.to || f.text);
}

function normalize(s) {
  return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function rangeOf(f) {
  const from = f.from ? Date.parse(f.from + 'T00:00:00Z') : -Infinity;
  const to = f.to ? Date.parse(f.to + 'T00:00:00Z') + DAY : Infinity;
  return { from: Number.isNaN(from) ? -Infinity : from, to: Number.isNaN(to) ? Infinity : to };
}

/** Applies the filters to every table of the model. */
export function applyFilters(model, f) {
  const q = normalize(f.text).trim();
  const terms = q ? q.split(/\s+/) : [];
  const matches = (...fields) => {
    if (!terms.length) return true;
    const hay = normalize(fields.flat().join(' \u0001 '));
    return terms.every((t) => hay.includes(t));
  };
  const { from, to } = rangeOf(f);
  const dated = f.from || f.to;
  const inRange = (iv) => (!dated ? true : !!iv && iv.start < to && iv.end > from);
  const N = model.nameOf;

  const events = model.events.filter((e) =>
    f.types.has(e.type) &&
    (!f.country || e.from === f.country || e.to === f.country) &&
    inRange(e.iv) &&
    matches(e.type, e.from, e.to, N(e.from), N(e.to), e.place, e.people, e.evidence, e.docs, e.status, e.date || ''));

  const eventSet = new Set(events);
  const people = model.people.filter((p) =>
    (!f.country || p.country === f.country || p.events.some((e) => eventSet.has(e))) &&
    (!dated || p.events.some((e) => eventSet.has(e))) &&
    matches(p.name, p.aliases, p.role, p.country, N(p.country)));

  const partnersOf = new Map();
  const eventsOf = new Map();
  for (const e of events) {
    for (const [a, b] of [[e.from, e.to], [e.to, e.from]]) {
      if (!a) continue;
      eventsOf.set(a, (eventsOf.get(a) || 0) + 1);
      if (!partnersOf.has(a)) partnersOf.set(a, new Set());
      if (b) partnersOf.get(a).add(b);
    }
  }
  const countries = [...model.countries.values()]
    .filter((c) => (!f.country || c.code === f.country || partnersOf.get(f.country)?.has(c.code)) &&
      (!dated || eventsOf.has(c.code)) &&
      matches(c.code, c.name, c.name_en))
    .map((c) => ({
      ...c,
      filteredEvents: eventsOf.get(c.code) || 0,
      filteredPartners: [...(partnersOf.get(c.code) || [])].sort(),
    }));

  const places = model.places.filter((p) =>
    (!f.country || p.country === f.country) && matches(p.name, p.country, N(p.country)));
  const organizations = model.organizations.filter((o) => matches(o.name, o.kind));
  const articles = model.articles.filter((a) =>
    (!f.country || a.countries.has(f.country)) &&
    inRange(interval(a.published)) &&
    matches(a.doc, a.title, a.source, a.published, a.warnings));

  return { events, people, countries, places, organizations, articles };
}
