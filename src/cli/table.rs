//! Width-aware plain-text tables. Widths count `char`s, not bytes; cells that do not
//! fit are cut with `…`.

use std::io::{self, Write};

/// Columns never shrink below this many characters (or their header's length).
const MIN_COLUMN: usize = 4;
/// No column grows beyond this many characters, whatever the width available.
const MAX_COLUMN: usize = 80;
/// Space between two columns.
const GAP: &str = "  ";

/// A table: headers and rows of cells.
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

/// Makes a cell printable on one line: control characters (newlines, tabs) become spaces
/// and runs of whitespace collapse.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// `s` cut to at most `width` characters, ending with `…` when it was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(width - 1).collect();
    out.push('…');
    out
}

impl Table {
    /// An empty table with these column headers.
    pub fn new(headers: Vec<&'static str>) -> Table {
        Table {
            headers,
            rows: Vec::new(),
        }
    }

    /// Adds a row; missing cells are blank, extra cells are dropped.
    pub fn row(&mut self, cells: Vec<String>) {
        let mut cells: Vec<String> = cells.iter().map(|c| one_line(c)).collect();
        cells.resize(self.headers.len(), String::new());
        self.rows.push(cells);
    }

    /// True when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Column widths that fit in `width` characters when possible: the widest column
    /// gives up a character until the table fits or every column is at its minimum.
    fn widths(&self, width: usize) -> Vec<usize> {
        let mut w: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                w[i] = w[i].max(cell.chars().count());
            }
        }
        for x in &mut w {
            *x = (*x).min(MAX_COLUMN);
        }
        let floor: Vec<usize> = self
            .headers
            .iter()
            .map(|h| h.chars().count().max(MIN_COLUMN))
            .collect();
        let gaps = GAP.len() * self.headers.len().saturating_sub(1);
        let mut total: usize = w.iter().sum::<usize>() + gaps;
        while total > width {
            let widest = (0..w.len())
                .filter(|&i| w[i] > floor[i])
                .max_by_key(|&i| (w[i] - floor[i], i));
            match widest {
                Some(i) => {
                    w[i] -= 1;
                    total -= 1;
                }
                None => break,
            }
        }
        w
    }

    /// Writes the table, fitting it in `width` characters when possible.
    pub fn write(&self, out: &mut dyn Write, width: usize) -> io::Result<()> {
        let w = self.widths(width);
        let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
            let mut s = String::new();
            for (i, cell) in cells.enumerate() {
                if i > 0 {
                    s.push_str(GAP);
                }
                let c = truncate(cell, w[i]);
                let pad = w[i].saturating_sub(c.chars().count());
                s.push_str(&c);
                s.extend(std::iter::repeat_n(' ', pad));
            }
            s.truncate(s.trim_end().len());
            s
        };
        writeln!(out, "{}", line(&mut self.headers.iter().copied()))?;
        let rule: Vec<String> = w.iter().map(|&n| "─".repeat(n)).collect();
        writeln!(out, "{}", line(&mut rule.iter().map(String::as_str)))?;
        for row in &self.rows {
            writeln!(out, "{}", line(&mut row.iter().map(String::as_str)))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(t: &Table, width: usize) -> String {
        let mut v = Vec::new();
        t.write(&mut v, width).ok();
        String::from_utf8(v).unwrap_or_default()
    }

    #[test]
    fn truncation_counts_chars() {
        assert_eq!(truncate("élève", 5), "élève");
        assert_eq!(truncate("élèves", 5), "élèv…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn one_line_collapses_whitespace() {
        assert_eq!(one_line(" a\n\tb  c "), "a b c");
    }

    #[test]
    fn fits_in_width() {
        let mut t = Table::new(vec!["date", "evidence"]);
        t.row(vec!["2023-05-01".into(), "é".repeat(200)]);
        let s = render(&t, 40);
        for l in s.lines() {
            assert!(l.chars().count() <= 40, "{l:?}");
        }
        assert!(s.contains('…'));
        assert!(s.contains("2023-05-01"));
    }

    #[test]
    fn narrow_width_keeps_minimums() {
        let mut t = Table::new(vec!["name", "role"]);
        t.row(vec!["Jean Dupont".into(), "ministre".into()]);
        let s = render(&t, 3);
        assert!(s.lines().all(|l| l.chars().count() <= 4 + 2 + 4));
    }
}
