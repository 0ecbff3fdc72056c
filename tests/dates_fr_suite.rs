//! Runs the French date conformance suite (`../shared/eval/dates-fr/cases.jsonl`, beside
//! the repository) through `find_dates`, scores it in Rust the way `score.py` does, runs
//! `score.py` too when Python is there, and checks value F1 on the cases that are not
//! tagged `rt-unsupported`.

use entente::recognize::dates::{find_dates, Reference};
use serde_json::{json, Value};
use std::io::Write;

const CASES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/eval/dates-fr/cases.jsonl"
);
const SCORER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/eval/dates-fr/score.py"
);

/// Value F1 floor on the subset without `rt-unsupported` (measured 0.924, rounded down).
const MIN_SUBSET_VALUE_F1: f64 = 0.91;

// ----- value canonicalization (same equivalence as isoval.canonical) ------------------

fn dfc(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

fn dim(y: i64, m: i64) -> i64 {
    dfc(
        if m == 12 { y + 1 } else { y },
        if m == 12 { 1 } else { m + 1 },
        1,
    ) - dfc(y, m, 1)
}

/// Inclusive day bounds of a single-unit value.
fn bounds(v: &str) -> Option<(i64, i64)> {
    let p: Vec<&str> = v.trim().split('-').collect();
    let y: i64 = p.first()?.parse().ok().filter(|_| p[0].len() == 4)?;
    match p.len() {
        1 => Some((dfc(y, 1, 1), dfc(y, 12, 31))),
        2 | 3 => {
            let b = p[1];
            if let Some(w) = b.strip_prefix('W') {
                let w: i64 = w.parse().ok()?;
                let jan4 = dfc(y, 1, 4);
                let mon = jan4 - (jan4 + 3).rem_euclid(7) + 7 * (w - 1);
                return match p.get(2) {
                    Some(&"WE") => Some((mon + 5, mon + 6)),
                    None => Some((mon, mon + 6)),
                    _ => None,
                };
            }
            if let Some(q) = b.strip_prefix('Q') {
                let q: i64 = q.parse().ok()?;
                return Some((dfc(y, 3 * q - 2, 1), dfc(y, 3 * q, dim(y, 3 * q))));
            }
            if let Some(h) = b.strip_prefix('H') {
                let h: i64 = h.parse().ok()?;
                return Some((dfc(y, 6 * h - 5, 1), dfc(y, 6 * h, dim(y, 6 * h))));
            }
            let m: i64 = b.parse().ok()?;
            if !(1..=12).contains(&m) {
                return None;
            }
            match p.get(2) {
                None => Some((dfc(y, m, 1), dfc(y, m, dim(y, m)))),
                Some(d) => {
                    let d: i64 = d.parse().ok()?;
                    (1..=dim(y, m))
                        .contains(&d)
                        .then(|| (dfc(y, m, d), dfc(y, m, d)))
                }
            }
        }
        _ => None,
    }
}

/// A comparable key: equal keys ⇔ equal canonical values.
fn canon(v: &str) -> String {
    let v = v.trim();
    let unit =
        |u: &str| bounds(u).map_or_else(|| u.trim().to_string(), |(a, b)| format!("{a}:{b}"));
    match v.split_once('/') {
        None => unit(v),
        Some(("..", b)) | Some(("", b)) => format!("..{}", unit(b)),
        Some((a, "..")) | Some((a, "")) => format!("{}..", unit(a)),
        Some((a, b)) => match (bounds(a), bounds(b)) {
            (Some((a0, _)), Some((_, b1))) => format!("{a0}:{b1}"),
            _ => format!("{}/{}", unit(a), unit(b)),
        },
    }
}

// ----- scoring ------------------------------------------------------------------------

#[derive(Default, Debug)]
struct Tally {
    s_tp: usize,
    s_fp: usize,
    s_fn: usize,
    v_tp: usize,
    v_fp: usize,
    v_fn: usize,
    passed: usize,
    cases: usize,
}

fn f1(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Greedy one-to-one matching by overlap size.
fn matching(
    exp: &[(usize, usize)],
    found: &[(usize, usize)],
    ok: &dyn Fn(usize, usize) -> bool,
) -> usize {
    let mut pairs = Vec::new();
    for (i, e) in exp.iter().enumerate() {
        for (j, f) in found.iter().enumerate() {
            let o = overlap(*e, *f);
            if o > 0 && ok(i, j) {
                pairs.push((o, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.cmp(a));
    let (mut ue, mut uf, mut n) = (vec![false; exp.len()], vec![false; found.len()], 0);
    for (_, i, j) in pairs {
        if !ue[i] && !uf[j] {
            ue[i] = true;
            uf[j] = true;
            n += 1;
        }
    }
    n
}

fn report(name: &str, t: &Tally) -> f64 {
    let (sp, sr, sf) = f1(t.s_tp, t.s_fp, t.s_fn);
    let (vp, vr, vf) = f1(t.v_tp, t.v_fp, t.v_fn);
    println!(
        "{name:<28} cases {:>5} passed {:>5} | span P {sp:.3} R {sr:.3} F1 {sf:.3} | value P {vp:.3} R {vr:.3} F1 {vf:.3}",
        t.cases, t.passed
    );
    vf
}

#[test]
fn dates_fr_suite() {
    let Ok(data) = std::fs::read_to_string(CASES) else {
        println!("dates-fr suite not found at {CASES}: skipped");
        return;
    };
    let mut all = Tally::default();
    let mut sub = Tally::default();
    let mut preds = String::new();
    let show = std::env::var("DATES_FAILURES")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(0);
    let mut shown = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let c: Value = serde_json::from_str(line).expect("case json");
        let text = c["text"].as_str().unwrap_or("");
        let reference = c["ref"].as_str().and_then(Reference::parse);
        let hits = find_dates(text, reference.as_ref());
        // byte → code-point offsets
        let cp = |b: usize| text[..b].chars().count();
        let found: Vec<(usize, usize)> = hits
            .iter()
            .map(|h| (cp(h.span.start), cp(h.span.end)))
            .collect();
        let fvals: Vec<Option<String>> = hits
            .iter()
            .map(|h| h.value.as_ref().map(|v| canon(v)))
            .collect();
        let out: Vec<Value> = hits
            .iter()
            .zip(&found)
            .map(|(h, f)| json!({"span": &text[h.span.start..h.span.end], "value": h.value, "start": f.0, "end": f.1}))
            .collect();
        preds.push_str(&json!({"id": c["id"], "found": out}).to_string());
        preds.push('\n');

        let exp = c["expected"].as_array().cloned().unwrap_or_default();
        let epos: Vec<(usize, usize)> = exp
            .iter()
            .map(|e| {
                (
                    e["start"].as_u64().unwrap_or(0) as usize,
                    e["end"].as_u64().unwrap_or(0) as usize,
                )
            })
            .collect();
        let accept: Vec<Vec<String>> = exp
            .iter()
            .map(|e| {
                let mut v: Vec<String> = e["value"].as_str().map(canon).into_iter().collect();
                if let Some(a) = e["alt"].as_array() {
                    v.extend(a.iter().filter_map(|x| x.as_str()).map(canon));
                }
                v
            })
            .collect();
        let s_tp = matching(&epos, &found, &|_, _| true);
        let span_only = exp.iter().any(|e| e["value"].is_null());
        let mut t = Tally {
            cases: 1,
            s_tp,
            s_fp: found.len() - s_tp,
            s_fn: exp.len() - s_tp,
            ..Tally::default()
        };
        let passed;
        if span_only {
            passed = s_tp == exp.len() && exp.len() == found.len();
        } else {
            let ok = |i: usize, j: usize| fvals[j].as_ref().is_some_and(|v| accept[i].contains(v));
            let v_tp = matching(&epos, &found, &ok);
            t.v_tp = v_tp;
            t.v_fp = found.len() - v_tp;
            t.v_fn = exp.len() - v_tp;
            passed = v_tp == exp.len() && exp.len() == found.len();
        }
        t.passed = usize::from(passed);
        let unsupported = c["tags"]
            .as_array()
            .is_some_and(|a| a.iter().any(|t| t == "rt-unsupported"));
        for tally in if unsupported {
            vec![&mut all]
        } else {
            vec![&mut all, &mut sub]
        } {
            tally.cases += t.cases;
            tally.passed += t.passed;
            tally.s_tp += t.s_tp;
            tally.s_fp += t.s_fp;
            tally.s_fn += t.s_fn;
            tally.v_tp += t.v_tp;
            tally.v_fp += t.v_fp;
            tally.v_fn += t.v_fn;
        }
        if !passed && !unsupported && shown < show && !span_only {
            shown += 1;
            let got: Vec<String> = hits
                .iter()
                .map(|h| {
                    format!(
                        "{:?}={}",
                        &text[h.span.start..h.span.end],
                        h.value.as_deref().unwrap_or("-")
                    )
                })
                .collect();
            let want: Vec<String> = exp
                .iter()
                .map(|e| format!("{:?}={}", e["span"].as_str().unwrap_or(""), e["value"]))
                .collect();
            println!(
                "FAIL {} ref={} {:?}\n   want {}\n   got  {}",
                c["id"],
                c["ref"],
                text,
                want.join(" "),
                got.join(" ")
            );
        }
    }
    let full = report("dates-fr (all cases)", &all);
    let subset = report("dates-fr (no rt-unsupported)", &sub);
    let _ = full;

    let pred_path =
        std::env::temp_dir().join(format!("entente-dates-fr-{}.jsonl", std::process::id()));
    if let Ok(mut f) = std::fs::File::create(&pred_path) {
        let _ = f.write_all(preds.as_bytes());
        for args in [vec![], vec!["--exclude-tag", "rt-unsupported"]] {
            match std::process::Command::new("python3")
                .arg(SCORER)
                .arg(&pred_path)
                .args(&args)
                .output()
            {
                Ok(o) if o.status.success() => {
                    let s = String::from_utf8_lossy(&o.stdout);
                    let keep: Vec<&str> = s
                        .lines()
                        .filter(|l| l.starts_with("ALL") || l.contains("passed,"))
                        .collect();
                    println!("score.py {}: {}", args.join(" "), keep.join(" | "));
                }
                _ => println!("score.py not run (python3 missing?)"),
            }
        }
        match std::env::var("DATES_KEEP_PRED") {
            Ok(keep) => {
                let _ = std::fs::rename(&pred_path, &keep);
                println!("predictions kept in {keep}");
            }
            Err(_) => {
                let _ = std::fs::remove_file(&pred_path);
            }
        }
    }
    assert!(
        subset >= MIN_SUBSET_VALUE_F1,
        "value F1 {subset:.3} below {MIN_SUBSET_VALUE_F1}"
    );
}
