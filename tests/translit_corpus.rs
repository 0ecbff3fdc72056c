//! Runs `tests/data/translit.json`: spellings that must meet, names that must not.

use entente::translit::name_key;
use serde_json::Value;

#[test]
fn transliteration_variants() {
    let corpus: Value =
        serde_json::from_str(include_str!("data/translit.json")).expect("valid JSON");
    let mut failures = Vec::new();
    for group in corpus["same"].as_array().into_iter().flatten() {
        let names: Vec<&str> = group
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let Some(first) = names.first() else { continue };
        for other in &names[1..] {
            if name_key(first) != name_key(other) {
                failures.push(format!(
                    "{first} ({}) ≠ {other} ({})",
                    name_key(first),
                    name_key(other)
                ));
            }
        }
    }
    let different: Vec<&str> = corpus["different"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    for (i, a) in different.iter().enumerate() {
        for b in &different[i + 1..] {
            if name_key(a) == name_key(b) {
                failures.push(format!("{a} and {b} share the key {}", name_key(a)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
