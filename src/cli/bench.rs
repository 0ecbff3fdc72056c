//! `entente bench`: the speed benchmark (not a timed test).
//!
//! It builds an in-memory corpus of at least N MB by varying a few base articles (the
//! seeds and the dev set by default): person surnames, years, day numbers, countries and
//! cities are rotated so caches and lexicons see new strings, not the same article again
//! and again. The rotation lists below are benchmark fixtures only; the library never
//! sees them except as article text.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Captures, Regex};

use super::args::BenchArgs;
use super::inputs::{collect, describe};

/// Countries used with « la » / « de la », rotated among themselves.
const COUNTRIES_F: &[&str] = &[
    "France",
    "Russie",
    "Chine",
    "Turquie",
    "Algérie",
    "Égypte",
    "Inde",
    "Allemagne",
    "Italie",
    "Espagne",
    "Tunisie",
    "Libye",
    "Éthiopie",
    "Guinée",
    "Mauritanie",
    "Centrafrique",
    "Somalie",
    "Ukraine",
    "Pologne",
    "Grèce",
    "Arabie saoudite",
    "Corée du Sud",
    "Indonésie",
    "Serbie",
];
/// Countries used with « le » / « du », rotated among themselves.
const COUNTRIES_M: &[&str] = &[
    "Mali",
    "Niger",
    "Tchad",
    "Sénégal",
    "Burkina Faso",
    "Maroc",
    "Nigeria",
    "Cameroun",
    "Rwanda",
    "Brésil",
    "Japon",
    "Pakistan",
    "Soudan",
    "Bénin",
    "Togo",
    "Gabon",
    "Congo",
    "Mozambique",
    "Kenya",
    "Qatar",
    "Vietnam",
    "Kazakhstan",
    "Venezuela",
    "Burundi",
];
/// Cities, rotated among themselves.
const CITIES: &[&str] = &[
    "Paris",
    "Moscou",
    "Bamako",
    "Niamey",
    "Dakar",
    "Alger",
    "Rabat",
    "Tunis",
    "Abidjan",
    "Kigali",
    "Pékin",
    "Ankara",
    "Le Caire",
    "Nairobi",
    "Lomé",
    "Cotonou",
    "Libreville",
    "Maputo",
    "Ouagadougou",
    "N'Djamena",
    "Berlin",
    "Rome",
    "Madrid",
    "Varsovie",
    "Athènes",
    "Tokyo",
    "Brasilia",
    "Islamabad",
    "Doha",
    "Riyad",
];
/// First names after which the next capitalised word is taken as a surname and replaced.
const FIRST_NAMES: &[&str] = &[
    "M.",
    "Mme",
    "Jean",
    "Pierre",
    "Marie",
    "Paul",
    "Michel",
    "Abdel",
    "Ali",
    "Ibrahim",
    "Moussa",
    "Amadou",
    "Vladimir",
    "Sergueï",
    "Dmitri",
    "Alexandre",
    "Emmanuel",
    "François",
    "Xi",
    "Li",
    "Wang",
    "Narendra",
    "Recep",
    "Joe",
    "Donald",
    "Olaf",
    "Giorgia",
    "Luiz",
    "Cyril",
    "Félix",
    "Assimi",
    "Abdourahamane",
    "Mahamat",
    "Denis",
    "Faustin",
    "Macky",
    "Bassirou",
    "Alassane",
];
/// Syllables of the synthetic surnames.
const SYLLABLES: &[&str] = &[
    "ka", "ro", "vel", "mi", "don", "sa", "lu", "tin", "bo", "rek", "na", "zo", "pe", "gar", "li",
    "mou",
];
const MONTHS: &str =
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre";

/// FNV-1a, for deterministic synthetic names.
fn hash(s: &str, round: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ round as u64;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn synthetic_surname(orig: &str, round: usize) -> String {
    let mut h = hash(orig, round);
    let n = 2 + (h % 2) as usize;
    let mut s = String::new();
    for _ in 0..n {
        h /= 16;
        s.push_str(SYLLABLES[(h % SYLLABLES.len() as u64) as usize]);
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

/// The substitutions applied to make variant `round` of an article.
struct Variator {
    places: AhoCorasick,
    /// For each pattern of `places`: its group and its index in the group.
    groups: Vec<(&'static [&'static str], usize)>,
    years: Regex,
    days: Regex,
    names: Regex,
}

impl Variator {
    fn new() -> Result<Variator, String> {
        let mut patterns = Vec::new();
        let mut groups = Vec::new();
        for group in [COUNTRIES_F, COUNTRIES_M, CITIES] {
            for (i, p) in group.iter().enumerate() {
                patterns.push(*p);
                groups.push((group, i));
            }
        }
        let places = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        let re = |p: &str| Regex::new(p).map_err(|e| e.to_string());
        Ok(Variator {
            places,
            groups,
            years: re(r"\b(19[5-9][0-9]|20[0-4][0-9])\b")?,
            days: re(&format!(r"\b([1-9]|[12][0-9]|3[01])(er)? ({MONTHS})\b"))?,
            names: re(r"(M\.|Mme|\b[A-ZÀ-ÖØ-Þ][\w-]+) ([A-ZÀ-ÖØ-Þ][\w'-]{3,})")?,
        })
    }

    fn vary(&self, text: &str, round: usize) -> String {
        if round == 0 {
            return text.to_string();
        }
        let shift = (round % 11) as i32 - 5;
        let text = self.years.replace_all(text, |c: &Captures| {
            let y: i32 = c[1].parse().unwrap_or(2000);
            (y + shift).to_string()
        });
        let text = self.days.replace_all(&text, |c: &Captures| {
            let d: usize = c[1].parse().unwrap_or(1);
            let d = (d - 1 + round) % 28 + 1;
            let er = if d == 1 { "er" } else { "" };
            format!("{d}{er} {}", &c[3])
        });
        let text = self.names.replace_all(&text, |c: &Captures| {
            if FIRST_NAMES.contains(&&c[1]) {
                format!("{} {}", &c[1], synthetic_surname(&c[2], round))
            } else {
                c[0].to_string()
            }
        });
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in self.places.find_iter(text.as_ref()) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let (group, i) = self.groups[m.pattern().as_usize()];
            out.push_str(&text[last..m.start()]);
            out.push_str(group[(i + round) % group.len()]);
            last = m.end();
        }
        out.push_str(&text[last..]);
        out
    }
}

/// The default base articles: `seeds/` and `../shared/eval/dev/*.txt`, looked up from
/// the current directory, then from the crate's source directory.
fn default_bases() -> Vec<PathBuf> {
    let roots = [
        PathBuf::from("."),
        PathBuf::from(env!("CARGO_MANIFEST_DIR")),
    ];
    for root in roots {
        if root.join("seeds").is_dir() {
            let mut v = vec![root.join("seeds")];
            let dev = root.join("../shared/eval/dev");
            if dev.is_dir() {
                v.push(dev);
            }
            return v;
        }
    }
    Vec::new()
}

/// Peak resident memory in MB (VmHWM), when the system tells.
fn peak_memory() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0 / 1e6)
}

fn mem() -> String {
    peak_memory().map_or_else(|| "n/a".to_string(), |m| format!("{m:.1} MB"))
}

/// Writes the corpus under `dir`, one file per article (`dir/0000/d01.txt`, ...).
fn dump(dir: &Path, corpus: &[(String, Vec<u8>)]) -> Result<(), String> {
    for (name, bytes) in corpus {
        let rel = name.strip_prefix("bench/").unwrap_or(name);
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!("wrote {} articles under {}", corpus.len(), dir.display());
    Ok(())
}

/// Runs the benchmark and prints its figures on standard output.
pub fn run(args: &BenchArgs) -> Result<(), String> {
    let defaulted = args.paths.is_empty();
    let roots = if defaulted {
        default_bases()
    } else {
        args.paths.clone()
    };
    if roots.is_empty() {
        return Err("no base articles: run from the repository root or give PATH...".into());
    }
    let (inputs, errors) = collect(&roots);
    for e in &errors {
        eprintln!("entente: {}: {}", e.doc, describe(&e.error));
    }
    let variator = Variator::new()?;
    // Base texts: UTF-8 files are varied as they are (HTML stays HTML); others are
    // decoded first and varied as text.
    let mut bases: Vec<(String, String)> = Vec::new();
    for input in &inputs {
        let Some(path) = &input.path else { continue };
        let is_txt = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        if defaulted && !is_txt {
            continue;
        }
        let bytes = match input.read() {
            Ok(b) => b,
            Err(e) => {
                eprintln!("entente: {}: {}", input.doc, describe(&e));
                continue;
            }
        };
        let name = path.file_name().map_or_else(
            || "article.txt".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        match String::from_utf8(bytes) {
            Ok(text) => bases.push((name, text)),
            Err(e) => match entente::decode::decode(&input.doc, e.as_bytes()) {
                Ok(doc) => bases.push((
                    format!("{}.txt", Path::new(&name).with_extension("").display()),
                    doc.text,
                )),
                Err(e) => eprintln!("entente: {}: {}", input.doc, e.message),
            },
        }
    }
    if bases.iter().all(|(_, t)| t.is_empty()) {
        return Err("no usable base article".into());
    }

    let target = (args.mb * 1e6) as usize;
    let mut corpus: Vec<(String, Vec<u8>)> = Vec::new();
    let mut total = 0usize;
    let mut round = 0;
    while total < target {
        for (name, text) in &bases {
            let v = variator.vary(text, round).into_bytes();
            total += v.len();
            corpus.push((format!("bench/{round:04}/{name}"), v));
        }
        round += 1;
    }
    let mb = total as f64 / 1e6;
    if let Some(dir) = &args.dump {
        return dump(dir, &corpus);
    }
    if cfg!(debug_assertions) {
        println!("note: debug build; measure with `cargo run --release -- bench`");
    }
    println!(
        "corpus: {mb:.2} MB, {} articles ({} base articles × {round} variants)",
        corpus.len(),
        bases.len()
    );
    println!("peak memory before analysis: {}", mem());

    // 1. decode + analyze, one article at a time, one thread.
    let t = Instant::now();
    let (mut events, mut failures) = (0usize, 0usize);
    for (name, bytes) in &corpus {
        match entente::decode::decode(name, bytes) {
            Ok(doc) => events += black_box(entente::analyze(&doc)).events.len(),
            Err(_) => failures += 1,
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "decode+analyze (1 thread): {s:.3} s, {:.2} MB/s, {:.0} articles/s, {events} events, {failures} undecodable",
        mb / s,
        corpus.len() as f64 / s
    );
    println!("peak memory after decode+analyze: {}", mem());

    // Where the time goes: the same loop again, each stage timed (decode apart).
    let mut stages: Vec<(&'static str, f64)> = vec![("decode", 0.0)];
    let add = |stages: &mut Vec<(&'static str, f64)>, name: &'static str, d: f64| match stages
        .iter_mut()
        .find(|(n, _)| *n == name)
    {
        Some(s) => s.1 += d,
        None => stages.push((name, d)),
    };
    for (name, bytes) in &corpus {
        let t = Instant::now();
        let Ok(doc) = entente::decode::decode(name, bytes) else {
            continue;
        };
        add(&mut stages, "decode", t.elapsed().as_secs_f64());
        let mut last = Instant::now();
        black_box(entente::analyze_timed(&doc, &mut |stage| {
            let now = Instant::now();
            add(&mut stages, stage, (now - last).as_secs_f64());
            last = now;
        }));
    }
    let sum: f64 = stages.iter().map(|(_, d)| d).sum();
    println!("per stage (one thread, {mb:.2} MB):");
    for (name, d) in &stages {
        println!(
            "  {name:<16} {:>8.1} ms {:>5.1} % {:>8.1} MB/s",
            d * 1e3,
            100.0 * d / sum,
            mb / d
        );
    }
    println!(
        "  {:<16} {:>8.1} ms {:>5.1} % {:>8.2} MB/s",
        "total",
        sum * 1e3,
        100.0,
        mb / sum
    );

    // 2. analyze_corpus (analysis of every article and the merge), timed apart from decoding.
    let docs: Vec<entente::Document> = corpus
        .iter()
        .filter_map(|(name, bytes)| entente::decode::decode(name, bytes).ok())
        .collect();
    drop(corpus);
    let t = Instant::now();
    let c = black_box(entente::analyze_corpus(&docs));
    let s = t.elapsed().as_secs_f64();
    println!(
        "analyze_corpus incl. merge: {s:.3} s, {:.2} MB/s, {:.0} articles/s, {} merged events, {} merged people",
        mb / s,
        docs.len() as f64 / s,
        c.corpus.events.len(),
        c.corpus.people.len()
    );
    println!("peak memory after analyze_corpus: {}", mem());

    // 3. The merge alone, on the articles analysed above.
    let t = Instant::now();
    let m = black_box(entente::merge::merge(&c.articles));
    println!(
        "merge alone: {:.3} s for {} articles ({} events)",
        t.elapsed().as_secs_f64(),
        c.articles.len(),
        m.events.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_change_places_years_days_and_names() {
        let v = Variator::new().ok();
        let Some(v) = v else {
            panic!("fixtures do not compile")
        };
        let text = "Le 3 mars 2021, M. Dubreuil est arrivé à Bamako, au Mali, puis en France.";
        assert_eq!(v.vary(text, 0), text);
        let out = v.vary(text, 1);
        assert!(out.contains("4 mars 2017"), "{out}");
        assert!(!out.contains("Dubreuil") && out.contains("M. "), "{out}");
        assert!(
            out.contains("à Niamey") && out.contains("au Niger") && out.contains("en Russie"),
            "{out}"
        );
    }

    #[test]
    fn place_names_inside_words_are_left_alone() {
        let Some(v) = Variator::new().ok() else {
            panic!("fixtures do not compile")
        };
        assert_eq!(v.vary("Malien et Parisiens", 3), "Malien et Parisiens");
    }
}
