//! Runs the data-driven date corpus `tests/data/dates_fr.json`: each example must give
//! exactly the listed hits (span text and value, in order), each negative sentence none.

use entente::recognize::dates::{find_dates, Reference};
use serde_json::Value;

#[test]
fn dates_corpus() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/dates_fr.json");
    let data: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("corpus file"))
        .expect("corpus json");
    let mut failures = Vec::new();
    let mut n = 0;
    for g in data["groups"].as_array().expect("groups") {
        let reference = g["ref"]
            .as_str()
            .map(|r| Reference::parse(r).expect("reference"));
        for ex in g["examples"].as_array().expect("examples") {
            n += 1;
            let text = ex[0].as_str().expect("text");
            let want: Vec<(String, Option<String>)> = ex[1]
                .as_array()
                .expect("hits")
                .iter()
                .map(|h| {
                    (
                        h[0].as_str().unwrap_or("").to_string(),
                        h[1].as_str().map(str::to_string),
                    )
                })
                .collect();
            let hits = find_dates(text, reference.as_ref());
            for h in &hits {
                assert!(text.is_char_boundary(h.span.start) && text.is_char_boundary(h.span.end));
            }
            let got: Vec<(String, Option<String>)> = hits
                .iter()
                .map(|h| (text[h.span.start..h.span.end].to_string(), h.value.clone()))
                .collect();
            if got != want {
                failures.push(format!(
                    "[{}] {text:?}\n    want {want:?}\n    got  {got:?}",
                    g["name"].as_str().unwrap_or("")
                ));
            }
        }
    }
    for text in data["negative"].as_array().expect("negative") {
        n += 1;
        let text = text.as_str().expect("negative text");
        let hits = find_dates(text, Reference::parse("2016-11-07").as_ref());
        if !hits.is_empty() {
            let got: Vec<&str> = hits
                .iter()
                .map(|h| &text[h.span.start..h.span.end])
                .collect();
            failures.push(format!("[negative] {text:?}\n    got {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n} corpus examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

mod robust {
    use entente::recognize::dates::{find_dates, Reference};
    use proptest::prelude::*;

    fn check(text: &str, r: Option<&Reference>) {
        let hits = find_dates(text, r);
        let mut last_end = 0;
        for h in &hits {
            assert!(h.span.start < h.span.end, "empty span in {text:?}");
            assert!(h.span.start >= last_end, "overlap or disorder in {text:?}");
            assert!(text.is_char_boundary(h.span.start) && text.is_char_boundary(h.span.end));
            last_end = h.span.end;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn no_panic_on_noise(text in "\\PC{0,80}", y in -3000i32..12000, m in 0u32..14, d in 0u32..33) {
            let r = Reference { year: y, month: Some(m), day: Some(d) };
            check(&text, Some(&r));
            check(&text, None);
        }

        #[test]
        fn no_panic_on_date_words(words in proptest::collection::vec(prop_oneof![
            Just("le"), Just("du"), Just("au"), Just("entre"), Just("et"), Just("1er"), Just("31"),
            Just("29"), Just("2"), Just("/"), Just("-"), Just("."), Just("février"), Just("mars"),
            Just("sept"), Just("lundi"), Just("dernier"), Just("prochain"), Just("semaine"),
            Just("mois"), Just("2024"), Just("99"), Just("il y a"), Just("dans"), Just("depuis"),
            Just("l’an"), Just("fin"), Just("mi-"), Just("trimestre"), Just("premier"), Just("’"),
            Just("les années"), Just("veille"), Just("noël"), Just("9999"), Just("0"), Just("00"),
        ], 0..14), y in 1i32..9999, m in 1u32..13, d in 1u32..29) {
            let text = words.join(" ");
            check(&text, Some(&Reference { year: y, month: Some(m), day: Some(d) }));
            check(&text, Some(&Reference { year: y, month: Some(m), day: None }));
            check(&text, Some(&Reference { year: y, month: None, day: None }));
            check(&text, None);
        }
    }
}

/// Long and adversarial inputs stay fast (no recursion chains, linear sweep).
#[test]
fn long_inputs_are_fast() {
    let reference = Reference::parse("2024-02-22");
    let mut text = String::new();
    for _ in 0..2000 {
        text.push_str("Le ministre a annoncé mardi 16 janvier 2024, du 13 au 15 juin, fin juillet, la veille de Noël, il y a trois semaines. ");
    }
    for w in [
        "fin ",
        "la veille de ",
        "du 1er au ",
        "entre le 2 et ",
        "début de ",
    ] {
        text.push_str(&w.repeat(3000));
    }
    let t = std::time::Instant::now();
    let hits = find_dates(&text, reference.as_ref());
    let took = t.elapsed();
    assert!(hits.len() > 10_000);
    assert!(took.as_secs() < 20, "took {took:?}");
}
