//! Integration tests of the `entente` binary: formats, inputs, errors, exit statuses.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_entente");

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run entente");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin.unwrap_or_default())
        .expect("write stdin");
    drop(pipe);
    child.wait_with_output().expect("wait for entente")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn docs(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["doc"].as_str().unwrap_or("?").to_string())
        .collect()
}

const ARTICLE: &str = "La Russie a livré des hélicoptères au Mali.\n";

/// The tiny RFC 4180 parser the CSV output is checked with.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[test]
fn json_is_an_array_of_articles_in_path_order() {
    let o = run(&["analyze", "seeds/", "--format", "json"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json output parses");
    let arts = v.as_array().expect("an array");
    let names = docs(arts);
    assert!(names.len() >= 5, "{names:?}");
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("seeds/") && n.ends_with(".txt") && !n.contains("//")),
        "{names:?}"
    );
    for a in arts {
        for field in ["text", "countries", "people", "places", "dates", "events"] {
            assert!(a.get(field).is_some(), "missing {field}");
        }
    }
}

#[test]
fn corpus_has_articles_and_merged_view() {
    let o = run(&["analyze", "seeds", "--format", "corpus"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("corpus output parses");
    assert!(v["articles"].as_array().is_some_and(|a| a.len() >= 5));
    for field in ["people", "events", "countries"] {
        assert!(v["corpus"][field].is_array(), "corpus.{field}");
    }
}

#[test]
fn jsonl_has_one_line_per_file() {
    let o = run(&["analyze", "seeds", "--format", "jsonl"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"))
        .expect("seeds")
        .filter(|e| {
            e.as_ref().is_ok_and(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| x == "txt" || x == "html")
            })
        })
        .count();
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON record"))
        .collect();
    assert_eq!(lines.len(), files);
}

#[test]
fn csv_quotes_commas_and_quotes() {
    let dir = scratch("csv");
    let name = dir.join("a, \"b\".txt");
    fs::write(
        &name,
        "Moscou a livré des fusils « AK-12 », dit \"l'agence\", au Mali, le 3 mai 2023.\n",
    )
    .expect("write");
    let o = run(
        &[
            "analyze",
            name.to_str().expect("utf-8 path"),
            "--format",
            "csv",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = parse_csv(&stdout(&o));
    assert_eq!(
        rows.first().map(|r| r.join("|")),
        Some("doc|type|from|to|date|precision|place|status|people|plover|evidence".to_string())
    );
    // Every event row has all eleven fields and the doc name survives its comma and quotes.
    for row in &rows[1..] {
        assert_eq!(row.len(), 11, "{row:?}");
        assert_eq!(row[0], name.to_string_lossy());
    }
}

#[test]
fn undecodable_file_is_reported_and_the_others_still_written() {
    let dir = scratch("png");
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa\0\0\0\0IEND\xaeB`\x82";
    fs::write(dir.join("image.txt"), png).expect("write png");
    fs::write(dir.join("ok.txt"), ARTICLE).expect("write article");
    let bad = dir.join("image.txt");
    let good = dir.join("ok.txt");
    let o = run(
        &[
            "analyze",
            bad.to_str().expect("path"),
            good.to_str().expect("path"),
            "--format",
            "jsonl",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("entente: {}: ", bad.display())),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("ok.txt"));
}

#[test]
fn missing_file_is_exit_1_and_usage_errors_exit_2() {
    let o = run(
        &["analyze", "no/such/file.txt", "seeds", "--format", "jsonl"],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("entente: no/such/file.txt: "));
    assert!(stdout(&o).lines().count() >= 5);

    for bad in [
        &["analyze"][..],
        &["analyze", "seeds", "--format", "xml"],
        &["frobnicate"],
        &[],
    ] {
        let o = run(bad, None);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert!(stderr(&o).contains("usage:"), "{bad:?}");
    }
    let o = run(&["--help"], None);
    assert!(o.status.success() && stdout(&o).contains("usage:"));
}

#[test]
fn directories_are_walked_recursively_and_sorted() {
    let dir = scratch("walk");
    fs::create_dir_all(dir.join("b/deep")).expect("mkdir");
    fs::create_dir_all(dir.join(".hidden")).expect("mkdir");
    for f in [
        "z.txt",
        "a.md",
        "b/deep/c.html",
        "b/x.htm",
        "b/y.markdown",
        "skip.png",
        "notes",
        ".hidden/h.txt",
    ] {
        fs::write(dir.join(f), ARTICLE).expect("write");
    }
    let root = dir.to_str().expect("path");
    let o = run(&["analyze", root, "--format", "jsonl"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let got: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect();
    let want: Vec<String> = ["a.md", "b/deep/c.html", "b/x.htm", "b/y.markdown", "z.txt"]
        .iter()
        .map(|f| format!("{root}/{f}"))
        .collect();
    assert_eq!(docs(&got), want);
    // A file named explicitly is read whatever its extension.
    let notes = dir.join("notes");
    let o = run(
        &[
            "analyze",
            notes.to_str().expect("path"),
            "--format",
            "jsonl",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn dash_reads_standard_input() {
    let o = run(
        &["analyze", "-", "--format", "jsonl"],
        Some(ARTICLE.as_bytes()),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(stdout(&o).trim()).expect("one record");
    assert_eq!(v["doc"], "-");
    assert!(v["text"]
        .as_str()
        .is_some_and(|t| t.contains("hélicoptères")));
}

#[test]
fn out_writes_a_file() {
    let dir = scratch("out");
    let out = dir.join("events.csv");
    let o = run(
        &[
            "analyze",
            "seeds",
            "--format",
            "csv",
            "--out",
            out.to_str().expect("path"),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let written = fs::read_to_string(&out).expect("output file");
    assert!(written.starts_with("doc,type,from,to,"));
}

#[test]
fn table_fits_the_width() {
    let o = run(
        &["analyze", "seeds", "--format", "table", "--width", "60"],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Events") && out.contains("People"));
    for line in out.lines() {
        assert!(line.chars().count() <= 60, "{line:?}");
    }
}

#[test]
fn dates_jsonl_gives_code_point_offsets() {
    let dir = scratch("dates");
    let cases = dir.join("cases.jsonl");
    let texts = [
        "Le ministre élu arrivera à Bamako le 10 novembre 2023.",
        "Ça s'est passé hier, à Kyïv.",
    ];
    let mut input = String::new();
    for (i, t) in texts.iter().enumerate() {
        input.push_str(
            &serde_json::json!({"id": format!("c{i}"), "text": t, "ref": "2023-11-08"}).to_string(),
        );
        input.push('\n');
    }
    fs::write(&cases, &input).expect("write cases");
    let o = run(&["dates", "--jsonl", cases.to_str().expect("path")], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect();
    assert_eq!(lines.len(), 2);
    for (line, (i, text)) in lines.iter().zip(texts.iter().enumerate()) {
        assert_eq!(line["id"], format!("c{i}"));
        let found = line["found"].as_array().expect("found is a list");
        for f in found {
            let (s, e) = (
                f["start"].as_u64().expect("start") as usize,
                f["end"].as_u64().expect("end") as usize,
            );
            let by_code_points: String = text.chars().skip(s).take(e.saturating_sub(s)).collect();
            assert_eq!(Some(by_code_points.as_str()), f["span"].as_str(), "{f}");
        }
    }
    // The same cases through standard input.
    let o = run(&["dates", "--jsonl", "-"], Some(input.as_bytes()));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2);
}

#[test]
fn a_copy_of_a_file_is_a_marked_duplicate_counted_once() {
    let dir = scratch("duplicates");
    let text = "Le 3 mars 2022, la Russie a livré des hélicoptères au Mali.\n";
    fs::write(dir.join("a.txt"), text).expect("write");
    fs::write(dir.join("b copie.txt"), text).expect("write");
    // The same article in Windows-1252 has the same text once decoded.
    let cp1252: Vec<u8> = text
        .chars()
        .map(|c| if c == 'é' { 0xE9 } else { c as u8 })
        .collect();
    fs::write(dir.join("c.txt"), cp1252).expect("write");
    let d = dir.to_string_lossy().into_owned();
    let o = run(&["analyze", "--format", "corpus", &d], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("corpus JSON");
    let arts = v["articles"].as_array().expect("articles");
    let dup: Vec<Option<String>> = arts
        .iter()
        .map(|a| {
            a["duplicate_of"].as_str().map(|s| {
                Path::new(s)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
        })
        .collect();
    assert_eq!(
        dup,
        [None, Some("a.txt".to_string()), Some("a.txt".to_string())]
    );
    assert_eq!(arts[0]["fingerprint"], arts[2]["fingerprint"]);
    let events = v["corpus"]["events"].as_array().expect("events");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["sources"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        stderr(&o).matches("same text as").count(),
        2,
        "{}",
        stderr(&o)
    );
}
