//! French temporal expressions: find them and normalize them against a reference date.
//! (stub: being written)

use crate::types::{Precision, Span};

/// The date relative expressions are resolved against (usually the publication date),
/// with only the precision the evidence gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Year.
    pub year: i32,
    /// Month 1–12, when known.
    pub month: Option<u32>,
    /// Day 1–31, when known (only with a month).
    pub day: Option<u32>,
}

impl Reference {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Reference> {
        let mut it = s.trim().split('-');
        let year = it.next()?.parse().ok()?;
        let month = match it.next() { Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?), None => None };
        let day = match it.next() { Some(d) => Some(d.parse().ok().filter(|d| (1..=31).contains(d))?), None => None };
        Some(Reference { year, month, day })
    }
}

/// A temporal expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateHit {
    /// Byte span in the text.
    pub span: Span,
    /// Normalized value, `None` when it cannot be resolved.
    pub value: Option<String>,
    /// Precision of `value`.
    pub precision: Precision,
    /// True when the expression needs no reference (« 10 novembre 2023 », « septembre 2012 »).
    pub absolute: bool,
}

/// Finds every temporal expression in `text`, resolving relative ones against `reference`
/// (with `None`, relative expressions get `value: None`).
pub fn find_dates(text: &str, reference: Option<&Reference>) -> Vec<DateHit> {
    let _ = (text, reference);
    Vec::new()
}
