//! Stage 7, merge: one person whatever the spelling, one event whatever the number of
//! articles that report it, and per-country statistics.
//!
//! People meet on the transliteration key of their last name plus a compatible first
//! name (same key, or one of them has none). Events meet on type, unordered actor pair
//! and compatible dates (equal, one inside the other, or one unknown).

use std::borrow::Borrow;
use std::collections::HashMap;

use crate::events::compatible;
use crate::gazetteer::Gazetteer;
use crate::translit::name_key;
use crate::types::*;

/// Merges the articles' people and events into the corpus view.
pub fn merge(articles: &[Analysis]) -> Merged {
    let digests: Vec<Digest> = articles.iter().map(Digest::of).collect();
    merge_digests(&digests)
}

/// [`merge`] of the articles' digests (what the merge reads of each, see [`Digest`]).
pub fn merge_digests<D: Borrow<Digest>>(articles: &[D]) -> Merged {
    let mut people: Vec<CorpusPerson> = Vec::new();
    // Candidates by the key of the last name: merging stays linear in the corpus size.
    let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
    for (ai, a) in articles.iter().map(Borrow::borrow).enumerate() {
        for (pi, p) in a.people.iter().enumerate() {
            let src = SourceRef {
                article: ai,
                doc: a.doc.clone(),
                index: pi,
            };
            let last = last_key(&p.name);
            let found = by_last.get(&last).and_then(|ids| {
                ids.iter()
                    .copied()
                    .find(|&i| same_person(&people[i].name, &p.name))
            });
            match found.map(|i| &mut people[i]) {
                Some(c) => {
                    let longer =
                        p.name.split_whitespace().count() > c.name.split_whitespace().count();
                    for form in std::iter::once(&p.name).chain(p.aliases.iter()) {
                        if *form != c.name && !c.aliases.contains(form) {
                            c.aliases.push(form.clone());
                        }
                    }
                    if longer {
                        let old = std::mem::replace(&mut c.name, p.name.clone());
                        c.aliases.retain(|x| *x != c.name);
                        if !c.aliases.contains(&old) {
                            c.aliases.push(old);
                        }
                        c.key = name_key(&c.name);
                    }
                    if c.role.is_none() {
                        c.role = p.role.clone();
                    }
                    if c.country.is_none() {
                        c.country = p.country.clone();
                    }
                    c.sources.push(src);
                }
                None => {
                    by_last.entry(last).or_default().push(people.len());
                    people.push(CorpusPerson {
                        name: p.name.clone(),
                        aliases: p.aliases.clone(),
                        role: p.role.clone(),
                        country: p.country.clone(),
                        key: name_key(&p.name),
                        sources: vec![src],
                    })
                }
            }
        }
    }
    let mut events: Vec<CorpusEvent> = Vec::new();
    let mut by_pair: HashMap<(EventType, String, String), Vec<usize>> = HashMap::new();
    for (ai, a) in articles.iter().map(Borrow::borrow).enumerate() {
        for (ei, e) in a.events.iter().enumerate() {
            let src = SourceRef {
                article: ai,
                doc: a.doc.clone(),
                index: ei,
            };
            let key = pair_key(e.kind, &e.actors);
            let found = by_pair.get(&key).and_then(|ids| {
                ids.iter().copied().find(|&i| {
                    let c = &events[i];
                    compatible(c.date.as_deref(), e.date.as_deref())
                        && c.sources.iter().all(|s| s.article != ai)
                })
            });
            match found.map(|i| &mut events[i]) {
                Some(c) => {
                    let finer = match (&c.date, &e.date) {
                        (None, Some(_)) => true,
                        (Some(a), Some(b)) => b.len() > a.len(),
                        _ => false,
                    };
                    if finer {
                        c.date = e.date.clone();
                        c.date_precision = e.date_precision;
                    }
                    if c.place.is_none() {
                        c.place = e.place.clone();
                    }
                    if !c.directed && e.directed {
                        c.actors = e.actors.clone();
                        c.directed = true;
                    }
                    for p in &e.people {
                        if !c.people.contains(p) {
                            c.people.push(p.clone());
                        }
                    }
                    c.sources.push(src);
                }
                None => {
                    by_pair.entry(key).or_default().push(events.len());
                    events.push(CorpusEvent {
                        kind: e.kind,
                        actors: e.actors.clone(),
                        directed: e.directed,
                        date: e.date.clone(),
                        date_precision: e.date_precision,
                        place: e.place.clone(),
                        status: e.status,
                        people: e.people.clone(),
                        plover: e.plover.clone(),
                        sources: vec![src],
                    })
                }
            }
        }
    }
    Merged {
        countries: country_stats(articles, &events),
        people,
        events,
    }
}

fn pair_key(kind: EventType, actors: &[String]) -> (EventType, String, String) {
    let a = actors.first().cloned().unwrap_or_default();
    let b = actors.get(1).cloned().unwrap_or_default();
    if a <= b {
        (kind, a, b)
    } else {
        (kind, b, a)
    }
}

fn last_key(name: &str) -> String {
    name_key(name).rsplit(' ').next().unwrap_or("").to_string()
}

/// Two names are the same person when their last names share a key and their first
/// names (if both have one) do too.
pub fn same_person(a: &str, b: &str) -> bool {
    let ka: Vec<String> = name_key(a).split(' ').map(String::from).collect();
    let kb: Vec<String> = name_key(b).split(' ').map(String::from).collect();
    let (Some(la), Some(lb)) = (ka.last(), kb.last()) else {
        return false;
    };
    if la != lb || la.is_empty() {
        return false;
    }
    if ka.len() >= 2 && kb.len() >= 2 {
        // Both have a first name: one must contain the other's first word.
        return ka[..ka.len() - 1]
            .iter()
            .any(|x| kb[..kb.len() - 1].contains(x));
    }
    true
}

fn country_stats<D: Borrow<Digest>>(articles: &[D], events: &[CorpusEvent]) -> Vec<CountryStat> {
    let g = Gazetteer::get();
    let mut out: Vec<CountryStat> = Vec::new();
    let entry = |code: &str, out: &mut Vec<CountryStat>| -> usize {
        if let Some(i) = out.iter().position(|c| c.code == code) {
            return i;
        }
        let k = g.country(code);
        out.push(CountryStat {
            code: code.to_string(),
            name: k.map_or_else(|| code.to_string(), |k| k.name.clone()),
            name_en: k.map_or_else(|| code.to_string(), |k| k.name_en.clone()),
            lat: k.and_then(|k| k.lat),
            lon: k.and_then(|k| k.lon),
            mentions: 0,
            articles: 0,
            events: 0,
            partners: Vec::new(),
        });
        out.len() - 1
    };
    for a in articles.iter().map(Borrow::borrow) {
        for c in &a.countries {
            let i = entry(&c.code, &mut out);
            out[i].mentions += c.mentions;
            out[i].articles += 1;
        }
    }
    for e in events {
        if e.actors.len() != 2 {
            continue;
        }
        for (x, y) in [(0, 1), (1, 0)] {
            let i = entry(&e.actors[x], &mut out);
            out[i].events += 1;
            if !out[i].partners.contains(&e.actors[y]) {
                out[i].partners.push(e.actors[y].clone());
            }
        }
    }
    out.sort_by(|a, b| {
        b.events
            .cmp(&a.events)
            .then(b.mentions.cmp(&a.mentions))
            .then(a.code.cmp(&b.code))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_meet() {
        assert!(same_person("Pyotr Tchaikovsky", "Piotr Tchaïkovski"));
        assert!(same_person("Piotr Tchaïkovski", "Tchaikovsky"));
        assert!(!same_person("Jean Martin", "Piotr Tchaïkovski"));
        assert!(!same_person("Paul Martin", "Jean Martin"));
    }
}
