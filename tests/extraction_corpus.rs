//! Runs the extraction corpus `tests/data/extraction.json`: small articles with the
//! exact output expected for the fields each case lists.

use serde_json::Value;

fn sorted(v: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = v.collect();
    v.sort();
    v.dedup();
    v
}

/// A unit enum's name as the JSON output writes it (`ARMS`, `planned`).
fn serialized(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn strings(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(String::from))
        .collect();
    out.sort();
    out
}

#[test]
fn extraction_corpus() {
    let raw = include_str!("data/extraction.json");
    let corpus: Value = serde_json::from_str(raw).expect("valid JSON corpus");
    let mut failures = Vec::new();
    let cases = corpus["cases"].as_array().expect("cases");
    for case in cases {
        let name = case["name"].as_str().unwrap_or("?");
        let text = case["text"].as_str().unwrap_or("");
        let doc = entente::decode::decode("case.txt", text.as_bytes()).expect("decodes");
        let a = entente::analyze(&doc);
        if let Some(exp) = case.get("people_details") {
            let mut want: Vec<String> = exp
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| {
                    t.as_array()
                        .into_iter()
                        .flatten()
                        .map(|x| x.as_str().unwrap_or("-").to_string())
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .collect();
            want.sort();
            let mut got: Vec<String> = a
                .people
                .iter()
                .map(|p| {
                    format!(
                        "{} | {} | {}",
                        p.name,
                        p.role.as_deref().unwrap_or("-"),
                        p.country.as_deref().unwrap_or("-")
                    )
                })
                .collect();
            got.sort();
            if want != got {
                failures.push(format!(
                    "{name}: people_details: expected {want:?}, got {got:?}"
                ));
            }
        }
        let mut check = |field: &str, got: Vec<String>| {
            if let Some(exp) = case.get(field) {
                let want = if field == "events" || field == "event_details" {
                    exp.as_array()
                        .into_iter()
                        .flatten()
                        .map(|e| {
                            e.as_array()
                                .into_iter()
                                .flatten()
                                .filter_map(|x| x.as_str())
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .collect()
                } else {
                    strings(exp)
                };
                if want != got {
                    failures.push(format!("{name}: {field}: expected {want:?}, got {got:?}"));
                }
            }
        };
        check("published", a.published.iter().cloned().collect());
        check(
            "dates",
            sorted(
                a.dates
                    .iter()
                    .map(|d| format!("{}={}", d.span, d.value.as_deref().unwrap_or("null"))),
            ),
        );
        check(
            "countries",
            sorted(a.countries.iter().map(|c| c.code.clone())),
        );
        check("people", sorted(a.people.iter().map(|p| p.name.clone())));
        check("places", sorted(a.places.iter().map(|p| p.name.clone())));
        check(
            "organizations",
            sorted(a.organizations.iter().map(|o| o.name.clone())),
        );
        check(
            "event_details",
            a.events
                .iter()
                .map(|e| {
                    format!(
                        "{} {} {} {}",
                        serialized(e.kind),
                        e.actors.join(" "),
                        serialized(e.status),
                        e.date.as_deref().unwrap_or("null")
                    )
                })
                .collect(),
        );
        check(
            "events",
            a.events
                .iter()
                .map(|e| format!("{} {}", serialized(e.kind), e.actors.join(" ")))
                .collect(),
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
