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
