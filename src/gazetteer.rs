//! The gazetteers (data files under `data/`) and the one automaton that finds them all.
//!
//! Every surface form of every list — country names in French and English, demonyms,
//! compound prefixes (`russo-`), capitals and cities, regions, organizations, given names,
//! role words and event triggers — is folded ([`crate::translit::fold`]) and compiled
//! into a single trie, built once on first use. [`Gazetteer::scan`] walks it from every
//! word start of a folded copy of the text (a hit must start a word, so no failure links
//! are needed and no hit inside a word is ever reported) and maps every hit back to byte
//! offsets of the original text.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::translit::{fold, Folded};
use crate::types::{EventType, Span};

/// A state, from `data/countries.tsv`.
#[derive(Clone, Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// French short name.
    pub name: String,
    /// Its article (`le`, `la`, `l'`, `les`, or empty).
    pub article: String,
    /// English name.
    pub name_en: String,
    /// French name of the capital.
    pub capital: String,
    /// Centroid latitude.
    pub lat: Option<f64>,
    /// Centroid longitude.
    pub lon: Option<f64>,
}

/// What kind of place a [`City`] row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CityKind {
    /// Seat of government.
    Capital,
    /// Other city.
    City,
    /// Province, state, sub-national region.
    Region,
}

/// A city or sub-national place, from `data/cities.tsv`.
#[derive(Clone, Debug)]
pub struct City {
    /// Citation form (with its article: Le Caire).
    pub name: String,
    /// Country code.
    pub code: String,
    /// Capital, city or region.
    pub kind: CityKind,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
}

/// An organization from `data/orgs.tsv`.
#[derive(Clone, Debug)]
pub struct Org {
    /// Canonical name.
    pub name: String,
    /// Kind (`intergovernmental`, `military`, `armed-group`, `company`, `media`, `other`).
    pub kind: String,
}

/// A role word from `data/roles.tsv`.
#[derive(Clone, Debug)]
pub struct Role {
    /// Form as listed (lower case).
    pub form: String,
    /// `office`, `rank` or `honorific`.
    pub kind: String,
    /// Role class (HEAD_OF_STATE, DEFENCE_MINISTER…).
    pub class: String,
    /// The office a periphrasis stands for (« chef de la diplomatie » → « ministre des
    /// Affaires étrangères »), from the optional fourth column.
    pub title: Option<String>,
}

/// An event trigger from `data/triggers.tsv`.
#[derive(Clone, Debug)]
pub struct Trigger {
    /// Form as listed.
    pub form: String,
    /// Event type.
    pub kind: EventType,
    /// Argument frame: how to find who does what to whom (see the file's header).
    pub frame: String,
    /// Status the trigger implies by itself (`planned` for « promesse », …), or empty.
    pub status: String,
    /// For a weapon model of `data/weapons.tsv` (an `object` trigger): the index in
    /// [`Gazetteer::countries`] of its maker's state, when one state makes it.
    pub maker: Option<u16>,
}

/// What a pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A French or English country name (index into [`Gazetteer::countries`]).
    Country(u16),
    /// A demonym / adjective of a country.
    Adjective(u16),
    /// A compound prefix (`russo-`) of a country.
    Prefix(u16),
    /// A city or sub-national place (index into [`Gazetteer::cities`]).
    City(u16),
    /// A supranational region, continent or sea: never a country.
    Region,
    /// An organization (index into [`Gazetteer::orgs`]).
    Org(u16),
    /// A given name.
    GivenName,
    /// A role word (index into [`Gazetteer::roles`]).
    Role(u16),
    /// An event trigger (index into [`Gazetteer::triggers`]).
    Trigger(u16),
}

impl Entry {
    /// True for the entity layer (names of things), false for roles and triggers.
    pub fn is_entity(self) -> bool {
        !matches!(self, Entry::Role(_) | Entry::Trigger(_))
    }
}

/// One gazetteer hit in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Byte span in the original text.
    pub span: Span,
    /// What it is.
    pub entry: Entry,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CaseRule {
    /// Any case (adjectives, roles, triggers).
    Any,
    /// First letter upper case (proper names).
    Capital,
    /// Written in upper case as listed (acronyms).
    Upper,
}

#[derive(Clone, Copy, Debug)]
struct PatternEntry {
    entry: Entry,
    case: CaseRule,
    /// The pattern may be followed by more letters (`livr*`, `russo-`).
    open_end: bool,
    /// A trigger whose final « é » tells a participle from another word (signé / signe,
    /// formé / forme): the text must carry the accent too.
    final_accent: bool,
}

/// All lists and the compiled automaton.
#[derive(Debug)]
pub struct Gazetteer {
    /// States.
    pub countries: Vec<Country>,
    /// Cities and sub-national places.
    pub cities: Vec<City>,
    /// Organizations.
    pub orgs: Vec<Org>,
    /// Role words.
    pub roles: Vec<Role>,
    /// Event triggers.
    pub triggers: Vec<Trigger>,
    by_code: HashMap<String, u16>,
    trie: Trie,
    /// Which word starts can begin a hit: most never walk the trie.
    starts: StartFilter,
    /// What each trie pattern stands for: a range of `entries`.
    patterns: Vec<PatternEntries>,
    entries: Vec<PatternEntry>,
}

/// The entries of one pattern, `entries[first..end]`, and whether any is open-ended.
#[derive(Clone, Copy, Debug)]
struct PatternEntries {
    first: u32,
    end: u32,
    open_end: bool,
}

/// A byte trie of the folded patterns, as a double array.
///
/// Pattern bytes are mapped to classes `1..` (`class`; 0 = a byte no pattern holds). Node
/// `n`'s child on class `c` is cell `base(n) + c` when that cell's `check` is `n`: one load
/// per byte and no search, whatever the node's fan-out. The high bit of `base` marks a
/// node where a pattern ends (`output`).
///
/// The walk is bound by memory latency, so the cells are small (8 bytes) and placed so that
/// what a walk reads lies close: the top [`HOT_DEPTH`] levels, which every walk crosses, are
/// placed first, breadth first; below them each subtree is placed depth first, so a chain
/// of single-child nodes (the tails of names, most of the trie) takes neighbouring cells.
#[derive(Debug)]
struct Trie {
    class: [u8; 256],
    cells: Vec<Cell>,
    /// The pattern ending at each cell, or [`NONE`].
    output: Vec<u32>,
}

/// One double-array cell: the base of its node's children (high bit: a pattern ends
/// here) and the node it is a child of ([`NONE`] for a free cell or the root).
#[derive(Clone, Copy, Debug)]
struct Cell {
    base: u32,
    check: u32,
}

const NONE: u32 = u32::MAX;

/// The output flag in [`Cell::base`].
const OUT: u32 = 1 << 31;

/// Trie walks made side by side (see [`Gazetteer::scan_folded`]).
const LANES: usize = 8;

/// Trie levels placed breadth first (see [`Trie`]).
const HOT_DEPTH: usize = 3;

impl Trie {
    fn build(patterns: &[String]) -> Trie {
        // Byte classes, in byte order.
        let mut class = [0u8; 256];
        let mut seen = [false; 256];
        for p in patterns {
            for &b in p.as_bytes() {
                seen[b as usize] = true;
            }
        }
        // Past the 255th distinct byte (the data holds far fewer), a byte gets class 0
        // and the patterns holding it never match.
        let mut n_classes = 0u8;
        for (b, _) in seen.iter().enumerate().filter(|(_, s)| **s) {
            if n_classes < u8::MAX {
                n_classes += 1;
                class[b] = n_classes;
            }
        }
        // Nodes with their children (by class), then placed in the double array.
        let mut kids: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut output: Vec<u32> = vec![NONE];
        for (id, p) in patterns.iter().enumerate() {
            let mut n = 0usize;
            for &b in p.as_bytes() {
                let c = class[b as usize];
                if c == 0 {
                    break;
                }
                let next = match kids[n].iter().find(|(l, _)| *l == c) {
                    Some(&(_, t)) => t as usize,
                    None => {
                        let t = kids.len();
                        kids.push(Vec::new());
                        output.push(NONE);
                        kids[n].push((c, t as u32));
                        t
                    }
                };
                n = next;
            }
            if n != 0 && output[n] == NONE && p.bytes().all(|b| class[b as usize] != 0) {
                output[n] = id as u32;
            }
        }
        for list in &mut kids {
            list.sort_unstable();
        }
        // The order nodes are placed in: the top levels breadth first, then each subtree
        // depth first.
        let mut order: Vec<u32> = vec![0];
        let mut level = vec![0u32];
        for _ in 0..HOT_DEPTH {
            let start = order.len();
            for &n in &level {
                order.extend(kids[n as usize].iter().map(|&(_, t)| t));
            }
            level = order.get(start..).unwrap_or(&[]).to_vec();
        }
        // The nodes whose children are on the top levels.
        let hot_parents = order.len() - level.len();
        let mut stack: Vec<u32> = level.iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            let start = order.len();
            order.extend(kids[n as usize].iter().map(|&(_, t)| t));
            stack.extend(order.get(start..).unwrap_or(&[]).iter().rev());
        }
        // Placement, first fit: each node's children get the first base whose cells are
        // all free (see below). `cell[n]` is node `n`'s cell; the root is cell 0.
        let mut cell = vec![NONE; kids.len()];
        cell[0] = 0;
        let free = Cell {
            base: 0,
            check: NONE,
        };
        let mut cells = vec![free];
        // Cells 0 (the root) and 1 are no child of any base (at least 1) plus class (at
        // least 1).
        let mut first_free = 2usize;
        for (k, &n) in order.iter().enumerate() {
            let list = &kids[n as usize];
            let at = cell[n as usize] as usize;
            let Some(&(c0, _)) = list.first() else {
                continue;
            };
            if k == hot_parents {
                // The subtrees below go after the top levels, not into their holes.
                first_free = first_free.max(cells.len());
            }
            while cells.get(first_free).is_some_and(|c| c.check != NONE) {
                first_free += 1;
            }
            // A node with several children looks for room near the end only: the holes
            // before are left to the single children (most nodes), which fill any.
            let from = if list.len() == 1 {
                first_free
            } else {
                first_free.max(cells.len().saturating_sub(256))
            };
            let mut base = from.saturating_sub(usize::from(c0)).max(1);
            while !list.iter().all(|&(c, _)| {
                cells
                    .get(base + usize::from(c))
                    .is_none_or(|x| x.check == NONE)
            }) {
                base += 1;
            }
            let top = base + list.last().map_or(0, |&(c, _)| usize::from(c));
            if cells.len() <= top {
                cells.resize(top + 1, free);
            }
            cells[at].base = base as u32;
            for &(c, t) in list {
                let x = base + usize::from(c);
                cells[x].check = at as u32;
                cell[t as usize] = x as u32;
            }
        }
        let mut out = vec![NONE; cells.len()];
        for (n, &p) in output.iter().enumerate() {
            if p != NONE {
                let x = cell[n] as usize;
                out[x] = p;
                cells[x].base |= OUT;
            }
        }
        Trie {
            class,
            cells,
            output: out,
        }
    }

    /// Walks from up to [`LANES`] starts at once, one step of each walk in turn: the
    /// walks' reads, independent of each other, overlap. Pushes `(lane, end, pattern)`
    /// for every pattern `t[starts[lane]..]` begins with, round by round (so each start's
    /// patterns come shortest first).
    fn prefixes_side_by_side(
        &self,
        t: &[u8],
        starts: &[usize],
        out: &mut Vec<(usize, usize, usize)>,
    ) {
        let root = self.cells.first().map_or(0, |c| c.base & !OUT);
        // Each walk: its next byte, node and the node's base; `None` once it has ended.
        let mut walks = [None; LANES];
        for (w, &s) in walks.iter_mut().zip(starts) {
            *w = Some((s, 0u32, root));
        }
        let mut live = starts.len().min(LANES);
        while live > 0 {
            for (lane, walk) in walks.iter_mut().enumerate() {
                let Some((i, n, base)) = *walk else { continue };
                let c = t.get(i).map_or(0, |&b| self.class[usize::from(b)]);
                let next = base + u32::from(c);
                match self.cells.get(next as usize) {
                    Some(cell) if c != 0 && cell.check == n => {
                        *walk = Some((i + 1, next, cell.base & !OUT));
                        if cell.base & OUT != 0 {
                            if let Some(&p) = self.output.get(next as usize) {
                                out.push((lane, i + 1, p as usize));
                            }
                        }
                    }
                    _ => {
                        *walk = None;
                        live -= 1;
                    }
                }
            }
        }
    }
}

const COUNTRIES: &str = include_str!(concat!(env!("OUT_DIR"), "/countries.tsv"));
const CITIES: &str = include_str!(concat!(env!("OUT_DIR"), "/cities.tsv"));
const REGIONS: &str = include_str!(concat!(env!("OUT_DIR"), "/regions.tsv"));
const ORGS: &str = include_str!(concat!(env!("OUT_DIR"), "/orgs.tsv"));
const GIVEN: &str = include_str!(concat!(env!("OUT_DIR"), "/given_names.txt"));
const ROLES: &str = include_str!(concat!(env!("OUT_DIR"), "/roles.tsv"));
const TRIGGERS: &str = include_str!(concat!(env!("OUT_DIR"), "/triggers.tsv"));
const WEAPONS: &str = include_str!(concat!(env!("OUT_DIR"), "/weapons.tsv"));

fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
}

fn forms<'a>(cell: Option<&&'a str>) -> impl Iterator<Item = &'a str> {
    cell.copied()
        .unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "-")
}

fn num(cell: Option<&&str>) -> Option<f64> {
    cell.and_then(|s| s.parse().ok())
}

fn event_type(s: &str) -> Option<EventType> {
    Some(match s {
        "MEETING" => EventType::Meeting,
        "AGREEMENT" => EventType::Agreement,
        "ARMS" => EventType::Arms,
        "TRAINING" => EventType::Training,
        "DEPLOYMENT" => EventType::Deployment,
        "EXERCISE" => EventType::Exercise,
        "REQUEST" => EventType::Request,
        _ => return None,
    })
}

fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && letters <= 7 && s.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

struct Builder {
    index: HashMap<String, usize>,
    pats: Vec<String>,
    entries: Vec<Vec<PatternEntry>>,
}

impl Builder {
    fn add(&mut self, form: &str, entry: Entry, case: CaseRule) {
        let mut f = fold(form);
        let open_end = f.ends_with('*') || f.ends_with('-');
        if f.ends_with('*') {
            f.pop();
        }
        let f = f.trim().to_string();
        if f.chars().count() < 2 {
            return;
        }
        let case = if case == CaseRule::Capital && is_acronym(form) {
            CaseRule::Upper
        } else {
            case
        };
        let final_accent = matches!(entry, Entry::Trigger(_))
            && ["é", "ée", "és", "ées"].iter().any(|e| form.ends_with(e));
        let id = match self.index.get(&f) {
            Some(&i) => i,
            None => {
                self.pats.push(f.clone());
                self.entries.push(Vec::new());
                self.index.insert(f, self.pats.len() - 1);
                self.pats.len() - 1
            }
        };
        let list = &mut self.entries[id];
        if let Some(e) = list.iter_mut().find(|e| e.entry == entry) {
            // The same entry listed in lower case too (« Shebab » and « shebab »): any case.
            if case == CaseRule::Any {
                e.case = CaseRule::Any;
            }
        } else {
            list.push(PatternEntry {
                entry,
                case,
                open_end,
                final_accent,
            });
        }
    }
}

impl Gazetteer {
    /// The compiled gazetteer (built on first call).
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    fn build() -> Gazetteer {
        let mut b = Builder {
            index: HashMap::new(),
            pats: Vec::new(),
            entries: Vec::new(),
        };
        let mut countries = Vec::new();
        let mut by_code = HashMap::new();
        for r in rows(COUNTRIES) {
            let (Some(code), Some(name)) = (r.first(), r.get(1)) else {
                continue;
            };
            if code.len() != 2 || *code == "code" {
                continue;
            }
            let i = countries.len() as u16;
            let en: Vec<&str> = forms(r.get(4)).collect();
            countries.push(Country {
                code: code.to_string(),
                name: name.to_string(),
                article: r
                    .get(2)
                    .filter(|a| **a != "-")
                    .map_or(String::new(), |a| a.to_string()),
                name_en: en
                    .first()
                    .map_or_else(|| name.to_string(), |s| s.to_string()),
                capital: r
                    .get(7)
                    .filter(|a| **a != "-")
                    .map_or(String::new(), |a| a.to_string()),
                lat: num(r.get(8)),
                lon: num(r.get(9)),
            });
            by_code.insert(code.to_string(), i);
            b.add(name, Entry::Country(i), CaseRule::Capital);
            for f in forms(r.get(3)).chain(en.iter().copied()) {
                // A periphrase written in lower case (« pays des hommes intègres ») is
                // matched in any case; a name only with its capital.
                let case = if f.starts_with(char::is_lowercase) {
                    CaseRule::Any
                } else {
                    CaseRule::Capital
                };
                b.add(f, Entry::Country(i), case);
            }
            for f in forms(r.get(5)) {
                b.add(f, Entry::Adjective(i), CaseRule::Any);
            }
            for f in forms(r.get(6)) {
                let f = format!("{}-", f.trim_end_matches('-'));
                b.add(&f, Entry::Prefix(i), CaseRule::Any);
            }
        }
        let mut cities = Vec::new();
        for r in rows(CITIES) {
            let (Some(name), Some(code)) = (r.first(), r.get(1)) else {
                continue;
            };
            if *name == "name" {
                continue;
            }
            let kind = match r.get(2).copied() {
                Some("capital") => CityKind::Capital,
                Some("region") => CityKind::Region,
                _ => CityKind::City,
            };
            let i = cities.len() as u16;
            cities.push(City {
                name: name.to_string(),
                code: code.to_string(),
                kind,
                lat: num(r.get(4)),
                lon: num(r.get(5)),
            });
            b.add(name, Entry::City(i), CaseRule::Capital);
            for f in forms(r.get(3)) {
                b.add(f, Entry::City(i), CaseRule::Capital);
            }
            // « au Caire », « à La Havane »: the bare name after the article.
            for art in ["Le ", "La ", "Les ", "L'", "L’"] {
                if let Some(rest) = name.strip_prefix(art) {
                    b.add(rest, Entry::City(i), CaseRule::Capital);
                }
            }
        }
        for r in rows(REGIONS) {
            let Some(name) = r.first() else { continue };
            if *name == "name" {
                continue;
            }
            b.add(name, Entry::Region, CaseRule::Any);
            for f in forms(r.get(2)) {
                b.add(f, Entry::Region, CaseRule::Any);
            }
        }
        let mut orgs = Vec::new();
        for r in rows(ORGS) {
            let Some(name) = r.first() else { continue };
            if *name == "name" {
                continue;
            }
            let i = orgs.len() as u16;
            orgs.push(Org {
                name: name.to_string(),
                kind: r.get(1).map_or("other", |s| s).to_string(),
            });
            b.add(name, Entry::Org(i), CaseRule::Capital);
            for f in forms(r.get(2)) {
                // A form written in lower case (« shebab ») is used in lower case.
                let case = if f.chars().any(char::is_uppercase) {
                    CaseRule::Capital
                } else {
                    CaseRule::Any
                };
                b.add(f, Entry::Org(i), case);
            }
        }
        for line in GIVEN.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            b.add(l, Entry::GivenName, CaseRule::Capital);
        }
        let mut roles = Vec::new();
        let mut role_forms: Vec<&str> = rows(ROLES).filter_map(|r| r.first().copied()).collect();
        role_forms.sort_unstable();
        for r in rows(ROLES) {
            let Some(form) = r.first() else { continue };
            if *form == "form" {
                continue;
            }
            let i = roles.len() as u16;
            roles.push(Role {
                form: form.to_string(),
                kind: r.get(1).map_or("office", |s| s).to_string(),
                class: r.get(2).map_or("OTHER", |s| s).to_string(),
                title: r.get(3).filter(|t| !t.is_empty()).map(|t| t.to_string()),
            });
            b.add(form, Entry::Role(i), CaseRule::Any);
            // « les présidents X et Y », « les vice-ministres de la Défense X et Y »: the
            // plural of an office or rank's head word (honorifics have none).
            if r.get(1).is_some_and(|k| *k != "honorific") {
                if let Some(plural) =
                    plural_head(form).filter(|p| role_forms.binary_search(&p.as_str()).is_err())
                {
                    b.add(&plural, Entry::Role(i), CaseRule::Any);
                }
            }
        }
        let mut triggers = Vec::new();
        for r in rows(TRIGGERS) {
            let (Some(form), Some(kind)) = (r.first(), r.get(1).and_then(|k| event_type(k))) else {
                continue;
            };
            let i = triggers.len() as u16;
            triggers.push(Trigger {
                form: form.to_string(),
                kind,
                frame: r.get(2).map_or("", |s| s).to_string(),
                status: r
                    .get(3)
                    .filter(|s| **s != "-")
                    .map_or("", |s| s)
                    .to_string(),
                maker: None,
            });
            b.add(form, Entry::Trigger(i), CaseRule::Any);
        }
        // Weapon models: equipment nouns (`object` triggers) written with a capital, with
        // their maker's state.
        for r in rows(WEAPONS) {
            let Some(name) = r.first().filter(|n| **n != "name") else {
                continue;
            };
            let i = triggers.len() as u16;
            triggers.push(Trigger {
                form: name.to_string(),
                kind: EventType::Arms,
                frame: "object".to_string(),
                status: String::new(),
                maker: r.get(1).and_then(|c| by_code.get(*c).copied()),
            });
            // (A name listed again open-ended among its forms, « Su-24* », is added open-ended only.)
            let open = format!("{name}*");
            let listed_open = forms(r.get(3)).any(|f| f == open);
            for f in std::iter::once(*name)
                .filter(|_| !listed_open)
                .chain(forms(r.get(3)))
            {
                b.add(f, Entry::Trigger(i), CaseRule::Capital);
            }
        }
        let trie = Trie::build(&b.pats);
        let starts = StartFilter::build(&b.pats, &b.entries);
        let (mut patterns, mut entries) = (Vec::with_capacity(b.entries.len()), Vec::new());
        for list in &b.entries {
            let first = entries.len() as u32;
            entries.extend_from_slice(list);
            patterns.push(PatternEntries {
                first,
                end: entries.len() as u32,
                open_end: list.iter().any(|e| e.open_end),
            });
        }
        Gazetteer {
            countries,
            cities,
            orgs,
            roles,
            triggers,
            by_code,
            trie,
            starts,
            patterns,
            entries,
        }
    }

    /// The country with this ISO code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.by_code
            .get(code)
            .and_then(|&i| self.countries.get(i as usize))
    }

    /// The trigger a hit names, or `None` for a hit of another kind.
    pub fn trigger_of(&self, h: &Hit) -> Option<&Trigger> {
        match h.entry {
            Entry::Trigger(i) => self.triggers.get(i as usize),
            _ => None,
        }
    }

    /// The index in [`Gazetteer::countries`] of the country with this ISO code (each code
    /// is listed once).
    pub fn country_index(&self, code: &str) -> Option<u16> {
        self.by_code.get(code).copied()
    }

    /// Every hit in `text`, sorted by start then longest first. Hits may overlap; use
    /// [`longest_layer`] to keep the longest non-overlapping ones.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        self.scan_folded(text, &Folded::new(text))
    }

    /// [`Gazetteer::scan`] with the folded text at hand (`folded` must be `Folded::new(text)`).
    pub fn scan_folded(&self, text: &str, folded: &Folded) -> Vec<Hit> {
        let ft = folded.text.as_bytes();
        let mut hits = Vec::with_capacity(ft.len() / 32);
        // The starts: every byte after a non-word byte. A word start walks the trie only
        // when the filter says a pattern may begin with its word.
        // The starts: every byte after a non-word byte. A word start walks the trie only
        // when the filter says a pattern may begin with its word.
        let mut next = 0;
        let mut next_start = || {
            while let Some(&b) = ft.get(next) {
                let s = next;
                next += 1;
                if is_word(b) {
                    while ft.get(next).is_some_and(|&b| is_word(b)) {
                        next += 1;
                    }
                    let end = next;
                    // The byte at `end`, if any, continues no word: the next start is after it.
                    next += 1;
                    if self.starts.may_start(ft, s, end) {
                        return Some(s);
                    }
                } else if self.starts.non_word_first(b) {
                    return Some(s);
                }
            }
            None
        };
        // The walks are bound by memory latency: [`LANES`] of them go on side by side, so
        // that their reads overlap, and their patterns are then taken start by start.
        let mut found = Vec::new();
        loop {
            let mut starts = [0usize; LANES];
            let mut n = 0;
            while let Some(slot) = starts.get_mut(n) {
                let Some(s) = next_start() else { break };
                *slot = s;
                n += 1;
            }
            let Some(starts) = starts.get(..n).filter(|s| !s.is_empty()) else {
                break;
            };
            found.clear();
            self.trie.prefixes_side_by_side(ft, starts, &mut found);
            // Found round by round: each start's patterns together, shortest first.
            found.sort_by_key(|&(lane, _, _)| lane);
            let mut k = 0;
            while let Some(&(lane, _, _)) = found.get(k) {
                let s = starts.get(lane).copied().unwrap_or(0);
                let first_hit = hits.len();
                while let Some(&(_, e, pattern)) = found.get(k).filter(|f| f.0 == lane) {
                    self.push_hits(text, folded, s, e, pattern, &mut hits);
                    k += 1;
                }
                // The hits of one start came shortest first: longest first instead.
                if let Some(new) = hits.get_mut(first_hit..) {
                    if new.len() > 1 {
                        new.sort_by_key(|h| std::cmp::Reverse(h.span.end));
                    }
                }
            }
        }
        // Starts only grow from one word start to the next, so this is already sorted
        // but for odd foldings; sorted for certain.
        if !hits.is_sorted_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end))) {
            hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        }
        hits
    }

    /// Pushes the hits of pattern `pattern` found at folded offsets `s..e`.
    fn push_hits(
        &self,
        text: &str,
        folded: &Folded,
        s: usize,
        e: usize,
        pattern: usize,
        hits: &mut Vec<Hit>,
    ) {
        let ft = folded.text.as_bytes();
        let Some(p) = self.patterns.get(pattern) else {
            return;
        };
        // A pattern that ends inside a word only stands for an open-ended entry.
        let after_word = ft.get(e).is_some_and(|&b| is_word(b));
        if after_word && !p.open_end {
            return;
        }
        let (os, oe) = (folded.orig(s), folded.orig_end(e, text));
        if oe <= os || !text.is_char_boundary(os) || !text.is_char_boundary(oe) {
            return;
        }
        let original = &text[os..oe];
        let list = self
            .entries
            .get(p.first as usize..p.end as usize)
            .unwrap_or(&[]);
        for pe in list {
            if after_word && !pe.open_end {
                continue;
            }
            let case_ok = match pe.case {
                CaseRule::Any => true,
                CaseRule::Capital => original
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric()),
                CaseRule::Upper => original
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_uppercase()),
            };
            if pe.final_accent && !original.chars().rev().take(4).any(|c| c == 'é' || c == 'É') {
                continue;
            }
            if case_ok {
                hits.push(Hit {
                    span: Span::new(os, oe),
                    entry: pe.entry,
                });
            }
        }
    }
}

/// True when a folded byte continues a word: an ASCII letter or digit, or any byte of a
/// non-ASCII char (a letter of another script after folding). A hyphen before a match
/// does not (`russo-burkinabè` holds `burkinabè`), an apostrophe never does (`l'armée`).
#[inline]
fn is_word(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// [`is_word`] of every byte.
static WORD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b >= 0x80;
        b += 1;
    }
    t
};

/// Tells, from the word a start position begins, whether any pattern can match there, so
/// that most words (three in four) never walk the trie.
///
/// A hit ending at a word boundary has a *head* (its bytes up to the first non-word byte)
/// equal to the text's word; so has an open-ended pattern holding a non-word byte
/// (`russo-`). The heads are kept in a Bloom filter (a false positive only costs a walk).
/// Open-ended patterns made of word bytes only (`livr*`) may end inside the word: they are
/// few, and tried as prefixes of it. Patterns beginning with a non-word byte are tried
/// at any such byte they begin with.
#[derive(Debug)]
struct StartFilter {
    /// Bloom filter of the heads: two bits of one word per head.
    heads: Vec<u64>,
    /// The word-byte open-ended patterns, sorted.
    open: Vec<Vec<u8>>,
    /// `open[open_at[b]..open_at[b + 1]]` begin with byte `b`.
    open_at: Vec<u16>,
    /// Bytes some pattern begins with that are not word bytes.
    non_word: [bool; 256],
}

/// log2 of the number of words of [`StartFilter::heads`] (4 KB: the filter is read
/// afresh for every article, as other stages pass between, so it is kept small).
const HEAD_WORDS_LOG2: u32 = 9;

/// A hash of the word `t[s..e]`: its length and its bytes, eight at a time (little
/// endian, the last chunk padded with zeros), multiplied through.
#[inline]
fn word_hash(t: &[u8], s: usize, e: usize) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let len = e.saturating_sub(s);
    let mut h = (len as u64).wrapping_mul(K);
    // Most words: one unaligned load of the text, the bytes past the word masked off.
    if (1..=8).contains(&len) {
        if let Some(w) = t.get(s..s + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            let x = u64::from_le_bytes(w) & (u64::MAX >> (64 - 8 * len));
            h = (h ^ x).wrapping_mul(K);
            return h ^ (h >> 29);
        }
    }
    for chunk in t.get(s..e).unwrap_or(&[]).chunks(8) {
        let x = chunk
            .iter()
            .rev()
            .fold(0u64, |x, &b| (x << 8) | u64::from(b));
        h = (h ^ x).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

impl StartFilter {
    fn build(pats: &[String], entries: &[Vec<PatternEntry>]) -> StartFilter {
        let mut f = StartFilter {
            heads: vec![0; 1 << HEAD_WORDS_LOG2],
            open: Vec::new(),
            open_at: vec![0; 257],
            non_word: [false; 256],
        };
        for (p, list) in pats.iter().zip(entries) {
            let p = p.as_bytes();
            let Some(&first) = p.first() else { continue };
            if !is_word(first) {
                f.non_word[first as usize] = true;
                continue;
            }
            let head_len = p.iter().position(|&b| !is_word(b)).unwrap_or(p.len());
            f.insert(p.get(..head_len).unwrap_or(p));
            if head_len == p.len() && list.iter().any(|e| e.open_end) {
                f.open.push(p.to_vec());
            }
        }
        f.open.sort();
        f.open.dedup();
        for (b, at) in f.open_at.iter_mut().enumerate() {
            *at = f
                .open
                .partition_point(|o| o.first().map_or(0, |&x| usize::from(x)) < b)
                as u16;
        }
        f
    }

    /// The filter word and the two bits within it of a hash from [`word_hash`].
    #[inline]
    fn slot(h: u64) -> (usize, u64) {
        let bits = (1 << (h & 63)) | (1 << ((h >> 6) & 63));
        ((h >> (64 - HEAD_WORDS_LOG2)) as usize, bits)
    }

    fn insert(&mut self, head: &[u8]) {
        let (w, bits) = Self::slot(word_hash(head, 0, head.len()));
        if let Some(w) = self.heads.get_mut(w) {
            *w |= bits;
        }
    }

    /// False when no pattern can match at the start of the word `t[s..e]` (a maximal run
    /// of word bytes).
    #[inline]
    fn may_start(&self, t: &[u8], s: usize, e: usize) -> bool {
        let (w, bits) = Self::slot(word_hash(t, s, e));
        if self.heads.get(w).is_some_and(|w| w & bits == bits) {
            return true;
        }
        let Some(&first) = t.get(s) else { return false };
        let (lo, hi) = (
            self.open_at.get(usize::from(first)).copied().unwrap_or(0),
            self.open_at
                .get(usize::from(first) + 1)
                .copied()
                .unwrap_or(0),
        );
        if lo == hi {
            return false;
        }
        let word = t.get(s..e).unwrap_or(&[]);
        self.open
            .get(usize::from(lo)..usize::from(hi))
            .unwrap_or(&[])
            .iter()
            .any(|o| word.starts_with(o))
    }

    /// True when some pattern begins with the non-word byte `b`.
    #[inline]
    fn non_word_first(&self, b: u8) -> bool {
        self.non_word[usize::from(b)]
    }
}

/// Keeps the longest non-overlapping hits among those `keep` accepts (leftmost first).
pub fn longest_layer(hits: &[Hit], keep: impl Fn(&Hit) -> bool) -> Vec<Hit> {
    let mut cands: Vec<&Hit> = hits
        .iter()
        .filter(|h| keep(h) && !h.span.is_empty())
        .collect();
    cands.sort_by_key(|h| (std::cmp::Reverse(h.span.len()), h.span.start));
    // The bytes the chosen hits cover, one bit each: a candidate is free when none of its
    // bytes is taken.
    let end = cands.iter().map(|h| h.span.end).max().unwrap_or(0);
    let mut taken = vec![0u64; end / 64 + 1];
    let mut chosen: Vec<Hit> = Vec::new();
    for h in cands {
        let bits = |taken: &mut [u64], set: bool| -> bool {
            let (a, b) = (h.span.start, h.span.end);
            for w in a / 64..=(b - 1) / 64 {
                let lo = if w == a / 64 { a % 64 } else { 0 };
                let hi = if w == (b - 1) / 64 { (b - 1) % 64 } else { 63 };
                let m = (u64::MAX >> (63 - hi)) & (u64::MAX << lo);
                let Some(word) = taken.get_mut(w) else {
                    return false;
                };
                if set {
                    *word |= m;
                } else if *word & m != 0 {
                    return false;
                }
            }
            true
        };
        if bits(&mut taken, false) {
            bits(&mut taken, true);
            chosen.push(*h);
        }
    }
    chosen.sort_unstable_by_key(|h| h.span.start);
    chosen
}

/// The form with its first word in the plural (« chef d'état-major » → « chefs
/// d'état-major », « général » → « généraux »), or `None` when that word cannot take an
/// « s » (it already ends in « s », « x » or « z », or is not a word).
fn plural_head(form: &str) -> Option<String> {
    let (head, rest) = match form.find(' ') {
        Some(p) => form.split_at(p),
        None => (form, ""),
    };
    if head.is_empty() || !head.chars().all(|c| c.is_alphabetic() || c == '-') {
        return None;
    }
    let plural = if let Some(stem) = head.strip_suffix("al") {
        format!("{stem}aux")
    } else if head.ends_with(['s', 'x', 'z']) {
        return None;
    } else {
        format!("{head}s")
    };
    Some(format!("{plural}{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(text: &'a str, pred: impl Fn(&Entry) -> bool) -> Vec<&'a str> {
        let g = Gazetteer::get();
        let hits = g.scan(text);
        longest_layer(&hits, |h| h.entry.is_entity())
            .into_iter()
            .filter(|h| pred(&h.entry))
            .map(|h| &text[h.span.start..h.span.end])
            .collect()
    }

    #[test]
    fn countries_adjectives_and_capitals() {
        let t = "La Russie a livré aux États-Unis et à la Côte d’Ivoire des armes russes; relations russo-burkinabè à Moscou.";
        assert_eq!(
            find(t, |e| matches!(e, Entry::Country(_))),
            ["Russie", "États-Unis", "Côte d’Ivoire"]
        );
        assert_eq!(
            find(t, |e| matches!(e, Entry::Adjective(_))),
            ["russes", "burkinabè"]
        );
        assert_eq!(find(t, |e| matches!(e, Entry::Prefix(_))), ["russo-"]);
        assert_eq!(find(t, |e| matches!(e, Entry::City(_))), ["Moscou"]);
    }

    /// The trie reports exactly the patterns a text position starts with, shortest first,
    /// whatever the fan-out of the nodes crossed, with bytes no pattern holds, and
    /// whatever the other walks made side by side.
    #[test]
    fn trie_finds_every_prefix_pattern() {
        let pats: Vec<String> = [
            "ab", "abc", "abd", "abcde", "b", "ba", "bz", "z)", "é-x", "xyz", "xy", "x",
        ]
        .iter()
        .map(|p| p.to_string())
        .chain((b'a'..=b'z').map(|c| format!("q{}", c as char)))
        .collect();
        let trie = Trie::build(&pats);
        let text = "abcdef abd ba bz z) é-x xyzq qa qm qz ab) q é".as_bytes();
        let want = |s: usize| {
            let mut want: Vec<(usize, usize)> = pats
                .iter()
                .enumerate()
                .filter(|(_, p)| text[s..].starts_with(p.as_bytes()))
                .map(|(i, p)| (s + p.len(), i))
                .collect();
            want.sort();
            want
        };
        for lanes in 1..=LANES {
            for first in 0..text.len() {
                let starts: Vec<usize> = (first..text.len()).step_by(3).take(lanes).collect();
                let mut found = Vec::new();
                trie.prefixes_side_by_side(text, &starts, &mut found);
                for (lane, &s) in starts.iter().enumerate() {
                    let got: Vec<(usize, usize)> = found
                        .iter()
                        .filter(|f| f.0 == lane)
                        .map(|f| (f.1, f.2))
                        .collect();
                    assert_eq!(got, want(s), "at {s}");
                }
            }
        }
    }

    /// [`Gazetteer::country_index`] finds the one row of each code.
    #[test]
    fn country_codes_are_unique() {
        let g = Gazetteer::get();
        for (i, c) in g.countries.iter().enumerate() {
            assert_eq!(g.country_index(&c.code), Some(i as u16), "{}", c.code);
        }
    }

    #[test]
    fn no_match_inside_words_or_lowercase_names() {
        let t = "Le formalisme du mali nigérien et la guinée.";
        assert!(find(t, |e| matches!(e, Entry::Country(_))).is_empty());
    }
}

/// Longest pattern reach in bytes: a hit that overlaps a span starts at most this far
/// before it (the longest gazetteer forms are well under it).
const MAX_HIT_LEN: usize = 160;

/// The hits of `hits` (sorted by start, as [`Gazetteer::scan`] returns them) that start at
/// byte `start`, found by binary search.
pub fn starting_at(hits: &[Hit], start: usize) -> &[Hit] {
    let lo = hits.partition_point(|h| h.span.start < start);
    let hi = hits.partition_point(|h| h.span.start <= start);
    hits.get(lo..hi.max(lo)).unwrap_or(&[])
}

/// The hits of `hits` (sorted by start, as [`Gazetteer::scan`] returns them) that may
/// overlap `span`, found by binary search instead of a scan of the whole list.
pub fn near(hits: &[Hit], span: Span) -> &[Hit] {
    let lo = hits.partition_point(|h| h.span.start + MAX_HIT_LEN < span.start);
    let hi = hits.partition_point(|h| h.span.start < span.end.max(span.start + 1));
    hits.get(lo..hi.max(lo)).unwrap_or(&[])
}
