//! The shared-results link decoder (`entente::share`) on arbitrary input, three ways:
//! the bytes as the link's text (base64url stage first), as the compressed bytes (inflate
//! stage first) and as the JSON text (schema stage alone). It must answer every time, with
//! results that respect the schema's limits or with a message, and never panic.
#![no_main]

use entente::share::{self, Results, ShareError, MAX_ACTORS, MAX_STRING_UNITS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        check(share::decode(text));
        check(share::decode_json(text));
    }
    check(share::decode(&share::base64url(data)));
});

fn check(answer: Result<Results, ShareError>) {
    match answer {
        Ok(r) => valid(&r),
        Err(e) => assert!(e.message.starts_with("the ") && e.message.len() < 300, "message: {:?}", e.message),
    }
}

fn text(s: &str) {
    assert!(s.encode_utf16().count() <= MAX_STRING_UNITS, "string of {} bytes", s.len());
}

fn code(c: &str) {
    assert!(c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()), "code {c:?}");
}

fn coords(lat: Option<f64>, lon: Option<f64>) {
    assert!(lat.is_none_or(|v| (-90.0..=90.0).contains(&v)), "lat {lat:?}");
    assert!(lon.is_none_or(|v| (-180.0..=180.0).contains(&v)), "lon {lon:?}");
}

/// Everything the page relies on, checked on accepted results.
fn valid(r: &Results) {
    let n = r.articles.len() as u64;
    for a in &r.articles {
        assert!(a.text.is_empty());
        for s in [&a.doc, &a.encoding].into_iter().chain(&a.warnings).chain(a.title.iter()).chain(a.published.iter()).chain(a.source.iter()) {
            text(s);
        }
        assert!(share::FORMATS.contains(&a.format.as_str()));
        for c in &a.countries {
            code(&c.code);
            text(&c.name);
        }
        for p in &a.people {
            text(&p.name);
            p.aliases.iter().for_each(|s| text(s));
            p.country.as_deref().map(code);
        }
        for p in &a.places {
            text(&p.name);
            p.country.as_deref().map(code);
            coords(p.lat, p.lon);
        }
        for e in &a.events {
            assert!(share::EVENT_TYPES.contains(&e.kind.as_str()) && share::STATUSES.contains(&e.status.as_str()));
            assert!(e.actors.len() <= MAX_ACTORS);
            e.actors.iter().for_each(|c| code(c));
            assert!(e.date_precision.as_deref().is_none_or(|p| share::PRECISIONS.contains(&p)));
            text(&e.evidence);
        }
    }
    for p in &r.corpus.people {
        assert!(p.sources.iter().all(|s| s.article < n), "a person's source past the articles");
    }
    for e in &r.corpus.events {
        assert!(e.actors.len() <= MAX_ACTORS);
        assert!(e.sources.iter().all(|s| s.article < n), "an event's source past the articles");
    }
    for c in &r.corpus.countries {
        code(&c.code);
        c.partners.iter().for_each(|p| code(p));
        coords(c.lat, c.lon);
        assert!(c.mentions <= share::MAX_WHOLE && c.articles <= share::MAX_WHOLE && c.events <= share::MAX_WHOLE);
    }
}
