//! `entente analyze`: read → decode → analyse → write, one file at a time.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use super::args::AnalyzeArgs;
use super::inputs::{collect, describe};
use super::output::sink;
use super::progress::Progress;

/// Table width when neither `--width` nor `$COLUMNS` gives one.
const DEFAULT_WIDTH: usize = 120;

/// How a run ended.
pub enum Outcome {
    /// Every input was analysed and written.
    Ok,
    /// Some inputs failed (each was reported on standard error); the others were written.
    SomeFailed,
}

fn table_width(args: &AnalyzeArgs) -> usize {
    args.width
        .or_else(|| {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse().ok())
        })
        .filter(|&w| w > 0)
        .unwrap_or(DEFAULT_WIDTH)
}

/// Runs `entente analyze`. An `Err` is a failure to write the output: the name of the
/// output (a path or "standard output") and the error.
pub fn run(args: &AnalyzeArgs) -> Result<Outcome, (String, io::Error)> {
    let target = match &args.out {
        Some(p) => p.to_string_lossy().into_owned(),
        None => "standard output".to_string(),
    };
    write_all(args).map_err(|e| (target, e))
}

fn write_all(args: &AnalyzeArgs) -> io::Result<Outcome> {
    let (inputs, errors) = collect(&args.paths);
    let mut progress = Progress::new(inputs.len());
    let mut failed = !errors.is_empty();
    for e in &errors {
        progress.error(&e.doc, &describe(&e.error));
    }

    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(BufWriter::new(File::create(path)?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut sink = sink(args.format, table_width(args));
    let mut seen = entente::pipeline::Duplicates::default();

    for input in &inputs {
        let bytes = match input.read() {
            Ok(b) => b,
            Err(e) => {
                progress.error(&input.doc, &describe(&e));
                failed = true;
                progress.tick();
                continue;
            }
        };
        match entente::decode::decode(&input.doc, &bytes) {
            Ok(doc) => {
                drop(bytes);
                // The same text twice (a file named twice, a copy in another folder):
                // written once more as a marked duplicate, not analysed or counted again.
                let analysis = match seen.check(&doc.name, &doc.text) {
                    Some(first) => {
                        let first = first.to_string();
                        let note = if first == input.doc {
                            "given twice: analysed and counted once".to_string()
                        } else {
                            format!("same text as {first}: a duplicate, not counted twice")
                        };
                        progress.error(&input.doc, &note);
                        entente::pipeline::duplicate(&doc, &first)
                    }
                    None => entente::analyze(&doc),
                };
                drop(doc);
                sink.article(&mut *out, analysis)?;
            }
            Err(e) => {
                progress.error(&input.doc, &e.message);
                failed = true;
            }
        }
        progress.tick();
    }
    sink.finish(&mut *out)?;
    out.flush()?;
    progress.clear();
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Ok
    })
}
