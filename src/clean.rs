//! Stage 2, clean: find page furniture.
//!
//! Line rules come from `data/furniture.tsv` (see its header for the format and how to
//! extend it); the structural rules are here: a line repeating an earlier one
//! (`title-repeat`), short label lines before the title (`header`), and sections that
//! run to the end of the page (comments, related articles).
//!
//! Everything is one pass over the lines plus a little bookkeeping; regexes are
//! compiled once.

use crate::types::Span;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

const RULES_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/furniture.tsv"));

/// How a rule's pattern is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Line,
    Start,
    Block,
    Rest,
    Tail,
}

struct Rule {
    kind: Kind,
    reason: &'static str,
    re: Regex,
    /// Words one of which every match holds (the 4th column; `\|` stands for `|`):
    /// lines without any skip the rule. Required for `tail` rules.
    needles: Vec<String>,
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| parse_rules(RULES_TSV));

/// The anchored rules of [`RULES`] (all but `tail` rules and rules with needles), indexed by
/// what their matches start with: most lines match none, and a line's first bytes rule out
/// nearly all of them, so the regexes themselves run only on the few lines whose start
/// allows a match.
///
/// Every match of an anchored rule starts at the line's start with one of the literal
/// prefixes `regex-syntax` extracts from its pattern (a necessary condition, exact or not).
/// A rule whose prefixes cannot be listed (any start is possible) is always tried.
struct Prefixes {
    /// `(prefix, rule)`, grouped by the prefix's first byte: `by_first[b]` is the range of
    /// `lits` whose prefix starts with byte `b`.
    lits: Vec<(Vec<u8>, usize)>,
    by_first: [(u32, u32); 256],
    /// Anchored rules with no listable prefix.
    always: Vec<usize>,
}

impl Prefixes {
    fn new(rules: &[Rule]) -> Prefixes {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let mut lits: Vec<(Vec<u8>, usize)> = Vec::new();
        let mut always = Vec::new();
        for (k, rule) in rules.iter().enumerate() {
            if rule.kind == Kind::Tail || !rule.needles.is_empty() {
                continue;
            }
            let seq = regex_syntax::Parser::new()
                .parse(rule.re.as_str())
                .ok()
                .map(|hir| Extractor::new().kind(ExtractKind::Prefix).extract(&hir));
            let mut own: Vec<Vec<u8>> = match seq.as_ref().and_then(|s| s.literals()) {
                Some(l) if !l.is_empty() && l.iter().all(|x| !x.as_bytes().is_empty()) => {
                    l.iter().map(|x| x.as_bytes().to_vec()).collect()
                }
                _ => {
                    always.push(k);
                    continue;
                }
            };
            // Only the shortest of prefixes that extend one another matter.
            own.sort();
            own.dedup();
            let mut kept: Vec<Vec<u8>> = Vec::new();
            for l in own {
                if !kept.last().is_some_and(|p| l.starts_with(p)) {
                    kept.push(l);
                }
            }
            lits.extend(kept.into_iter().map(|l| (l, k)));
        }
        lits.sort();
        let mut by_first = [(0u32, 0u32); 256];
        for (b, slot) in by_first.iter_mut().enumerate() {
            let lo = lits.partition_point(|(l, _)| l.first().map_or(0, |&f| usize::from(f)) < b);
            let hi = lits.partition_point(|(l, _)| l.first().map_or(0, |&f| usize::from(f)) <= b);
            *slot = (lo as u32, hi as u32);
        }
        Prefixes {
            lits,
            by_first,
            always,
        }
    }

    /// The anchored rules a line starting with `head` may match, as a bit mask over
    /// [`RULES`].
    fn candidates(&self, head: &[u8]) -> u64 {
        let mut mask = 0u64;
        for &k in &self.always {
            mask |= 1 << k;
        }
        let Some(&b) = head.first() else {
            return mask;
        };
        let (lo, hi) = self.by_first[usize::from(b)];
        for (l, k) in self.lits.get(lo as usize..hi as usize).unwrap_or(&[]) {
            if mask >> k & 1 == 0 && head.starts_with(l) {
                mask |= 1 << k;
            }
        }
        mask
    }
}

static PREFIXES: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(&RULES));

/// How far from a line's end a `tail` rule may start: the vote and rating widgets it
/// finds are a few words glued after the last sentence of a paragraph.
const TAIL_WINDOW: usize = 400;

/// The end of a folded line that `tail` rules read (whole chars).
fn tail_window(folded: &str) -> &str {
    let mut cut = folded.len().saturating_sub(TAIL_WINDOW);
    while !folded.is_char_boundary(cut) {
        cut += 1;
    }
    folded.get(cut..).unwrap_or("")
}

/// How much of a line's start the anchored rules read to pick a line's rules. A heading rule
/// needs only its words and what follows them; a `line` rule matching a longer line ends
/// in `.*` (« aucun commentaire… »), so it matches the window too. The rules the window
/// selects are then run on the whole line, which has the last word.
const HEAD_WINDOW: usize = 300;

/// The start of a folded line that the anchored rules read (whole chars).
fn head_window(folded: &str) -> &str {
    let mut cut = folded.len().min(HEAD_WINDOW);
    while !folded.is_char_boundary(cut) {
        cut -= 1;
    }
    folded.get(..cut).unwrap_or("")
}

/// The rules of [`RULES`] that match `folded`, as a bit mask over them (bit `k` for rule
/// `k`; a test checks there are at most 64). Anchored rules read the line's start (see
/// [`PREFIXES`]), tail rules its end.
fn matching_rules(folded: &str) -> u64 {
    let head = head_window(folded);
    let mut mask = 0u64;
    let candidates = PREFIXES.candidates(head.as_bytes());
    for (k, rule) in RULES.iter().enumerate() {
        if candidates >> k & 1 == 1 && rule.re.is_match(head) {
            mask |= 1 << k;
        }
    }
    let tail = tail_window(folded);
    for (k, rule) in RULES
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == Kind::Tail || !r.needles.is_empty())
    {
        let window = if rule.kind == Kind::Tail { tail } else { head };
        if (rule.needles.is_empty() || rule.needles.iter().any(|n| window.contains(n.as_str())))
            && rule.re.is_match(window)
        {
            mask |= 1 << k;
        }
    }
    mask
}

/// A full date in digits or words (marks stamp and dateline lines).
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d{1,2}(?:er)?\s+[^\W\d_]{3,9}\.?\s+\d{4}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}\b")
        .unwrap_or_else(|_| unreachable!())
});

/// [`FULL_DATE`] matches `line`. Each of its forms holds at least three digits (`\d`,
/// any Unicode decimal digit): lines with fewer, most title lines, skip the regex, which
/// reads a line slowly (its Unicode word boundaries keep it off the fast automaton).
fn full_date(line: &str) -> bool {
    let ascii = line.bytes().filter(u8::is_ascii_digit).count();
    let digits = if ascii >= 3 || line.is_ascii() {
        ascii
    } else {
        ascii
            + line
                .chars()
                .filter(|c| !c.is_ascii() && c.is_numeric())
                .count()
    };
    digits >= 3 && FULL_DATE.is_match(line)
}

/// What may follow a heading pattern on its line.
const HEAD_END: &str = r"(?:\s*$|\s*[:(\[|·•›»–—-]|\s+\d)";

fn parse_rules(tsv: &'static str) -> Vec<Rule> {
    let mut rules = Vec::new();
    for line in tsv.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.splitn(4, '\t');
        let (Some(kind), Some(reason), Some(pat)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let needles = parse_needles(cols.next().unwrap_or(""));
        let kind = match kind.trim() {
            "line" => Kind::Line,
            "start" => Kind::Start,
            "block" => Kind::Block,
            "rest" => Kind::Rest,
            "tail" => Kind::Tail,
            _ => continue,
        };
        let pat = pat.trim();
        let full = match kind {
            Kind::Line => format!(r"^(?:{pat})\s*[:.!]?$"),
            Kind::Start | Kind::Block | Kind::Rest => format!(r"^(?:{pat}){HEAD_END}"),
            Kind::Tail => format!(r"(?:{pat})\s*$"),
        };
        if let Ok(re) = Regex::new(&ascii_classes(&full)) {
            rules.push(Rule {
                kind,
                reason: reason.trim(),
                re,
                needles,
            });
        }
    }
    rules
}

/// The needles of a rule's 4th column: words separated by `|`, `\|` standing for `|`.
fn parse_needles(col: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut chars = col.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.as_str().starts_with('|') => {
                word.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut word)),
            c => word.push(c),
        }
    }
    out.push(word);
    out.into_iter()
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// `\s`, `\d` and `\w` as the small ASCII classes they mean in a folded line (see the
/// header of `data/furniture.tsv`); an escaped backslash is left alone.
fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('s') => out.push_str("[\\t ]"),
            Some('d') => out.push_str("[0-9]"),
            Some('w') => out.push_str("[0-9A-Za-z_]"),
            Some(x) => {
                out.push('\\');
                out.push(x);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Folds a character for matching: lower case, no accent, plain apostrophe and space.
/// Always one char for one char, so folded offsets map back through a char table.
pub(crate) fn fold_char(c: char) -> char {
    let c = match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'Ç' | 'ç' => 'c',
        'È' | 'É' | 'Ê' | 'Ë' | 'è' | 'é' | 'ê' | 'ë' => 'e',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'ì' | 'í' | 'î' | 'ï' => 'i',
        'Ñ' | 'ñ' => 'n',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'ù' | 'ú' | 'û' | 'ü' => 'u',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => 'y',
        '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
        '\u{A0}' | '\u{202F}' | '\u{2009}' | '\u{2007}' | '\t' | '\r' => ' ',
        _ => c,
    };
    if c.is_uppercase() {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// [`fold_char`] of each ASCII byte (always an ASCII byte).
static ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'\t' | b'\r' => b' ',
            b'`' => b'\'',
            x => x.to_ascii_lowercase(),
        };
        b += 1;
    }
    t
};

/// `s` folded char by char ([`fold_char`]) into `out`, replacing its content; ASCII
/// bytes are folded by a table, without char decoding.
fn fold_into(s: &str, out: &mut String) {
    let mut buf = std::mem::take(out).into_bytes();
    buf.clear();
    buf.reserve(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (head, tail) = rest.split_at(ascii);
        buf.extend(
            head.bytes()
                .map(|b| ASCII_FOLD.get(usize::from(b)).copied().unwrap_or(b)),
        );
        let mut chars = tail.chars();
        match chars.next() {
            Some(c) => buf.extend_from_slice(fold_char(c).encode_utf8(&mut [0; 4]).as_bytes()),
            None => break,
        }
        rest = chars.as_str();
    }
    // Whole chars were written: the check never fails, and costs a fraction of the fold.
    *out = String::from_utf8(buf).unwrap_or_default();
}

/// The byte offset in `line` of the char at byte `at` of `folded` (its [`fold_char`]
/// form, one char for one char): the same char count from the start.
fn orig_offset(line: &str, folded: &str, at: usize) -> usize {
    let n = folded.get(..at).map_or(0, |f| f.chars().count());
    line.char_indices().nth(n).map_or(line.len(), |(i, _)| i)
}

/// Characters stripped from the start of a line before matching (bullets, markdown).
fn is_lead(c: char) -> bool {
    matches!(
        c,
        '#' | '>'
            | '*'
            | '_'
            | '•'
            | '›'
            | '·'
            | '»'
            | '-'
            | '–'
            | '—'
            | '▶'
            | '►'
            | '→'
            | '|'
    ) || c.is_whitespace()
}

/// Whether `line` is a navigation menu: four or more items split by one separator
/// (« · », « | », « • », « / »), each of one to four words starting with a capital, no
/// digit and no sentence end.
fn is_menu(line: &str) -> bool {
    let t = line.trim();
    if t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    [" · ", " | ", " • ", " / "].iter().any(|sep| {
        t.contains(sep) && {
            let mut n = 0;
            t.split(sep).all(|item| {
                n += 1;
                let item = item.trim();
                let w = words(item);
                (1..=4).contains(&w)
                    && item.chars().next().is_some_and(char::is_uppercase)
                    && !item.ends_with(['.', '!', '?', ':'])
            }) && n >= 4
        }
    })
}

fn is_bulleted(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(['•', '›', '·', '»', '-', '–', '—', '*', '▶', '►', '→'])
}

fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// One line of the text.
#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    stats: LineStats,
}

/// What the structural rules need to know of a line, from one pass over its bytes.
#[derive(Clone, Copy, Default)]
struct LineStats {
    /// Whitespace-separated pieces.
    pieces: usize,
    /// Pieces holding a letter or digit (as [`words`] counts).
    words: usize,
    /// Chars of the pieces joined by single spaces.
    chars: usize,
    /// A hash of the pieces in order (lines equal up to whitespace hash alike).
    hash: u64,
}

/// What [`LineStats::of`] needs to know of an ASCII byte.
const SPACE: u8 = 1;
const ALNUM: u8 = 2;

/// [`SPACE`] (as `char::is_whitespace`) or [`ALNUM`] (as `char::is_alphanumeric`) for
/// each ASCII byte, 0 for the others.
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let x = b as u8;
        t[b] = if matches!(x, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            SPACE
        } else if x.is_ascii_alphanumeric() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    t
};

impl LineStats {
    fn of(line: &str) -> LineStats {
        let mut st = LineStats::default();
        let mut h = 0u64;
        let mut rest = line;
        loop {
            // Whitespace, then one piece up to the next whitespace (or the end).
            let start = rest.len() - skip_space(rest).len();
            let Some(after_space) = rest.get(start..) else {
                break;
            };
            if after_space.is_empty() {
                break;
            }
            let (piece_len, chars, alnum) = scan_piece(after_space);
            let Some((piece, tail)) = after_space.split_at_checked(piece_len) else {
                break;
            };
            st.chars += chars + usize::from(st.pieces > 0);
            st.pieces += 1;
            st.words += usize::from(alnum);
            h = hash_piece(h, piece.as_bytes());
            rest = tail;
        }
        st.hash = h;
        st
    }
}

/// [`SPACE`], [`ALNUM`] or 0 for a char, as `char::is_whitespace` and
/// `char::is_alphanumeric` say.
fn class_of(c: char) -> u8 {
    if c.is_whitespace() {
        SPACE
    } else if c.is_alphanumeric() {
        ALNUM
    } else {
        0
    }
}

/// [`class_of`] each char of the Latin blocks (below U+0250) and of general punctuation
/// (U+2000–U+206F: spaces, quotes, dashes): most chars of a French text, computed once and
/// then looked up without the Unicode tables' searches.
static CHAR_CLASS: LazyLock<(Vec<u8>, Vec<u8>)> = LazyLock::new(|| {
    let block =
        |r: std::ops::Range<u32>| r.map(|u| char::from_u32(u).map_or(0, class_of)).collect();
    (block(0..0x250), block(0x2000..0x2070))
});

/// [`class_of`], by [`CHAR_CLASS`] when the char is in it.
fn char_class(c: char) -> u8 {
    let (latin, punctuation) = &*CHAR_CLASS;
    let u = c as usize;
    let known = if u < 0x250 {
        latin.get(u)
    } else {
        u.checked_sub(0x2000).and_then(|k| punctuation.get(k))
    };
    known.copied().unwrap_or_else(|| class_of(c))
}

/// `s` without its leading whitespace (as `char::is_whitespace`), ASCII bytes by a table.
fn skip_space(s: &str) -> &str {
    let mut i = 0usize;
    while let Some(&b) = s.as_bytes().get(i) {
        match ASCII_CLASS.get(usize::from(b)) {
            Some(&SPACE) => i += 1,
            Some(_) => break,
            None => match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) if char_class(c) == SPACE => i += c.len_utf8(),
                _ => break,
            },
        }
    }
    s.get(i..).unwrap_or("")
}

/// The piece `s` starts with (up to the first whitespace): its length in bytes, its chars,
/// and whether one of them is alphanumeric.
fn scan_piece(s: &str) -> (usize, usize, bool) {
    let (mut i, mut chars, mut alnum) = (0usize, 0usize, false);
    while let Some(&b) = s.as_bytes().get(i) {
        match ASCII_CLASS.get(usize::from(b)) {
            Some(&SPACE) => break,
            Some(&class) => {
                alnum |= class == ALNUM;
                i += 1;
            }
            None => {
                let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                    break;
                };
                let class = char_class(c);
                if class == SPACE {
                    break;
                }
                alnum |= class == ALNUM;
                i += c.len_utf8();
            }
        }
        chars += 1;
    }
    (i, chars, alnum)
}

/// Mixes a piece's bytes into `h`, eight at a time (FxHash-style: enough to tell lines
/// apart, far cheaper than SipHash), then an end-of-piece mark.
fn hash_piece(mut h: u64, piece: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, x: u64| (h.rotate_left(5) ^ x).wrapping_mul(K);
    let mut words = piece.chunks_exact(8);
    for w in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(w);
        h = mix(h, u64::from_le_bytes(eight));
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut eight = [0u8; 8];
        for (slot, &b) in eight.iter_mut().zip(rest) {
            *slot = b;
        }
        h = mix(h, u64::from_le_bytes(eight));
    }
    // The piece's length ends it: pieces that differ only by trailing NUL bytes differ.
    mix(h, 0x1ff ^ (piece.len() as u64) << 9)
}

/// Hashes the line hashes of [`LineStats`] as they are (they are mixed already), not
/// again with SipHash.
#[derive(Default)]
struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// The verdict for one line.
#[derive(Clone, Copy)]
enum Hit {
    /// Whole line with a reason.
    Whole(&'static str),
    /// The line from byte `at` (absolute) to its end.
    Tail(usize, &'static str),
}

/// Matches the rules against one line. Returns the hit, the kind, and whether the line
/// is only a heading (nothing after the pattern).
fn match_line(line: &Line, folded: &mut String) -> Option<(Hit, Kind, bool)> {
    let lead = line.text.len() - line.text.trim_start_matches(is_lead).len();
    let body = line.text.get(lead..).unwrap_or("").trim_end();
    if body.is_empty() {
        return None;
    }
    fold_into(body, folded);
    let folded = folded.as_str();
    let set = matching_rules(folded);
    if set == 0 {
        return None;
    }
    for (k, rule) in RULES.iter().enumerate() {
        if set >> k & 1 == 0 {
            continue;
        }
        if rule.kind == Kind::Tail {
            let window = tail_window(folded);
            let cut = folded.len() - window.len();
            if let Some(m) = rule.re.find(window) {
                let at = orig_offset(body, folded, cut + m.start());
                let before = body.get(..at).unwrap_or("");
                if words(before) == 0 {
                    return Some((Hit::Whole(rule.reason), Kind::Line, true));
                }
                return Some((
                    Hit::Tail(line.start + lead + at, rule.reason),
                    Kind::Tail,
                    false,
                ));
            }
            continue;
        }
        if let Some(m) = rule.re.find(folded) {
            let rest = folded.get(m.end()..).unwrap_or("");
            let bare = rest
                .trim_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ':' | '.' | '!' | '-' | '–')
                })
                .is_empty()
                && {
                    // The match itself ends the line apart from punctuation.
                    let tail = folded.get(m.end()..).unwrap_or("");
                    tail.chars().all(|c| !c.is_alphanumeric())
                };
            return Some((Hit::Whole(rule.reason), rule.kind, bare));
        }
    }
    None
}

/// Ranges of `text` that are page furniture, with a reason (`ad`, `teaser`, `tags`,
/// `share`, `comments`, `related`, `title-repeat`…), sorted and non-overlapping.
pub fn furniture(text: &str) -> Vec<(Span, &'static str)> {
    let mut lines: Vec<Line> = Vec::new();
    let mut start = 0usize;
    for piece in text.split('\n') {
        let end = start + piece.len();
        let trimmed = piece.trim_end_matches('\r');
        lines.push(Line {
            start,
            end: start + trimmed.len(),
            text: trimmed,
            stats: LineStats::of(trimmed),
        });
        start = end + 1;
    }
    let n = lines.len();
    // One folded line at a time, in one reused buffer.
    let mut folded = String::new();
    let mut verdict: Vec<Option<Hit>> = vec![None; n];
    let total = text.len().max(1);
    let mut rest_from: Option<(usize, &'static str)> = None;
    // long_after[k]: a long paragraph (60+ words) comes after line k.
    let mut long_after = vec![false; n];
    let mut seen_long = false;
    for k in (0..n).rev() {
        if let Some(v) = long_after.get_mut(k) {
            *v = seen_long;
        }
        seen_long |= lines.get(k).is_some_and(|l| l.stats.words > 59);
    }

    let mut i = 0usize;
    while i < n {
        let Some(line) = lines.get(i).copied() else {
            break;
        };
        let Some((hit, kind, bare)) = match_line(&line, &mut folded) else {
            i += 1;
            continue;
        };
        if let Some(v) = verdict.get_mut(i) {
            *v = Some(hit);
        }
        let reason = match hit {
            Hit::Whole(r) | Hit::Tail(_, r) => r,
        };
        // A section running to the end of the page.
        if kind == Kind::Rest
            && line.start * 10 >= total * 4
            && !long_after.get(i).copied().unwrap_or(false)
        {
            rest_from = Some((i, reason));
            break;
        }
        // A heading with its list.
        if matches!(kind, Kind::Block | Kind::Rest) {
            let mut j = i + 1;
            let mut blank_seen = false;
            // The list may start after one blank line (a Markdown list, its bullets gone).
            let mut first = true;
            while let Some(next) = lines.get(j) {
                let t = next.text.trim();
                if t.is_empty() {
                    blank_seen = true;
                    j += 1;
                    continue;
                }
                let listy = is_bulleted(t);
                let adjacent_short =
                    bare && (!blank_seen || first) && words(t) <= 20 && !t.ends_with('.');
                first = false;
                if listy || adjacent_short {
                    if let Some(v) = verdict.get_mut(j) {
                        *v = Some(Hit::Whole(reason));
                    }
                    blank_seen = false;
                    j += 1;
                } else {
                    break;
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }

    // Structural rules over the lines not already furniture.
    let body_end = rest_from.map(|(k, _)| k).unwrap_or(n);
    // Repeated lines (a title or photo caption shown twice).
    // Lines compared by a hash of their words (whitespace-normalized), not by a copy.
    let mut seen: HashSet<u64, std::hash::BuildHasherDefault<PassThrough>> = HashSet::default();
    for (k, line) in lines.iter().enumerate().take(body_end) {
        let st = &line.stats;
        if st.pieces == 0 {
            continue;
        }
        let already = verdict.get(k).is_some_and(|v| v.is_some());
        let significant = st.words >= 2 || st.chars >= 12;
        if !seen.insert(st.hash) && significant && !already {
            if let Some(v) = verdict.get_mut(k) {
                *v = Some(Hit::Whole("title-repeat"));
            }
        }
    }
    // Navigation menus: four or more short capitalised items between one separator and
    // no digit (« Accueil · Actualités · Serbie · Kosovo · Agenda »).
    for (k, line) in lines.iter().enumerate().take(body_end) {
        if line.stats.words >= 4 && line.stats.chars <= 400 && is_menu(line.text) {
            if let Some(v @ None) = verdict.get_mut(k) {
                *v = Some(Hit::Whole("menu"));
            }
        }
    }
    // Header labels: short verbless lines before the first paragraph, when a better
    // title candidate exists among those lines.
    let first_para = lines
        .iter()
        .position(|l| {
            l.text
                .trim_end()
                .ends_with(['.', '»', '"', '!', '?', ')', '…'])
                && l.stats.words > 11
        })
        .unwrap_or(n)
        .min(body_end);
    let is_free = |k: usize| verdict.get(k).is_some_and(|v| v.is_none());
    let short = |l: &Line| {
        let t = l.text.trim();
        !t.is_empty()
            && l.stats.words <= 3
            && !t.chars().any(|c| c.is_ascii_digit())
            && !t.ends_with(['.', '?', '!', ':'])
    };
    // A title candidate: 4+ words and no full date (stamps and datelines carry one).
    let has_title = (0..first_para).any(|k| {
        lines
            .get(k)
            .is_some_and(|l| is_free(k) && !short(l) && l.stats.words >= 4 && !full_date(l.text))
    });
    if has_title {
        let labels: Vec<usize> = (0..first_para)
            .filter(|&k| is_free(k) && lines.get(k).is_some_and(short))
            .collect();
        for k in labels {
            if let Some(v) = verdict.get_mut(k) {
                *v = Some(Hit::Whole("header"));
            }
        }
    }

    // Build the ranges, merging consecutive lines (blank lines between) of one reason.
    let mut out: Vec<(Span, &'static str)> = Vec::new();
    let mut last_line: Option<usize> = None;
    for (k, line) in lines.iter().enumerate().take(body_end) {
        let Some(Some(hit)) = verdict.get(k) else {
            continue;
        };
        match *hit {
            Hit::Whole(reason) => {
                if line.start >= line.end {
                    continue;
                }
                let contiguous = last_line.is_some_and(|p| {
                    lines
                        .get(p + 1..k)
                        .is_some_and(|between| between.iter().all(|l| l.text.trim().is_empty()))
                });
                match out.last_mut() {
                    Some((span, r)) if *r == reason && contiguous => span.end = line.end,
                    _ => out.push((Span::new(line.start, line.end), reason)),
                }
                last_line = Some(k);
            }
            Hit::Tail(at, reason) => {
                if at < line.end {
                    out.push((Span::new(at, line.end), reason));
                }
                last_line = None;
            }
        }
    }
    if let Some((k, reason)) = rest_from {
        if let Some(l) = lines.get(k) {
            let end = text.trim_end().len().max(l.end);
            out.push((Span::new(l.start, end), reason));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(text: &str) -> Vec<(&str, &'static str)> {
        furniture(text)
            .into_iter()
            .map(|(s, r)| (text.get(s.start..s.end).unwrap_or("?"), r))
            .collect()
    }

    #[test]
    fn every_tail_rule_has_needles() {
        let tails: Vec<&Rule> = RULES.iter().filter(|r| r.kind == Kind::Tail).collect();
        assert!(!tails.is_empty());
        for r in tails {
            assert!(
                !r.needles.is_empty(),
                "tail rule {} has no needles",
                r.re.as_str()
            );
        }
    }

    #[test]
    fn char_classes_as_std() {
        for u in (0u32..0x2100).chain([0x3000, 0x1F600, 0x10FFFF]) {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(char_class(c), class_of(c), "{u:x}");
                assert_eq!(class_of(c) == SPACE, c.is_whitespace(), "{u:x}");
                assert_eq!(
                    class_of(c) == ALNUM,
                    !c.is_whitespace() && c.is_alphanumeric(),
                    "{u:x}"
                );
            }
        }
    }

    #[test]
    fn needles_parse_with_escaped_bar() {
        assert_eq!(parse_needles(""), Vec::<String>::new());
        assert_eq!(parse_needles("utile|helpful"), vec!["utile", "helpful"]);
        assert_eq!(parse_needles("·|•|\\|"), vec!["·", "•", "|"]);
    }

    #[test]
    fn rules_compile() {
        let rows = RULES_TSV
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(
            RULES.len(),
            rows,
            "a furniture.tsv row failed to parse or compile"
        );
        assert!(RULES.len() <= 64, "matching_rules keeps one bit per rule");
    }

    #[test]
    fn lines_and_tail() {
        let text = "Titre de l'article sur la coopération\n\nPublicité\n\nLe ministre a signé un accord de défense avec son homologue hier à Paris. Que pensez-vous de cet article? +3 -1\n\nLire aussi : Autre chose\n\nPartager : Facebook · Twitter";
        let r = reasons(text);
        assert_eq!(
            r,
            vec![
                ("Publicité", "ad"),
                ("Que pensez-vous de cet article? +3 -1", "vote"),
                ("Lire aussi : Autre chose", "teaser"),
                ("Partager : Facebook · Twitter", "share"),
            ]
        );
    }

    #[test]
    fn sections_and_repeats() {
        let body = "Un paragraphe de corps assez long pour compter comme le premier paragraphe du texte, vraiment.\n\n";
        let text = format!("A la une\n\nLe titre est ici, assez long\n\nLe titre est ici, assez long\n\n{body}{body}Tags assigned to this article:\nMali · Russie\n\n{body}Articles similaires\n\nUn autre titre\n\nAucun commentaire\n");
        let r = reasons(&text);
        assert_eq!(r.first(), Some(&("A la une", "header")));
        assert!(r.contains(&("Le titre est ici, assez long", "title-repeat")));
        assert!(r.contains(&("Tags assigned to this article:\nMali · Russie", "tags")));
        assert_eq!(
            r.last(),
            Some(&(
                "Articles similaires\n\nUn autre titre\n\nAucun commentaire",
                "related"
            ))
        );
    }

    #[test]
    fn fold_into_folds_like_fold_char() {
        let mut out = String::from("old");
        for t in [
            "",
            "Lire AUSSI\t:`x`\r",
            "À LA UNE – Côte d’Ivoire\u{A0}: Ça",
            "ÉÉ\u{202F}z",
            "日本 Ab",
        ] {
            fold_into(t, &mut out);
            assert_eq!(out, t.chars().map(fold_char).collect::<String>());
        }
    }

    #[test]
    fn line_stats_count_like_split_whitespace() {
        for t in [
            "",
            "   ",
            "a",
            "Le titre  est\u{A0}ici, assez long",
            " · · x ",
            "12 mars 2024",
            "日本\u{3000}語",
        ] {
            let st = LineStats::of(t);
            let pieces: Vec<&str> = t.split_whitespace().collect();
            assert_eq!(st.pieces, pieces.len(), "{t:?}");
            assert_eq!(st.words, words(t), "{t:?}");
            assert_eq!(st.chars, pieces.join(" ").chars().count(), "{t:?}");
            assert_eq!(
                st.hash,
                LineStats::of(&format!("  {} ", pieces.join("\t"))).hash,
                "{t:?}"
            );
        }
        assert_ne!(LineStats::of("ab c").hash, LineStats::of("a bc").hash);
    }

    #[test]
    fn no_panic_on_odd_text() {
        for t in [
            "",
            "\n",
            "\r\n\r\n",
            "é",
            "Publicité",
            "[x",
            "Tags:",
            "· · ·",
            "Réagir\n",
        ] {
            let r = furniture(t);
            for (s, _) in r {
                assert!(
                    t.is_char_boundary(s.start) && t.is_char_boundary(s.end) && s.end <= t.len()
                );
            }
        }
    }
}
