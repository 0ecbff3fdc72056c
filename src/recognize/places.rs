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
        let same_span = |pred: &dyn Fn(Entry) -> bool| all.iter().any(|o| o.span == h.span && pred(o.entry));
        match h.entry {
            Entry::Country(i) => {
                // « Maurice Kamto »: a country name that is also a given name, followed by
                // a capitalised word, is a person.
                if same_span(&|e| e == Entry::GivenName) && next_word_capitalised(text, h.span.end) {
                    continue;
                }
                countries.push(CountryRef { span: h.span, country: i, how: How::Name });
                // « à Djibouti »: the city as well.
                if preceded_by(text, h.span.start, &["à", "a"]) {
                    if let Some(c) = all.iter().find_map(|o| match o.entry {
                        Entry::City(c) if o.span == h.span => Some(c),
                        _ => None,
                    }) {
                        places.push(PlaceRef { span: h.span, city: c });
                    }
                }
            }
            Entry::Adjective(i) => countries.push(CountryRef { span: h.span, country: i, how: How::Adjective }),
            Entry::Prefix(i) => countries.push(CountryRef { span: h.span, country: i, how: How::Prefix }),
            Entry::City(c) => {
                let Some(city) = g.cities.get(c as usize) else { continue };
                if same_span(&|e| e == Entry::GivenName) && next_word_capitalised(text, h.span.end) {
                    continue;
                }
                places.push(PlaceRef { span: h.span, city: c });
                if city.kind == CityKind::Capital {
                    if let Some(i) = g.countries.iter().position(|k| k.code == city.code) {
                        countries.push(CountryRef { span: h.span, country: i as u16, how: How::Capital });
                    }
                }
            }
            _ => {}
        }
    }
    (countries, places)
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
    let w = before.rsplit(|c: char| c.is_whitespace() || c == '\'' || c == '’').next().unwrap_or("");
    words.iter().any(|x| w.eq_ignore_ascii_case(x) || w.to_lowercase() == *x)
}
