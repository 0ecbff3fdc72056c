//! The wasm facade, tested in headless Chromium:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm`
#![cfg(target_arch = "wasm32")]

use entente::wasm::{analyze_file, analyze_file_json, merge_json, version, Merger};
use entente::Analysis;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ARTICLE: &str =
    "date 2018-06 La Russie a livré des hélicoptères au Mali, a affirmé le ministre \
russe de la Défense, Sergueï Volkine, en visite à Bamako le 12 juin 2018.";

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object()
        && !Array::is_array(v)
        && JsValue::from(Object::get_prototype_of(v))
            == JsValue::from(Object::get_prototype_of(&Object::new()))
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn analysis_has_the_cli_json_shape() {
    let v = analyze_file("a.txt".into(), ARTICLE.as_bytes()).expect("analysis");
    assert!(is_plain_object(&v), "an analysis is a plain object");
    assert_eq!(get(&v, "doc").as_string().as_deref(), Some("a.txt"));
    assert_eq!(get(&v, "text").as_string().as_deref(), Some(ARTICLE));
    assert_eq!(get(&v, "format").as_string().as_deref(), Some("text"));
    for list in [
        "excluded",
        "countries",
        "people",
        "places",
        "organizations",
        "dates",
        "events",
        "warnings",
    ] {
        assert!(Array::is_array(&get(&v, list)), "{list} is an array");
    }
    // Options are null (never undefined), so the object survives JSON unchanged.
    for opt in ["title", "published", "source"] {
        let x = get(&v, opt);
        assert!(x.is_null() || x.is_string(), "{opt} is null or a string");
    }
    // Flattened offsets and nested structs come out as plain objects, not Maps.
    let countries = Array::from(&get(&v, "countries"));
    for c in countries.iter() {
        assert!(is_plain_object(&c));
        for m in Array::from(&get(&c, "mentions")).iter() {
            assert!(is_plain_object(&m));
            assert!(get(&m, "start").as_f64().is_some() && get(&m, "end").as_f64().is_some());
        }
    }
    for d in Array::from(&get(&v, "dates")).iter() {
        assert!(
            is_plain_object(&d),
            "a date mention (flattened offsets) is a plain object"
        );
        assert!(get(&d, "start").as_f64().is_some());
    }
    // And it reads back into the Rust type.
    let json = JSON::stringify(&v).unwrap().as_string().unwrap();
    let back: Analysis = serde_json::from_str(&json).expect("the JSON is an Analysis");
    assert_eq!(back.doc, "a.txt");
}

#[wasm_bindgen_test]
fn offsets_are_utf8_byte_offsets_into_text() {
    let v = analyze_file("a.txt".into(), ARTICLE.as_bytes()).unwrap();
    let back: Analysis = serde_wasm_bindgen::from_value(v).unwrap();
    for c in &back.countries {
        for m in &c.mentions {
            assert!(back.text.is_char_boundary(m.start) && back.text.is_char_boundary(m.end));
            assert!(m.end <= back.text.len());
        }
    }
}

#[wasm_bindgen_test]
fn binary_file_is_a_js_error_with_a_message() {
    let png = [
        0x89u8, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R', 0,
        0, 0, 1, 0, 0,
    ];
    let err = analyze_file("image.txt".into(), &png).expect_err("a PNG is not an article");
    let err: &js_sys::Error = err.unchecked_ref();
    let message = String::from(err.message());
    assert!(!message.is_empty(), "the error says why");
}

#[wasm_bindgen_test]
fn windows_1252_file_is_decoded() {
    let bytes = b"La France et le S\xe9n\xe9gal ont sign\xe9 un accord de d\xe9fense \xe0 Dakar.";
    let v = analyze_file("cp1252.txt".into(), bytes).expect("a Windows-1252 article is read");
    let text = get(&v, "text").as_string().unwrap();
    assert!(text.contains("Sénégal"), "decoded text: {text}");
}

#[wasm_bindgen_test]
fn merge_takes_what_analyze_gives() {
    let a = analyze_file_json("a.txt".into(), ARTICLE.as_bytes()).unwrap();
    let b = analyze_file_json(
        "b.txt".into(),
        "Moscou a livré des fusils à Bamako en 2019.".as_bytes(),
    )
    .unwrap();
    let merged: serde_json::Value =
        serde_json::from_str(&merge_json(vec![a, b]).expect("merged")).expect("JSON");
    for key in ["people", "events", "countries"] {
        assert!(merged[key].is_array(), "{key} is an array");
    }
    // Every source points at one of the two articles.
    for e in merged["events"].as_array().unwrap() {
        for s in e["sources"].as_array().unwrap() {
            let i = s["article"].as_u64().unwrap();
            assert!(i == 0 || i == 1);
        }
    }
}

#[wasm_bindgen_test]
fn merge_rejects_what_is_not_an_analysis() {
    let err = merge_json(vec!["nope".into()]).expect_err("not JSON");
    let err: &js_sys::Error = err.unchecked_ref();
    assert!(String::from(err.message()).contains("analysis 0 is not an analysis"));
    let err = merge_json(vec!["3".into()]).expect_err("not an analysis");
    assert!(err.is_instance_of::<js_sys::Error>());
}

#[wasm_bindgen_test]
fn merger_grows_as_merge_json_merges() {
    let texts = [
        ARTICLE,
        "Moscou a livré des fusils à Bamako en 2019.",
        "Le ministre russe de la Défense, Sergueï Choïgou, s'est rendu à Bamako en mars 2021.",
    ];
    let jsons: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| analyze_file_json(format!("{i}.txt"), t.as_bytes()).unwrap())
        .collect();
    let mut m = Merger::new();
    m.add(7, &jsons[0]).unwrap();
    m.add(3, &jsons[1]).unwrap();
    // A merge of some, then of more: each time what merge_json gives for the same list.
    assert_eq!(
        m.merge(vec![7, 3]).unwrap(),
        merge_json(vec![jsons[0].clone(), jsons[1].clone()]).unwrap()
    );
    assert!(m.has(3) && !m.has(9));
    m.add(9, &jsons[2]).unwrap();
    assert_eq!(
        m.merge(vec![3, 9, 7]).unwrap(),
        merge_json(vec![jsons[1].clone(), jsons[2].clone(), jsons[0].clone()]).unwrap()
    );
    // Forgotten, or never added: an Error naming it, not a panic.
    m.retain(vec![9]);
    assert!(!m.has(7));
    let err = m.merge(vec![9, 7]).expect_err("7 was forgotten");
    let err: &js_sys::Error = err.unchecked_ref();
    assert!(String::from(err.message()).contains("analysis 7"));
    assert!(m.add(4, "{}").is_err());
    assert!(!m.has(4));
}

#[wasm_bindgen_test]
fn empty_file_is_not_a_panic() {
    let r = analyze_file("empty.txt".into(), b"");
    // Either an empty analysis or a readable error; never a trap.
    match r {
        Ok(v) => assert!(is_plain_object(&v)),
        Err(e) => assert!(e.is_instance_of::<js_sys::Error>()),
    }
}

#[wasm_bindgen_test]
fn json_analysis_and_merge_agree_with_the_object_ones() {
    let json = analyze_file_json("a.txt".into(), ARTICLE.as_bytes()).expect("analysis");
    let from_json: Analysis = serde_json::from_str(&json).expect("an analysis");
    let obj = analyze_file("a.txt".into(), ARTICLE.as_bytes()).expect("analysis");
    let from_obj: Analysis =
        serde_json::from_str(&JSON::stringify(&obj).unwrap().as_string().unwrap()).unwrap();
    assert_eq!(from_json, from_obj);
    // The merge reads texts with or without their `text`, and counts a copy once.
    let mut copy = from_json.clone();
    copy.doc = "b.txt".into();
    copy.text.clear();
    let merged =
        merge_json(vec![json.clone(), serde_json::to_string(&copy).unwrap()]).expect("merge");
    let merged: serde_json::Value = serde_json::from_str(&merged).expect("JSON");
    let events = merged["events"].as_array().expect("events");
    assert!(!events.is_empty());
    assert_eq!(events[0]["sources"].as_array().map(Vec::len), Some(2));
    // Not an analysis: an Error, not a panic.
    assert!(merge_json(vec!["{}".into()]).is_err());
    assert!(analyze_file_json("x.png".into(), &[0x89, b'P', b'N', b'G', 0, 0, 0, 13]).is_err());
}

#[wasm_bindgen_test]
fn a_shared_link_decodes_to_plain_objects_and_a_bad_one_to_an_error() {
    let link = entente::share::encode(
        r#"{"format":"entente-results","version":1,
            "articles":[{"doc":"a.txt","title":"<img src=x>","published":null,"published_inferred":false,"source":null,
              "encoding":"utf-8","format":"text","warnings":[],"countries":[{"code":"FR","name":"France"}],"people":[],
              "places":[],"organizations":[],"events":[{"type":"ARMS","actors":["FR","ML"],"directed":true,"date":"2020",
              "date_precision":"year","place":null,"status":"done","people":[],"plover":"AID","trigger":"livré","evidence":"…"}]}],
            "corpus":{"people":[],"events":[],"countries":[{"code":"FR","name":"France","name_en":"France","lat":46,"lon":2,
              "mentions":3,"articles":1,"events":1,"partners":["ML"]}]}}"#,
    );
    let v = entente::wasm::decode_shared(&link).expect("a valid link");
    assert!(is_plain_object(&v));
    let article = Array::from(&get(&v, "articles")).get(0);
    assert!(is_plain_object(&article));
    assert_eq!(
        get(&article, "title").as_string().as_deref(),
        Some("<img src=x>"),
        "data, kept as text"
    );
    assert_eq!(get(&article, "text").as_string().as_deref(), Some(""));
    assert!(
        get(&article, "source").is_null(),
        "None is null, not undefined"
    );
    for list in ["excluded", "dates", "people", "events"] {
        assert!(Array::is_array(&get(&article, list)), "{list} is an array");
    }
    let event = Array::from(&get(&article, "events")).get(0);
    for at in ["date_at", "trigger_at", "evidence_at"] {
        assert!(get(&event, at).is_null(), "{at} is null");
    }
    let country = Array::from(&get(&get(&v, "corpus"), "countries")).get(0);
    assert_eq!(
        get(&country, "mentions").as_f64(),
        Some(3.0),
        "whole numbers are numbers"
    );
    assert_eq!(get(&country, "lat").as_f64(), Some(46.0));

    for (bad, message) in [
        ("AAAAA", "the link is damaged (bad encoding)"),
        ("AAAAAAAA", "the link is damaged (cannot be decompressed)"),
        ("a!", "the link is damaged (unexpected characters)"),
    ] {
        let err = entente::wasm::decode_shared(bad).expect_err(bad);
        let err: &js_sys::Error = err.unchecked_ref();
        assert_eq!(String::from(err.message()), message);
    }
    let bomb = entente::share::encode(&" ".repeat(40 << 20));
    let err = entente::wasm::decode_shared(&bomb).expect_err("a zip bomb");
    assert_eq!(
        String::from(err.unchecked_ref::<js_sys::Error>().message()),
        "the shared results are too large to open"
    );
}
