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
//! a half-year as its months (`2024-07/2024-12`), `YYYY-SP|SU|FA|WI`, ranges `A/B`, open
//! ranges `A/..` and `../B`.

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

/// True for a month or weekday name or abbreviation (`word` folded: lower case, no accents).
pub fn is_month_or_weekday(word: &str) -> bool {
    lexicon::month(word).is_some() || lexicon::weekday(word).is_some()
}

/// True for a French weekday's full name (`word` folded: lower case, no accents).
pub fn is_weekday(word: &str) -> bool {
    lexicon::weekday(word).is_some_and(|(_, abbreviation)| !abbreviation)
}

/// The weekday a French weekday's full name names, 0 = Monday … 6 = Sunday (`word`
/// folded: lower case, no accents).
///
/// ```
/// assert_eq!(entente::recognize::dates::weekday_index("mercredi"), Some(2));
/// assert_eq!(entente::recognize::dates::weekday_index("mer"), None);
/// ```
pub fn weekday_index(word: &str) -> Option<u32> {
    lexicon::weekday(word)
        .filter(|(_, abbreviation)| !abbreviation)
        .map(|(wd, _)| wd)
}

/// The weekday (0 = Monday) of day `v` (`YYYY-MM-DD`) and the day `n` days after it.
///
/// ```
/// use entente::recognize::dates::shift_day;
/// assert_eq!(shift_day("2020-02-18", 1), Some((1, "2020-02-19".to_string())));
/// assert_eq!(shift_day("2024-12-31", 1), Some((1, "2025-01-01".to_string())));
/// assert_eq!(shift_day("2024-02", 1), None);
/// ```
pub fn shift_day(v: &str, n: i64) -> Option<(u32, String)> {
    let r = Reference::parse(v)?;
    let (m, d) = (r.month?, r.day?);
    if !cal::valid(r.year, m, d) {
        return None;
    }
    let z = cal::dfc(r.year, m, d);
    Some((cal::weekday(z), cal::Val::Day(z + n).render()))
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

    /// The days named with a month but no year (« mercredi 25 janvier », « du 13 au
    /// 15 juin »), in text order, as the last `find(None)` read them (empty before it).
    pub fn yearless_days(&self) -> Vec<YearlessDay> {
        parse::yearless(&self.prepared)
    }
}

/// A day named with its month but no year, and its weekday when one is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearlessDay {
    /// Byte span of the whole expression.
    pub span: Span,
    /// Day of the month, 1–31.
    pub day: u32,
    /// Month, 1–12.
    pub month: u32,
    /// Weekday named with it, 0 = Monday … 6 = Sunday.
    pub weekday: Option<u32>,
}

impl YearlessDay {
    /// The first such day on or after day `from` (`YYYY-MM-DD`), within the two years that
    /// follow, on the named weekday if there is one. A weekday that matches no such day
    /// is taken in the year before instead: `from` may be a future date the article
    /// announces (« déploiera des troupes du 2 mai 2022 au… »).
    ///
    /// ```
    /// use entente::recognize::dates::{DateText, Reference};
    /// let text = "Berlin a annoncé mercredi 25 janvier l'envoi de chars, mardi 12 avril.";
    /// let dt = DateText::new(text);
    /// dt.find(None);
    /// let days = dt.yearless_days();
    /// let from = Reference::parse("2022-02-24").unwrap();
    /// assert_eq!(days[0].first_on_or_after(&from).as_deref(), Some("2023-01-25"));
    /// let from = Reference::parse("2022-05-02").unwrap();
    /// assert_eq!(days[1].first_on_or_after(&from).as_deref(), Some("2022-04-12"));
    /// ```
    pub fn first_on_or_after(&self, from: &Reference) -> Option<String> {
        let start = (from.year, from.month.unwrap_or(1), from.day.unwrap_or(1));
        let fits = |y: i32| {
            cal::valid(y, self.month, self.day)
                && self
                    .weekday
                    .is_none_or(|wd| cal::weekday(cal::dfc(y, self.month, self.day)) == wd)
        };
        (from.year..=from.year.saturating_add(2))
            .find(|&y| (y, self.month, self.day) >= start && fits(y))
            .or_else(|| {
                let before = from.year.saturating_sub(1)..=from.year;
                before.rev().find(|&y| {
                    self.weekday.is_some() && (y, self.month, self.day) < start && fits(y)
                })
            })
            .map(|y| self.in_year(y))
    }

    /// The day in `year`, the year before or the year after (in that order of preference)
    /// that falls on the named weekday; `None` without a weekday or when none of the three
    /// fits.
    ///
    /// ```
    /// use entente::recognize::dates::DateText;
    /// let dt = DateText::new("Le Maroc a donné lundi 20 mai le coup d'envoi des manœuvres.");
    /// dt.find(None);
    /// let days = dt.yearless_days();
    /// assert_eq!(days[0].nearest(2025).as_deref(), Some("2024-05-20"));
    /// assert_eq!(days[0].nearest(2024).as_deref(), Some("2024-05-20"));
    /// assert_eq!(days[0].nearest(2021).as_deref(), None);
    /// ```
    pub fn nearest(&self, year: i32) -> Option<String> {
        let wd = self.weekday?;
        [year, year.saturating_sub(1), year.saturating_add(1)]
            .into_iter()
            .find(|&y| self.falls_on(y, wd))
            .map(|y| self.in_year(y))
    }

    /// The first year from `year` on, within the eleven that follow, in which the day falls
    /// on weekday `wd` (0 = Monday); as `YYYY-MM-DD`.
    /// For a dateline's day without its year whose news the first sentence dates by a bare
    /// weekday (« Ankara, 18 août (APS) — … ont présidé mercredi »), `year` the latest year
    /// the article names: the weekday is the dispatch's day.
    ///
    /// ```
    /// use entente::recognize::dates::{DateText, Reference};
    /// let dt = DateText::new("Ankara, 18 août (APS) — Les deux présidents ont signé mercredi un accord.");
    /// dt.find(None);
    /// let day = dt.yearless_days()[0];
    /// assert_eq!(day.with_weekday_from(2017, 2).as_deref(), Some("2021-08-18"));
    /// assert_eq!(day.with_weekday_from(2017, 1).as_deref(), Some("2020-08-18"));
    /// assert_eq!(day.with_weekday_from(2013, 0).as_deref(), Some("2014-08-18"));
    /// ```
    pub fn with_weekday_from(&self, year: i32, wd: u32) -> Option<String> {
        (year..=year.saturating_add(11))
            .find(|&y| self.falls_on(y, wd))
            .map(|y| self.in_year(y))
    }

    /// The first year from `year` on, within the eleven that follow, in which the day falls
    /// on its named weekday, as `YYYY-MM-DD`; `None` without a weekday. (« jeudi 20 mai » in
    /// an article whose latest year is 2016: 2021.)
    ///
    /// ```
    /// use entente::recognize::dates::DateText;
    /// let dt = DateText::new("L'armée a intégré jeudi 20 mai trois avions.");
    /// dt.find(None);
    /// assert_eq!(dt.yearless_days()[0].fits_from(2016).as_deref(), Some("2021-05-20"));
    /// ```
    pub fn fits_from(&self, year: i32) -> Option<String> {
        self.with_weekday_from(year, self.weekday?)
    }

    /// This day in year `y`, as `YYYY-MM-DD`.
    fn in_year(&self, y: i32) -> String {
        cal::Val::Day(cal::dfc(y, self.month, self.day)).render()
    }

    /// Whether, in year `y`, this day falls on weekday `wd`.
    fn falls_on(&self, y: i32, wd: u32) -> bool {
        cal::valid(y, self.month, self.day) && cal::weekday(cal::dfc(y, self.month, self.day)) == wd
    }
}
