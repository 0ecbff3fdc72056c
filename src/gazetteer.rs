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

/// A byte trie of the folded patterns.
///
/// Pattern bytes are mapped to classes `1..=63` (`class`; 0 = a byte no pattern holds),
/// and each node keeps a 64-bit mask: bit `c` set when the node has a child on class `c`,
/// bit 0 set when a pattern ends there (`output`). The children of a node are numbered
/// consecutively from `first`, so the child on class `c` is `first` plus the number of
/// mask bits below `c`: no search, whatever the node's fan-out.
///
/// The walk is bound by memory latency, so the layout keeps what it reads close: the top
/// [`HOT_DEPTH`] levels, which every walk crosses, are numbered breadth first (a few
/// thousand nodes, cache-resident); below them each subtree is numbered depth first, a
/// node's children right after it, so a chain of single-child nodes (the tails of names,
/// most of the trie) is a run of consecutive nodes.
#[derive(Debug, Default)]
struct Trie {
    class: Vec<u8>,
    nodes: Vec<Node>,
    output: Vec<u32>,
}

/// One trie node: the classes it has children on (bit 0: a pattern ends here) and the
/// number of its first child.
#[derive(Clone, Copy, Debug, Default)]
struct Node {
    mask: u64,
    first: u32,
}

const NONE: u32 = u32::MAX;

/// Byte classes a node mask can hold (bit 0 is the output flag).
const MAX_CLASSES: usize = 63;

/// Trie levels numbered breadth first (see [`Trie`]).
const HOT_DEPTH: usize = 3;

impl Trie {
    fn build(patterns: &[String]) -> Trie {
        // Byte classes, in byte order. Past the 63rd distinct byte (a test checks the data
        // stays far below), a byte gets class 0 and the patterns holding it never match.
        let mut class = vec![0u8; 256];
        let mut seen = [false; 256];
        for p in patterns {
            for &b in p.as_bytes() {
                seen[b as usize] = true;
            }
        }
        let mut n_classes = 0;
        for (b, _) in seen.iter().enumerate().filter(|(_, s)| **s) {
            if n_classes < MAX_CLASSES {
                n_classes += 1;
                class[b] = n_classes as u8;
            }
        }
        // Nodes with their children (by class), then renumbered and flattened.
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
        // `order[k]` is the old node numbered `k`; `first[n]` the new number of old node
        // `n`'s first child. Every node's children get consecutive numbers.
        let mut order: Vec<u32> = vec![0];
        let mut first = vec![0u32; kids.len()];
        let mut give_children = |n: u32, order: &mut Vec<u32>| {
            first[n as usize] = order.len() as u32;
            order.extend(kids[n as usize].iter().map(|&(_, t)| t));
        };
        let mut level = vec![0u32];
        for _ in 0..HOT_DEPTH {
            let start = order.len();
            for &n in &level {
                give_children(n, &mut order);
            }
            level = order.get(start..).unwrap_or(&[]).to_vec();
        }
        let mut stack: Vec<u32> = level.iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            let start = order.len();
            give_children(n, &mut order);
            stack.extend(order.get(start..).unwrap_or(&[]).iter().rev());
        }
        let mut trie = Trie {
            class,
            ..Trie::default()
        };
        for &n in &order {
            let out = output[n as usize];
            let mut mask = u64::from(out != NONE);
            for &(c, _) in &kids[n as usize] {
                mask |= 1 << c;
            }
            trie.nodes.push(Node {
                mask,
                first: first[n as usize],
            });
            trie.output.push(out);
        }
        trie
    }

    /// The child of `n` on byte `b`.
    #[inline]
    fn step(&self, n: u32, b: u8) -> Option<u32> {
        let c = *self.class.get(b as usize)?;
        let node = self.nodes.get(n as usize)?;
        // Class 0 (a byte no pattern holds) has no bit: bit 0 is the output flag.
        let bit = (1u64 << c) & !1;
        if node.mask & bit == 0 {
            return None;
        }
        // Children below this one, the output flag aside.
        let below = node.mask & (bit - 1) & !1;
        Some(node.first + below.count_ones())
    }

    /// Calls `f(end, pattern)` for every pattern that `t[start..]` begins with, shortest first.
    #[inline]
    fn prefixes(&self, t: &[u8], start: usize, mut f: impl FnMut(usize, usize)) {
        let mut n = 0u32;
        for (k, &b) in t.get(start..).unwrap_or(&[]).iter().enumerate() {
            let Some(next) = self.step(n, b) else { return };
            n = next;
            if self
                .nodes
                .get(n as usize)
                .is_some_and(|node| node.mask & 1 != 0)
            {
                if let Some(&p) = self.output.get(n as usize) {
                    f(start + k + 1, p as usize);
                }
            }
        }
    }
}

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const CITIES: &str = include_str!("../data/cities.tsv");
const REGIONS: &str = include_str!("../data/regions.tsv");
const ORGS: &str = include_str!("../data/orgs.tsv");
const GIVEN: &str = include_str!("../data/given_names.txt");
const ROLES: &str = include_str!("../data/roles.tsv");
const TRIGGERS: &str = include_str!("../data/triggers.tsv");

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
                b.add(f, Entry::Country(i), CaseRule::Capital);
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
            });
            b.add(form, Entry::Role(i), CaseRule::Any);
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
            });
            b.add(form, Entry::Trigger(i), CaseRule::Any);
        }
        let trie = Trie::build(&b.pats);
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
        for s in 0..ft.len() {
            // A hit starts a word.
            if s > 0 && is_word_byte(ft, s - 1, true) {
                continue;
            }
            let first_hit = hits.len();
            self.trie.prefixes(ft, s, |e, pattern| {
                let Some(p) = self.patterns.get(pattern) else {
                    return;
                };
                // A pattern that ends inside a word only stands for an open-ended entry.
                let after_word = e < ft.len() && is_word_byte(ft, e, false);
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
                    if pe.final_accent
                        && !original.chars().rev().take(4).any(|c| c == 'é' || c == 'É')
                    {
                        continue;
                    }
                    if case_ok {
                        hits.push(Hit {
                            span: Span::new(os, oe),
                            entry: pe.entry,
                        });
                    }
                }
            });
            // The hits of one start came shortest first: longest first instead.
            if let Some(new) = hits.get_mut(first_hit..) {
                if new.len() > 1 {
                    new.sort_by_key(|h| std::cmp::Reverse(h.span.end));
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
}

/// True when the folded byte at `i` continues a word. A hyphen before a match does not
/// (`russo-burkinabè` holds `burkinabè`), an apostrophe never does (`l'armée`).
fn is_word_byte(t: &[u8], i: usize, _before: bool) -> bool {
    let b = t[i];
    if b.is_ascii_alphanumeric() {
        return true;
    }
    if b >= 0x80 {
        // Non-ASCII after folding: a letter of another script, or a continuation byte.
        return true;
    }
    false
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
    /// whatever the fan-out of the nodes crossed and with bytes no pattern holds.
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
        for s in 0..text.len() {
            let mut got = Vec::new();
            trie.prefixes(text, s, |e, p| got.push((e, p)));
            let mut want: Vec<(usize, usize)> = pats
                .iter()
                .enumerate()
                .filter(|(_, p)| text[s..].starts_with(p.as_bytes()))
                .map(|(i, p)| (s + p.len(), i))
                .collect();
            want.sort();
            assert_eq!(got, want, "at {s}");
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

    /// Every byte of the folded data has a class of its own (see [`Trie`]).
    #[test]
    fn data_bytes_fit_the_node_masks() {
        let g = Gazetteer::get();
        assert!(g.trie.class.iter().filter(|&&c| c != 0).count() < MAX_CLASSES);
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

/// The hits of `hits` (sorted by start, as [`Gazetteer::scan`] returns them) that may
/// overlap `span`, found by binary search instead of a scan of the whole list.
pub fn near(hits: &[Hit], span: Span) -> &[Hit] {
    let lo = hits.partition_point(|h| h.span.start + MAX_HIT_LEN < span.start);
    let hi = hits.partition_point(|h| h.span.start < span.end.max(span.start + 1));
    hits.get(lo..hi.max(lo)).unwrap_or(&[])
}
