//! Stage 4, segment: sentences and tokens with byte offsets, aware of French typography.
//!
//! - « guillemets » with ordinary, non-breaking (U+00A0) or narrow (U+202F) spaces;
//! - elision: `l'armée`, `d’Abdoulaye`, `qu'il` split after the apostrophe (both `'` and `’`),
//!   while `aujourd'hui` or `N'Djamena` stay whole;
//! - abbreviations that end with a period and never end a sentence (`M.`, `Mme`, `Gén.`,
//!   `Lt-col.`, initials such as `J.`);
//! - numbers grouped with spaces or periods (`10 000`, `3.000`) stay one token;
//! - a line break always ends a sentence (headlines, captions and datelines have no period).
//!
//! ```
//! use entente::segment::{sentences, tokens};
//! let text = "M. Dupont est arrivé. Il a vu l’armée.";
//! let s = sentences(text, &[]);
//! assert_eq!(s.len(), 2);
//! let t: Vec<&str> = tokens(text, s[1]).iter().map(|t| &text[t.span.start..t.span.end]).collect();
//! assert_eq!(t, ["Il", "a", "vu", "l’", "armée", "."]);
//! ```

use crate::types::Span;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with inner hyphens and non-elision apostrophes).
    Word,
    /// Digits (with grouping spaces or periods).
    Number,
    /// Any other single character.
    Punct,
}

/// A token with its byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

/// Abbreviations (lower-cased, without the final period) after which a period does not
/// end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr", "st", "ste", "gén", "gen", "gal",
    "col", "cdt", "cne", "lt", "lt-col", "lieut", "sgt", "adj", "av", "ap", "j.-c", "etc", "cf",
    "p", "n°", "no", "vol", "art", "env", "min", "max", "dép", "rép", "ex", "mr", "mrs", "ms",
    "jr", "sr", "prof", "vs", "fig", "sté", "cie", "bd", "gl",
];

/// Words after which an apostrophe marks an elision (the token ends at the apostrophe).
const ELIDED: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’' || c == 'ʼ'
}

fn is_space(c: char) -> bool {
    if c.is_ascii() {
        // `char::is_whitespace` on ASCII.
        return matches!(c, '\t'..='\r' | ' ');
    }
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}'
}

/// True for the letters of Latin-1 and Latin Extended-A (`À`…`ſ` but `×` and `÷`): the
/// accented letters of French and most others, answered without Unicode tables.
fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{c0}'..='\u{17f}') && c != '×' && c != '÷'
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_latin_letter(c) || c.is_alphanumeric() || is_combining(c)
}

fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    !is_latin_letter(c) && c.is_numeric()
}

fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    is_latin_letter(c) || c.is_alphabetic()
}

fn is_combining(c: char) -> bool {
    // Combining marks, and the invisible characters that sit inside words (zero-width
    // space/joiners, word joiner, BOM, soft hyphen, variation selectors).
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0x200B..=0x200D | 0x2060 | 0xFEFF | 0x00AD | 0xFE00..=0xFE0F)
}

/// The char at byte `p` of `s`, ASCII without decoding; `None` at the end or inside a char.
#[inline]
fn char_at(s: &str, p: usize) -> Option<char> {
    let b = *s.as_bytes().get(p)?;
    if b < 0x80 {
        return Some(char::from(b));
    }
    s.get(p..)?.chars().next()
}

/// The first offset from `i` on whose char `keep` rejects (or `s.len()`): runs of ASCII
/// letters and digits, most of a word, are crossed a byte at a time without decoding.
#[inline]
fn skip_while(s: &str, mut i: usize, keep: impl Fn(char) -> bool) -> usize {
    let bytes = s.as_bytes();
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() && keep(char::from(b)) {
            i += 1;
            continue;
        }
        match char_at(s, i) {
            Some(c) if keep(c) => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

/// The offset of the first byte from `i` on that may end a sentence: `.`, `!`, `?` or
/// 0xE2 (the first byte of `…`), or `bytes.len()`. Eight bytes at a time: most bytes are
/// none of them.
fn next_stop(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Non-zero when some byte of `x` is `b` (the classic zero-byte test on `x ^ b…b`).
    let has = |x: u64, b: u8| {
        let y = x ^ (ONES * u64::from(b));
        y.wrapping_sub(ONES) & !y & HIGH
    };
    while let Some(chunk) = bytes
        .get(i..i + 8)
        .and_then(|c| <[u8; 8]>::try_from(c).ok())
    {
        let x = u64::from_le_bytes(chunk);
        if has(x, b'.') | has(x, b'!') | has(x, b'?') | has(x, 0xE2) != 0 {
            break;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if matches!(b, b'.' | b'!' | b'?' | 0xE2) {
            break;
        }
        i += 1;
    }
    i
}

/// Splits `text` into sentences. Sentences never cross a line break nor an excluded
/// range boundary; those inside `excluded` ranges are dropped. Spans are trimmed of
/// surrounding whitespace and never empty.
pub fn sentences(text: &str, excluded: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    // Cut into body pieces: lines minus excluded ranges.
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let lstart = pos;
        let lend = pos + line.len();
        pos = lend;
        // Remove excluded parts from [lstart, lend).
        let mut cur = lstart;
        for ex in excluded.iter().filter(|e| e.start < lend && e.end > lstart) {
            if ex.start > cur {
                split_piece(text, cur, ex.start, &mut out);
            }
            cur = cur.max(ex.end.min(lend));
        }
        if cur < lend {
            split_piece(text, cur, lend, &mut out);
        }
    }
    out
}

/// Splits one line piece `[a, b)` into sentences.
fn split_piece(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let Some(piece) = text.get(a..b) else { return };
    let bytes = piece.as_bytes();
    // The char at byte `p` of the piece (positions always lie on char boundaries).
    let at = |p: usize| char_at(piece, p);
    let mut start = 0usize;
    let mut i = 0;
    loop {
        // Only '.', '!', '?' and '…' (whose UTF-8 starts with 0xE2) can end a sentence:
        // every other byte is skipped without decoding.
        i = next_stop(bytes, i);
        if i >= bytes.len() {
            break;
        }
        let Some(c) = at(i) else {
            i += 1;
            continue;
        };
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += c.len_utf8();
            continue;
        }
        // Extend over a run of terminal punctuation and closing quotes.
        let mut j = i + c.len_utf8();
        loop {
            match at(j) {
                Some(d) if matches!(d, '.' | '!' | '?' | '…' | '»' | '"' | '”' | ')') => {
                    j += d.len_utf8()
                }
                // « … fini. » with a (non-breaking) space before the closing guillemet.
                Some(d) if is_space(d) && at(j + d.len_utf8()) == Some('»') => {
                    j += d.len_utf8() + '»'.len_utf8()
                }
                _ => break,
            }
        }
        // Need whitespace after, then an opener.
        let mut k = j;
        while let Some(d) = at(k).filter(|&d| is_space(d)) {
            k += d.len_utf8();
        }
        let spaced = k > j;
        let opener = match at(k) {
            Some(n) => {
                n.is_uppercase()
                    || is_numeric(n)
                    || matches!(n, '«' | '"' | '“' | '(' | '[' | '-' | '–' | '—')
            }
            None => true,
        };
        if spaced && opener && !(c == '.' && is_abbreviation(piece, i)) {
            push_trimmed(text, a + start, a + j, out);
            start = k;
            i = k;
            continue;
        }
        i = j;
    }
    push_trimmed(text, a + start, b, out);
}

/// True when the period at `dot` (byte offset in `piece`) closes an abbreviation or an initial.
fn is_abbreviation(piece: &str, dot: usize) -> bool {
    let Some(before) = piece.get(..dot) else {
        return false;
    };
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_space(c) || matches!(c, '(' | '«' | '"' | ','))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before.get(word_start..).unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let mut cs = word.chars();
    // A single capital letter: an initial (J. Dupont).
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return c.is_uppercase();
    }
    // The word lower-cased into a small stack buffer (abbreviations are a few bytes; a
    // word that does not fit cannot be one).
    let mut buf = [0u8; 16];
    let mut len = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let Some(slot) = buf.get_mut(len..len + c.len_utf8()) else {
            return false;
        };
        c.encode_utf8(slot);
        len += c.len_utf8();
    }
    let lower = buf.get(..len).unwrap_or(&[]);
    ABBREVIATIONS.iter().any(|abbr| abbr.as_bytes() == lower)
}

/// Longest sentence in bytes: a longer run without a sentence end (a list, a table row, a
/// page without punctuation) is cut at a space, so that per-sentence work stays bounded.
pub const MAX_SENTENCE: usize = 1000;

fn push_trimmed(text: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let Some(s) = text.get(a..b) else { return };
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trail = s.len() - s.trim_end_matches(is_space).len();
    if lead + trail >= s.len() {
        return;
    }
    let (mut start, end) = (a + lead, b - trail);
    while end - start > MAX_SENTENCE {
        // Cut at the last space before the limit (or at a char boundary if there is none).
        let mut cut = start + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[start..cut];
        let at = window
            .rfind(' ')
            .filter(|&p| p > MAX_SENTENCE / 2)
            .map_or(cut, |p| start + p);
        push_trimmed(text, start, at, out);
        start = at;
        while start < end && text[start..].starts_with(' ') {
            start += 1;
        }
    }
    if start < end {
        out.push(Span::new(start, end));
    }
}

/// Tokenizes the part of `text` covered by `within`.
pub fn tokens(text: &str, within: Span) -> Vec<Token> {
    let Some(s) = text.get(within.start..within.end) else {
        return Vec::new();
    };
    // About one token per five bytes of French: one allocation for most sentences.
    let mut out = Vec::with_capacity(s.len() / 4 + 1);
    let base = within.start;
    // The char at byte `p` of `s` (positions always lie on char boundaries).
    let at = |p: usize| char_at(s, p);
    let mut p = 0;
    while let Some(c) = at(p) {
        let len = c.len_utf8();
        if is_space(c) {
            p += len;
            continue;
        }
        if is_numeric(c) {
            let mut j = p + len;
            loop {
                j = skip_while(s, j, is_numeric);
                // Grouping: "10 000", "3.000", "1,5" followed by exactly three digits for groups.
                if let Some(sep) = at(j).filter(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.'))
                {
                    let after = j + sep.len_utf8();
                    let digits = s.get(after..).map_or(0, |r| {
                        r.chars().take_while(|&x| is_numeric(x)).take(4).count()
                    });
                    if digits == 3 {
                        j = after;
                        continue;
                    }
                }
                if at(j) == Some(',') && at(j + 1).is_some_and(is_numeric) {
                    j += 1;
                    continue;
                }
                break;
            }
            // A number glued to letters ("1er", "2e") stays one word-ish number.
            j = skip_while(s, j, is_alphabetic);
            out.push(Token {
                span: Span::new(base + p, base + j),
                kind: TokenKind::Number,
            });
            p = j;
            continue;
        }
        if is_word_char(c) {
            let mut j = p + len;
            loop {
                j = skip_while(s, j, is_word_char);
                if let Some(sep) = at(j) {
                    let after = j + sep.len_utf8();
                    if at(after).is_some_and(is_word_char) {
                        if sep == '-' || sep == '‑' {
                            j = after;
                            continue;
                        }
                        if is_apostrophe(sep) {
                            let elided = s
                                .get(p..j)
                                .is_some_and(|w| ELIDED.iter().any(|e| e.eq_ignore_ascii_case(w)));
                            j = after; // the apostrophe ends an elided token, else joins the word
                            if elided {
                                break;
                            }
                            continue;
                        }
                    }
                }
                break;
            }
            out.push(Token {
                span: Span::new(base + p, base + j),
                kind: TokenKind::Word,
            });
            p = j;
            continue;
        }
        out.push(Token {
            span: Span::new(base + p, base + p + len),
            kind: TokenKind::Punct,
        });
        p += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        sentences(text, &[])
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            sents("Selon M. Martin, c'est bon. Le Gén. Durand et J. Petit sont là. Fin."),
            [
                "Selon M. Martin, c'est bon.",
                "Le Gén. Durand et J. Petit sont là.",
                "Fin."
            ]
        );
    }

    #[test]
    fn abbreviations_in_any_case() {
        assert_eq!(
            sents("Le GÉN. Durand et le LT-COL. Petit. Vu par Dr. Who. Il part… Fin! Oui? « Non. » Bon."),
            ["Le GÉN. Durand et le LT-COL. Petit.", "Vu par Dr. Who.", "Il part…", "Fin!", "Oui?", "« Non. »", "Bon."]
        );
    }

    #[test]
    fn quotes_and_lines() {
        assert_eq!(
            sents("Titre sans point\n« C'est fini. » Il part.\u{a0}Il revient !"),
            [
                "Titre sans point",
                "« C'est fini. »",
                "Il part.",
                "Il revient !"
            ]
        );
    }

    #[test]
    fn excluded_ranges_are_skipped() {
        let text = "Une phrase. Publicité\nAutre phrase.";
        let ex = [Span::new(12, 22)];
        assert_eq!(
            sentences(text, &ex)
                .into_iter()
                .map(|s| &text[s.start..s.end])
                .collect::<Vec<_>>(),
            ["Une phrase.", "Autre phrase."]
        );
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining(c),
                "{c:?}"
            );
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(
                is_space(c),
                c.is_whitespace() || matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}'),
                "{c:?}"
            );
        }
    }

    #[test]
    fn numbers_and_elision() {
        let text = "Aujourd’hui, 10 000 soldats d'élite et 3.000 km qu’il cite le 1er mai.";
        let t: Vec<&str> = tokens(text, Span::new(0, text.len()))
            .iter()
            .map(|t| &text[t.span.start..t.span.end])
            .collect();
        assert_eq!(
            t,
            [
                "Aujourd’hui",
                ",",
                "10 000",
                "soldats",
                "d'",
                "élite",
                "et",
                "3.000",
                "km",
                "qu’",
                "il",
                "cite",
                "le",
                "1er",
                "mai",
                "."
            ]
        );
    }
}
