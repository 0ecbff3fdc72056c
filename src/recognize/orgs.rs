//! Organizations: the general lexicon (`data/orgs.tsv`), plus two patterns that need no
//! lexicon:
//!
//! - a capitalised name followed by its acronym in parentheses, whose initials spell it
//!   (« Coalition des patriotes pour le changement (CPC) »); later uses of the bare
//!   acronym are mentions of the same organization;
//! - national armed forces by their proper name: « Forces armées rwandaises »,
//!   « Forces de défense nationale », « Armée populaire de libération ».

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::gazetteer::{starting_at, Entry, Gazetteer, Hit};
use crate::translit::fold;
use crate::types::Span;

/// An organization mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgRef {
    /// Where.
    pub span: Span,
    /// Name as written (or the article's full name of an acronym it defines).
    pub name: String,
    /// Kind.
    pub kind: String,
    /// The lexicon entry (index in the gazetteer's organizations) when the mention is one
    /// of its forms: « EAC » and « Communauté d'Afrique de l'Est » are one organization.
    pub entry: Option<u32>,
}

const CONNECTORS: &[&str] = &[
    "de", "des", "du", "d'", "d’", "la", "le", "les", "l'", "l’", "pour", "et", "à", "au", "aux",
    "en",
];
const FORCE_HEADS: &[&str] = &[
    "Force de défense",
    "Forces armées",
    "Forces de défense",
    "Forces de sécurité",
    "Forces spéciales",
    "Forces armées royales",
    "Armée populaire",
    "Armée nationale",
    "Garde nationale",
    "Garde républicaine",
    "Forces navales",
    "Forces aériennes",
    "Armée de l'air",
    "Marine nationale",
    "Forces d'autodéfense",
    "Marine royale",
    "Aviation royale",
    "Corps des marines",
];

/// The phrases of [`FORCE_HEADS`], [`COMPANY_CUES`] and [`COMPANY_SUFFIXES`], in that
/// order: phrase `i` sets bit `i` (56 phrases; a test checks ≤ 64).
fn fixed_phrases() -> impl Iterator<Item = &'static str> {
    FORCE_HEADS
        .iter()
        .chain(COMPANY_CUES)
        .chain(COMPANY_SUFFIXES)
        .copied()
}

/// The fixed phrases in one leftmost-longest automaton (few enough for its vectorised
/// search), and for each phrase the bits of the phrases that are its prefixes, itself
/// included: at a given start the longest phrase is found, the shorter ones with it.
static FIXED: std::sync::LazyLock<Option<(AhoCorasick, Vec<u64>)>> =
    std::sync::LazyLock::new(|| {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(fixed_phrases())
            .ok()?;
        let prefixes = fixed_phrases()
            .map(|p| {
                fixed_phrases()
                    .enumerate()
                    .filter(|(_, q)| p.starts_with(q))
                    .fold(0u64, |m, (j, _)| {
                        m | 1u64.checked_shl(j as u32).unwrap_or(0)
                    })
            })
            .collect();
        Some((ac, prefixes))
    });

/// For each span of `spans`, the bits of the [`FIXED`] phrases that occur inside it.
///
/// Every occurrence counts, also one starting inside another (« Garde nationale groupe »
/// holds « le groupe »): the search starts again one byte after each match's start.
fn fixed_per_span(text: &str, spans: &[Span]) -> Vec<u64> {
    let Some((ac, prefixes)) = FIXED.as_ref() else {
        return vec![0; spans.len()];
    };
    spans
        .iter()
        .map(|b| {
            let s = text.get(b.start..b.end).unwrap_or("");
            let mut mask = 0u64;
            let mut from = 0;
            while let Some(m) = ac.find(aho_corasick::Input::new(s).range(from..)) {
                mask |= prefixes.get(m.pattern().as_usize()).copied().unwrap_or(0);
                from = m.start() + 1;
            }
            mask
        })
        .collect()
}

/// A model's designation: capitals, maybe a dash, then digits (« An-124 », « Su-35 »,
/// « KC-390 », « A400M », « MiG-29 »).
fn is_model_code(w: &str) -> bool {
    let (letters, rest) = w.split_at(w.find(|c: char| !c.is_alphabetic()).unwrap_or(w.len()));
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    (1..=4).contains(&letters.chars().count())
        && w.starts_with(char::is_uppercase)
        && rest.starts_with(|c: char| c.is_ascii_digit())
}

/// A media outlet credited rather than mentioned: a byline (« Par Jeune Afrique », « Le
/// Monde avec AFP », « Par : RFI »), a photo credit (« © AFP », « | AFP », « … dans le
/// nord du Mali. AFP » or « STRINGER / AFP » at a caption's end) or a line of a few words
/// that only names it (the masthead « Le Monde Afrique », a breadcrumb « Al-Ahram Hebdo ›
/// Égypte »).
fn credited(text: &str, span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let (Some(before), Some(after), Some(line)) = (
        text.get(line_start..span.start),
        text.get(span.end..line_end),
        text.get(line_start..line_end),
    ) else {
        return false;
    };
    let before_t = before.trim_end();
    let last = before_t
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    // (« Par Jeune Afrique » opens its line; « interrogé par Reuters » in a sentence is a
    // mention.)
    let byline_par = last == "par" && before_t.split_whitespace().count() <= 1;
    byline_par
        || matches!(last.as_str(), ":" | "avec" | "(c)" | "(avec")
        || before_t.ends_with(['©', '|', '›'])
        || after.trim_start().starts_with(['›', '|'])
        // (« Ouest-France avec AFP Publié le … »)
        || after.trim_start().starts_with("avec ") && line.split_whitespace().count() <= 12
        // (« Ouest-France avec AFP Publié le 28/09/2021 à 19h41 Modifié le … »)
        || after.trim_start().strip_prefix("avec ").is_some_and(|a| {
            let w = a.split_whitespace().next().unwrap_or("");
            w.chars().count() >= 2 && w.chars().all(char::is_uppercase) || w == "Reuters"
        })
        // (« … nord du Mali. AFP »: the credit closing a caption.)
        || before_t.ends_with('.') && after.trim().is_empty()
        // (« … le 3 mai 2020. STRINGER / AFP », « XINHUA VIA REUTERS », « Armée de l'air /
        // AFP »: a photo's credits at a caption's end.)
        || (before_t.ends_with('/') || last == "via") && after.trim().is_empty()
        || after
            .trim_start()
            .strip_prefix("VIA ")
            .or_else(|| after.trim_start().strip_prefix("via "))
            .is_some_and(|a| a.split_whitespace().count() == 1)
        || after.trim_start().strip_prefix('/').is_some_and(|a| {
            let a = a.trim();
            !a.is_empty() && a.split_whitespace().count() <= 3 && !a.contains(['.', ','])
        })
        || line.split_whitespace().count() <= 6 && !line.trim_end().ends_with(['.', '!', '?'])
}

/// Finds organization mentions in the sentences (`body` spans) of `text`: `layer` is the
/// gazetteer's entity layer, `hits` all its hits (roles and triggers among them).
pub fn recognize(text: &str, layer: &[Hit], hits: &[Hit], body: &[Span]) -> Vec<OrgRef> {
    let g = Gazetteer::get();
    let mut out: Vec<OrgRef> = Vec::new();
    let in_body = |s: Span| s.within_one(body).is_some();
    // The fixed phrases this pass looks for, found in one search over the article: each
    // sentence is read only for the phrases it holds (a phrase found in a sentence lies
    // within it).
    let per_sentence = fixed_per_span(text, body);
    let (nh, nc) = (FORCE_HEADS.len(), COMPANY_CUES.len());
    let heads_in = |m: u64| {
        FORCE_HEADS
            .iter()
            .enumerate()
            .filter(move |(i, _)| m >> i & 1 == 1)
            .map(|(_, h)| *h)
    };
    let cues_in = |m: u64| {
        COMPANY_CUES
            .iter()
            .enumerate()
            .filter(move |(i, _)| m >> (nh + i) & 1 == 1)
            .map(|(_, c)| *c)
    };
    let suffixes_in = |m: u64| m >> (nh + nc) != 0;
    for h in layer {
        // A state's service named as the state (« l'US Navy » stands for the United States
        // as an actor) is also an organization when the lexicon lists it with that span.
        let entry = match h.entry {
            Entry::Country(_) => starting_at(hits, h.span.start)
                .iter()
                .find(|x| x.span == h.span && matches!(x.entry, Entry::Org(_)))
                .map_or(h.entry, |x| x.entry),
            e => e,
        };
        if let Entry::Org(i) = entry {
            if !in_body(h.span) {
                continue;
            }
            if let Some(o) = g.orgs.get(i as usize) {
                // An agency credited in a dateline « (AFP) » is the source, not a mention.
                // So is one between slashes: « MOSCOU, 12 février. /TASS/. ».
                let enclosed = text[..h.span.start].ends_with('(')
                    && text[h.span.end..].starts_with(')')
                    || text[..h.span.start].ends_with('/') && text[h.span.end..].starts_with('/');
                if o.kind == "media" && (enclosed || credited(text, h.span)) {
                    continue;
                }
                let next = text[h.span.end..].strip_prefix(' ').unwrap_or("");
                let next_word = next
                    .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ')'))
                    .next()
                    .unwrap_or("");
                // « le Conseil de sécurité ivoirien »: a state's body of the same name, not
                // the intergovernmental one (a state's adjective is lower case).
                let national = o.kind == "intergovernmental"
                    && next.starts_with(char::is_lowercase)
                    && starting_at(layer, h.span.end + 1)
                        .iter()
                        .any(|x| matches!(x.entry, Entry::Country(_)));
                // « un Antonov An-124 », « l'Embraer KC-390 »: the maker names its aircraft.
                let model = o.kind == "company" && is_model_code(next_word);
                if national || model {
                    continue;
                }
                out.push(OrgRef {
                    span: h.span,
                    name: text[h.span.start..h.span.end].to_string(),
                    kind: o.kind.clone(),
                    entry: Some(u32::from(i)),
                });
            }
        }
    }
    // Name (ACRONYM)
    // Each acronym the article defines: its full name, with the lexicon entry and kind the
    // name keeps (none and "other" for an unlisted one).
    let mut acronyms: HashMap<String, (String, Option<u32>, String)> = HashMap::new();
    for b in body.iter().filter(|b| text[b.start..b.end].contains('(')) {
        let s = &text[b.start..b.end];
        let mut search = 0;
        while let Some(p) = s[search..].find('(') {
            let open = search + p;
            search = open + 1;
            let Some(close_rel) = s[open..].find(')') else {
                break;
            };
            let acr = &s[open + 1..open + close_rel];
            if !(2..=8).contains(&acr.chars().count())
                || !acr.chars().all(|c| c.is_uppercase() || c == '-')
            {
                continue;
            }
            // An acronym of the lexicon (« (ATMIS) ») keeps its entry when its French words
            // do not spell it.
            // (Looked up only when the words do not spell it.)
            let known = || {
                let acr_span = Span::new(b.start + open + 1, b.start + open + close_rel);
                starting_at(layer, acr_span.start)
                    .iter()
                    .any(|h| matches!(h.entry, Entry::Org(_)) && h.span == acr_span)
            };
            if let Some(start) = phrase_for(s, open, acr).or_else(|| {
                (!known())
                    .then(|| headed_phrase_for(s, open, acr))
                    .flatten()
            }) {
                let name_end = open + close_rel + 1;
                let span = Span::new(b.start + start, b.start + name_end);
                // « République démocratique du Congo (RDC) » is a country, not an organization.
                if layer.iter().any(|h| {
                    matches!(h.entry, Entry::Country(_) | Entry::City(_))
                        && span.contains(&h.span)
                        && h.span.start == span.start
                }) {
                    continue;
                }
                if out
                    .iter()
                    .any(|o| o.span.overlaps(&span) && o.span.len() >= span.len())
                {
                    continue;
                }
                // « chef d'état-major général des armées (CEMGA) », « bâtiments de projection
                // et de commandement (BPC) »: an office or a kind of equipment, no body.
                let office_or_equipment = starting_at(hits, span.start).iter().any(|h| {
                    matches!(h.entry, Entry::Role(_))
                        || g.trigger_of(h).is_some_and(|t| t.frame == "object")
                });
                if office_or_equipment {
                    continue;
                }
                // A lexicon organization written in full before its acronym (« Israel
                // Aerospace Industries (IAI) ») stays that organization, under this name.
                let listed = out
                    .iter()
                    .find(|o| {
                        o.entry.is_some() && o.span.start == span.start && o.span.end < span.end
                    })
                    .map(|o| (o.entry, o.kind.clone()));
                out.retain(|o| !o.span.overlaps(&span));
                let name = s[start..name_end].to_string();
                let (entry, kind) = listed.unwrap_or((None, "other".into()));
                acronyms.insert(acr.to_string(), (name.clone(), entry, kind.clone()));
                out.push(OrgRef {
                    span,
                    name,
                    kind,
                    entry,
                });
            }
        }
    }
    // Later bare uses of a defined acronym.
    if !acronyms.is_empty() {
        for b in body {
            let s = &text[b.start..b.end];
            for (acr, (name, entry, kind)) in &acronyms {
                if !s.contains(acr.as_str()) {
                    continue;
                }
                let mut from = 0;
                while let Some(p) = s[from..].find(acr.as_str()) {
                    let st = from + p;
                    from = st + acr.len();
                    let before_ok = s[..st]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric() && c != '(');
                    let after_ok = s[from..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric() && c != ')');
                    let span = Span::new(b.start + st, b.start + from);
                    if before_ok && after_ok && !out.iter().any(|o| o.span.overlaps(&span)) {
                        out.push(OrgRef {
                            span,
                            name: name.clone(),
                            kind: kind.clone(),
                            entry: *entry,
                        });
                    }
                }
            }
        }
    }
    // National forces by proper name.
    for (b, &m) in body.iter().zip(&per_sentence).filter(|(_, m)| **m != 0) {
        let s = &text[b.start..b.end];
        for head in heads_in(m) {
            let mut from = 0;
            while let Some(p) = s[from..].find(head) {
                let st = from + p;
                from = st + head.len();
                let rest = &s[from..];
                // Extend with an adjective (« rwandaises ») or « de X » / « du X ».
                let mut end = from;
                let lead_ws = rest.len() - rest.trim_start().len();
                let mut words = rest.trim_start().split_inclusive(' ');
                if let Some(w) = words.next() {
                    let w0 = w.trim_start();
                    let lead = lead_ws + w.len() - w0.len();
                    let word: String = w0
                        .chars()
                        .take_while(|c| c.is_alphabetic() || *c == '-')
                        .collect();
                    if !word.is_empty() && !CONNECTORS.contains(&word.as_str()) {
                        end = from + lead + word.len();
                    }
                }
                if end == from && !head.contains(' ') {
                    continue;
                }
                let span = Span::new(b.start + st, b.start + end);
                // A lexicon hit on the bare head (« Forces armées ») yields to the full name.
                out.retain(|o| !(span.contains(&o.span) && o.span.len() < span.len()));
                if out.iter().any(|o| o.span.overlaps(&span)) {
                    continue;
                }
                out.push(OrgRef {
                    span,
                    name: s[st..end].to_string(),
                    kind: "military".into(),
                    entry: None,
                });
            }
        }
    }
    // A lexicon acronym the article defines takes the article's full name.
    for o in out.iter_mut() {
        if let Some((full, entry, kind)) = acronyms.get(o.name.as_str()) {
            o.name = full.clone();
            // grouped with the definition: by its lexicon entry if it kept one, else by name
            match entry {
                Some(e) => (o.entry, o.kind) = (Some(*e), kind.clone()),
                None => o.entry = None,
            }
        }
    }
    // Companies by their suffix (« Sierra Nevada Corporation », « Ethiopian Airlines ») or
    // their cue (« l'entreprise X », « le groupe X »).
    for (b, &m) in body.iter().zip(&per_sentence).filter(|(_, m)| **m != 0) {
        let cues: Vec<&str> = cues_in(m).collect();
        for (span, name) in company_names(text, *b, suffixes_in(m), &cues) {
            if !out.iter().any(|o| o.span.overlaps(&span))
                && !layer
                    .iter()
                    .any(|h| h.span.overlaps(&span) && !matches!(h.entry, Entry::Org(_)))
            {
                out.push(OrgRef {
                    span,
                    name,
                    kind: "company".into(),
                    entry: None,
                });
            }
        }
    }
    out.sort_by_key(|o| o.span.start);
    out
}

const COMPANY_SUFFIXES: &[&str] = &[
    "Corporation",
    "Corp",
    "Inc",
    "Ltd",
    "Limited",
    "Group",
    "Groupe",
    "Airlines",
    "Airways",
    "Aviation",
    "Industries",
    "Systems",
    "Technologies",
    "Holding",
    "Holdings",
    "Energies",
    "Petroleum",
    "Motors",
    "Dynamics",
    "Aerospace",
    "Shipyards",
    "Shipbuilding",
    "Defence",
    "Defense",
    "Arms",
    "Électronique",
    "Engineering",
];
const COMPANY_CUES: &[&str] = &[
    "l'entreprise ",
    "l’entreprise ",
    "la société ",
    "le groupe ",
    "la compagnie ",
    "la firme ",
    "le constructeur ",
    "l'industriel ",
    "l’industriel ",
    "le fabricant ",
    "le conglomérat ",
];

/// Capitalised names ending with a company suffix, or after a company cue.
///
/// `suffixes`: whether the article holds any suffix at all; `cues`: the cues it holds.
fn company_names(text: &str, b: Span, suffixes: bool, cues: &[&str]) -> Vec<(Span, String)> {
    let s = &text[b.start..b.end];
    let mut out = Vec::new();
    let words = if suffixes { word_starts(s) } else { Vec::new() };
    for (k, (st, w)) in words.iter().enumerate() {
        if k == 0 || !COMPANY_SUFFIXES.contains(w) {
            continue;
        }
        // Up to three capitalised words before the suffix.
        let mut first = k;
        while first > 0
            && k - first < 3
            && words[first - 1]
                .1
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
        {
            first -= 1;
        }
        if first < k && (first > 0 || k - first >= 1) {
            let start = words[first].0;
            // Not a sentence-initial article (« Le Groupe »).
            if matches!(words[first].1, "Le" | "La" | "Les" | "L'" | "Un" | "Une") {
                continue;
            }
            let end = st + w.len();
            out.push((
                Span::new(b.start + start, b.start + end),
                s[start..end].to_string(),
            ));
        }
    }
    for cue in cues {
        let mut from = 0;
        while let Some(p) = s[from..].find(cue) {
            let at = from + p + cue.len();
            from = at;
            let rest = &s[at..];
            let mut end = 0;
            for (i, w) in rest.split(' ').enumerate() {
                let core = w.trim_end_matches([',', '.', ';', ':', ')']);
                if i >= 3 || !core.chars().next().is_some_and(|c| c.is_uppercase()) {
                    break;
                }
                end = rest.find(w).map_or(end, |q| q + core.len());
                if core.len() != w.len() {
                    break;
                }
            }
            if end > 1 {
                out.push((
                    Span::new(b.start + at, b.start + at + end),
                    rest[..end].to_string(),
                ));
            }
        }
    }
    out
}

/// The start (byte offset in `s`) of the phrase before `open` whose initials spell `acr`.
fn phrase_for(s: &str, open: usize, acr: &str) -> Option<usize> {
    let letters: Vec<char> = fold(acr).chars().filter(|c| c.is_alphabetic()).collect();
    let before = s[..open].trim_end();
    let words: Vec<(usize, &str)> = word_starts(before);
    // Walk back at most 10 words; the first word's initial must be the acronym's first letter,
    // and the content words' initials must contain the acronym as a subsequence.
    for take in 1..=words.len().min(10) {
        let slice = &words[words.len() - take..];
        let first = slice[0].1;
        let Some(fc) = fold(first).chars().next() else {
            continue;
        };
        if fc != letters[0] || CONNECTORS.contains(&first.to_lowercase().as_str()) {
            continue;
        }
        // « EUCAP Sahel Niger et la mission … (EUMPM) »: two coordinated names, the
        // acronym belongs to the second.
        let coordinated = slice.windows(2).any(|w| {
            w[0].1 == "et"
                && matches!(
                    w[1].1.to_lowercase().as_str(),
                    "la" | "le" | "les" | "l'" | "l’" | "un" | "une"
                )
        });
        if coordinated {
            continue;
        }
        let initials: Vec<char> = slice
            .iter()
            .filter(|(_, w)| !CONNECTORS.contains(&w.to_lowercase().as_str()))
            .flat_map(|(_, w)| w.split('-').filter_map(|p| fold(p).chars().next()))
            .collect();
        if is_subsequence(
            &letters,
            &initials,
            &fold(&slice.iter().map(|x| x.1).collect::<Vec<_>>().join(" ")),
        ) && (first.chars().next().is_some_and(|c| c.is_uppercase()) || take >= 2)
        {
            return Some(slice[0].0);
        }
    }
    None
}

/// The body nouns that head an organization's descriptive name.
const ORG_HEADS: &[&str] = &[
    "académie",
    "administration",
    "agence",
    "armée",
    "autorité",
    "bataillon",
    "brigade",
    "bureau",
    "centre",
    "comité",
    "commandement",
    "commission",
    "conseil",
    "direction",
    "division",
    "escadron",
    "flotte",
    "force",
    "forces",
    "institut",
    "mission",
    "office",
    "organisation",
    "régiment",
];

/// A descriptive name whose acronym is not spelt by its French words, often an English
/// one: « l'Organisation indienne pour la recherche et le développement de la défense
/// (DRDO) », « la mission de partenariat militaire (EUMPM) », « l'armée de l'air
/// nigériane (NAF) ». The name runs from the last [`ORG_HEADS`] noun within twelve words
/// before the parenthesis (no punctuation between), which a determiner or a preposition
/// introduces, or « de » when the head is capitalised (« soldats des Forces de défense
/// du Kenya (KDF) »; an office the acronym spells, « chef d'état-major de l'armée de
/// l'air (CEMAA) », is found before), or which opens the sentence. The acronym has at least three capitals.
fn headed_phrase_for(s: &str, open: usize, acr: &str) -> Option<usize> {
    if acr.chars().filter(|c| c.is_uppercase()).count() < 3 {
        return None;
    }
    let before = s[..open].trim_end();
    let words = word_starts(before);
    let last = words.last()?;
    if !before[last.0 + last.1.len()..].trim().is_empty() {
        return None;
    }
    let window = &words[words.len().saturating_sub(12)..];
    for (k, &(st, w)) in window.iter().enumerate().rev() {
        // No punctuation between the head and the parenthesis.
        if before[st..].contains([',', ';', ':', '.', '«', '»', '"', '(', ')']) {
            return None;
        }
        if !ORG_HEADS.contains(&w.to_lowercase().as_str()) {
            continue;
        }
        // A name, not a clause: few content words, no possessive (« Agence Anadolu
        // diffuse à ses abonnés via son système … (HAS) »).
        let content: Vec<String> = window[k + 1..]
            .iter()
            .map(|(_, x)| x.to_lowercase())
            .filter(|x| !CONNECTORS.contains(&x.as_str()))
            .collect();
        if content.len() > 5
            || content
                .iter()
                .any(|x| matches!(x.as_str(), "son" | "sa" | "ses" | "leur" | "leurs"))
        {
            return None;
        }
        let idx = words.len() - window.len() + k;
        let intro = idx
            .checked_sub(1)
            .and_then(|i| words.get(i))
            .map(|(_, p)| p.to_lowercase());
        let ok = match intro.as_deref() {
            None => true,
            Some(
                "l'" | "l’" | "la" | "le" | "les" | "une" | "un" | "cette" | "ce" | "sa" | "son"
                | "ses",
            ) => {
                // « de l'armée … »: a dependent of a preceding noun.
                !idx.checked_sub(2)
                    .and_then(|i| words.get(i))
                    .is_some_and(|(_, p)| {
                        matches!(p.to_lowercase().as_str(), "de" | "d'" | "d’" | "du" | "des")
                    })
            }
            Some("à" | "par" | "avec" | "pour" | "entre" | "sur" | "et" | "au" | "aux") => true,
            // « soldats des Forces de défense du Kenya (KDF) »: a proper name may depend
            // on a noun (an office spelt by the acronym is found before this fallback).
            Some("de" | "d'" | "d’" | "du" | "des") => w.starts_with(char::is_uppercase),
            _ => false,
        };
        return ok.then_some(st);
    }
    None
}

fn is_subsequence(acr: &[char], initials: &[char], phrase: &str) -> bool {
    // Initials first; else letters of the phrase in order (FACA = Forces Armées CentrAfricaines).
    let mut it = initials.iter();
    if acr.iter().all(|c| it.any(|x| x == c)) && initials.first() == acr.first() {
        return true;
    }
    let mut it = phrase.chars();
    acr.iter().all(|c| it.any(|x| x == *c)) && initials.len() + 1 >= acr.len()
}

fn word_starts(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let w = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    // Split elisions « d'union » into « d' » + « union ».
    let mut res = Vec::new();
    for (st, w) in out {
        if let Some(p) = w.find(['\'', '’']) {
            let q = p + w[p..].chars().next().map_or(1, |c| c.len_utf8());
            if p <= 3 && q < w.len() {
                res.push((st, &w[..q]));
                res.push((st + q, &w[q..]));
                continue;
            }
        }
        res.push((st, w));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let g = Gazetteer::get();
        let hits = g.scan(text);
        let layer = crate::gazetteer::longest_layer(&hits, |h| h.entry.is_entity());
        recognize(text, &layer, &hits, &[Span::new(0, text.len())])
            .into_iter()
            .map(|o| o.name)
            .collect()
    }

    #[test]
    fn acronym_definitions() {
        assert_eq!(
            names("Les rebelles de la Coalition des patriotes pour le changement (CPC) avancent; la CPC recule."),
            ["Coalition des patriotes pour le changement (CPC)", "Coalition des patriotes pour le changement (CPC)"]
        );
        assert_eq!(
            names("le gouvernement d'union nationale (GNA) de Tripoli"),
            ["gouvernement d'union nationale (GNA)"]
        );
        assert_eq!(
            names("les Forces armées centrafricaines (FACA) ont"),
            ["Forces armées centrafricaines (FACA)"]
        );
    }

    #[test]
    fn fixed_phrases_fit_one_mask() {
        assert!(FORCE_HEADS.len() + COMPANY_CUES.len() + COMPANY_SUFFIXES.len() <= 64);
        let text = "la Garde nationale. Forces armées royales. Garde nationale groupe X";
        let spans = [
            Span::new(0, 18),
            Span::new(19, 42),
            Span::new(43, text.len()),
        ];
        let masks = fixed_per_span(text, &spans);
        let bit = |h: &str| 1u64 << fixed_phrases().position(|x| x == h).unwrap_or(99);
        assert_eq!(
            masks,
            [
                bit("Garde nationale"),
                bit("Forces armées") | bit("Forces armées royales"),
                // A phrase starting inside another one counts too.
                bit("Garde nationale") | bit("le groupe "),
            ]
        );
    }

    #[test]
    fn national_forces() {
        assert_eq!(
            names("au quartier général des Forces armées rwandaises."),
            ["Forces armées rwandaises"]
        );
    }
}
