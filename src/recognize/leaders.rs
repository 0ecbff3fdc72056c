//! Heads of state and of government: the state of a leader the article names without any
//! clue to it.
//!
//! « où il s'était entretenu avec le président X », « par les présidents A et B »: nothing in
//! the sentence says whose president X is, and the nearest state named is as often the
//! other side's. The list in `data/leaders.tsv` (every head of state and of government of
//! the states of `countries.tsv`, 2005–2025) settles it. It is read only for a person the
//! text gives no sure state (no adjective, no « pour le Togo » after the name): what the
//! article says always wins over the list.
//!
//! A name matches an entry when their last words have the same [`name_key`] and, when both
//! have given names, one given name (particles aside) is shared, as
//! [`crate::merge::same_person`] compares names. A name that matches leaders of two states
//! matches none.
//!
//! ```
//! use entente::gazetteer::Gazetteer;
//! use entente::recognize::leaders;
//! let g = Gazetteer::get();
//! let code = |name| leaders::country_of(name).and_then(|i| g.countries.get(i as usize)).map(|c| c.code.as_str());
//! assert_eq!(code("Paul Biya"), Some("CM"));
//! assert_eq!(code("Dmitry Medvedev"), Some("RU"));
//! assert_eq!(code("Chantal Biya"), None);
//! assert_eq!(code("Jean Dupont"), None);
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use super::people::PARTICLES;
use crate::gazetteer::Gazetteer;
use crate::translit::name_key;

const LEADERS: &str = include_str!(concat!(env!("OUT_DIR"), "/leaders.tsv"));

/// One name form of a leader: its given-name keys (particles dropped), its state and the
/// offices held, with their first and last years (`u16::MAX`: still in office).
struct Form {
    given: Vec<String>,
    country: u16,
    offices: Vec<(&'static str, u16, u16)>,
}

/// Name forms by the key of their last word.
struct Leaders {
    by_last: HashMap<String, Vec<Form>>,
}

impl Leaders {
    fn get() -> &'static Leaders {
        static L: OnceLock<Leaders> = OnceLock::new();
        L.get_or_init(Leaders::build)
    }

    fn build() -> Leaders {
        let g = Gazetteer::get();
        let mut by_last: HashMap<String, Vec<Form>> = HashMap::new();
        for line in LEADERS.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(code), Some(name)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            let Some(country) = g.country_index(code) else {
                continue;
            };
            let aliases = cols.get(2).map_or("", |a| a.trim());
            let year = |i: usize| cols.get(i).and_then(|y| y.trim().parse::<u16>().ok());
            let office = (
                cols.get(3).map_or("", |o| o.trim()),
                year(4).unwrap_or(0),
                year(5).unwrap_or(u16::MAX),
            );
            let forms = std::iter::once(*name).chain(aliases.split('|'));
            for form in forms.map(str::trim).filter(|f| !f.is_empty()) {
                let Some((last, given)) = split(form) else {
                    continue;
                };
                let list = by_last.entry(last).or_default();
                match list
                    .iter_mut()
                    .find(|f| f.country == country && f.given == given)
                {
                    Some(f) => f.offices.push(office),
                    None => list.push(Form {
                        given,
                        country,
                        offices: vec![office],
                    }),
                }
            }
        }
        Leaders { by_last }
    }
}

/// The key of a name's last word and the keys of its given names, particles (« al »,
/// « ben », « de »: they tell no one apart) dropped.
fn split(name: &str) -> Option<(String, Vec<String>)> {
    let key = name_key(name);
    let mut words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let last = words.pop()?.to_string();
    let given = words
        .into_iter()
        .filter(|w| !PARTICLES.contains(w))
        .map(String::from)
        .collect();
    Some((last, given))
}

/// The forms of listed leaders that `name` matches: same last-word key and, when both
/// have given names, one shared.
fn matches(name: &str) -> impl Iterator<Item = &'static Form> {
    let (last, given) = split(name).unwrap_or_default();
    let forms = Leaders::get()
        .by_last
        .get(&last)
        .map_or(&[][..], |f| &f[..]);
    forms.iter().filter(move |f| {
        given.is_empty() || f.given.is_empty() || given.iter().any(|w| f.given.contains(w))
    })
}

/// The state (index in [`Gazetteer::countries`]) of the listed leader named `name`, or
/// `None` when no leader, or leaders of two states, bear that name.
pub fn country_of(name: &str) -> Option<u16> {
    country_around(name, None)
}

/// [`country_of`] among the leaders in office around `year` only: from two years before
/// their first term to twelve years after their last. A name the article gives no office
/// is as likely someone else's when its leader held office long before (« Paul Martin,
/// chercheur à l'Ifri », not Canada's Prime Minister of 2003–2006). With no year, every
/// leader counts.
///
/// ```
/// use entente::gazetteer::Gazetteer;
/// use entente::recognize::leaders::country_around;
/// let g = Gazetteer::get();
/// let cm = g.country_index("CM");
/// assert_eq!(country_around("Paul Biya", Some(2024)), cm);
/// assert_eq!(country_around("Paul Biya", None), cm);
/// assert_eq!(country_around("Paul Martin", Some(2024)), None);
/// ```
pub fn country_around(name: &str, year: Option<u16>) -> Option<u16> {
    let mut found = None;
    let near = |f: &&Form| {
        year.is_none_or(|y| {
            f.offices
                .iter()
                .any(|&(_, from, to)| from.saturating_sub(2) <= y && y <= to.saturating_add(12))
        })
    };
    for f in matches(name).filter(near) {
        match found {
            None => found = Some(f.country),
            Some(c) if c != f.country => return None,
            Some(_) => {}
        }
    }
    found
}

/// The office (« président », « Premier ministre », « roi »…) the listed leader named
/// `name` held in `year`; else « ancien » and the last office held before `year`.
///
/// ```
/// use entente::recognize::leaders::office_in;
/// assert_eq!(office_in("Dmitri Medvedev", 2010).as_deref(), Some("président"));
/// assert_eq!(office_in("Dmitry Medvedev", 2015).as_deref(), Some("Premier ministre"));
/// assert_eq!(office_in("Nicolas Sarkozy", 2020).as_deref(), Some("ancien président"));
/// assert_eq!(office_in("Paul Biya", 1970), None);
/// ```
pub fn office_in(name: &str, year: u16) -> Option<String> {
    country_of(name)?;
    let offices = || matches(name).flat_map(|f| &f.offices);
    if let Some((office, _, _)) = offices().find(|(_, from, to)| (*from..=*to).contains(&year)) {
        return Some(office.to_string());
    }
    offices()
        .filter(|(_, _, to)| *to < year)
        .max_by_key(|(_, _, to)| *to)
        .map(|(office, _, _)| format!("ancien {office}"))
}
