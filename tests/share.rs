//! The shared-results link decoder (`src/share.rs`), driven by data in `tests/data/share/`:
//! hand-written cases (`cases.json`), a link made by the page's JavaScript encoder, and
//! the answers of the page's former JavaScript decoder on 1,555 links (`js-reference.json`).

use std::path::Path;

use entente::share::{self, decode, encode, Results};
use proptest::prelude::*;
use serde_json::{json, Value};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/share");

fn load(name: &str) -> String {
    std::fs::read_to_string(Path::new(DIR).join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 9)
}

/// share::encode at the fastest level, for the tens of megabytes of the size-limit cases.
fn encode_fast(text: &str) -> String {
    share::base64url(&miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 1))
}

/// Numbers compared as doubles (JavaScript's `13` is serde's `13.0`).
fn norm(v: &Value) -> Value {
    match v {
        Value::Number(n) => json!(n.as_f64().unwrap()),
        Value::Array(a) => Value::Array(a.iter().map(norm).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), norm(v))).collect()),
        x => x.clone(),
    }
}

fn summary(r: &Results) -> Value {
    let mut s = json!({
        "articles": r.articles.len(),
        "events": r.corpus.events.len(),
        "people": r.corpus.people.len(),
    });
    if let Some(a) = r.articles.first() {
        s["doc"] = json!(a.doc);
        s["title"] = json!(a.title);
    }
    s
}

/// The results part of the link a case describes.
fn fragment_of(case: &Value) -> String {
    let repeat = |spec: &Value| {
        let text = spec[0].as_str().unwrap();
        let times = spec[1].as_u64().unwrap() as usize;
        let sep = case["separator"].as_str().unwrap_or("");
        let mut body = String::with_capacity((text.len() + sep.len()) * times);
        for i in 0..times {
            if i > 0 {
                body.push_str(sep);
            }
            body.push_str(text);
        }
        match case.get("wrap") {
            Some(w) => format!("{}{body}{}", w[0].as_str().unwrap(), w[1].as_str().unwrap()),
            None => body,
        }
    };
    if let Some(f) = case.get("fragment") {
        f.as_str().unwrap().to_string()
    } else if let Some(f) = case.get("fragment_file") {
        load(f.as_str().unwrap()).trim_end().to_string()
    } else if let Some(spec) = case.get("repeat_fragment") {
        repeat(spec)
    } else if let Some(doc) = case.get("json") {
        encode(&doc.to_string())
    } else if let Some(text) = case.get("json_text") {
        encode(text.as_str().unwrap())
    } else if let Some(spec) = case.get("repeat") {
        encode_fast(&repeat(spec))
    } else if let Some(h) = case.get("bytes_hex") {
        share::base64url(&deflate(&hex(h.as_str().unwrap())))
    } else if let Some(h) = case.get("deflate_hex") {
        share::base64url(&hex(h.as_str().unwrap()))
    } else if let Some(h) = case.get("raw_hex") {
        share::base64url(&hex(h.as_str().unwrap()))
    } else {
        panic!("no link in {case}")
    }
}

#[test]
fn cases() {
    let data: Value = serde_json::from_str(&load("cases.json")).unwrap();
    let mut failures = Vec::new();
    for case in data["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let got = decode(&fragment_of(case));
        let ok = match (
            &got,
            case.get("error"),
            case.get("ok"),
            case.get("expect_file"),
        ) {
            (Err(e), Some(want), _, _) => e.message == want.as_str().unwrap(),
            (Ok(r), _, Some(want), _) => &summary(r) == want,
            (Ok(r), _, _, Some(file)) => {
                let want: Value = serde_json::from_str(&load(file.as_str().unwrap())).unwrap();
                norm(&serde_json::to_value(r).unwrap()) == norm(&want)
            }
            _ => false,
        };
        if !ok {
            failures.push(format!("{name}: got {:?}", got.map(|r| summary(&r))));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Applies a `set` or `delete` of js-reference.json to a document.
fn mutate(doc: &mut Value, path: &[Value], value: Option<&Value>) {
    let (last, parents) = path.split_last().unwrap();
    let mut at = doc;
    for k in parents {
        at = match k {
            Value::String(s) => &mut at[s.as_str()],
            k => &mut at[k.as_u64().unwrap() as usize],
        };
    }
    match (last, value) {
        (Value::String(k), Some(v)) => at[k.as_str()] = v.clone(),
        (Value::String(k), None) => {
            at.as_object_mut().unwrap().remove(k);
        }
        (i, Some(v)) => at[i.as_u64().unwrap() as usize] = v.clone(),
        (i, None) => {
            at.as_array_mut()
                .unwrap()
                .remove(i.as_u64().unwrap() as usize);
        }
    }
}

/// Where src/share.rs answers differently from the former JavaScript decoder, on purpose.
fn intended_difference(
    js_error: Option<&str>,
    case: &Value,
    rust: &Result<Results, share::ShareError>,
) -> bool {
    let rust_error = rust
        .as_ref()
        .err()
        .map(|e| e.message.as_str())
        .unwrap_or("");
    // Links over 1 MiB are refused before anything else (the limit was 4 MiB).
    if case
        .get("fragment_of")
        .is_some_and(|f| f[1].as_u64().unwrap() > share::MAX_FRAGMENT_CHARS as u64)
    {
        return rust_error == "the link is too long to be a shared result";
    }
    // The browser's own message for bad UTF-8, unreadable for a user.
    if js_error.is_some_and(|e| e.contains("TextDecoder")) {
        return rust_error == "the link is damaged (not valid text)";
    }
    // Chromium's DecompressionStream does not say that the stream ended before the data.
    if js_error == Some("the link is damaged (cannot be decompressed)") {
        return rust_error == "the link is damaged (unexpected data after the end)";
    }
    // Latitudes, longitudes and whole numbers have ranges now (1e300 was accepted).
    let huge = case.get("set").is_some_and(|s| s[1] == json!(1e300));
    huge && (rust_error.ends_with("is out of range")
        || rust_error.ends_with("should be a whole number"))
}

#[test]
fn agrees_with_the_former_javascript_decoder() {
    let data: Value = serde_json::from_str(&load("js-reference.json")).unwrap();
    let base = &data["base"];
    let base_text = data["base_text"].as_str().unwrap();
    let base_output = &data["base_output"];
    let (mut same, mut differ, mut failures) = (0, 0, Vec::new());
    for case in data["cases"].as_array().unwrap() {
        let fragment = if let Some(set) = case.get("set") {
            let mut doc = base.clone();
            mutate(&mut doc, set[0].as_array().unwrap(), Some(&set[1]));
            encode(&doc.to_string())
        } else if let Some(path) = case.get("delete") {
            let mut doc = base.clone();
            mutate(&mut doc, path.as_array().unwrap(), None);
            encode(&doc.to_string())
        } else if let Some(r) = case.get("replace") {
            let (old, new) = (r[0].as_str().unwrap(), r[1].as_str().unwrap());
            assert_eq!(base_text.matches(old).count(), 1, "{old}");
            encode(&base_text.replacen(old, new, 1))
        } else if let Some(p) = case.get("padded_json") {
            let doc = p[0].as_str().unwrap();
            let len = p[1].as_u64().unwrap() as usize;
            encode_fast(&format!("{doc}{}", " ".repeat(len - doc.len())))
        } else if let Some(text) = case.get("json") {
            encode(text.as_str().unwrap())
        } else if let Some(f) = case.get("fragment_of") {
            f[0].as_str()
                .unwrap()
                .repeat(f[1].as_u64().unwrap() as usize)
        } else {
            fragment_of(case)
        };
        let got = decode(&fragment);
        let js_error = case.get("error").map(|e| e.as_str().unwrap());
        let agree = match (&got, js_error, case.get("ok")) {
            (Err(e), Some(want), _) => e.message == want,
            (Ok(r), None, Some(changes)) => {
                let mut want = base_output.clone();
                for c in changes.as_array().unwrap() {
                    mutate(&mut want, c[0].as_array().unwrap(), Some(&c[1]));
                }
                norm(&serde_json::to_value(r).unwrap()) == norm(&want)
            }
            _ => false,
        };
        if agree {
            same += 1;
        } else if intended_difference(js_error, case, &got) {
            differ += 1;
        } else {
            let short: String = case.to_string().chars().take(300).collect();
            failures.push(format!("{short}\n    got {:?}", got.map(|r| summary(&r))));
        }
    }
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        same > 1500 && differ < 30,
        "{same} same, {differ} intended differences"
    );
}

#[test]
fn strings_are_cut_at_100_000_utf16_units_on_a_character_boundary() {
    let doc = |doc: &str| {
        json!({"format": "entente-results", "version": 1, "corpus": {"people": [], "events": [], "countries": []},
               "articles": [{"doc": doc, "title": null, "published": null, "published_inferred": false, "source": null,
                             "encoding": "", "format": "text", "warnings": [], "countries": [], "people": [],
                             "places": [], "organizations": [], "events": []}]})
        .to_string()
    };
    let first = |s: &str| decode(&encode(&doc(s))).unwrap().articles[0].doc.clone();
    assert_eq!(first(&"a".repeat(100_000)).len(), 100_000);
    assert_eq!(first(&"a".repeat(100_001)).len(), 100_000);
    // 'é' is one UTF-16 unit (two bytes): 100,000 of them are kept.
    assert_eq!(first(&"é".repeat(100_001)).chars().count(), 100_000);
    // '😀' is two units: JavaScript's slice would keep half of the 50,001st; we stop before it.
    assert_eq!(
        first(&format!("a{}", "😀".repeat(50_000))).chars().count(),
        50_000
    );
}

#[test]
fn base64url_has_no_padding_and_every_length_decodes() {
    let doc = r#"{"format":"entente-results","version":1,"articles":[],"corpus":{"people":[],"events":[],"countries":[]}}"#;
    for pad in 0..12usize {
        // Documents of 12 consecutive lengths: the compressed bytes end on every base64 phase.
        let link = encode(&format!("{doc}{}", " ".repeat(pad)));
        assert!(
            link.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'),
            "{link}"
        );
        assert!(decode(&link).is_ok(), "{pad}");
    }
    assert_eq!(share::base64url(b"\xfb\xff"), "-_8");
    assert_eq!(share::base64url(b""), "");
}

/// The fuzz target's seeds (and any crash reproducer added there) through its three ways in,
/// for runs without cargo-fuzz.
#[test]
fn fuzz_seeds_get_an_answer() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/seeds/share_fragment");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let mut answers = vec![decode(&share::base64url(&bytes))];
        if let Ok(text) = std::str::from_utf8(&bytes) {
            answers.push(decode(text));
            answers.push(share::decode_json(text));
        }
        for a in answers {
            if let Err(e) = a {
                assert!(e.message.starts_with("the "), "{}", e.message);
            }
        }
        n += 1;
    }
    assert!(n >= 10, "{n} seeds");
    // The seeds made by the page decode.
    assert!(decode(load("seeds.fragment").trim_end()).is_ok());
}

#[test]
fn event_types_are_the_pages() {
    let model =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/model.js")).unwrap();
    let line = model
        .lines()
        .find(|l| l.starts_with("export const EVENT_TYPES = ["))
        .expect("EVENT_TYPES in www/model.js");
    let quoted: Vec<String> = share::EVENT_TYPES
        .iter()
        .map(|t| format!("'{t}'"))
        .collect();
    assert_eq!(
        line,
        format!("export const EVENT_TYPES = [{}];", quoted.join(", "))
    );
}

// ---- round trip ---------------------------------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Zéèà' -]{0,12}",
        "<img src=x onerror=\"[a-z.=1]{0,8}\">",
        any::<String>().prop_map(|s| s.chars().take(20).collect()),
    ]
}

/// Coordinates as the gazetteers write them (up to 6 decimals). Longer decimals can be
/// read one unit in the last place off: serde_json's float parsing is not exact.
fn degrees(max: i64) -> impl Strategy<Value = f64> {
    (-max * 1_000_000..=max * 1_000_000).prop_map(|x| x as f64 / 1e6)
}

fn code() -> impl Strategy<Value = String> {
    "[A-Z]{2}"
}

fn one_of(values: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(values).prop_map(str::to_string)
}

fn event() -> impl Strategy<Value = share::Event> {
    (
        one_of(share::EVENT_TYPES),
        prop::collection::vec(code(), 0..=2),
        any::<bool>(),
        proptest::option::of(text()),
        proptest::option::of(one_of(share::PRECISIONS)),
        proptest::option::of(text()),
        one_of(share::STATUSES),
        prop::collection::vec(text(), 0..3),
        (text(), text(), text()),
    )
        .prop_map(
            |(
                kind,
                actors,
                directed,
                date,
                date_precision,
                place,
                status,
                people,
                (plover, trigger, evidence),
            )| {
                share::Event {
                    kind,
                    actors,
                    directed,
                    date,
                    date_precision,
                    place,
                    status,
                    people,
                    plover,
                    trigger,
                    evidence,
                    ..Default::default()
                }
            },
        )
}

fn article() -> impl Strategy<Value = share::Article> {
    (
        (
            text(),
            proptest::option::of(text()),
            proptest::option::of(text()),
            any::<bool>(),
            proptest::option::of(text()),
        ),
        (
            text(),
            one_of(share::FORMATS),
            prop::collection::vec(text(), 0..2),
        ),
        prop::collection::vec(
            (code(), text()).prop_map(|(code, name)| share::Country {
                code,
                name,
                ..Default::default()
            }),
            0..3,
        ),
        prop::collection::vec(
            (
                text(),
                proptest::option::of(text()),
                proptest::option::of(code()),
                prop::collection::vec(text(), 0..2),
                text(),
            )
                .prop_map(|(name, role, country, aliases, key)| share::Person {
                    name,
                    role,
                    country,
                    aliases,
                    key,
                    ..Default::default()
                }),
            0..3,
        ),
        prop::collection::vec(
            (
                text(),
                proptest::option::of(code()),
                proptest::option::of(degrees(90)),
                proptest::option::of(degrees(180)),
            )
                .prop_map(|(name, country, lat, lon)| share::Place {
                    name,
                    country,
                    lat,
                    lon,
                    ..Default::default()
                }),
            0..3,
        ),
        prop::collection::vec(
            (text(), text()).prop_map(|(name, kind)| share::Organization {
                name,
                kind,
                ..Default::default()
            }),
            0..2,
        ),
        prop::collection::vec(event(), 0..3),
    )
        .prop_map(
            |(
                (doc, title, published, published_inferred, source),
                (encoding, format, warnings),
                countries,
                people,
                places,
                organizations,
                events,
            )| {
                share::Article {
                    doc,
                    title,
                    published,
                    published_inferred,
                    source,
                    encoding,
                    format,
                    warnings,
                    countries,
                    people,
                    places,
                    organizations,
                    events,
                    ..Default::default()
                }
            },
        )
}

fn results() -> impl Strategy<Value = Results> {
    prop::collection::vec(article(), 1..4).prop_flat_map(|articles| {
        let n = articles.len() as u64;
        let source = move || {
            (0..n, text(), 0..1000u64).prop_map(|(article, doc, index)| share::SourceRef {
                article,
                doc,
                index,
            })
        };
        let person = (
            text(),
            prop::collection::vec(text(), 0..2),
            proptest::option::of(text()),
            proptest::option::of(code()),
            text(),
            prop::collection::vec(source(), 0..3),
        )
            .prop_map(
                |(name, aliases, role, country, key, sources)| share::CorpusPerson {
                    name,
                    aliases,
                    role,
                    country,
                    key,
                    sources,
                },
            );
        let event = (event(), prop::collection::vec(source(), 0..3)).prop_map(|(e, sources)| {
            share::CorpusEvent {
                kind: e.kind,
                actors: e.actors,
                directed: e.directed,
                date: e.date,
                date_precision: e.date_precision,
                place: e.place,
                status: e.status,
                people: e.people,
                plover: e.plover,
                sources,
            }
        });
        let country = (
            code(),
            text(),
            text(),
            proptest::option::of(degrees(90)),
            proptest::option::of(degrees(180)),
            0..share::MAX_WHOLE,
            0..1000u64,
            0..1000u64,
            prop::collection::vec(code(), 0..3),
        )
            .prop_map(
                |(code, name, name_en, lat, lon, mentions, articles, events, partners)| {
                    share::CorpusCountry {
                        code,
                        name,
                        name_en,
                        lat,
                        lon,
                        mentions,
                        articles,
                        events,
                        partners,
                    }
                },
            );
        (
            Just(articles),
            prop::collection::vec(person, 0..3),
            prop::collection::vec(event, 0..3),
            prop::collection::vec(country, 0..3),
        )
            .prop_map(|(articles, people, events, countries)| Results {
                articles,
                corpus: share::Corpus {
                    people,
                    events,
                    countries,
                },
            })
    })
}

/// The JSON the page's encoder writes for these results (the slim shape, no placeholders).
fn as_link_json(r: &Results) -> String {
    let mut v = serde_json::to_value(r).unwrap();
    v["format"] = json!("entente-results");
    v["version"] = json!(1);
    v.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Valid results come back unchanged through encode → decode (decoding its own output
    /// is the identity).
    #[test]
    fn valid_results_round_trip(r in results()) {
        let back = decode(&encode(&as_link_json(&r))).expect("valid results");
        prop_assert_eq!(back, r);
    }

    /// Any text, any bytes: an answer, never a panic.
    #[test]
    fn anything_gets_an_answer(s in ".{0,200}", bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode(&s);
        let _ = decode(&share::base64url(&bytes));
        let _ = decode(&share::base64url(&deflate(&bytes)));
        let _ = share::decode_json(&s);
    }
}
