//! Scores `find_dates` against the `dates` field of the article gold
//! (`../shared/eval/gold/seeds.json` and `../shared/eval/dev/gold.json`, beside the
//! repository) the way the article scorer does: a prediction matches a gold date when one
//! span contains the other and the values are equal (any value for optional gold items).
//! The raw files are read (no furniture stripping), so a few extra hits are expected.

use entente::recognize::dates::{find_dates, Reference};
use serde_json::Value;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

/// Recall floor over required gold dates (measured 0.994, rounded down).
const MIN_RECALL: f64 = 0.97;

/// Windows-1252 or UTF-8 bytes to text.
fn decode(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b
            .iter()
            .map(|&c| match c {
                0x92 => '’',
                0x91 => '‘',
                0x93 => '“',
                0x94 => '”',
                0x96 => '–',
                0x97 => '—',
                0x85 => '…',
                0x9c => 'œ',
                0x80 => '€',
                c => char::from(c),
            })
            .collect(),
    }
}

fn norm(s: &str) -> String {
    s.to_lowercase()
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn article_dates() {
    let mut sets = Vec::new();
    for (gold, dir) in [
        (format!("{ROOT}/gold/seeds.json"), SEEDS.to_string()),
        (format!("{ROOT}/dev/gold.json"), format!("{ROOT}/dev")),
    ] {
        match std::fs::read_to_string(&gold) {
            Ok(g) => sets.push((serde_json::from_str::<Value>(&g).expect("gold json"), dir)),
            Err(_) => println!("{gold} not found: skipped"),
        }
    }
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let verbose = std::env::var("DATES_VERBOSE").is_ok();
    for (gold, dir) in &sets {
        for doc in gold.as_array().into_iter().flatten() {
            let name = doc["doc"].as_str().unwrap_or("");
            let Ok(bytes) = std::fs::read(format!("{dir}/{name}")) else {
                continue;
            };
            let text = decode(&bytes);
            let reference = doc["published"].as_str().and_then(Reference::parse);
            let hits = find_dates(&text, reference.as_ref());
            let preds: Vec<(String, Option<String>)> = hits
                .iter()
                .map(|h| (text[h.span.start..h.span.end].to_string(), h.value.clone()))
                .collect();
            let golds: Vec<&Value> = doc["dates"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default();
            let mut used = vec![false; preds.len()];
            // required first, then optional
            let mut order: Vec<usize> = (0..golds.len()).collect();
            order.sort_by_key(|&i| golds[i]["optional"].as_bool().unwrap_or(false));
            for gi in order {
                let g = golds[gi];
                let gs = norm(g["span"].as_str().unwrap_or(""));
                let optional = g["optional"].as_bool().unwrap_or(false);
                let gv = g["value"].as_str().map(str::to_string);
                let mut best: Option<(usize, usize)> = None;
                for (pi, (ps, pv)) in preds.iter().enumerate() {
                    let ps = norm(ps);
                    if used[pi]
                        || !(ps.contains(&gs) || gs.contains(&ps))
                        || !(optional || *pv == gv)
                    {
                        continue;
                    }
                    let d = ps.len().abs_diff(gs.len());
                    if best.is_none_or(|b| d < b.1) {
                        best = Some((pi, d));
                    }
                }
                match best {
                    Some((pi, _)) => {
                        used[pi] = true;
                        if !optional {
                            tp += 1;
                        }
                    }
                    None if !optional => {
                        fn_ += 1;
                        let near: Vec<String> = preds
                            .iter()
                            .filter(|(ps, _)| {
                                let ps = norm(ps);
                                ps.contains(&gs) || gs.contains(&ps)
                            })
                            .map(|(ps, pv)| format!("{ps:?}={}", pv.as_deref().unwrap_or("-")))
                            .collect();
                        println!(
                            "MISS {name} [{}] {:?}={} got {}",
                            doc["published"],
                            gs,
                            gv.as_deref().unwrap_or("-"),
                            near.join(" ")
                        );
                    }
                    None => {}
                }
            }
            for (pi, (ps, pv)) in preds.iter().enumerate() {
                if !used[pi] {
                    fp += 1;
                    if verbose {
                        println!("EXTRA {name} {ps:?}={}", pv.as_deref().unwrap_or("-"));
                    }
                }
            }
        }
    }
    if sets.is_empty() {
        return;
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!("article dates: tp {tp} fp {fp} fn {fn_} | P {p:.3} R {r:.3} F1 {f:.3} (raw files, furniture included)");
    assert!(r >= MIN_RECALL, "recall {r:.3} below {MIN_RECALL}");
}
