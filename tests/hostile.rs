//! Hostile input: one generic test driven by `tests/data/hostile/expect.json`.
//!
//! Every entry of `expect.json` names a case and its exact outcome. A case is either a
//! small file committed beside it, or an input generated here (`"generate": kind`, for the
//! big ones: nothing of megabytes is committed). The outcome is either
//!
//! * `"refused": "substring"`: decoding fails with a message containing it, or
//! * analysed: `"warnings": [...]` lists one substring per warning, in order (exactly that
//!   many warnings; `[]` means none), plus optional `encoding`, `format`, `text` (exact),
//!   `title`, `contains` / `absent` (substrings of the text), `countries` (exact sorted ISO codes),
//!   `people` (names that must be found), `events` (exact count), `min_events`.
//!
//! For every analysed case, every span returned (entities, dates, events, furniture) must
//! lie inside the text on char boundaries and inside the original file, and the offset map
//! must be monotone. Corpus cases (`"corpus": kind`) run [`analyze_corpus`] over many
//! documents and check that none is lost. Afterwards every small case goes through one
//! `analyze_corpus` call and through the CLI together: refused files are reported, the
//! others are all there with the same result as alone.
//!
//! Cases marked `"slow": "reason"` run only in the ignored test `hostile_inputs_slow`
//! (too slow in the debug profile); `FUZZ_SLOW=1 scripts/fuzz.sh` runs them through the
//! release CLI (`HOSTILE_WRITE=dir` writes the generated inputs there instead of analysing
//! them). Cases marked `"bug": "reason"` reproduce a known, reported bug outside this
//! test's files; they run in the ignored test `hostile_known_bugs` and should pass once it
//! is fixed. `HOSTILE_ONLY=name` runs a single case (`--ignored` to reach those two).

use entente::{analyze, analyze_corpus, decode::decode, Analysis, Document, Offsets};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile")
}

fn expectations() -> Vec<(String, Value)> {
    let path = dir().join("expect.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    v.as_object()
        .expect("expect.json is an object")
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

// ---- generated inputs ---------------------------------------------------------------------

/// Sentences to build big inputs from: real-looking French with countries, people, dates
/// and cooperation triggers, so every stage has work to do.
const SENTENCES: &[&str] = &[
    "Le ministre russe de la Défense, Sergueï Volkine, a rencontré lundi 3 mars 2022 à Bamako son homologue malien.",
    "La Russie a livré des hélicoptères au Mali en janvier 2022, selon l’AFP.",
    "La France a formé des soldats nigériens à Niamey au printemps 2021.",
    "Le président Paul Durand s’est rendu à Dakar le 12 mai 2023 pour signer un accord de défense avec le Sénégal.",
    "La Turquie a vendu des drones Bayraktar TB2 à l’Ukraine, a indiqué Ankara mardi.",
    "Des exercices conjoints entre le Maroc et les États-Unis ont eu lieu à Agadir du 5 au 16 juin 2023.",
    "Le Tchad a demandé à la France de retirer ses troupes avant la fin de l’année.",
    "« Nous poursuivrons notre coopération », a déclaré le général Amadou Keïtala à la presse.",
];

/// About `mb` megabytes of articles: paragraphs of sentences, each with a number so that
/// no two paragraphs are identical.
fn prose(bytes: usize) -> Vec<u8> {
    let mut s = String::with_capacity(bytes + 1024);
    let mut i = 0usize;
    while s.len() < bytes {
        for k in 0..4 {
            s.push_str(SENTENCES[(i + k) % SENTENCES.len()]);
            s.push(' ');
        }
        s.push_str(&format!("Paragraphe {i}.\n\n"));
        i += 1;
    }
    s.into_bytes()
}

/// One line of `bytes` bytes, words only: no punctuation, no line break.
fn long_line(bytes: usize) -> Vec<u8> {
    const WORDS: &[&str] = &[
        "le",
        "Mali",
        "la",
        "France",
        "a",
        "livré",
        "des",
        "armes",
        "à",
        "Bamako",
        "Sergueï",
        "Volkine",
        "rencontre",
        "Russie",
        "janvier",
        "2022",
        "accord",
        "Niger",
        "formé",
        "soldats",
        "exercice",
        "conjoint",
        "Maroc",
        "lundi",
    ];
    let mut s = String::with_capacity(bytes + 16);
    let mut i = 0usize;
    while s.len() < bytes {
        s.push_str(WORDS[(i * 7 + i / WORDS.len()) % WORDS.len()]);
        s.push(' ');
        i += 1;
    }
    s.into_bytes()
}

/// `n` one-line paragraphs.
fn many_lines(n: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(SENTENCES[i % SENTENCES.len()]);
        s.push('\n');
    }
    s.into_bytes()
}

/// One sentence `n` times.
fn repeated(n: usize) -> Vec<u8> {
    "La Russie a livré des hélicoptères au Mali le 3 mars 2022. "
        .repeat(n)
        .into_bytes()
}

/// `n` nested open elements, never closed.
fn deep_html(n: usize, tags: &[&str]) -> Vec<u8> {
    let mut s = String::from("<!DOCTYPE html><html><head><title>Profond</title></head><body><article><p>Début : la France a livré des blindés au Niger.</p>");
    for i in 0..n {
        s.push('<');
        s.push_str(tags[i % tags.len()]);
        s.push('>');
        if i % 10_000 == 0 {
            s.push_str("Le Mali a reçu des drones turcs. ");
        }
    }
    s.push_str("<p>Fin au fond : le Tchad a signé un accord avec le Niger.");
    s.into_bytes()
}

fn generate(kind: &str, exp: &Value) -> Vec<u8> {
    let mb = |k: &str| (exp[k].as_f64().unwrap_or(1.0) * 1_048_576.0) as usize;
    let n = exp["n"].as_u64().unwrap_or(0) as usize;
    match kind {
        "prose" => prose(mb("mb")),
        "long_line" => long_line(mb("mb")),
        "many_lines" => many_lines(n),
        "repeated" => repeated(n),
        "deep_div" => deep_html(n, &["div"]),
        "deep_mixed" => deep_html(n, &["b", "span", "section", "i", "table", "li", "a", "p"]),
        _ => panic!("unknown generator {kind}"),
    }
}

fn bytes_of(name: &str, exp: &Value) -> Vec<u8> {
    match exp["generate"].as_str() {
        Some(kind) => generate(kind, exp),
        None => std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}")),
    }
}

// ---- checks -------------------------------------------------------------------------------

fn check_offsets(a: &Analysis, o: &Offsets, orig_len: usize, what: &str) {
    let t = &a.text;
    assert!(
        o.start <= o.end && o.end <= t.len(),
        "{}: {what} {o:?} outside text of {} bytes",
        a.doc,
        t.len()
    );
    assert!(
        t.is_char_boundary(o.start) && t.is_char_boundary(o.end),
        "{}: {what} {o:?} not on char boundaries",
        a.doc
    );
    assert!(
        o.orig_start <= o.orig_end && o.orig_end <= orig_len,
        "{}: {what} {o:?} outside original of {orig_len} bytes",
        a.doc
    );
}

/// Every span of the analysis inside the text, on char boundaries, inside the original.
fn check_spans(a: &Analysis, orig_len: usize) {
    for e in &a.excluded {
        check_offsets(a, &e.at, orig_len, "excluded");
    }
    for m in a.countries.iter().flat_map(|c| &c.mentions) {
        check_offsets(a, m, orig_len, "country");
    }
    for m in a.people.iter().flat_map(|p| &p.mentions) {
        check_offsets(a, m, orig_len, "person");
    }
    for m in a.places.iter().flat_map(|p| &p.mentions) {
        check_offsets(a, m, orig_len, "place");
    }
    for m in a.organizations.iter().flat_map(|o| &o.mentions) {
        check_offsets(a, m, orig_len, "org");
    }
    for d in &a.dates {
        check_offsets(a, &d.at, orig_len, "date");
        assert_eq!(
            &a.text[d.at.start..d.at.end],
            d.span,
            "{}: date span",
            a.doc
        );
    }
    for e in &a.events {
        check_offsets(a, &e.evidence_at, orig_len, "evidence");
        check_offsets(a, &e.trigger_at, orig_len, "trigger");
        if let Some(d) = &e.date_at {
            check_offsets(a, d, orig_len, "event date");
        }
        assert_eq!(
            &a.text[e.evidence_at.start..e.evidence_at.end],
            e.evidence,
            "{}: evidence",
            a.doc
        );
        assert_eq!(
            &a.text[e.trigger_at.start..e.trigger_at.end],
            e.trigger,
            "{}: trigger",
            a.doc
        );
    }
}

/// The offset map stays inside the original and never goes backwards.
fn check_map(doc: &Document, orig_len: usize) {
    let mut prev = 0;
    for (t, _) in doc.text.char_indices() {
        let o = doc.map.to_orig(t);
        assert!(
            o <= orig_len && o >= prev,
            "{}: map at {t} gives {o} (previous {prev}, file {orig_len} bytes)",
            doc.name
        );
        prev = o;
    }
    assert!(
        doc.map.to_orig(doc.text.len()) <= orig_len,
        "{}: map end",
        doc.name
    );
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|x| x.as_str().expect("a string").to_string())
        .collect()
}

fn short(s: &str) -> String {
    if s.len() <= 300 {
        return format!("{s:?}");
    }
    let mut end = 300;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{:?}… ({} bytes)", &s[..end], s.len())
}

/// Checks the analysed outcome of a case against its expectations.
fn check_analysis(name: &str, exp: &Value, a: &Analysis) {
    let want = strs(&exp["warnings"]);
    assert!(
        exp["warnings"].is_array(),
        "{name}: an analysed case lists its warnings (got {:?})",
        a.warnings
    );
    assert_eq!(
        a.warnings.len(),
        want.len(),
        "{name}: warnings {:?}, expected {want:?}",
        a.warnings
    );
    for (got, w) in a.warnings.iter().zip(&want) {
        assert!(
            got.contains(w.as_str()),
            "{name}: warning {got:?} lacks {w:?}"
        );
    }
    if let Some(enc) = exp["encoding"].as_str() {
        assert_eq!(a.encoding, enc, "{name}: encoding");
    }
    if let Some(f) = exp["format"].as_str() {
        assert_eq!(serde_json::to_value(a.format).unwrap(), f, "{name}: format");
    }
    if let Some(t) = exp["title"].as_str() {
        assert_eq!(a.title.as_deref(), Some(t), "{name}: title");
    }
    if let Some(t) = exp["text"].as_str() {
        assert_eq!(a.text, t, "{name}: text");
    }
    for c in strs(&exp["contains"]) {
        assert!(
            a.text.contains(&c),
            "{name}: {c:?} not in {}",
            short(&a.text)
        );
    }
    for c in strs(&exp["absent"]) {
        assert!(
            !a.text.contains(&c),
            "{name}: {c:?} leaked into {}",
            short(&a.text)
        );
    }
    if exp["countries"].is_array() {
        let mut got: Vec<&str> = a.countries.iter().map(|c| c.code.as_str()).collect();
        got.sort();
        assert_eq!(got, strs(&exp["countries"]), "{name}: countries");
    }
    for p in strs(&exp["people"]) {
        assert!(
            a.people.iter().any(|x| x.name == p),
            "{name}: no person {p:?} in {:?}",
            a.people.iter().map(|x| &x.name).collect::<Vec<_>>()
        );
    }
    if let Some(n) = exp["events"].as_u64() {
        assert_eq!(
            a.events.len() as u64,
            n,
            "{name}: events {:?}",
            a.events
                .iter()
                .map(|e| (e.kind, &e.actors))
                .collect::<Vec<_>>()
        );
    }
    if let Some(n) = exp["min_events"].as_u64() {
        assert!(
            a.events.len() as u64 >= n,
            "{name}: {} events, expected at least {n}",
            a.events.len()
        );
    }
}

/// Decodes and analyses one case; returns the analysis (None when refused) and the time.
fn run_case(name: &str, exp: &Value, bytes: &[u8]) -> (Option<Analysis>, Duration) {
    let t0 = Instant::now();
    let res = decode(name, bytes);
    if let Some(msg) = exp["refused"].as_str() {
        let e = res
            .err()
            .unwrap_or_else(|| panic!("{name}: decoded, expected refusal with {msg:?}"));
        assert!(
            e.message.contains(msg),
            "{name}: refusal {:?} lacks {msg:?}",
            e.message
        );
        assert_eq!(e.doc, name);
        return (None, t0.elapsed());
    }
    let doc = res.unwrap_or_else(|e| panic!("{name}: refused ({}), expected analysed", e.message));
    check_map(&doc, bytes.len());
    let a = analyze(&doc);
    let took = t0.elapsed();
    assert_eq!(a.doc, name);
    check_spans(&a, bytes.len());
    check_analysis(name, exp, &a);
    (Some(a), took)
}

// ---- corpus cases -------------------------------------------------------------------------

fn small_article(i: usize) -> String {
    format!(
        "Article {i}\n\nLe {} mars 2022, {}\n",
        1 + i % 28,
        SENTENCES[i % SENTENCES.len()]
    )
}

fn run_corpus_case(name: &str, exp: &Value) -> Duration {
    let kind = exp["corpus"].as_str().unwrap();
    let docs: Vec<Document> = match kind {
        "small_files" => {
            let n = exp["n"].as_u64().unwrap() as usize;
            (0..n)
                .map(|i| decode(&format!("f{i:05}.txt"), small_article(i).as_bytes()).unwrap())
                .collect()
        }
        "same_file_twice" => {
            let file = exp["file"].as_str().unwrap();
            let bytes = std::fs::read(dir().join(file)).unwrap();
            (0..2).map(|_| decode(file, &bytes).unwrap()).collect()
        }
        _ => panic!("{name}: unknown corpus kind {kind}"),
    };
    let t0 = Instant::now();
    let c = analyze_corpus(&docs);
    let took = t0.elapsed();
    assert_eq!(c.articles.len(), docs.len(), "{name}: articles lost");
    for (a, d) in c.articles.iter().zip(&docs) {
        assert_eq!(a.doc, d.name, "{name}: order");
        check_spans(a, d.map.original_len);
    }
    // Every event of every article is a source of exactly one merged event.
    let mut seen = std::collections::HashSet::new();
    for e in &c.corpus.events {
        for s in &e.sources {
            assert!(
                s.article < c.articles.len() && s.index < c.articles[s.article].events.len(),
                "{name}: bad source {s:?}"
            );
            assert!(
                seen.insert((s.article, s.index)),
                "{name}: event source {s:?} merged twice"
            );
        }
    }
    let total: usize = c.articles.iter().map(|a| a.events.len()).sum();
    assert_eq!(
        seen.len(),
        total,
        "{name}: article events missing from the merged view"
    );
    if let Some(d) = exp["duplicates"].as_array() {
        let got: Vec<Value> = c
            .articles
            .iter()
            .map(|a| a.duplicate_of.clone().map_or(Value::Null, Value::from))
            .collect();
        assert_eq!(&got, d, "{name}: duplicates");
        for a in c.articles.iter().filter(|a| a.duplicate_of.is_some()) {
            assert!(
                a.warnings.iter().any(|w| w.contains("same text as")),
                "{name}: no duplicate warning: {:?}",
                a.warnings
            );
        }
    }
    if let Some(n) = exp["merged_events"].as_u64() {
        assert_eq!(c.corpus.events.len() as u64, n, "{name}: merged events");
    }
    if let Some(n) = exp["sources_per_event"].as_u64() {
        for e in &c.corpus.events {
            assert_eq!(
                e.sources.len() as u64,
                n,
                "{name}: sources of {:?} {:?}",
                e.kind,
                e.actors
            );
        }
    }
    if let Some(n) = exp["article_count_per_country"].as_u64() {
        for s in &c.corpus.countries {
            assert_eq!(s.articles as u64, n, "{name}: articles of {}", s.code);
        }
    }
    took
}

// ---- the driver ---------------------------------------------------------------------------

fn only() -> Option<String> {
    std::env::var("HOSTILE_ONLY").ok().filter(|s| !s.is_empty())
}

/// Which cases a test runs.
#[derive(Clone, Copy, PartialEq)]
enum Set {
    Normal,
    Slow,
    Bugs,
}

fn set_of(exp: &Value) -> Set {
    if exp["bug"].is_string() {
        Set::Bugs
    } else if exp["slow"].is_string() {
        Set::Slow
    } else {
        Set::Normal
    }
}

fn run_all(set: Set) {
    if let Ok(out) = std::env::var("HOSTILE_WRITE") {
        write_generated(Path::new(&out), set);
        return;
    }
    let mut small: Vec<(String, Vec<u8>, Value)> = Vec::new();
    let mut ran = 0;
    let mut failed: Vec<String> = Vec::new();
    for (name, exp) in expectations() {
        if set_of(&exp) != set || only().is_some_and(|o| o != name) {
            continue;
        }
        ran += 1;
        // One failing case does not hide the others: each runs on its own, failures are
        // listed at the end.
        let one = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_one(&name, &exp)));
        match one {
            Ok(Some(bytes)) => small.push((name, bytes, exp)),
            Ok(None) => {}
            Err(_) => failed.push(name),
        }
    }
    assert!(failed.is_empty(), "hostile cases failed: {failed:?}");
    assert!(
        ran > 0 || only().is_some() || set != Set::Normal,
        "no hostile case ran"
    );
    if !small.is_empty() && only().is_none() {
        together(&small);
    }
}

/// Runs one case; returns its bytes when it is a small committed file.
fn run_one(name: &str, exp: &Value) -> Option<Vec<u8>> {
    if exp["corpus"].is_string() {
        let took = run_corpus_case(name, exp);
        eprintln!(
            "hostile {name}: corpus analysed in {:.2} s",
            took.as_secs_f64()
        );
        return None;
    }
    let bytes = bytes_of(name, exp);
    let (a, took) = run_case(name, exp, &bytes);
    let what = match &a {
        Some(a) => format!(
            "analysed, {} warning(s), {} event(s)",
            a.warnings.len(),
            a.events.len()
        ),
        None => "refused".into(),
    };
    eprintln!(
        "hostile {name}: {} bytes, {what}, {:.2} s",
        bytes.len(),
        took.as_secs_f64()
    );
    if let Some(pair) = exp["scaling_mb"].as_array() {
        scaling(name, exp, pair);
    }
    exp["generate"].is_null().then_some(bytes)
}

/// Wall time of two sizes of the same generated input: the ratio must stay well under
/// the square of the size ratio (linear: ~2; quadratic: ~4).
fn scaling(name: &str, exp: &Value, pair: &[Value]) {
    let kind = exp["generate"].as_str().unwrap();
    let mut times = Vec::new();
    for mb in pair {
        let mut e = exp.clone();
        e["mb"] = mb.clone();
        let bytes = generate(kind, &e);
        let t0 = Instant::now();
        let doc = decode(name, &bytes).unwrap();
        let a = analyze(&doc);
        let took = t0.elapsed().as_secs_f64();
        check_spans(&a, bytes.len());
        eprintln!(
            "hostile {name} scaling: {} MB in {took:.2} s ({:.2} MB/s)",
            mb,
            bytes.len() as f64 / 1_048_576.0 / took
        );
        times.push(took);
    }
    let ratio = times[1] / times[0].max(1e-3);
    let max = exp["max_ratio"].as_f64().unwrap_or(4.0);
    eprintln!("hostile {name} scaling: ratio {ratio:.2} for sizes {pair:?} (limit {max})");
    assert!(
        ratio < max,
        "{name}: time ratio {ratio:.2} for sizes {pair:?}: not linear"
    );
}

/// Every small case together: one `analyze_corpus` call keeps every decodable file with
/// the result it has alone, and the CLI reports the refused files and writes the others.
fn together(small: &[(String, Vec<u8>, Value)]) {
    let docs: Vec<Document> = small
        .iter()
        .filter_map(|(n, b, _)| decode(n, b).ok())
        .collect();
    let refused: Vec<&str> = small
        .iter()
        .filter(|(_, _, e)| e["refused"].is_string())
        .map(|(n, _, _)| n.as_str())
        .collect();
    assert_eq!(docs.len() + refused.len(), small.len());
    let c = analyze_corpus(&docs);
    assert_eq!(c.articles.len(), docs.len(), "analyze_corpus lost articles");
    // Several cases hold the same article in other encodings: inside a corpus those are
    // duplicates of the first file with that text; every other file has its result alone.
    let mut first_with: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (a, d) in c.articles.iter().zip(&docs) {
        let first = (!d.text.trim().is_empty())
            .then(|| *first_with.entry(d.text.as_str()).or_insert(d.name.as_str()));
        match first.filter(|f| *f != d.name) {
            Some(f) => {
                assert_eq!(
                    a.duplicate_of.as_deref(),
                    Some(f),
                    "{}: a duplicate not recognised",
                    d.name
                );
                assert!(
                    a.events.is_empty() && a.people.is_empty(),
                    "{}: a duplicate counted again",
                    d.name
                );
                assert_eq!(a.text, d.text, "{}: a duplicate's text lost", d.name);
            }
            None => assert_eq!(*a, analyze(d), "{}: differs inside a corpus", d.name),
        }
    }

    // The CLI over the directory: exit status 1, every refused file named on stderr, every
    // other file in the output, in sorted order.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(["analyze", "--format", "jsonl"])
        .arg(dir())
        .output()
        .expect("run entente");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "CLI exit status; stderr: {stderr}"
    );
    for r in &refused {
        assert!(
            stderr.lines().any(|l| l.contains(r)),
            "CLI: {r} not reported in {stderr}"
        );
    }
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let docs_out: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("one JSON record per line")["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut want: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
    want.sort();
    let got: Vec<&str> = docs_out
        .iter()
        .map(|d| d.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(got, want, "CLI output records");
}

/// Writes the generated inputs of the selected cases to `out` (for the release CLI run
/// in `scripts/fuzz.sh`).
fn write_generated(out: &Path, set: Set) {
    std::fs::create_dir_all(out).unwrap();
    for (name, exp) in expectations() {
        if set_of(&exp) == set && exp["generate"].is_string() && only().is_none_or(|o| o == name) {
            std::fs::write(
                out.join(&name),
                generate(exp["generate"].as_str().unwrap(), &exp),
            )
            .unwrap();
            eprintln!("wrote {}", out.join(&name).display());
        }
    }
}

#[test]
fn hostile_inputs() {
    run_all(Set::Normal);
}

#[test]
#[ignore = "the full-size cases marked slow in expect.json: minutes in the debug profile; scripts/slow-hostile.sh (run by scripts/test.sh in CI) writes them with HOSTILE_WRITE and times them through the release CLI"]
fn hostile_inputs_slow() {
    run_all(Set::Slow);
}

#[test]
#[ignore = "timing-ratio scaling check (doubling the size must not more than triple the time): fixed, passes in ~5 s in debug, kept on demand because wall-clock ratios are noisy on a loaded 2-core CI machine"]
fn hostile_known_bugs() {
    run_all(Set::Bugs);
}
