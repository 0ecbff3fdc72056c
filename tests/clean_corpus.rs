//! Furniture detection: expectations in `tests/data/clean/expect.json` over small
//! files, plus a check against the golds' `noise` lists on the seeds and dev articles.

use entente::clean::furniture;
use entente::decode::decode;
use entente::Span;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &Path) -> entente::Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    decode(&path.to_string_lossy(), &bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn inside(spans: &[(Span, &str)], start: usize, end: usize) -> bool {
    spans.iter().any(|(s, _)| s.start <= start && end <= s.end)
}

fn check_invariants(text: &str, spans: &[(Span, &'static str)]) {
    let mut prev_end = 0;
    for (s, _) in spans {
        assert!(
            s.start < s.end && s.end <= text.len(),
            "span {s:?} out of text"
        );
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(
            s.start >= prev_end,
            "spans overlap or are unsorted: {spans:?}"
        );
        prev_end = s.end;
    }
}

/// `expect.json`: `{ "file.txt": { "excluded": [[reason, text, nth?], …], "kept": [text, …] } }`:
/// every `excluded` text (its `nth` occurrence, default the first) lies inside a range
/// with that reason; the first occurrence of every `kept` text is outside all ranges.
#[test]
fn clean_expectations() {
    let dir = root().join("tests/data/clean");
    let expect: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expect.json")).unwrap()).unwrap();
    let mut n = 0;
    for (file, exp) in expect.as_object().unwrap() {
        let doc = load(&dir.join(file));
        let spans = furniture(&doc.text);
        check_invariants(&doc.text, &spans);
        for pair in exp["excluded"].as_array().into_iter().flatten() {
            let reason = pair[0].as_str().unwrap();
            let s = pair[1].as_str().unwrap();
            let nth = pair.get(2).and_then(Value::as_u64).unwrap_or(0) as usize;
            let at = doc.text.match_indices(s).nth(nth).map(|(i, _)| i);
            let at = at.unwrap_or_else(|| panic!("{file}: {s:?} not in text"));
            let ok = spans
                .iter()
                .any(|(sp, r)| *r == reason && sp.start <= at && at + s.len() <= sp.end);
            assert!(
                ok,
                "{file}: {s:?} should be excluded as {reason}; got {spans:?}"
            );
            n += 1;
        }
        for k in exp["kept"].as_array().into_iter().flatten() {
            let s = k.as_str().unwrap();
            let at = doc
                .text
                .find(s)
                .unwrap_or_else(|| panic!("{file}: {s:?} not in text"));
            let hit = spans
                .iter()
                .find(|(sp, _)| sp.start < at + s.len() && at < sp.end);
            assert!(
                hit.is_none(),
                "{file}: {s:?} should be kept; excluded by {hit:?}"
            );
            n += 1;
        }
    }
    assert!(n > 10);
}

/// Gold check: every `noise` string of the golds has an occurrence inside an excluded
/// range and none outside unless the gold also lists it as a body entity; no gold
/// person/place/organization occurs only inside excluded ranges.
#[test]
fn gold_noise_covered() {
    let eval = root().join("../shared/eval");
    let sets = [
        (eval.join("gold/seeds.json"), root().join("seeds")),
        (eval.join("dev/gold.json"), eval.join("dev")),
    ];
    let (mut covered, mut total, mut failures) = (0, 0, Vec::new());
    for (gold, dir) in sets {
        let Ok(json) = std::fs::read_to_string(&gold) else {
            eprintln!("skipping: {} absent", gold.display());
            continue;
        };
        let gold: Value = serde_json::from_str(&json).unwrap();
        for art in gold.as_array().unwrap() {
            let name = art["doc"].as_str().unwrap();
            let doc = load(&dir.join(name));
            let text = &doc.text;
            let spans = furniture(text);
            check_invariants(text, &spans);
            let mut body_names: Vec<String> = Vec::new();
            for p in art["people"].as_array().into_iter().flatten() {
                body_names.push(p["name"].as_str().unwrap_or("").to_string());
                for a in p["aliases"].as_array().into_iter().flatten() {
                    body_names.push(a.as_str().unwrap_or("").to_string());
                }
            }
            for p in art["places"].as_array().into_iter().flatten() {
                body_names.push(p["name"].as_str().unwrap_or("").to_string());
            }
            for o in art["organizations"].as_array().into_iter().flatten() {
                body_names.push(
                    o.as_str()
                        .or_else(|| o["name"].as_str())
                        .unwrap_or("")
                        .to_string(),
                );
            }
            for d in art["dates"].as_array().into_iter().flatten() {
                body_names.push(d["span"].as_str().unwrap_or("").to_string());
            }
            for noise in art["noise"].as_array().into_iter().flatten() {
                let s = noise.as_str().unwrap();
                total += 1;
                let occ: Vec<usize> = text.match_indices(s).map(|(i, _)| i).collect();
                let any_in = occ.iter().any(|&i| inside(&spans, i, i + s.len()));
                let out: Vec<usize> = occ
                    .iter()
                    .copied()
                    .filter(|&i| !inside(&spans, i, i + s.len()))
                    .collect();
                if any_in && (out.is_empty() || body_names.iter().any(|b| b == s)) {
                    covered += 1;
                } else if occ.is_empty() {
                    failures.push(format!("{name}: noise {s:?} not found in text"));
                } else {
                    failures.push(format!(
                        "{name}: noise {s:?} outside excluded ranges at {out:?}"
                    ));
                }
            }
            for b in &body_names {
                if b.chars().count() < 3 || !text.contains(b.as_str()) {
                    continue;
                }
                if text
                    .match_indices(b.as_str())
                    .all(|(i, _)| inside(&spans, i, i + b.len()))
                {
                    failures.push(format!(
                        "{name}: gold body item {b:?} only inside excluded ranges"
                    ));
                }
            }
        }
    }
    eprintln!("noise strings covered: {covered}/{total}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
