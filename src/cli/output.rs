//! Output formats of `entente analyze`. Each format is a [`Sink`] that receives the
//! articles one by one; `jsonl`, `json` and `csv` write as they go and keep nothing.

use std::io::{self, Write};

use entente::{Analysis, Corpus, Event, Merged};
use serde::Serialize;

use super::args::OutputFormat;
use super::table::{truncate, Table};

/// Receives the analysed articles in input order.
pub trait Sink {
    /// Called once per article.
    fn article(&mut self, out: &mut dyn Write, a: Analysis) -> io::Result<()>;
    /// Called once after the last article.
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

/// The sink for a format. `width` is the table width.
pub fn sink(format: OutputFormat, width: usize) -> Box<dyn Sink> {
    match format {
        OutputFormat::Json => Box::new(JsonArray { count: 0 }),
        OutputFormat::Jsonl => Box::new(Jsonl),
        OutputFormat::Corpus => Box::new(CorpusJson {
            articles: Vec::new(),
        }),
        OutputFormat::Csv => Box::new(Csv { header: false }),
        OutputFormat::Table => Box::new(Tables {
            width,
            articles: Vec::new(),
        }),
    }
}

fn json_error(e: serde_json::Error) -> io::Error {
    io::Error::other(e)
}

/// The serde name of a unit enum value (`MEETING`, `day`, `planned`…).
pub fn label<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// `[a, b, …]`, one article per line, streamed.
struct JsonArray {
    count: usize,
}

impl Sink for JsonArray {
    fn article(&mut self, out: &mut dyn Write, a: Analysis) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &a).map_err(json_error)?;
        self.count += 1;
        Ok(())
    }
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })
    }
}

/// One record per line.
struct Jsonl;

impl Sink for Jsonl {
    fn article(&mut self, out: &mut dyn Write, a: Analysis) -> io::Result<()> {
        serde_json::to_writer(&mut *out, &a).map_err(json_error)?;
        out.write_all(b"\n")?;
        // Streaming: each line reaches a pipe reader as soon as its file is analysed.
        out.flush()
    }
    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// `{"articles": [...], "corpus": {...}}`.
struct CorpusJson {
    articles: Vec<Analysis>,
}

impl Sink for CorpusJson {
    fn article(&mut self, _out: &mut dyn Write, a: Analysis) -> io::Result<()> {
        self.articles.push(a);
        Ok(())
    }
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let articles = std::mem::take(&mut self.articles);
        let corpus = entente::merge::merge(&articles);
        serde_json::to_writer(&mut *out, &Corpus { articles, corpus }).map_err(json_error)?;
        out.write_all(b"\n")
    }
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 11] = [
    "doc",
    "type",
    "from",
    "to",
    "date",
    "precision",
    "place",
    "status",
    "people",
    "plover",
    "evidence",
];

/// One CSV field: quoted when it holds a quote, a comma or a line break; quotes doubled.
pub fn csv_field(s: &str) -> String {
    if s.contains(['"', ',', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_row(out: &mut dyn Write, fields: &[&str]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    writeln!(out, "{}", line.join(","))
}

/// The CSV fields of one event.
fn event_fields(doc: &str, e: &Event) -> [String; 11] {
    [
        doc.to_string(),
        label(&e.kind),
        e.actors.first().cloned().unwrap_or_default(),
        e.actors.get(1).cloned().unwrap_or_default(),
        e.date.clone().unwrap_or_default(),
        e.date_precision.as_ref().map(label).unwrap_or_default(),
        e.place.clone().unwrap_or_default(),
        label(&e.status),
        e.people.join(";"),
        e.plover.clone(),
        e.evidence.clone(),
    ]
}

/// The events table, one row per event.
struct Csv {
    header: bool,
}

impl Csv {
    fn header(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.header {
            self.header = true;
            csv_row(out, &CSV_HEADER)?;
        }
        Ok(())
    }
}

impl Sink for Csv {
    fn article(&mut self, out: &mut dyn Write, a: Analysis) -> io::Result<()> {
        self.header(out)?;
        for e in &a.events {
            let f = event_fields(&a.doc, e);
            let refs: Vec<&str> = f.iter().map(String::as_str).collect();
            csv_row(out, &refs)?;
        }
        Ok(())
    }
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.header(out)
    }
}

/// Terminal tables per article, then the merged view when there are several articles.
struct Tables {
    width: usize,
    articles: Vec<Analysis>,
}

/// Evidence is cut to this many characters in tables, whatever the width.
const SHORT_EVIDENCE: usize = 70;

fn pair(actors: &[String], directed: bool) -> String {
    let arrow = if directed { "→" } else { "↔" };
    actors.join(arrow)
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

impl Tables {
    fn title(out: &mut dyn Write, title: &str, width: usize) -> io::Result<()> {
        let t = truncate(title, width.saturating_sub(4).max(1));
        let rule = "═".repeat(width.min(t.chars().count() + 4));
        writeln!(out, "{rule}\n  {t}\n{rule}")
    }

    fn write_article(&self, out: &mut dyn Write, a: &Analysis) -> io::Result<()> {
        let mut head = a.doc.clone();
        if let Some(t) = &a.title {
            head.push_str(" — ");
            head.push_str(t);
        }
        if let Some(p) = &a.published {
            head.push_str(&format!(
                " ({p}{})",
                if a.published_inferred {
                    ", inferred"
                } else {
                    ""
                }
            ));
        }
        Self::title(out, &head, self.width)?;
        for w in &a.warnings {
            writeln!(out, "warning: {w}")?;
        }
        let mut events = Table::new(vec![
            "date",
            "type",
            "from→to",
            "place",
            "status",
            "people",
            "evidence",
        ]);
        for e in &a.events {
            events.row(vec![
                opt(&e.date),
                label(&e.kind),
                pair(&e.actors, e.directed),
                opt(&e.place),
                label(&e.status),
                e.people.join(", "),
                truncate(&super::table::one_line(&e.evidence), SHORT_EVIDENCE),
            ]);
        }
        self.section(out, "Events", &events)?;
        let mut people = Table::new(vec!["name", "role", "country", "aliases"]);
        for p in &a.people {
            people.row(vec![
                p.name.clone(),
                opt(&p.role),
                opt(&p.country),
                p.aliases.join(", "),
            ]);
        }
        self.section(out, "People", &people)?;
        writeln!(out)
    }

    fn section(&self, out: &mut dyn Write, name: &str, t: &Table) -> io::Result<()> {
        writeln!(out)?;
        if t.is_empty() {
            writeln!(out, "{name}: none")?;
        } else {
            writeln!(out, "{name}:")?;
            t.write(out, self.width)?;
        }
        Ok(())
    }

    fn write_merged(&self, out: &mut dyn Write, m: &Merged) -> io::Result<()> {
        Self::title(
            out,
            &format!("All {} articles, merged", self.articles.len()),
            self.width,
        )?;
        let mut events = Table::new(vec![
            "date",
            "type",
            "from→to",
            "place",
            "status",
            "people",
            "reports",
        ]);
        for e in &m.events {
            events.row(vec![
                opt(&e.date),
                label(&e.kind),
                pair(&e.actors, e.directed),
                opt(&e.place),
                label(&e.status),
                e.people.join(", "),
                e.sources.len().to_string(),
            ]);
        }
        self.section(out, "Events", &events)?;
        let mut people = Table::new(vec!["name", "role", "country", "aliases", "articles"]);
        for p in &m.people {
            let mut arts: Vec<usize> = p.sources.iter().map(|s| s.article).collect();
            arts.sort_unstable();
            arts.dedup();
            people.row(vec![
                p.name.clone(),
                opt(&p.role),
                opt(&p.country),
                p.aliases.join(", "),
                arts.len().to_string(),
            ]);
        }
        self.section(out, "People", &people)?;
        writeln!(out)
    }
}

impl Sink for Tables {
    fn article(&mut self, out: &mut dyn Write, a: Analysis) -> io::Result<()> {
        self.write_article(out, &a)?;
        self.articles.push(a);
        Ok(())
    }
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.articles.len() > 1 {
            let m = entente::merge::merge(&self.articles);
            self.write_merged(out, &m)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(
            csv_field("il a dit \"oui\", puis"),
            "\"il a dit \"\"oui\"\", puis\""
        );
        assert_eq!(csv_field("deux\nlignes"), "\"deux\nlignes\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn labels_use_serde_names() {
        assert_eq!(label(&entente::EventType::Arms), "ARMS");
        assert_eq!(label(&entente::Status::Planned), "planned");
        assert_eq!(label(&entente::Precision::Day), "day");
    }
}
