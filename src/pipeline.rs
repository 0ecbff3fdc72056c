//! The pipeline that ties the stages together: one function per article, one for a corpus.

use crate::events::{self, DateRef};
use crate::gazetteer::{longest_layer, Entry, Gazetteer};
use crate::recognize::dates::{is_weekday, shift_day, weekday_index, DateHit, DateText, Reference};
use crate::recognize::{leaders, orgs, people, places};
use crate::translit::{fold, Folded};
use crate::types::*;
use crate::{clean, merge, meta, segment};

/// Analyses one decoded article.
///
/// Never panics, whatever the text: every stage works on byte spans that are checked
/// against the text's char boundaries.
pub fn analyze(doc: &Document) -> Analysis {
    analyze_timed(doc, &mut |_| {})
}

/// [`analyze`], calling `lap` with a stage's name as each stage ends (the benchmark's
/// per-stage table; the hook costs a call per stage, nothing per byte).
pub fn analyze_timed(doc: &Document, lap: &mut dyn FnMut(&'static str)) -> Analysis {
    let text = doc.text.as_str();
    let g = Gazetteer::get();
    let map = &doc.map;

    // 2. clean
    let furniture = clean::furniture(text);
    let excluded_spans: Vec<Span> = furniture.iter().map(|(s, _)| *s).collect();
    lap("clean");
    // 3. meta
    let m = meta::read(doc, &furniture);
    lap("meta");
    // 4. segment
    let sentences = segment::sentences(text, &excluded_spans);
    let tokens: Vec<Vec<segment::Token>> = sentences
        .iter()
        .map(|s| segment::tokens(text, *s))
        .collect();
    // Sentences are sorted and disjoint: a binary search finds the one a span may lie in.
    let in_body = |s: &Span| s.within_one(&sentences).is_some();
    lap("segment");

    // 5. recognise: one automaton pass for every gazetteer.
    // The text folded once (lower case, no accents) for the automaton and the events' cues.
    let folded = Folded::new(text);
    let hits: Vec<_> = g
        .scan_folded(text, &folded)
        .into_iter()
        .filter(|h| in_body(&h.span))
        .collect();
    let layer = longest_layer(&hits, |h| {
        h.entry.is_entity() && h.entry != Entry::GivenName
    });
    lap("gazetteer");
    let (country_refs, place_refs) = places::recognize(text, &layer, &hits);
    lap("places");
    let org_refs = orgs::recognize(text, &layer, &hits, &sentences);
    lap("organizations");
    let mut people_refs = people::recognize(&people::Input {
        text,
        sentences: &sentences,
        tokens: &tokens,
        hits: &hits,
        layer: &layer,
        countries: &country_refs,
        year: m
            .published
            .as_deref()
            .and_then(|p| p.get(..4)?.parse().ok()),
    });
    // A byline names the writer, not a person of the news: a name alone on its line
    // (« Mona X » above the date), or after an agency's slashes (« Mogadiscio / AA / X »).
    people_refs.retain(|p| !p.mentions.iter().all(|m| in_byline(text, *m)));
    lap("people");

    // Dates: publication date first (explicit, else inferred), then everything against it.
    // The text is tokenized once for the date grammar, whatever the references tried.
    let date_text = DateText::new(text);
    let (published, inferred, reference, unreferenced) =
        publication(&date_text, &m, doc, &sentences);
    // A listed leader the text gives no office (or only a rank): the office held the year
    // the article was published, or the last one held before (« ancien président »).
    if let Some(year) = published.as_deref().and_then(|p| p.get(..4)?.parse().ok()) {
        for p in &mut people_refs {
            if p.role.as_deref().is_none_or(people::is_rank)
                && p.country.is_some()
                && p.country == leaders::country_of(&p.name)
            {
                if let Some(office) = leaders::office_in(&p.name, year) {
                    p.role = Some(office);
                }
            }
        }
    }
    // A date inside a person's name (« Mardi Ali ») is no date: mentions sorted, binary-searched.
    let mut name_spans: Vec<Span> = people_refs
        .iter()
        .flat_map(|p| p.mentions.iter().copied())
        .collect();
    name_spans.sort_by_key(|m| m.start);
    let in_name = |s: &Span| {
        let hi = name_spans.partition_point(|m| m.start < s.end);
        name_spans[..hi]
            .iter()
            .rev()
            .take_while(|m| m.start + 200 > s.start)
            .any(|m| m.overlaps(s))
    };
    // Without a reference, the dates are those the inference already read.
    let all_dates = match (&reference, unreferenced) {
        (None, Some(hits)) => hits,
        _ => date_text.find(reference.as_ref()),
    };
    let date_hits: Vec<DateHit> = all_dates
        .into_iter()
        .filter(|d| in_body(&d.span) && !in_name(&d.span) && !ends_a_name(text, &sentences, d))
        .collect();
    let date_refs: Vec<DateRef> = date_hits
        .iter()
        .map(|d| DateRef {
            span: d.span,
            value: d.value.clone(),
            precision: d.precision,
        })
        .collect();
    lap("dates");

    // 6. events
    let people_for_events: Vec<(Vec<Span>, Option<u16>)> = people_refs
        .iter()
        .map(|p| (p.mentions.clone(), p.country))
        .collect();
    let raw_events = events::extract(&events::Input {
        text,
        sentences: &sentences,
        hits: &hits,
        countries: &country_refs,
        places: &place_refs,
        people: &people_for_events,
        dates: &date_refs,
        published: published.as_ref().map(|p| DateRef {
            span: Span::new(0, 0),
            value: Some(p.clone()),
            precision: match p.len() {
                4 => Precision::Year,
                7 => Precision::Month,
                _ => Precision::Day,
            },
        }),
        folded: &folded,
        title: m.title.as_deref(),
    });

    // Places the gazetteer does not know, found by their cue (« à Jacqueville »).
    let mut occupied: Vec<Span> = hits
        .iter()
        .filter(|h| h.entry.is_entity())
        .map(|h| h.span)
        .collect();
    occupied.extend(people_refs.iter().flat_map(|p| p.mentions.iter().copied()));
    occupied.extend(date_hits.iter().map(|d| d.span));
    occupied.extend(org_refs.iter().map(|o| o.span));
    lap("events");
    let unknown_places = places::unknown(text, &sentences, &occupied);
    lap("unknown places");

    // Assemble with offsets.
    let off = |s: Span| map.offsets(s);
    let code = |i: u16| {
        g.countries
            .get(i as usize)
            .map(|c| c.code.clone())
            .unwrap_or_default()
    };
    let mut countries: Vec<CountryMention> = Vec::new();
    for c in &country_refs {
        let Some(k) = g.countries.get(c.country as usize) else {
            continue;
        };
        match countries.iter_mut().find(|x| x.code == k.code) {
            Some(x) => x.mentions.push(off(c.span)),
            None => countries.push(CountryMention {
                code: k.code.clone(),
                name: k.name.clone(),
                mentions: vec![off(c.span)],
            }),
        }
    }
    let mut places_out: Vec<Place> = Vec::new();
    for p in &place_refs {
        let Some(city) = g.cities.get(p.city as usize) else {
            continue;
        };
        match places_out.iter_mut().find(|x| x.name == city.name) {
            Some(x) => x.mentions.push(off(p.span)),
            None => places_out.push(Place {
                name: city.name.clone(),
                country: Some(city.code.clone()),
                lat: city.lat,
                lon: city.lon,
                mentions: vec![off(p.span)],
            }),
        }
    }
    for (span, name) in &unknown_places {
        // The sentence holding the place, and the country references in it.
        let sentence = span.within_one(&sentences);
        let in_sentence = sentence.map_or(&[][..], |b| starting_in(&country_refs, b, |c| c.span));
        let country = in_sentence
            .iter()
            .filter(|c| sentence.is_some_and(|b| b.contains(&c.span)))
            .min_by_key(|c| {
                if c.span.start > span.end {
                    c.span.start - span.end
                } else {
                    span.start.saturating_sub(c.span.end)
                }
            })
            .map(|c| code(c.country));
        match places_out.iter_mut().find(|x| x.name == *name) {
            Some(x) => x.mentions.push(off(*span)),
            None => places_out.push(Place {
                name: name.clone(),
                country,
                lat: None,
                lon: None,
                mentions: vec![off(*span)],
            }),
        }
    }
    let mut organizations: Vec<Organization> = Vec::new();
    // Each organization's key: its lexicon entry, else its folded name (`org_keys[i]` is
    // `organizations[i]`'s). The longest form written names a lexicon organization.
    #[derive(PartialEq)]
    enum OrgKey {
        Entry(u32),
        Name(String),
    }
    let mut org_keys: Vec<OrgKey> = Vec::new();
    // The short form (one word of up to seven letters, an acronym: « OTAN », « Otan ») each
    // lexicon organization is also written as, the first met.
    let mut org_short: Vec<Option<String>> = Vec::new();
    let acronym = |n: &str| {
        !n.contains([' ', '-', '\'', '’'])
            && (2..=7).contains(&n.chars().count())
            && n.chars().next().is_some_and(char::is_uppercase)
    };
    for o in &org_refs {
        let key = match o.entry {
            Some(i) => OrgKey::Entry(i),
            None => OrgKey::Name(fold(&o.name)),
        };
        let short = (o.entry.is_some() && acronym(&o.name)).then(|| o.name.clone());
        match org_keys.iter().position(|k| *k == key) {
            Some(i) => {
                if let Some(x) = organizations.get_mut(i) {
                    x.mentions.push(off(o.span));
                    if o.entry.is_some() && o.name.chars().count() > x.name.chars().count() {
                        x.name = o.name.clone();
                    }
                }
                if let Some(slot) = org_short.get_mut(i).filter(|s| s.is_none()) {
                    *slot = short;
                }
            }
            None => {
                organizations.push(Organization {
                    name: o.name.clone(),
                    kind: o.kind.clone(),
                    mentions: vec![off(o.span)],
                });
                org_keys.push(key);
                org_short.push(short);
            }
        }
    }
    // « Alliance atlantique (OTAN) »: the name written in full, with the acronym the article
    // also uses.
    for (x, short) in organizations.iter_mut().zip(&org_short) {
        if let Some(a) = short {
            if x.name.contains(' ') && !x.name.contains(a.as_str()) {
                x.name = format!("{} ({a})", x.name);
            }
        }
    }
    // The outlet that published the article is its source, not one of its organizations
    // (« … ont indiqué à l'Agence Anadolu des responsables » in Anadolu's own dispatch).
    if let Some(src) = m.source.as_deref().map(fold) {
        organizations.retain(|o| {
            o.kind != "media" || {
                let name = fold(&o.name);
                !(name.contains(src.as_str()) || src.contains(name.as_str()))
            }
        });
    }
    let people_out: Vec<Person> = people_refs
        .iter()
        .map(|p| Person {
            name: p.name.clone(),
            role: p.role.clone(),
            country: p.country.map(code),
            aliases: p.aliases.clone(),
            key: crate::translit::name_key(&p.name),
            mentions: p.mentions.iter().map(|s| off(*s)).collect(),
        })
        .collect();
    let dates: Vec<DateMention> = date_hits
        .iter()
        .map(|d| DateMention {
            span: text[d.span.start..d.span.end].to_string(),
            value: d.value.clone(),
            precision: d.precision,
            at: off(d.span),
        })
        .collect();
    let events_out: Vec<Event> = raw_events
        .iter()
        .map(|e| Event {
            kind: e.kind,
            actors: vec![code(e.from), code(e.to)],
            directed: e.directed,
            date: e.date.as_ref().and_then(|d| d.value.clone()),
            date_precision: e.date.as_ref().map(|d| d.precision),
            date_at: e
                .date
                .as_ref()
                .filter(|d| !d.span.is_empty())
                .map(|d| off(d.span)),
            place: e
                .place
                .and_then(|c| g.cities.get(c as usize))
                .map(|c| c.name.clone()),
            status: e.status,
            people: e
                .people
                .iter()
                .filter_map(|&i| people_refs.get(i))
                .map(|p| p.name.clone())
                .collect(),
            plover: e.kind.plover().to_string(),
            trigger: text[e.trigger.start..e.trigger.end].to_string(),
            trigger_at: off(e.trigger),
            evidence: text[e.sentence.start..e.sentence.end].to_string(),
            evidence_at: off(e.sentence),
        })
        .collect();
    let mut warnings = doc.warnings.clone();
    if text.trim().is_empty() && !warnings.iter().any(|w| w.contains("empty")) {
        warnings.push("empty file: nothing to analyse".into());
    }
    let analysis = Analysis {
        doc: doc.name.clone(),
        title: m.title.clone(),
        published,
        published_inferred: inferred,
        source: m.source.clone(),
        encoding: doc.encoding.clone(),
        format: doc.format,
        warnings,
        text: doc.text.clone(),
        fingerprint: fingerprint(text),
        duplicate_of: None,
        excluded: furniture
            .iter()
            .map(|(s, r)| Excluded {
                at: off(*s),
                reason: (*r).to_string(),
            })
            .collect(),
        countries,
        people: people_out,
        places: places_out,
        organizations,
        dates,
        events: events_out,
    };
    lap("assemble");
    analysis
}

/// A bare year that ends a name (« l'exercice Raïs Hamidou 2024 », « Flintlock 2025 »): right
/// after a capitalised word that is neither a month nor a weekday nor the first word of a
/// clause (« Depuis 2024, … », « Dakar, 12 mai 2024 - Depuis 2023 … » stay dates).
fn ends_a_name(text: &str, sentences: &[Span], d: &DateHit) -> bool {
    let Some(year) = text.get(d.span.start..d.span.end) else {
        return false;
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Some(sentence) = d.span.within_one(sentences) else {
        return false;
    };
    let before = text.get(sentence.start..d.span.start).unwrap_or("");
    let mut words = before.split_whitespace().rev();
    let (Some(word), Some(previous)) = (words.next(), words.next()) else {
        return false;
    };
    let folded = fold(word);
    // (After a dash or a comma the capitalised word opens a clause: « 2024 - Depuis 2023 ».)
    previous.chars().last().is_some_and(char::is_alphabetic)
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().all(char::is_alphabetic)
        && !crate::recognize::dates::is_month_or_weekday(&folded)
}

/// The publication date: explicit (header, byline, dateline, HTML metadata), else inferred
/// from the latest day-precision date of the body. Returns (published, inferred, reference
/// for relative dates, the text's dates read with no reference when they were).
fn publication(
    dates: &DateText,
    m: &meta::Meta,
    doc: &Document,
    body: &[Span],
) -> (
    Option<String>,
    bool,
    Option<Reference>,
    Option<Vec<DateHit>>,
) {
    let explicit = m
        .published
        .clone()
        .or_else(|| doc.html.published.as_deref().and_then(iso_date));
    if let Some(p) = explicit {
        let r = Reference::parse(&p);
        return (Some(p), false, r, None);
    }
    // Sentences are sorted and disjoint: binary search, not a scan per date.
    let in_body = |s: &Span| s.within_one(body).is_some();
    let unreferenced = dates.find(None);
    let absolute: Vec<DateHit> = unreferenced
        .iter()
        .filter(|d| in_body(&d.span) && d.absolute)
        .cloned()
        .collect();
    let day_max = |hits: &[DateHit]| -> Option<String> {
        hits.iter()
            .filter(|d| d.precision == Precision::Day)
            .filter_map(|d| d.value.clone())
            .filter(|v| v.len() == 10)
            .max()
    };
    let latest_day = day_max(&absolute);
    // Days named without a year (« mercredi 25 janvier », « du 13 au 15 juin ») are the
    // first such day on or after the latest date the article gives with its year: a
    // writer names the year of a date that is not in the current year, so the yearless
    // ones come later (« le 24 février 2022 … mercredi 25 janvier » is January 2023).
    // A deadline (« d'ici fin 2024 », « à l'horizon 2030 ») is no date of the news; when
    // the article names no other, it still bounds the year (« ont formé des commandos
    // jusqu'en 2022 »).
    let dated = |d: &&DateHit| !after_horizon_word(&doc.text, d.span);
    let horizons_only = !absolute.iter().any(|d| dated(&d));
    let latest_absolute = absolute
        .iter()
        .filter(|d| horizons_only || dated(d))
        .filter_map(|d| d.value.as_deref())
        // A span of years (« les années 2030 », « 2020-2030 ») is no news date, often
        // a plan's horizon.
        .filter(|v| {
            !v.split_once('/')
                .is_some_and(|(a, b)| a.len() == 4 && b.len() == 4)
        })
        // a range by its first day (« du 15 décembre 2023 au 15 décembre 2024 »)
        .map(|v| v.split('/').next().unwrap_or(v))
        .filter(|v| matches!(v.len(), 4 | 7 | 10))
        .max()
        .and_then(Reference::parse);
    // Months the article says are past (« en janvier dernier »): a yearless day in one of
    // them (« le 31 janvier ») is before the publication, not after the latest date.
    let past_months: Vec<u32> = unreferenced
        .iter()
        .filter_map(|d| {
            let t = doc.text.get(d.span.start..d.span.end)?;
            let (first, last) = (t.split_whitespace().next()?, t.split_whitespace().last()?);
            matches!(last, "dernier" | "dernière")
                .then(|| meta::month_of(first))
                .flatten()
        })
        .collect();
    // The day of the news, when the article names it: a dateline's day without its year
    // (« LE CAIRE, 20 avril (Xinhua) -- »), a day said to be today in the first sentences
    // (« a confirmé ce jeudi 25 avril 2024 »), or a day the first sentence names with its
    // weekday but no year (« a donné lundi 20 mai le coup d'envoi »): writers leave out
    // the year of the current days.
    if let Some(day) = news_day(dates, m, doc, body, &unreferenced, latest_absolute.as_ref()) {
        let r = Reference::parse(&day);
        return (Some(day), true, r, Some(unreferenced));
    }
    if let Some(from) = latest_absolute {
        // When the latest date is a month or a year after the latest day (« des élections
        // en décembre 2025 », often a plan the article reports), a yearless day within a
        // month after that day is its sequel (« Le 4 mars 2025, … l'a reçu le 7 mars »).
        let after_day = latest_day
            .as_deref()
            .filter(|_| from.day.is_none())
            .and_then(|d| Some((Reference::parse(d)?, shift_day(d, 31)?.1)));
        let yearless = dates
            .yearless_days()
            .into_iter()
            .filter(|y| in_body(&y.span) && !past_months.contains(&y.month))
            .filter_map(|y| {
                after_day
                    .as_ref()
                    .and_then(|(day, limit)| {
                        y.first_on_or_after(day)
                            .filter(|v| v.as_str() <= limit.as_str())
                    })
                    .or_else(|| y.first_on_or_after(&from))
            })
            .max();
        if yearless > latest_day {
            // Only the month is sure: the grammar then anchors the week on the days the
            // article names in that month (« jeudi (…) du 13 au 15 juin »).
            let month = yearless
                .as_deref()
                .and_then(|d| d.get(..7))
                .map(str::to_string);
            let r = month.as_deref().and_then(Reference::parse);
            return (month, true, r, Some(unreferenced));
        }
    }
    match latest_day {
        Some(day) => {
            let r = Reference::parse(&day);
            (Some(day[..7].to_string()), true, r, Some(unreferenced))
        }
        None => (None, false, None, Some(unreferenced)),
    }
}

/// Whether the date at `span` follows a word that makes it a deadline or a horizon
/// (« d'ici fin 2024 », « à l'horizon 2030 », « jusqu'en 2027 », « jusqu'à fin 2026 »), not a
/// day of the news.
fn after_horizon_word(text: &str, span: Span) -> bool {
    text.get(..span.start)
        .and_then(|b| b.split_whitespace().next_back())
        .is_some_and(|w| {
            matches!(
                fold(w).as_str(),
                "d'ici"
                    | "d’ici"
                    | "horizon"
                    | "jusqu'en"
                    | "jusqu’en"
                    // (« jusqu'en 2025 » read as « jusqu' » + « en 2025 ».)
                    | "jusqu'"
                    | "jusqu’"
                    | "jusqu'a"
                    | "jusqu’a"
                    | "echeance"
            )
        })
}

/// The day of the news an article without a publication date names (see [`publication`]):
/// `YYYY-MM-DD`, the year of a yearless day inferred from `latest`, the latest date the
/// article gives with its year.
fn news_day(
    dates: &DateText,
    m: &meta::Meta,
    doc: &Document,
    body: &[Span],
    hits: &[DateHit],
    latest: Option<&Reference>,
) -> Option<String> {
    let text = doc.text.as_str();
    let inside = |outer: Span, inner: Span| outer.start <= inner.start && inner.end <= outer.end;
    let yearless = || dates.yearless_days();
    let lead = body.get(..body.len().min(6)).unwrap_or(&[]);
    let in_lead = |s: Span| lead.iter().any(|l| inside(*l, s));
    if let Some(at) = m.dateline_day {
        // A bare weekday in the dateline's sentence or the next (« … ont présidé mercredi à
        // Ankara ») is the dispatch's day: it picks the year.
        // (The two from the dateline's: a byline or a stamp line may come before it.)
        let from = lead.partition_point(|l| l.end <= at.start);
        let first_two = lead.get(from..lead.len().min(from + 2)).unwrap_or(&[]);
        // (The dates after the dateline in the first two sentences.)
        let lead_dates = || {
            hits.iter().filter(move |d| {
                d.span.start >= at.end && first_two.iter().any(|l| inside(*l, d.span))
            })
        };
        let weekday = lead_dates().find_map(|d| {
            let t = text.get(d.span.start..d.span.end)?;
            let mut words = t.split_whitespace();
            let w = fold(words.next()?);
            // « en visite depuis lundi »: an earlier day than the dispatch's.
            let since = text
                .get(..d.span.start)?
                .split_whitespace()
                .next_back()
                .is_some_and(|p| {
                    matches!(
                        fold(p).as_str(),
                        "depuis" | "des" | "jusqu'a" | "jusqu’a" | "avant"
                    )
                });
            match words.next() {
                None if !since => weekday_index(&w),
                _ => None,
            }
        });
        // « à compter de ce jeudi »: the dispatch's own day, said so.
        let this_day = lead_dates().find_map(|d| {
            let t = text.get(d.span.start..d.span.end)?;
            let mut words = t.split_whitespace();
            let w = words.next()?;
            let (ce, wd) = if w.eq_ignore_ascii_case("ce") {
                (true, words.next()?)
            } else {
                let before = text.get(..d.span.start)?.split_whitespace().next_back();
                (before.is_some_and(|b| b.eq_ignore_ascii_case("ce")), w)
            };
            (ce && words.next().is_none())
                .then(|| weekday_index(&fold(wd)))
                .flatten()
        });
        // « à compter de ce jeudi » says the dispatch's day outright; else a bare weekday
        // is taken for it.
        let day = yearless()
            .into_iter()
            .find(|y| inside(y.span, at))
            .and_then(|y| match (this_day, weekday) {
                (Some(wd), _) => y
                    .with_weekday_from(latest?.year, wd)
                    .or_else(|| y.first_on_or_after(latest?)),
                // A bare weekday is the dispatch's day or, as often, the day before
                // (« N'DJAMENA, 10 mai (AFP) - Proclamé jeudi vainqueur… »): the first year
                // either fits, the dispatch's own day winning a tie. The weaker reading, the
                // day before, needs a year after the latest one the article names.
                (None, Some(wd)) => {
                    let from = latest?.year;
                    let same = y.with_weekday_from(from, wd);
                    let before = y.with_weekday_from(from.saturating_add(1), (wd + 1) % 7);
                    // (Both are this day and month, `YYYY-MM-DD`: the earlier string is the
                    // earlier year.)
                    match (&same, &before) {
                        (Some(a), Some(b)) if b < a => before,
                        (None, Some(_)) => before,
                        _ => same,
                    }
                    .or_else(|| y.first_on_or_after(latest?))
                }
                (None, None) => y.first_on_or_after(latest?),
            });
        if day.is_some() {
            return day;
        }
    }
    // « ce jeudi 25 avril 2024 »: the weekday with « ce » right before the day.
    let today = hits.iter().find(|d| {
        d.absolute
            && d.precision == Precision::Day
            && in_lead(d.span)
            && (text.get(..d.span.start).is_some_and(|b| {
                let mut words = b.split_whitespace().rev();
                words.next().is_some_and(|w| is_weekday(&fold(w)))
                    && words.next().is_some_and(|w| w.eq_ignore_ascii_case("ce"))
            }) || text.get(d.span.start..d.span.end).is_some_and(|t| {
                // (the date read with them)
                let mut words = t.split_whitespace();
                words.next().is_some_and(|w| w.eq_ignore_ascii_case("ce"))
                    && words.next().is_some_and(|w| is_weekday(&fold(w)))
            }))
    });
    if let Some(v) = today
        .and_then(|d| d.value.clone())
        .filter(|v| v.len() == 10)
    {
        return Some(v);
    }
    let first = lead.iter().find(|s| {
        text.get(s.start..s.end)
            .is_some_and(|t| t.trim_end().ends_with('.') && t.split_whitespace().count() >= 8)
    })?;
    // « a restitué jeudi 17 juillet 2025 », « hier, mardi 18 février 2020 »: a day the
    // first sentence names with its year and its (right) weekday is the news's day, or
    // the day before it with « hier ».
    let dated = hits.iter().find_map(|d| {
        if !(d.absolute && d.precision == Precision::Day && inside(*first, d.span)) {
            return None;
        }
        let v = d.value.as_deref()?;
        let mut before = text.get(..d.span.start)?.split_whitespace().rev();
        let span_words = text.get(d.span.start..d.span.end)?;
        let (named, after_weekday) =
            match weekday_index(&fold(span_words.split_whitespace().next()?)) {
                Some(wd) => (wd, before.next()),
                None => (weekday_index(&fold(before.next()?))?, before.next()),
            };
        let back = match after_weekday.map(|w| fold(w.trim_end_matches(','))) {
            Some(w) if w == "hier" => 1,
            Some(w) if w == "avant-hier" => 2,
            _ => 0,
        };
        let (wd, _) = shift_day(v, 0)?;
        (wd == named).then(|| shift_day(v, back).map(|(_, day)| day))?
    });
    if dated.is_some() {
        return dated;
    }
    // A yearless day with its weekday in the first sentence of some length.
    let latest = latest?;
    let day = yearless()
        .into_iter()
        .find(|y| y.weekday.is_some() && inside(*first, y.span))?;
    // (Else a later year: the article may name no year as recent as its own.)
    day.nearest(latest.year)
        .or_else(|| day.fits_from(latest.year))
}

/// Whether `name` is written in a byline: alone on its line, after a byline's lead
/// (« Écrit par X »), or at the end of a line of a few words that credits an agency with
/// slashes (« Mogadiscio / AA / X »).
fn in_byline(text: &str, name: Span) -> bool {
    let (Some(before), Some(after)) = (text.get(..name.start), text.get(name.end..)) else {
        return false;
    };
    let head = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let tail = &after[..after.find('\n').unwrap_or(after.len())];
    let tail = tail.trim();
    let head = head.trim();
    // (« Écrit par Jeanne X », « Par Jeanne X », « Auteur : Jeanne X »: a byline's lead,
    // lower-cased only when it is short enough to be one.)
    let lead = || {
        let lead = head.trim_end_matches([':', ' ']);
        lead.len() <= 24 && BYLINE_LEADS.contains(&lead.to_lowercase().as_str())
    };
    tail.is_empty()
        && (head.is_empty()
            || head.ends_with('/') && head.split_whitespace().count() <= 6
            || lead())
}

/// What stands before a writer's name on a byline line, lower-cased, without a colon.
const BYLINE_LEADS: &[&str] = &[
    "par",
    "écrit par",
    "rédigé par",
    "publié par",
    "posté par",
    "auteur",
    "texte",
    "propos recueillis par",
    "by",
];

/// `2024-02-22T10:00:00Z` → `2024-02-22`.
fn iso_date(s: &str) -> Option<String> {
    let d = s.trim().get(..10)?;
    Reference::parse(d).map(|_| d.to_string())
}

/// The [`Analysis::fingerprint`] of a text: two 64-bit SipHash digests with different
/// keys, in hexadecimal (32 digits).
///
/// ```
/// use entente::pipeline::fingerprint;
/// assert_eq!(fingerprint("Le Mali."), fingerprint("Le Mali."));
/// assert_ne!(fingerprint("Le Mali."), fingerprint("Le Niger."));
/// assert_eq!(fingerprint("").len(), 32);
/// ```
pub fn fingerprint(text: &str) -> String {
    use std::hash::{Hash, Hasher};
    let digest = |key: u8| {
        // `DefaultHasher::new()` has fixed keys: the same text gives the same digest in
        // every run, natively and in the browser.
        let mut h = std::hash::DefaultHasher::new();
        key.hash(&mut h);
        text.hash(&mut h);
        h.finish()
    };
    format!("{:016x}{:016x}", digest(1), digest(2))
}

/// Recognises files whose text is the same as an earlier file's (by [`fingerprint`]).
///
/// ```
/// use entente::pipeline::Duplicates;
/// let mut seen = Duplicates::default();
/// assert_eq!(seen.check("a.txt", "Le Mali."), None);
/// assert_eq!(seen.check("b.txt", "Le Niger."), None);
/// assert_eq!(seen.check("copie de a.txt", "Le Mali."), Some("a.txt"));
/// assert_eq!(seen.check("vide.txt", " \n"), None);
/// assert_eq!(seen.check("vide aussi.txt", " \n"), None);
/// ```
#[derive(Debug, Default)]
pub struct Duplicates {
    first: std::collections::HashMap<String, String>,
}

impl Duplicates {
    /// `None` the first time a text is seen (it is remembered under `name`), else the
    /// name of the file that had it first. Blank texts are never duplicates: empty files
    /// are not the same article.
    pub fn check(&mut self, name: &str, text: &str) -> Option<&str> {
        use std::collections::hash_map::Entry as E;
        if text.trim().is_empty() {
            return None;
        }
        match self.first.entry(fingerprint(text)) {
            E::Occupied(e) => Some(e.into_mut().as_str()),
            E::Vacant(e) => {
                e.insert(name.to_string());
                None
            }
        }
    }
}

/// The record of a file whose text is the same as `first`'s: not analysed again, with a
/// warning and [`Analysis::duplicate_of`] set, so that nothing is counted twice.
pub fn duplicate(doc: &Document, first: &str) -> Analysis {
    let mut warnings = doc.warnings.clone();
    warnings.push(format!(
        "same text as {first}: not analysed again, so nothing is counted twice"
    ));
    Analysis {
        doc: doc.name.clone(),
        title: None,
        published: None,
        published_inferred: false,
        source: None,
        encoding: doc.encoding.clone(),
        format: doc.format,
        warnings,
        text: doc.text.clone(),
        fingerprint: fingerprint(&doc.text),
        duplicate_of: Some(first.to_string()),
        excluded: Vec::new(),
        countries: Vec::new(),
        people: Vec::new(),
        places: Vec::new(),
        organizations: Vec::new(),
        dates: Vec::new(),
        events: Vec::new(),
    }
}

/// Analyses several articles and merges what they report. A file whose text is the same
/// as an earlier one's is recognised as a duplicate ([`duplicate`]).
pub fn analyze_corpus(docs: &[Document]) -> Corpus {
    let mut seen = Duplicates::default();
    let articles: Vec<Analysis> = docs
        .iter()
        .map(|d| match seen.check(&d.name, &d.text) {
            Some(first) => duplicate(d, first),
            None => analyze(d),
        })
        .collect();
    let corpus = merge::merge(&articles);
    Corpus { articles, corpus }
}
