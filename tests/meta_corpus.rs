//! Metadata against the golds: for every seed and dev article, the explicit
//! publication date and the source outlet read by `meta::read` must equal the gold's
//! (an inferred gold date must give `None` here: inference happens later).
//! Also checks that `published_span`, when given, lies on char boundaries and reads
//! as a date. Skips when the golds are absent.

use entente::clean::furniture;
use entente::decode::decode;
use entente::meta::read;
use serde_json::Value;
use std::path::PathBuf;

#[test]
fn meta_matches_gold() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let eval = root.join("../shared/eval");
    let sets = [
        (eval.join("gold/seeds.json"), root.join("seeds")),
        (eval.join("dev/gold.json"), eval.join("dev")),
    ];
    let (mut pub_ok, mut pub_n, mut src_ok, mut src_n) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for (gold, dir) in sets {
        let Ok(json) = std::fs::read_to_string(&gold) else {
            eprintln!("skipping: {} absent", gold.display());
            continue;
        };
        let gold: Value = serde_json::from_str(&json).unwrap();
        for art in gold.as_array().unwrap() {
            let name = art["doc"].as_str().unwrap();
            let path = dir.join(name);
            let doc = decode(name, &std::fs::read(&path).unwrap()).unwrap();
            let meta = read(&doc, &furniture(&doc.text));
            let inferred = art["published_inferred"].as_bool().unwrap_or(false);
            let want_pub = if inferred {
                None
            } else {
                art["published"].as_str()
            };
            pub_n += 1;
            if meta.published.as_deref() == want_pub {
                pub_ok += 1;
            } else {
                failures.push(format!(
                    "{name}: published {:?}, gold {:?}",
                    meta.published, want_pub
                ));
            }
            let want_src = art["source"].as_str();
            src_n += 1;
            if meta.source.as_deref() == want_src {
                src_ok += 1;
            } else {
                failures.push(format!(
                    "{name}: source {:?}, gold {:?}",
                    meta.source, want_src
                ));
            }
            if let Some(s) = meta.published_span {
                let t = doc.text.get(s.start..s.end);
                assert!(
                    t.is_some_and(|t| t.chars().any(|c| c.is_ascii_digit())),
                    "{name}: bad span {s:?}"
                );
            }
        }
    }
    eprintln!("published {pub_ok}/{pub_n}, source {src_ok}/{src_n}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
