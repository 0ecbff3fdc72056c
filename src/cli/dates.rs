//! `entente dates --jsonl CASES.jsonl`: the date recognizer alone, in the format of
//! `../shared/eval/dates-fr/score.py` (offsets in Unicode code points).

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use entente::recognize::dates::{find_dates, Reference};
use serde::Serialize;
use serde_json::Value;

use super::inputs::describe;

#[derive(Serialize)]
struct Found<'a> {
    span: &'a str,
    value: Option<&'a str>,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a Value,
    found: Vec<Found<'a>>,
}

/// Code point offset of byte offset `byte` in `text`: the number of characters that
/// start before it (so an offset inside a character counts that character).
pub fn code_points(text: &str, byte: usize) -> usize {
    match text.get(..byte) {
        Some(prefix) => prefix.chars().count(),
        None => text.char_indices().take_while(|&(i, _)| i < byte).count(),
    }
}

/// One input line's output, or why the line is unusable.
fn answer(line: &str, out: &mut dyn Write) -> Result<io::Result<()>, String> {
    let case: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let id = case.get("id").ok_or("no \"id\"")?;
    let text = case
        .get("text")
        .and_then(Value::as_str)
        .ok_or("no \"text\" string")?;
    let reference = case
        .get("ref")
        .and_then(Value::as_str)
        .and_then(Reference::parse);
    let hits = find_dates(text, reference.as_ref());
    let found = hits
        .iter()
        .map(|h| {
            let (s, e) = (h.span.start.min(text.len()), h.span.end.min(text.len()));
            Found {
                span: text.get(s..e).unwrap_or(""),
                value: h.value.as_deref(),
                start: code_points(text, s),
                end: code_points(text, e),
            }
        })
        .collect();
    Ok(serde_json::to_writer(&mut *out, &Line { id, found })
        .map_err(io::Error::other)
        .and_then(|_| out.write_all(b"\n")))
}

/// Runs `entente dates`. Returns whether every line was usable; an `Err` is an I/O
/// failure (reading the cases or writing the output).
pub fn run(cases: &Path) -> Result<bool, String> {
    let name = cases.to_string_lossy().into_owned();
    let reader: Box<dyn BufRead> = if cases.as_os_str() == "-" {
        Box::new(BufReader::new(io::stdin().lock()))
    } else {
        Box::new(BufReader::new(
            File::open(cases).map_err(|e| format!("{name}: {}", describe(&e)))?,
        ))
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut ok = true;
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("{name}: {}", describe(&e)))?;
        if line.trim().is_empty() {
            continue;
        }
        match answer(&line, &mut out) {
            Ok(written) => written.map_err(|e| format!("standard output: {}", describe(&e)))?,
            Err(msg) => {
                eprintln!("entente: {name}:{}: {msg}", n + 1);
                ok = false;
            }
        }
    }
    out.flush()
        .map_err(|e| format!("standard output: {}", describe(&e)))?;
    Ok(ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_to_code_point() {
        let t = "élu le 3 mai";
        assert_eq!(code_points(t, 0), 0);
        assert_eq!(code_points(t, 2), 1);
        assert_eq!(code_points(t, t.len()), 12);
        // Inside « é »: the character that starts before counts.
        assert_eq!(code_points(t, 1), 1);
    }
}
