//! French temporal expressions: find them and normalize them against a reference date.
//!
//! [`find_dates`] tokenizes the text once, tries a small hand-written grammar at each
//! token (the longest reading wins) and resolves each expression against
//! - the reference date (usually the publication date), never more precisely than it is
//!   known: « dimanche » in an article dated `2018-06` is `2018-06`;
//! - the tense of its sentence: « a rencontré mardi » is the last Tuesday, « doit
//!   participer lundi » the next Monday;
//! - the dates met earlier in the text: « la veille », « trois jours plus tard »,
//!   « l'année suivante » count from the last date of the narrative, and a month without
//!   a year takes the year of the last explicit date when there is no reference.
//!
//! Values: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `YYYY-Www`, `YYYY-Www-WE`, `YYYY-Qn`,
//! `YYYY-Hn`, `YYYY-SP|SU|FA|WI`, ranges `A/B`, open ranges `A/..` and `../B`.

mod cal;
mod lex;
mod lexicon;
mod parse;

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
        let month = match it.next() {
            Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let day = match it.next() {
            Some(d) => Some(d.parse().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
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
///
/// Hits are sorted by position and never overlap; spans lie on `char` boundaries.
/// Durations (« cinq jours », « depuis quelques mois ») are returned with `value: None`
/// and [`Precision::Unknown`].
pub fn find_dates(text: &str, reference: Option<&Reference>) -> Vec<DateHit> {
    parse::run(text, reference)
}

/// A text tokenized once for the date grammar, to read its dates against several
/// references (the publication-date inference tries a few) without tokenizing it again.
///
/// `DateText::new(text).find(r)` returns what `find_dates(text, r)` returns.
pub struct DateText<'a> {
    prepared: parse::Prepared<'a>,
}

impl<'a> DateText<'a> {
    /// Tokenizes `text`.
    pub fn new(text: &'a str) -> DateText<'a> {
        DateText {
            prepared: parse::prepare(text),
        }
    }

    /// Every temporal expression, resolved against `reference` (see [`find_dates`]).
    pub fn find(&self, reference: Option<&Reference>) -> Vec<DateHit> {
        parse::run_prepared(&self.prepared, reference)
    }
}
