//! Countries and places: names (with their article and preposition forms, since the
//! matcher works on bare names and « la », « du », « au », « aux », « en » stay outside),
//! English names, demonyms in every gender and number, compound prefixes
//! (`russo-burkinabè`), and capitals — a capital used as an actor (« Moscou a livré à
//! Bamako ») stands for its state. Regions and continents block a country reading
//! (« golfe de Guinée », « Afrique du Sud » vs « Afrique centrale »).

use crate::gazetteer::{CityKind, Entry, Gazetteer, Hit};
use crate::types::Span;

/// How a country was referred to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// By its name.
    Name,
    /// By an adjective (« russe »).
    Adjective,
    /// By a compound prefix (« russo- »).
    Prefix,
    /// By its capital (« Moscou »).
    Capital,
}

/// A country reference in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountryRef {
    /// Where.
    pub span: Span,
    /// Index into [`Gazetteer::countries`].
    pub country: u16,
    /// How.
    pub how: How,
}

/// A city or sub-national place in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlaceRef {
    /// Where.
    pub span: Span,
    /// Index into [`Gazetteer::cities`].
    pub city: u16,
}

/// Reads country and place references from the entity layer of gazetteer hits
/// (longest, non-overlapping; see [`crate::gazetteer::longest_layer`]). `all` holds every
/// hit (to see that a name is also a given name or a city).
pub fn recognize(text: &str, layer: &[Hit], all: &[Hit]) -> (Vec<CountryRef>, Vec<PlaceRef>) {
    let g = Gazetteer::get();
    let mut countries = Vec::new();
    let mut places = Vec::new();
    for h in layer {
        let same_span = |pred: &dyn Fn(Entry) -> bool| {
            crate::gazetteer::near(all, h.span)
                .iter()
                .any(|o| o.span == h.span && pred(o.entry))
        };
        match h.entry {
            Entry::Country(i) => {
                // « Maurice Kamto »: a country name that is also a given name, followed by
                // a capitalised word, is a person.
                if same_span(&|e| e == Entry::GivenName) && next_word_capitalised(text, h.span.end)
                {
                    continue;
                }
                countries.push(CountryRef {
                    span: h.span,
                    country: i,
                    how: How::Name,
                });
                // « à Djibouti »: the city as well.
                if preceded_by(text, h.span.start, &["à", "a"]) {
                    if let Some(c) =
                        crate::gazetteer::near(all, h.span)
                            .iter()
                            .find_map(|o| match o.entry {
                                Entry::City(c) if o.span == h.span => Some(c),
                                _ => None,
                            })
                    {
                        places.push(PlaceRef {
                            span: h.span,
                            city: c,
                        });
                    }
                }
            }
            Entry::Adjective(i) => countries.push(CountryRef {
                span: h.span,
                country: i,
                how: How::Adjective,
            }),
            Entry::Prefix(i) => countries.push(CountryRef {
                span: h.span,
                country: i,
                how: How::Prefix,
            }),
            Entry::City(c) => {
                let Some(city) = g.cities.get(c as usize) else {
                    continue;
                };
                if same_span(&|e| e == Entry::GivenName) && next_word_capitalised(text, h.span.end)
                {
                    continue;
                }
                if city_is_first_name(text, h, layer) || ship_named_before(text, h.span.start) {
                    continue;
                }
                places.push(PlaceRef {
                    span: h.span,
                    city: c,
                });
                if city.kind == CityKind::Capital {
                    if let Some(i) = g.country_index(&city.code) {
                        countries.push(CountryRef {
                            span: h.span,
                            country: i,
                            how: How::Capital,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    us_georgia(&mut countries, &places);
    (countries, places)
}

/// « le destroyer INS Delhi », « la frégate TCG Ankara »: a warship named after a city,
/// its navy's prefix right before the name, is no place (nor its capital's government).
fn ship_named_before(text: &str, start: usize) -> bool {
    const PREFIXES: &[&str] = &[
        "INS", "HMS", "USS", "TCG", "BRP", "PNS", "KRI", "HTMS", "ROKS", "JS", "NRP", "ITS",
        "HNLMS", "HMAS", "HMCS", "HMNZS", "SAS", "NNS", "ENS", "ARA", "BNS",
    ];
    let head = text.get(..start).unwrap_or("").trim_end_matches(' ');
    let word = head.rsplit(' ').next().unwrap_or("");
    head.len() < start && PREFIXES.contains(&word)
}

/// « formés sur la base aérienne de Moody, en Géorgie »: the American state, not the
/// country, when a place of the United States other than its capital is named in the 400
/// bytes before it and the text has nothing Georgian (no « géorgien », no Tbilissi).
fn us_georgia(countries: &mut [CountryRef], places: &[PlaceRef]) {
    let g = Gazetteer::get();
    let (Some(ge), Some(us)) = (g.country_index("GE"), g.country_index("US")) else {
        return;
    };
    if countries
        .iter()
        .any(|c| c.country == ge && c.how != How::Name)
    {
        return;
    }
    let american = |p: &PlaceRef| {
        g.cities
            .get(p.city as usize)
            .is_some_and(|c| c.code == "US" && c.kind != CityKind::Capital)
    };
    for c in countries.iter_mut().filter(|c| c.country == ge) {
        if places
            .iter()
            .any(|p| american(p) && p.span.end <= c.span.start && c.span.start - p.span.end < 400)
        {
            c.country = us;
        }
    }
}

/// True when the next word after `end` starts with an upper-case letter.
pub fn next_word_capitalised(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let mut chars = rest.chars();
    match chars.next() {
        Some(' ') | Some('\u{a0}') => chars.next().is_some_and(|c| c.is_uppercase()),
        _ => false,
    }
}

/// True when the word right before `start` is one of `words` (case-insensitive).
pub fn preceded_by(text: &str, start: usize, words: &[&str]) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end();
    let w = before
        .rsplit(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .next()
        .unwrap_or("");
    words
        .iter()
        // An ASCII word lower-cases as `eq_ignore_ascii_case` compares it.
        .any(|x| w.eq_ignore_ascii_case(x) || (!w.is_ascii() && w.to_lowercase() == *x))
}

/// Words after which a capitalised name not in the gazetteer is a place
/// (« à Jacqueville », « le port de Zhanjiang », « au camp de Berengo »).
const PLACE_CUES: &[&str] = &[
    "à",
    "camp de",
    "port de",
    "base de",
    "base aérienne de",
    "désert du",
    "ville de",
    "région de",
    "province de",
    "localité de",
    "village de",
    "district de",
    "préfecture de",
    "commune de",
    "aéroport de",
    "près de",
    "quartier de",
    "environs de",
    "banlieue de",
    "département de",
    "état de",
    "île de",
];

/// The ends of every [`PLACE_CUES`] cue with the space after it. They cannot overlap, so
/// a plain search finds them all.
static CUE_ENDS: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(["à ", "de ", "du "]).ok());

/// Capitalised words that are never places after « à » (feasts, days, abstract nouns).
const NOT_PLACES: &[&str] = &[
    "Pâques", "Noël", "Dieu", "Allah", "Internet", "Twitter", "Facebook", "X", "Il", "Elle",
    "Nous", "Vous", "Ce", "Cette", "Cet", "La", "Le", "Les", "L", "Un", "Une", "Son", "Sa", "Ses",
    "Leur", "État", "Etat", "États", "Etats",
];

/// Places missing from the gazetteer, found by their cue: returns `(span, name)`.
/// `occupied` spans (entities, people, dates) are never places.
pub fn unknown(text: &str, sentences: &[Span], occupied: &[Span]) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    let mut occupied: Vec<Span> = occupied.to_vec();
    occupied.sort_by_key(|o| o.start);
    let taken = |span: &Span| {
        let hi = occupied.partition_point(|o| o.start < span.end);
        occupied[..hi]
            .iter()
            .rev()
            .take_while(|o| o.start + 400 > span.start)
            .any(|o| o.overlaps(span))
    };
    let Some(ends) = CUE_ENDS.as_ref() else {
        return out;
    };
    for s in sentences {
        let sent = &text[s.start..s.end];
        // Only capitalised words after a space can be names, with a cue right before them:
        // every cue ends with « à », « de » or « du », found with the space in one search.
        for m in ends.find_iter(sent) {
            let i = m.end();
            let upper = match sent.as_bytes().get(i) {
                Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                Some(_) => sent
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(char::is_uppercase),
                None => false,
            };
            if !upper {
                continue;
            }
            let head = &sent[..i - 1];
            let Some(cue) = PLACE_CUES.iter().find(|cue| {
                head.ends_with(**cue)
                    && head[..head.len() - cue.len()]
                        .chars()
                        .next_back()
                        .is_none_or(|c| c.is_whitespace())
            }) else {
                continue;
            };
            let _ = cue;
            let from = i - 1;
            {
                let name_start = from + 1;
                let rest = &sent[name_start..];
                // A run of capitalised words joined by hyphens or spaces (max 3 words).
                let mut end = 0;
                let mut words = 0;
                for w in rest.split_inclusive(' ') {
                    let word = w.trim_end_matches(' ');
                    let core = word.trim_end_matches([',', '.', ';', ':', ')', '»']);
                    let cap = core.chars().next().is_some_and(|c| c.is_uppercase());
                    if !cap || words >= 3 || core.contains(['\'', '’']) && core.len() < 3 {
                        break;
                    }
                    end += core.len();
                    words += 1;
                    if core.len() != word.len() || word.len() == w.len() {
                        break;
                    }
                    end += w.len() - core.len();
                }
                let name = rest[..end].trim_end();
                if name.chars().count() < 3 || NOT_PLACES.contains(&name) {
                    continue;
                }
                let first = name.split([' ', '-']).next().unwrap_or("");
                // « à La Celle-Saint-Cloud »: an article starts a place name when a
                // capitalised word follows it.
                let article_name = matches!(first, "La" | "Le" | "Les")
                    && name
                        .split(' ')
                        .nth(1)
                        .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
                if NOT_PLACES.contains(&first) && !article_name {
                    continue;
                }
                let span = Span::new(s.start + name_start, s.start + name_start + name.len());
                if taken(&span)
                    || out
                        .last()
                        .is_some_and(|(o, _): &(Span, String)| o.overlaps(&span))
                {
                    continue;
                }
                out.push((span, name.to_string()));
            }
        }
    }
    out.sort_by_key(|x| x.0.start);
    out
}

/// « le ministre kényan de la Défense, Aden Haji »: a city name right after a
/// comma or a role and followed by a capitalised word that is no place is a first name.
pub fn city_is_first_name(text: &str, h: &Hit, layer: &[Hit]) -> bool {
    let Entry::City(c) = h.entry else {
        return false;
    };
    let g = Gazetteer::get();
    if g.cities.get(c as usize).is_none() || !next_word_capitalised(text, h.span.end) {
        return false;
    }
    let rest = text.get(h.span.end..).unwrap_or("").trim_start();
    let next_len = rest
        .find(|ch: char| !ch.is_alphanumeric() && ch != '-')
        .unwrap_or(rest.len());
    let next_start = text.len() - rest.len();
    let next = Span::new(next_start, next_start + next_len);
    if layer.iter().any(|o| o.span.overlaps(&next)) {
        return false;
    }
    let before = text.get(..h.span.start).unwrap_or("").trim_end();
    before.ends_with(',') || before.ends_with("M.") || before.ends_with("Mme")
}
