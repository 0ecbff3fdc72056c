//! Stage 3, metadata: title, explicit publication date, source outlet.
//!
//! Reads what the page states, never infers: a ` date YYYY-MM` header token, a
//! « Publié le … » / « Mis à jour le … » stamp, an agency dateline
//! (« PARIS, 3 mai 2021 (AFP) - »), a dated byline (« Par X, le 12 mars 2023 »), HTML
//! metadata; the outlet from « Source : … », « © … », a dateline's agency or
//! `og:site_name`. Inferring a date from the body's dates is done elsewhere.

use crate::types::{Document, Span};
use regex::Regex;
use std::sync::LazyLock;

/// Metadata found in an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// Title.
    pub title: Option<String>,
    /// Explicit publication date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), not inferred.
    pub published: Option<String>,
    /// Where the publication date was read in the text, if it was.
    pub published_span: Option<Span>,
    /// Source outlet.
    pub source: Option<String>,
    /// A dateline's day written without its year (« LE CAIRE, 20 avril (Xinhua) -- »): the
    /// day of publication, its year left to the pipeline's inference.
    pub dateline_day: Option<Span>,
}

/// French (and English) month names, folded to lower case without accents, with
/// their usual abbreviations.
const MONTHS: &[(&str, u32)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("january", 1),
    ("jan", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("february", 2),
    ("feb", 2),
    ("mars", 3),
    ("march", 3),
    ("mar", 3),
    ("avril", 4),
    ("avr", 4),
    ("april", 4),
    ("apr", 4),
    ("mai", 5),
    ("may", 5),
    ("juin", 6),
    ("june", 6),
    ("jun", 6),
    ("juillet", 7),
    ("juil", 7),
    ("july", 7),
    ("jul", 7),
    ("aout", 8),
    ("august", 8),
    ("aug", 8),
    ("septembre", 9),
    ("sept", 9),
    ("sep", 9),
    ("september", 9),
    ("octobre", 10),
    ("oct", 10),
    ("october", 10),
    ("novembre", 11),
    ("nov", 11),
    ("november", 11),
    ("decembre", 12),
    ("dec", 12),
    ("december", 12),
];

/// [`L`] as a literal, for the patterns built with `concat!`.
macro_rules! letter {
    () => {
        "[a-zA-Zªµºß-öø-ÿ\u{C0}-\u{D6}\u{D8}-\u{DE}\u{100}-\u{24F}\u{300}-\u{36F}\u{370}-\u{3FF}\u{400}-\u{4FF}\u{1E00}-\u{1EFF}]"
    };
}

/// A letter of the Latin, Greek and Cyrillic alphabets, or a combining accent: what
/// datelines, bylines and month names in French pages are written with. It stands for
/// `\p{L}`, whose general-category tables would add some 15 KB to the page's wasm for the
/// dozen patterns here (regex is built without `unicode-gencat`), and is explicit rather
/// than `[^\W\d_]`: repeated up to 40 times, the class of every Unicode word char made
/// these automata take some 30 ms to build, in every run and in every page worker.
const L: &str = letter!();
/// An upper-case letter of the Latin, Greek and Cyrillic alphabets, for `\p{Lu}` (see
/// [`L`]): ASCII, Latin-1, Latin Extended-A (its capitals), Greek and Cyrillic capitals.
const LU: &str =
    "[A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽΆ-ΏΑ-ΫЀ-Я]";

/// Day-month-year in words or digits: captures `d`, `m` (name), `y`, or `nd`, `nm`, `ny`
/// for `JJ/MM/AAAA`, or `iy`, `im`, `id` for ISO `AAAA-MM-JJ`.
const DATE_RE: &str = concat!(
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),?\s+)?(?P<d>\d{1,2})(?:er|ᵉʳ)?\s+(?P<m>",
    letter!(),
    r"{3,10})\.?,?\s+(?P<y>\d{4})|(?P<nd>\d{1,2})[/.-](?P<nm>\d{1,2})[/.-](?P<ny>\d{4}|\d{2})|(?P<iy>\d{4})-(?P<im>\d{2})(?:-(?P<id>\d{2}))?"
);

fn re(s: &str) -> Regex {
    // Patterns are constants checked by the tests; an invalid one must not panic in
    // the browser, so fall back to a regex that never matches.
    Regex::new(s)
        .or_else(|_| Regex::new(r"[^\s\S]"))
        .unwrap_or_else(|_| unreachable!())
}

/// [`re`] for a pattern whose automaton is large (many bounded repetitions of Unicode
/// classes): the lazy DFA gets room enough to run at all. With the default room the engine
/// falls back to the slow NFA simulations on every search. Same matches either way.
fn re_large(s: &str) -> Regex {
    regex::RegexBuilder::new(s)
        .dfa_size_limit(4 << 20)
        .build()
        .unwrap_or_else(|_| re(s))
}

/// ` date 2018-06` / `date: 2018-06-03` header token at the very start.
static DATE_HEADER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\A\s*date\s*:?\s*(?P<v>\d{4}-\d{2}(?:-\d{2})?)\b"));

/// The start of `text` that [`DATE_HEADER`] reads, or `None` when the text does not start
/// with « date ». Its match ends at most 10 chars (40 bytes) after the spaces and colon
/// that follow the word, and its final `\b` looks one char further: the regex gives on
/// this window what it gives on the whole text, without reading the text (its Unicode word
/// boundary keeps it off the fast automaton, so it would read all of it).
fn header_window(text: &str) -> Option<&str> {
    let t = text.trim_start();
    if !starts_ci(t, "date") {
        return None;
    }
    // « date » in any case is four ASCII bytes.
    let rest = t.get(4..)?.trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
    let mut cut = (text.len() - rest.len() + 48).min(text.len());
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    text.get(..cut)
}

/// « Publié le … », « Mis à jour le … », « Published on … ».
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    re_large(&format!(
        r"(?i)^\s*(?P<kind>publi[ée]e?|(?:derni[èe]re\s+)?mis(?:e)? [àa] jour|modifi[ée]e?|actualis[ée]e?|published|updated|posted|post[ée]e?|cr[ée]{{2}}e?)\s*(?:le\s*:?|on|:)?\s*(?:{DATE_RE})"
    ))
});

/// Agency dateline: « MOGADISCIO, 22 février 2024 (AFP) - », « Paris, le 3 mai 2021
/// (Reuters) – », « BAMAKO (AFP) - », « Nairobi (Kenya) 02/03/2020 (APA) - ».
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re_large(&format!(
        r"^\s*(?P<city>{LU}[{L}'’ .-]{{1,40}}?)(?:\s*\([^)\n]{{1,30}}\))?(?:(?:,\s*|\s+)(?:le\s+)?(?:{DATE_RE}|(?P<yd>\d{{1,2}})(?:er)?\s+(?P<ym>{L}{{3,10}})))?\s*\((?P<agency>{LU}[{L}.&]{{0,20}}(?:\s*[/-]\s*{LU}[{L}.&]{{0,20}})?)\)\s*[-–—:]"
    ))
});

/// A dateline with no agency in parentheses: « Dakar, le 8 février 2024 – », « NAIROBI, 26
/// juillet 2023 — », « MOSCOU, 3 mai 2021. /TASS/. ».
static DATELINE_DATED: LazyLock<Regex> = LazyLock::new(|| {
    re_large(&format!(
        r"^\s*(?P<city>{LU}[{L}'’ .-]{{1,40}}?),\s*(?:le\s+)?(?:{DATE_RE})(?:\s*[-–—]\s|\.\s*/{LU}[{L}-]{{1,20}}/)"
    ))
});

/// A line that is only a date, under the title: « 12 avril 2024 », « Mardi 3 mars 2025 à
/// 18h42 », « 14/03/2025 - 09:10 », « 28.08.2024 - Mis à jour : 28.08.2024 », a
/// communiqué's « Paris, le 3 décembre 2021 », « 28 avril 2025 · Par la rédaction », « 8
/// mars 2020 — Niger, Politique » (the page's sections).
static BARE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re_large(&format!(
        r"(?i)^\s*(?:{LU}[{L}'’ -]{{1,30}},\s*)?(?:le\s+)?(?:{DATE_RE}){TIME}(?:\s*[-–|,]\s*(?:mis(?:e)? [àa] jour|modifi[ée]e?|actualis[ée]e?|updated)\s*(?:le\s*)?:?\s*{ANY_DATE}{TIME})?(?:\s*[·•|–-]\s*(?:par|by)\s[^\n]{{1,60}}|\s*[·•|–—-]\s*{LU}[{L}'’ -]{{1,30}}(?:,\s*{LU}[{L}'’ -]{{1,30}}){{0,4}})?\s*$"
    ))
});

/// A credit and a date on one line, as a page's byline block flattens: « OLJ / AFP le
/// 05 août 2024 à 20h15 », « Awa Ndiaye | 30.11.2024 - Mise à jour : 30.11.2024 »,
/// « Xinhua, le 3 mai 2024 », « French.news.cn | 2024-07-29 23:41:05 »:
/// at most six capitalised words (a name, outlets joined by « / », « | », « & »,
/// « avec », « et »), then the date as [`BARE_DATE`] reads it.
static CREDIT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re_large(&format!(
        r"^\s*(?:[Pp]ar\s+)?{LU}[{L}.'’&-]*(?:\s*(?:[/|&·]\s*|avec\s+|et\s+)?{LU}[{L}.'’&-]*){{0,5}}\s*[|·•/–,-]?\s*(?i:(?:le\s+)?(?:{DATE_RE}){TIME}(?:\s*[-–|]\s*(?:mis(?:e)? [àa] jour|modifi[ée]e?|actualis[ée]e?|updated)\s*(?:le\s*)?:?\s*{ANY_DATE}{TIME})?)\s*$"
    ))
});

/// A time after a date: « à 18h42 », « - 09:10 GMT », « 23:41:05 ».
const TIME: &str =
    r"(?:\s*(?:[,|-]|à)?\s*\d{1,2}\s*[h:]\s*(?:\d{2})?(?::\d{2})?(?:\s*(?:GMT|UTC|TU))?)?";

/// A date whose groups are not read: the update after a publication date.
const ANY_DATE: &str = concat!(
    r"(?:\d{1,2}(?:er)?\s+",
    letter!(),
    r"{3,10}\.?\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})"
);

/// A dated byline: « Par Jean Dupont, le 12 mars 2023 ».
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s*(?:par|by)\s+[^,\n]{{2,60}}?,?\s+(?:le\s+|on\s+)?(?:{DATE_RE})"
    ))
});

/// « Source : Rfi », « Sources: AFP ».
static SOURCE_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*sources?\s*:\s*(?P<v>[^\n]{1,80}?)\s*\.?\s*$"));

/// « © OEIL D’AFRIQUE », « (c) 2021 Le Journal », « Copyright Le Site ».
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:©|\(c\)|copyright(?:\s*©)?)[\s\u{A0}]*(?:\d{4}(?:\s*[-–]\s*\d{4})?[\s\u{A0},]*)?(?P<v>[^\n]{1,80}?)[\s\u{A0}]*(?:[-–,.]?\s*(?:tous droits r[ée]serv[ée]s|all rights reserved)\.?)?\s*$",
    )
});

fn fold(s: &str) -> String {
    s.chars().map(crate::clean::fold_char).collect()
}

/// Takes the date the captures `c` of a line starting at `off` give as the publication
/// date; false when they give none.
fn take_date(meta: &mut Meta, c: &regex::Captures, off: usize) -> bool {
    let Some((v, sp)) = date_from(c) else {
        return false;
    };
    meta.published = Some(v);
    meta.published_span = Some(Span::new(off + sp.start, off + sp.end));
    true
}

/// The month a French (or English) month name names, in any case, with or without accents.
pub(crate) fn month_of(name: &str) -> Option<u32> {
    let f = fold(name);
    let f = f.trim_end_matches('.');
    MONTHS.iter().find(|(n, _)| *n == f).map(|&(_, m)| m)
}

fn valid(y: i32, m: u32, d: Option<u32>) -> bool {
    (1900..=2100).contains(&y) && (1..=12).contains(&m) && d.is_none_or(|d| (1..=31).contains(&d))
}

fn fmt(y: i32, m: u32, d: Option<u32>) -> String {
    match d {
        Some(d) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("{y:04}-{m:02}"),
    }
}

/// Normalizes the date captured by [`DATE_RE`] groups; returns the value and the span
/// (relative to the haystack) of the date expression.
fn date_from(c: &regex::Captures) -> Option<(String, Span)> {
    let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
    let (y, m, d, start, end) =
        if let (Some(d), Some(mn), Some(y)) = (c.name("d"), c.name("m"), c.name("y")) {
            (
                y.as_str().parse::<i32>().ok()?,
                month_of(mn.as_str())?,
                d.as_str().parse::<u32>().ok(),
                d.start(),
                y.end(),
            )
        } else if let (Some(d), Some(y)) = (c.name("nd"), c.name("ny")) {
            // « 06/02/25 »: a two-digit year is of this century.
            let year = y.as_str().parse::<i32>().ok()?;
            (
                if year < 100 { 2000 + year } else { year },
                num("nm")?,
                d.as_str().parse::<u32>().ok(),
                d.start(),
                y.end(),
            )
        } else if let Some(y) = c.name("iy") {
            let end = c
                .name("id")
                .or(c.name("im"))
                .map(|m| m.end())
                .unwrap_or(y.end());
            (
                y.as_str().parse::<i32>().ok()?,
                num("im")?,
                num("id"),
                y.start(),
                end,
            )
        } else {
            return None;
        };
    valid(y, m, d).then(|| (fmt(y, m, d), Span::new(start, end)))
}

/// Normalizes an HTML date (`2023-05-02T10:00:00+02:00`, `2023/05/02`, « 2 mai 2023 »…).
pub fn normalize_date(s: &str) -> Option<String> {
    static ANY: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(
            r"(?i){DATE_RE}|(?P<sy>\d{{4}})/(?P<sm>\d{{1,2}})/(?P<sd>\d{{1,2}})"
        ))
    });
    let c = ANY.captures(s)?;
    if let (Some(y), Some(m), Some(d)) = (c.name("sy"), c.name("sm"), c.name("sd")) {
        let (y, m, d) = (
            y.as_str().parse().ok()?,
            m.as_str().parse().ok()?,
            d.as_str().parse().ok()?,
        );
        return valid(y, m, Some(d)).then(|| fmt(y, m, Some(d)));
    }
    date_from(&c).map(|(v, _)| v)
}

/// A line of the text with its offset.
struct Line<'a> {
    start: usize,
    text: &'a str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split('\n') {
        out.push(Line {
            start,
            text: piece.trim_end_matches('\r'),
        });
        start += piece.len() + 1;
    }
    out
}

fn is_excluded(excluded: &[(Span, &'static str)], start: usize, end: usize) -> bool {
    excluded
        .iter()
        .any(|(s, _)| s.start < end.max(start + 1) && start < s.end)
}

fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The first character after leading whitespace (what `^\s*` lets a pattern see first).
fn lead(s: &str) -> Option<char> {
    s.trim_start().chars().next()
}

// Cheap prefilters: each is implied by its regex (a necessary first character, a
// required literal), so lines that fail it skip the regex engine. Most lines of an
// article are body paragraphs that no metadata pattern can match.

/// [`STAMP`] starts with « publi… », « mis… », « dernière mise… », « modifi… »,
/// « actualis… », « updated », « posted », « posté », « cré… » (any case): its first three
/// letters, lower-cased.
fn may_stamp(s: &str) -> bool {
    let mut head = ['\0'; 3];
    for (slot, c) in head.iter_mut().zip(s.trim_start().chars()) {
        // `(?i)` matches the long s « ſ » for « s ».
        *slot = if c == 'ſ' {
            's'
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
    }
    matches!(
        head,
        ['p', 'u', 'b']
            | ['m', 'i', 's']
            | ['m', 'o', 'd']
            | ['a', 'c', 't']
            | ['u', 'p', 'd']
            | ['p', 'o', 's']
            | ['c', 'r', 'e' | 'é']
            | ['d', 'e', 'r']
    )
}

/// Where a stamp may start on line `l`: at its start, or after a credit and a separator
/// (« Le Point.fr | Publié le 23/06/2017 », « **Par Jeanne Roux** — Publié le … », « AA |
/// Bakou | Mis à jour le … »): at most six words before one of the line's first three
/// « | », « — », « – » or « · ». The stamp's offset and text.
fn stamp_at<'a>(l: &Line<'a>) -> Option<(usize, &'a str)> {
    if may_stamp(l.text) {
        return Some((l.start, l.text));
    }
    // (« AA | Bakou | Mis à jour le 04.09.2020 »: after any of the first separators.)
    l.text
        .char_indices()
        .filter(|&(_, c)| matches!(c, '|' | '—' | '–' | '·'))
        .take(3)
        .find_map(|(i, sep)| {
            let head = l.text.get(..i)?;
            let rest = l.text.get(i + sep.len_utf8()..)?;
            let stamp = rest.trim_start();
            (words(head) <= 6 && lead(head).is_some_and(char::is_uppercase) && may_stamp(stamp))
                .then(|| (l.start + l.text.len() - stamp.len(), stamp))
        })
}

/// A stamp whose date ends the line after a separator, with words between: « Posté dans
/// Europe, Défense par la rédaction · Le 22-05-2025 ». The captures of [`BARE_DATE`] on
/// what follows the line's last « · », « | », « — » or « – », and where that starts.
fn stamp_tail<'a>(t: &'a str, off: usize) -> Option<(regex::Captures<'a>, usize)> {
    let (i, sep) = t
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '|' | '—' | '–' | '·'))?;
    let rest = t.get(i + sep.len_utf8()..)?;
    let c = BARE_DATE.captures(rest)?;
    Some((c, off + i + sep.len_utf8()))
}

/// [`DATELINE`] starts with an upper-case letter and holds the agency in parentheses.
fn may_dateline(s: &str) -> bool {
    lead(s).is_some_and(char::is_uppercase) && s.contains('(')
}

/// [`BYLINE`] starts with « par » or « by » (any case).
fn may_byline(s: &str) -> bool {
    starts_ci(s, "par") || starts_ci(s, "by")
}

/// True when `s`, after leading whitespace, starts with the lower-case ASCII `word` in
/// any case (as `(?i)` reads it: `ſ` is an `s`, `K` (Kelvin) a `k`).
fn starts_ci(s: &str, word: &str) -> bool {
    let mut cs = s.trim_start().chars();
    word.chars().all(|w| {
        cs.next().is_some_and(|c| {
            let c = match c {
                'ſ' => 's',
                '\u{212A}' => 'k',
                c => c.to_ascii_lowercase(),
            };
            c == w
        })
    })
}

/// [`SOURCE_LINE`] starts with « source » (any case).
fn may_source(s: &str) -> bool {
    starts_ci(s, "source")
}

/// [`COPYRIGHT`] starts with « © », « (c) » or « copyright » (any case).
fn may_copyright(s: &str) -> bool {
    lead(s) == Some('©') || starts_ci(s, "(c)") || starts_ci(s, "copyright")
}

/// `words(s) > n`, counting no further than needed.
fn words_over(s: &str, n: usize) -> bool {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .nth(n)
        .is_some()
}

/// Cleans an outlet name as written: trims spaces, quotes and final punctuation.
fn outlet(s: &str) -> Option<String> {
    let v = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '-' | '–' | '|' | '"' | '«' | '»')
    });
    (!v.is_empty() && words(v) <= 6 && v.chars().any(char::is_alphabetic)).then(|| v.to_string())
}

/// Takes the date of a line that is only a date ([`BARE_DATE`], at most 12 words) or a
/// credit and a date ([`CREDIT_DATE`], at most 14 words) as the publication date; false
/// when the line is neither or its date is invalid. `off` is where the line starts.
fn date_line(meta: &mut Meta, t: &str, off: usize) -> bool {
    if !t.trim_start().starts_with(|c: char| c.is_alphanumeric()) {
        return false;
    }
    let bare = (!words_over(t, 12))
        .then(|| BARE_DATE.captures(t))
        .flatten();
    if bare.is_some_and(|c| take_date(meta, &c, off)) {
        return true;
    }
    let credit = (!words_over(t, 14)
        && lead(t).is_some_and(char::is_uppercase)
        && t.contains(|c: char| c.is_ascii_digit()))
    .then(|| CREDIT_DATE.captures(t))
    .flatten();
    credit.is_some_and(|c| take_date(meta, &c, off))
}

/// Reads an agency dateline (« BAKOU, 17 avril (AFP) - ») on line `t` starting at `off`:
/// its date as the publication date when `meta` has none yet and the date has its year,
/// else its day as [`Meta::dateline_day`]. `None` when the line is no dateline, else the
/// agency it credits (« (AFP) »), if any.
fn dateline(meta: &mut Meta, t: &str, off: usize) -> Option<Option<String>> {
    // Captures only on a line that matches: the quick automaton says which.
    let c = (may_dateline(t) && DATELINE.is_match(t))
        .then(|| DATELINE.captures(t))
        .flatten()?;
    let city = c.name("city").map(|m| m.as_str()).unwrap_or("");
    if words(city) > 5 {
        return None;
    }
    let agency = c.name("agency").map(|m| m.as_str().to_string());
    if meta.published.is_none() && !take_date(meta, &c, off) {
        if let (Some(d), Some(m)) = (c.name("yd"), c.name("ym")) {
            if month_of(m.as_str()).is_some() {
                meta.dateline_day = Some(Span::new(off + d.start(), off + m.end()));
            }
        }
    }
    Some(agency)
}

/// Reads title, explicit publication date and source from a document, ignoring the
/// `excluded` ranges except where metadata lives in them.
pub fn read(doc: &Document, excluded: &[(Span, &'static str)]) -> Meta {
    let text = doc.text.as_str();
    let ls = lines(text);
    let mut meta = Meta::default();

    // Where the body starts: the header token, stamp lines and dateline come first.
    // (The first line is a title unless it ends a sentence: « … exercice conjoint « Aigles
    // de la civilisation 2025 » » ends on a quote, not a full stop.)
    let title_line = ls.iter().position(|l| !l.text.trim().is_empty());
    let first_para = ls
        .iter()
        .enumerate()
        .position(|(i, l)| {
            let t = l.text.trim_end();
            // (A closing quote or bracket ends a paragraph after a sentence's end only:
            // « … l'exercice conjoint "Unité-2030" » is a headline.)
            let closed = t
                .strip_suffix(['»', '"', ')'])
                .is_some_and(|b| b.trim_end().ends_with(['.', '!', '?', '…']));
            let ends = if Some(i) == title_line {
                t.ends_with(['.', '!', '?', '…'])
            } else {
                t.ends_with(['.', '!', '?', '…']) || closed
            };
            ends && words_over(l.text, 11)
        })
        .unwrap_or(ls.len());
    let head_lines = (first_para + 1).min(ls.len());

    // 1. ` date YYYY-MM` header token.
    let mut body_start = 0usize;
    if let Some(c) = header_window(text).and_then(|w| DATE_HEADER.captures(w)) {
        if let Some(v) = c.name("v") {
            let (y, m, d) = {
                let mut it = v.as_str().split('-').map(|p| p.parse::<u32>().ok());
                (
                    it.next().flatten(),
                    it.next().flatten(),
                    it.next().flatten(),
                )
            };
            if let (Some(y), Some(m)) = (y, m) {
                if valid(y as i32, m, d) {
                    meta.published = Some(fmt(y as i32, m, d));
                    meta.published_span = Some(Span::new(v.start(), v.end()));
                }
            }
            body_start = c.get(0).map(|m| m.end()).unwrap_or(0);
        }
    }

    // 2. « Publié le … » stamps anywhere on their own line; prefer « Publié » over
    //    « Mis à jour ».
    if meta.published.is_none() {
        let mut updated: Option<(String, Span)> = None;
        for l in &ls {
            // (A stamp line may run on: « Publié le 8 février 2024 à 16:45 · Mis à jour le
            // 9 février 2024 à 10:12 · Lecture : 5 minutes. »)
            if words_over(l.text, if may_stamp(l.text) { 30 } else { 16 }) {
                continue;
            }
            let Some((off, t)) = stamp_at(l) else {
                continue;
            };
            let Some((c, off)) = STAMP
                .is_match(t)
                .then(|| STAMP.captures(t))
                .flatten()
                .map(|c| (c, off))
                .or_else(|| stamp_tail(t, off))
            else {
                continue;
            };
            let Some((v, sp)) = date_from(&c) else {
                continue;
            };
            let span = Span::new(off + sp.start, off + sp.end);
            // The kind: STAMP's group, or the line's first letters (five tell it).
            let kind: String = c
                .name("kind")
                .map_or_else(|| t.trim_start(), |k| k.as_str())
                .chars()
                .take(5)
                .collect();
            let kind = fold(&kind);
            if kind.starts_with("publi") || kind.starts_with("post") || kind.starts_with("cre") {
                meta.published = Some(v);
                meta.published_span = Some(span);
                break;
            } else if updated.is_none() {
                updated = Some((v, span));
            }
        }
        if meta.published.is_none() {
            if let Some((v, s)) = updated {
                meta.published = Some(v);
                meta.published_span = Some(s);
            }
        }
    }

    // 3. Agency dateline (or dated byline) at the start of the first body lines.
    let mut agency: Option<String> = None;
    for l in ls.iter().take(head_lines) {
        let (off, t) = if l.start < body_start {
            let cut = body_start - l.start;
            (body_start, l.text.get(cut..).unwrap_or(""))
        } else {
            (l.start, l.text)
        };
        if t.trim().is_empty() {
            continue;
        }
        if let Some(a) = dateline(&mut meta, t, off) {
            agency = a;
            break;
        }
        if meta.published.is_none() {
            if let Some(c) = (lead(t).is_some_and(char::is_uppercase)
                && t.contains(['-', '–', '—', '/'])
                && DATELINE_DATED.is_match(t))
            .then(|| DATELINE_DATED.captures(t))
            .flatten()
            .filter(|c| words(c.name("city").map_or("", |m| m.as_str())) <= 5)
            {
                if take_date(&mut meta, &c, off) {
                    break;
                }
            }
        }
        if meta.published.is_none() && date_line(&mut meta, t, off) {
            continue;
        }
        if meta.published.is_none() {
            if let Some(c) = (may_byline(t) && BYLINE.is_match(t))
                .then(|| BYLINE.captures(t))
                .flatten()
            {
                take_date(&mut meta, &c, off);
            }
        }
    }

    // A date line under a teaser paragraph and its byline (« Mona X / Mercredi, 8 juin
    // 2016 »), before the second paragraph.
    if meta.published.is_none() {
        let second_para = ls
            .iter()
            .skip(head_lines)
            .position(|l| words_over(l.text, 11))
            .map_or(ls.len(), |p| head_lines + p);
        // (Or a dispatch's dateline opening that paragraph, under the page's standfirst.)
        for l in ls.iter().take(second_para + 1).skip(head_lines) {
            let t = l.text;
            // (The dispatch opens a paragraph: « Le Quotidien (Dakar) — Traduit de
            // l'anglais » is a credit.)
            if agency.is_none() && words_over(t, 11) {
                if let Some(a) = dateline(&mut meta, t, l.start) {
                    agency = a;
                    break;
                }
            }
            if date_line(&mut meta, t, l.start) {
                break;
            }
        }
    }

    // 4. HTML metadata.
    if meta.published.is_none() {
        meta.published = doc.html.published.as_deref().and_then(normalize_date);
    }

    // Source: « Source : … », then the dateline's agency, then « © … », then the site.
    let mut source_line = None;
    let mut copyright = None;
    for l in &ls {
        if !(may_source(l.text) || may_copyright(l.text)) || words_over(l.text, 10) {
            continue;
        }
        if source_line.is_none() && may_source(l.text) {
            if let Some(v) = SOURCE_LINE
                .is_match(l.text)
                .then(|| SOURCE_LINE.captures(l.text))
                .flatten()
                .and_then(|c| c.name("v").and_then(|m| outlet(m.as_str())))
            {
                source_line = Some(v);
            }
        }
        if copyright.is_none() && may_copyright(l.text) {
            if let Some(v) = COPYRIGHT
                .is_match(l.text)
                .then(|| COPYRIGHT.captures(l.text))
                .flatten()
                .and_then(|c| c.name("v").and_then(|m| outlet(m.as_str())))
            {
                copyright = Some(v);
            }
        }
    }
    meta.source = source_line
        .or(agency)
        .or(copyright)
        .or_else(|| doc.html.site_name.clone());

    // Title: HTML metadata, else the first plain line before the body that looks like one.
    meta.title = doc.html.title.clone().or_else(|| {
        ls.iter().take(head_lines).find_map(|l| {
            let t = if l.start < body_start {
                l.text.get(body_start - l.start..).unwrap_or("")
            } else {
                l.text
            };
            let t = t.trim();
            let end = l.start + l.text.len();
            if t.is_empty() || is_excluded(excluded, l.start, end) {
                return None;
            }
            let n = words(t);
            let stamp = BARE_DATE.is_match(t)
                || (may_stamp(t) && STAMP.is_match(t))
                || (may_dateline(t) && DATELINE.is_match(t))
                || (may_byline(t) && BYLINE.is_match(t));
            (!stamp && (2..=30).contains(&n) && !t.ends_with(['.', ':', ';', ',']))
                .then(|| t.to_string())
        })
    });
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(text: &str) -> Meta {
        let doc = Document::from_text("t.txt", text);
        read(&doc, &crate::clean::furniture(text))
    }

    #[test]
    fn header_token() {
        let m = meta_of(" date 2018-06 La Russie a livré des armes. Le reste du texte suit ici.");
        assert_eq!(m.published.as_deref(), Some("2018-06"));
        assert_eq!(m.published_span, Some(Span::new(6, 13)));
        assert_eq!(m.title, None);
    }

    #[test]
    fn stamps() {
        let m = meta_of(
            "Mis à jour le 7 août 2024\nPublié le 6 août 2024 à 10h\n\nUn titre court\n\nLe corps.",
        );
        assert_eq!(m.published.as_deref(), Some("2024-08-06"));
        assert_eq!(m.title.as_deref(), Some("Un titre court"));
        let m = meta_of("Publié le 22/12/2020 à 18h05\n\nTitre\n");
        assert_eq!(m.published.as_deref(), Some("2020-12-22"));
        let t = "Publié le 22/12/2020 à 18h05";
        let s = m.published_span.unwrap();
        assert_eq!(&t[s.start..s.end], "22/12/2020");
        let m = meta_of("Publié\n\non\n\nTitre de l'article ici\n");
        assert_eq!(m.published, None);
    }

    #[test]
    fn datelines() {
        let m = meta_of("MOGADISCIO, 22 février 2024 (AFP) - Le Parlement a voté.");
        assert_eq!(
            (m.published.as_deref(), m.source.as_deref()),
            (Some("2024-02-22"), Some("AFP"))
        );
        let m = meta_of("Paris, le 3 mai 2021 (Reuters) – La France a signé.");
        assert_eq!(
            (m.published.as_deref(), m.source.as_deref()),
            (Some("2021-05-03"), Some("Reuters"))
        );
        let m = meta_of("BAMAKO (AFP) - Le Mali a reçu des hélicoptères.");
        assert_eq!(
            (m.published.as_deref(), m.source.as_deref()),
            (None, Some("AFP"))
        );
        let m = meta_of("N'DJAMENA, 1er décembre 2024 (ATS/AFP) - Texte.");
        assert_eq!(
            (m.published.as_deref(), m.source.as_deref()),
            (Some("2024-12-01"), Some("ATS/AFP"))
        );
        let m = meta_of("Par Jean Dupont, le 12 mars 2023\n\nLe texte.");
        assert_eq!(m.published.as_deref(), Some("2023-03-12"));
    }

    #[test]
    fn sources() {
        assert_eq!(
            meta_of("Texte du corps.\nSource : Rfi").source.as_deref(),
            Some("Rfi")
        );
        assert_eq!(
            meta_of("Texte.\n\n© LE JOURNAL D’ICI\n").source.as_deref(),
            Some("LE JOURNAL D’ICI")
        );
        assert_eq!(
            meta_of("Texte.\n(c) 2021 Le Site - Tous droits réservés\n")
                .source
                .as_deref(),
            Some("Le Site")
        );
        assert_eq!(meta_of("Le ministre a parlé à l'AFP mardi.").source, None);
    }

    #[test]
    fn html_dates() {
        assert_eq!(
            normalize_date("2023-05-02T10:00:00+02:00").as_deref(),
            Some("2023-05-02")
        );
        assert_eq!(normalize_date("2023/5/2").as_deref(), Some("2023-05-02"));
        assert_eq!(normalize_date("2 mai 2023").as_deref(), Some("2023-05-02"));
        assert_eq!(normalize_date("n/a"), None);
    }
}
