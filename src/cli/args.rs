//! Hand-written argument parsing (no clap: it would dominate the crate's compile time).

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// The usage text printed by `--help` and after a usage error.
pub const USAGE: &str = "\
usage:
  entente analyze PATH... [--format json|jsonl|csv|table|corpus] [--out FILE] [--width N]
  entente dates --jsonl CASES.jsonl
  entente bench [--mb N] [--dump DIR] [PATH...]
  entente --help | --version

analyze   Analyse articles (files, directories walked recursively for .txt .html .htm
          .md .markdown files, or - for standard input) and print what they report.
          --format json    a JSON array, one record per article (default; what
                           ../shared/eval/score.py reads)
          --format jsonl   one record per line, streamed as each file is analysed
          --format corpus  {\"articles\": [...], \"corpus\": {...}} with the merged view
          --format csv     the events table, one row per event
          --format table   readable tables of events and people (width: --width N,
                           else $COLUMNS, else 120)
          --out FILE       write there instead of standard output
dates     Run the date recognizer on JSON Lines cases {\"id\", \"text\", \"ref\"} and print
          {\"id\", \"found\": [{\"span\", \"value\", \"start\", \"end\"}]} with code point offsets.
bench     Time decode+analyze on an in-memory corpus of at least N MB (default 12) built by
          varying the seeds and ../shared/eval/dev/*.txt (or the given paths).
          --dump DIR       write that corpus there as UTF-8 files instead (to run
                           `analyze` on it, or to compare two builds' outputs)

Exit status: 0 when every file was analysed, 1 when a file could not be read or decoded
(the others are still written), 2 on a usage error.";

/// Output formats of `entente analyze`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// A JSON array of per-article records.
    Json,
    /// One per-article record per line, streamed.
    Jsonl,
    /// The whole corpus object: articles and merged view.
    Corpus,
    /// The events table as CSV.
    Csv,
    /// Terminal tables.
    Table,
}

impl OutputFormat {
    fn parse(s: &str) -> Option<OutputFormat> {
        Some(match s {
            "json" => OutputFormat::Json,
            "jsonl" | "ndjson" => OutputFormat::Jsonl,
            "corpus" => OutputFormat::Corpus,
            "csv" => OutputFormat::Csv,
            "table" => OutputFormat::Table,
            _ => return None,
        })
    }
}

/// Options of `entente analyze`.
#[derive(Debug, PartialEq)]
pub struct AnalyzeArgs {
    /// Files, directories or `-`.
    pub paths: Vec<PathBuf>,
    /// Output format.
    pub format: OutputFormat,
    /// Output file, standard output when `None`.
    pub out: Option<PathBuf>,
    /// Table width override.
    pub width: Option<usize>,
}

/// Options of `entente bench`.
#[derive(Debug, PartialEq)]
pub struct BenchArgs {
    /// Minimum corpus size in MB (10^6 bytes).
    pub mb: f64,
    /// Base articles; the seeds and the dev set when empty.
    pub paths: Vec<PathBuf>,
    /// Write the varied corpus as UTF-8 files under this directory instead of timing it.
    pub dump: Option<PathBuf>,
}

/// A parsed command line.
#[derive(Debug, PartialEq)]
pub enum Command {
    /// Print the usage text.
    Help,
    /// Print the version.
    Version,
    /// `entente analyze`.
    Analyze(AnalyzeArgs),
    /// `entente dates --jsonl FILE`.
    Dates {
        /// The cases file, or `-`.
        cases: PathBuf,
    },
    /// `entente bench`.
    Bench(BenchArgs),
}

/// Splits `--name=value` into its two halves.
fn split_long(arg: &OsStr) -> Option<(String, Option<OsString>)> {
    let s = arg.to_str()?;
    if !s.starts_with("--") || s == "--" {
        return None;
    }
    match s.split_once('=') {
        Some((name, value)) => Some((name.to_string(), Some(OsString::from(value)))),
        None => Some((s.to_string(), None)),
    }
}

/// Walks the arguments of one sub-command: options (with their values) and positionals.
struct Cursor {
    args: std::vec::IntoIter<OsString>,
    only_positional: bool,
}

enum Item {
    Option(String, Option<OsString>),
    Positional(OsString),
}

impl Cursor {
    fn next(&mut self) -> Result<Option<Item>, String> {
        let Some(arg) = self.args.next() else {
            return Ok(None);
        };
        if self.only_positional {
            return Ok(Some(Item::Positional(arg)));
        }
        if arg == "--" {
            self.only_positional = true;
            return self.next();
        }
        if let Some((name, value)) = split_long(&arg) {
            return Ok(Some(Item::Option(name, value)));
        }
        let is_short = arg
            .to_str()
            .is_some_and(|s| s.starts_with('-') && s.len() > 1);
        if is_short {
            let name = arg.to_string_lossy().into_owned();
            return Ok(Some(Item::Option(name, None)));
        }
        Ok(Some(Item::Positional(arg)))
    }

    /// The value of option `name`: the `=value` part or the next argument.
    fn value(&mut self, name: &str, inline: Option<OsString>) -> Result<OsString, String> {
        match inline {
            Some(v) => Ok(v),
            None => self
                .args
                .next()
                .ok_or_else(|| format!("{name} needs a value")),
        }
    }
}

fn utf8(name: &str, v: OsString) -> Result<String, String> {
    v.into_string()
        .map_err(|_| format!("{name}: value is not valid UTF-8"))
}

/// Parses the arguments after the program name.
pub fn parse(argv: Vec<OsString>) -> Result<Command, String> {
    let mut it = argv.into_iter();
    let Some(sub) = it.next() else {
        return Err("no command given".into());
    };
    let mut cur = Cursor {
        args: it.collect::<Vec<_>>().into_iter(),
        only_positional: false,
    };
    match sub.to_str() {
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("-V" | "--version" | "version") => Ok(Command::Version),
        Some("analyze" | "analyse") => parse_analyze(&mut cur),
        Some("dates") => parse_dates(&mut cur),
        Some("bench") => parse_bench(&mut cur),
        _ => Err(format!("unknown command {:?}", sub.to_string_lossy())),
    }
}

fn parse_analyze(cur: &mut Cursor) -> Result<Command, String> {
    let mut a = AnalyzeArgs {
        paths: Vec::new(),
        format: OutputFormat::Json,
        out: None,
        width: None,
    };
    while let Some(item) = cur.next()? {
        match item {
            Item::Positional(p) => a.paths.push(PathBuf::from(p)),
            Item::Option(name, inline) => match name.as_str() {
                "-h" | "--help" => return Ok(Command::Help),
                "-f" | "--format" => {
                    let v = utf8(&name, cur.value(&name, inline)?)?;
                    a.format =
                        OutputFormat::parse(&v).ok_or_else(|| format!("unknown format {v:?}"))?;
                }
                "-o" | "--out" => a.out = Some(PathBuf::from(cur.value(&name, inline)?)),
                "--width" => {
                    let v = utf8(&name, cur.value(&name, inline)?)?;
                    let w = v
                        .parse::<usize>()
                        .map_err(|_| format!("--width: not a number: {v:?}"))?;
                    a.width = Some(w);
                }
                _ => return Err(format!("unknown option {name} for analyze")),
            },
        }
    }
    if a.paths.is_empty() {
        return Err("analyze needs at least one PATH (use - for standard input)".into());
    }
    Ok(Command::Analyze(a))
}

fn parse_dates(cur: &mut Cursor) -> Result<Command, String> {
    let mut cases = None;
    while let Some(item) = cur.next()? {
        match item {
            Item::Option(name, inline) if name == "--jsonl" => {
                cases = Some(PathBuf::from(cur.value(&name, inline)?))
            }
            Item::Option(name, _) if name == "-h" || name == "--help" => return Ok(Command::Help),
            Item::Option(name, _) => return Err(format!("unknown option {name} for dates")),
            Item::Positional(p) => {
                return Err(format!("unexpected argument {:?}", p.to_string_lossy()))
            }
        }
    }
    cases
        .map(|cases| Command::Dates { cases })
        .ok_or_else(|| "dates needs --jsonl CASES.jsonl".into())
}

fn parse_bench(cur: &mut Cursor) -> Result<Command, String> {
    let mut b = BenchArgs {
        mb: 12.0,
        paths: Vec::new(),
        dump: None,
    };
    while let Some(item) = cur.next()? {
        match item {
            Item::Positional(p) => b.paths.push(PathBuf::from(p)),
            Item::Option(name, inline) => match name.as_str() {
                "-h" | "--help" => return Ok(Command::Help),
                "--mb" => {
                    let v = utf8(&name, cur.value(&name, inline)?)?;
                    b.mb = v
                        .parse::<f64>()
                        .ok()
                        .filter(|m| m.is_finite() && *m > 0.0)
                        .ok_or_else(|| format!("--mb: not a positive number: {v:?}"))?;
                }
                "--dump" => b.dump = Some(PathBuf::from(cur.value(&name, inline)?)),
                _ => return Err(format!("unknown option {name} for bench")),
            },
        }
    }
    Ok(Command::Bench(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<OsString> {
        s.iter().map(OsString::from).collect()
    }

    #[test]
    fn analyze_options_in_both_spellings() {
        let c = parse(args(&[
            "analyze",
            "a",
            "--format=csv",
            "-",
            "--out",
            "o.csv",
        ]))
        .ok();
        assert_eq!(
            c,
            Some(Command::Analyze(AnalyzeArgs {
                paths: vec!["a".into(), "-".into()],
                format: OutputFormat::Csv,
                out: Some("o.csv".into()),
                width: None,
            }))
        );
    }

    #[test]
    fn double_dash_ends_options() {
        let c = parse(args(&["analyze", "--", "--format"])).ok();
        let Some(Command::Analyze(a)) = c else {
            panic!("not analyze")
        };
        assert_eq!(a.paths, vec![PathBuf::from("--format")]);
    }

    #[test]
    fn usage_errors() {
        assert!(parse(args(&[])).is_err());
        assert!(parse(args(&["analyze"])).is_err());
        assert!(parse(args(&["analyze", "a", "--format", "xml"])).is_err());
        assert!(parse(args(&["analyze", "a", "--format"])).is_err());
        assert!(parse(args(&["dates"])).is_err());
        assert!(parse(args(&["bench", "--mb", "-3"])).is_err());
        assert!(parse(args(&["frobnicate"])).is_err());
    }

    #[test]
    fn bench_defaults() {
        assert_eq!(
            parse(args(&["bench"])).ok(),
            Some(Command::Bench(BenchArgs {
                mb: 12.0,
                paths: vec![],
                dump: None,
            }))
        );
    }
}
