//! Quality gates: the CLI's JSON output scored against the gold annotations with
//! `../shared/eval/score.py`. Skipped (with a note) when `../shared` is not beside the
//! checkout.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

// The thresholds, in one place.
// Set a little under what the extraction reaches (seeds 0.988 / events 0.941 / people's
// country and role 34 of 38; dev 0.984 / events 0.927 / 126 of 152 when last raised), so
// that a regression fails the build. Raise them as it improves.
/// Seeds: minimum overall F1 (mean over the seven fields).
const SEEDS_MIN: f64 = 0.97;
/// Seeds: minimum events F1.
const SEEDS_EVENTS_MIN: f64 = 0.91;
/// Seeds: minimum share of people found with the gold's country and role.
const SEEDS_PEOPLE_ATTRS_MIN: f64 = 0.82;
/// Seeds: maximum number of noise leaks (page furniture extracted as facts).
const SEEDS_MAX_NOISE: Option<usize> = Some(0);
/// Dev set: minimum overall F1.
const DEV_MIN: f64 = 0.97;
/// Dev set: minimum events F1.
const DEV_EVENTS_MIN: f64 = 0.90;
/// Dev set: minimum share of people found with the gold's country and role.
const DEV_PEOPLE_ATTRS_MIN: f64 = 0.80;
/// Dev set: maximum number of noise leaks (`None`: reported, not gated).
const DEV_MAX_NOISE: Option<usize> = Some(0);

/// Held-out set (`tests/data/heldout`, written blind to the code): minimum overall F1.
const HELDOUT_MIN: f64 = 0.88;
/// Held-out set: minimum events F1 (0.691 on the 72 articles in session 15, when the
/// third set, harder on events, joined the first two; 0.703 on the 96 in session 16; 0.687
/// on the 120 when the fifth set joined, in session 17; 0.695 on the 144 when the sixth
/// joined, in session 18; 0.688 on the 168 when the seventh joined, in session 19; 0.682
/// on the 192 when the eighth joined, in session 20; 0.672 on the 216 when the ninth, the
/// first annotated with one record per dated event rather than per pair, joined in
/// session 21: the gate moved from 0.67 to 0.66 to keep a margin).
const HELDOUT_EVENTS_MIN: f64 = 0.66;
/// Held-out set: minimum share of people found with the gold's country and role.
const HELDOUT_PEOPLE_ATTRS_MIN: f64 = 0.80;
/// Held-out set: maximum number of noise leaks.
const HELDOUT_MAX_NOISE: Option<usize> = Some(8);

const BIN: &str = env!("CARGO_BIN_EXE_entente");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shared() -> Option<PathBuf> {
    let s = root().join("../shared/eval");
    s.join("score.py").is_file().then_some(s)
}

/// What score.py says about one prediction.
struct Score {
    overall: f64,
    events: f64,
    /// People found with the gold's country and role, as a share of those found.
    people_attrs: f64,
    noise: usize,
}

/// Runs `entente analyze INPUT --format json`, scores it against `gold`, prints the full
/// table on standard error (shown by the test harness when the test fails).
fn score(name: &str, eval: &Path, inputs: &[PathBuf], gold: &Path) -> Score {
    let out = Command::new(BIN)
        .args(["analyze", "--format", "json"])
        .args(inputs)
        .current_dir(root())
        .output()
        .expect("run entente");
    assert!(
        out.status.success(),
        "entente failed on {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scores");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let pred = dir.join(format!("{name}.json"));
    std::fs::write(&pred, &out.stdout).expect("write prediction");

    let py = Command::new("python3")
        .arg(eval.join("score.py"))
        .arg(gold)
        .arg(&pred)
        .arg("--json")
        .output()
        .expect("run python3 (scripts/setup.sh installs it)");
    let text = String::from_utf8_lossy(&py.stdout);
    eprintln!(
        "== {name} against {}\n{text}{}",
        gold.display(),
        String::from_utf8_lossy(&py.stderr)
    );
    assert!(py.status.success(), "score.py failed");

    let json = text
        .lines()
        .find(|l| l.starts_with('{'))
        .expect("score.py --json line");
    let v: Value = serde_json::from_str(json).expect("score.py JSON");
    let noise = text
        .lines()
        .find_map(|l| l.strip_prefix("noise leaks: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("noise leaks line");
    // « people … country+role ok=126/152 »
    let people_attrs = text
        .lines()
        .find(|l| l.starts_with("people"))
        .and_then(|l| l.split("country+role ok=").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .and_then(|r| r.split_once('/'))
        .and_then(|(ok, n)| Some(ok.parse::<f64>().ok()? / n.parse::<f64>().ok()?.max(1.0)))
        .expect("people country+role line");
    Score {
        people_attrs,
        overall: v["overall_f1"].as_f64().expect("overall_f1"),
        events: v["events"]["f1"].as_f64().expect("events f1"),
        noise,
    }
}

fn check(
    name: &str,
    s: &Score,
    min: f64,
    events_min: f64,
    people_attrs_min: f64,
    max_noise: Option<usize>,
) {
    let mut failures = Vec::new();
    if s.people_attrs < people_attrs_min {
        failures.push(format!(
            "people's country and role right for {:.3} < {people_attrs_min}",
            s.people_attrs
        ));
    }
    if s.overall < min {
        failures.push(format!("overall F1 {:.3} < {min}", s.overall));
    }
    if s.events < events_min {
        failures.push(format!("events F1 {:.3} < {events_min}", s.events));
    }
    if let Some(max) = max_noise.filter(|&m| s.noise > m) {
        failures.push(format!("{} noise leaks > {max}", s.noise));
    }
    eprintln!(
        "{name}: overall F1 {:.3}, events F1 {:.3}, people's country and role {:.3}, noise leaks {}",
        s.overall, s.events, s.people_attrs, s.noise
    );
    assert!(failures.is_empty(), "{name}: {}", failures.join("; "));
}

#[test]
fn seeds_meet_the_thresholds() {
    let Some(eval) = shared() else {
        eprintln!("note: ../shared/eval is absent; seeds scoring skipped");
        return;
    };
    let s = score(
        "seeds",
        &eval,
        &[root().join("seeds")],
        &eval.join("gold/seeds.json"),
    );
    check(
        "seeds",
        &s,
        SEEDS_MIN,
        SEEDS_EVENTS_MIN,
        SEEDS_PEOPLE_ATTRS_MIN,
        SEEDS_MAX_NOISE,
    );
}

#[test]
fn dev_set_meets_the_thresholds() {
    let Some(eval) = shared() else {
        eprintln!("note: ../shared/eval is absent; dev scoring skipped");
        return;
    };
    // The articles only, not the folder's README.md.
    let mut articles: Vec<PathBuf> = std::fs::read_dir(eval.join("dev"))
        .expect("dev folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    articles.sort();
    assert!(!articles.is_empty(), "no dev articles");
    let s = score("dev", &eval, &articles, &eval.join("dev/gold.json"));
    check(
        "dev",
        &s,
        DEV_MIN,
        DEV_EVENTS_MIN,
        DEV_PEOPLE_ATTRS_MIN,
        DEV_MAX_NOISE,
    );
}

#[test]
fn heldout_set_meets_the_thresholds() {
    let Some(eval) = shared() else {
        eprintln!("note: ../shared/eval is absent; held-out scoring skipped");
        return;
    };
    let dir = root().join("tests/data/heldout");
    // The articles only, not the gold nor the README.
    let mut articles: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("held-out folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "txt" || x == "html" || x == "md")
        })
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    articles.sort();
    assert_eq!(articles.len(), 240, "held-out articles");
    let s = score("held-out", &eval, &articles, &dir.join("gold.json"));
    check(
        "held-out",
        &s,
        HELDOUT_MIN,
        HELDOUT_EVENTS_MIN,
        HELDOUT_PEOPLE_ATTRS_MIN,
        HELDOUT_MAX_NOISE,
    );
}
