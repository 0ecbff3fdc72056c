//! Tokenizer for the date grammar: words (lower-cased, accents folded), digit runs and
//! single punctuation characters, each with its byte span in the original text.

/// Token class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

/// One token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    /// Byte span in the text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Range of the normalized form in [`Lexed::norm`].
    ns: usize,
    ne: usize,
    /// Whitespace precedes the token.
    pub sp: bool,
    /// A sentence break precedes the token (newline or `. ! ? ;`).
    pub brk: bool,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Value of a digit run (saturating), and its digit count.
    pub num: u32,
    pub nd: u8,
}

/// A tokenized text.
pub(crate) struct Lexed {
    pub toks: Vec<Tok>,
    norm: String,
}

fn fold(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Latin-1 letters, the accented letters of French: lower case is 0x20 above the
    // capitals (but `×`), no table search.
    if ('\u{c0}'..='\u{ff}').contains(&c) {
        let l = match c {
            '\u{c0}'..='\u{de}' if c != '×' => char::from_u32(u32::from(c) + 0x20).unwrap_or(c),
            _ => c,
        };
        fold_lower(l, out);
        return;
    }
    for l in c.to_lowercase() {
        fold_lower(l, out);
    }
}

/// Appends lower-case `l` without its accent.
#[inline]
fn fold_lower(l: char, out: &mut String) {
    match l {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
        'ç' => out.push('c'),
        'è' | 'é' | 'ê' | 'ë' => out.push('e'),
        'ì' | 'í' | 'î' | 'ï' => out.push('i'),
        'ñ' => out.push('n'),
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
        'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
        'ý' | 'ÿ' => out.push('y'),
        'œ' => out.push_str("oe"),
        'æ' => out.push_str("ae"),
        _ => out.push(l),
    }
}

impl Lexed {
    /// Normalized form of token `i` (`""` past the end).
    pub(crate) fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => self.norm.get(t.ns..t.ne).unwrap_or(""),
            None => "",
        }
    }

    /// Bytes of the normalized form of token `i` (empty past the end): what comparisons
    /// with a word need, without the char-boundary checks of [`Lexed::w`].
    #[inline]
    pub(crate) fn wb(&self, i: usize) -> &[u8] {
        match self.toks.get(i) {
            Some(t) => self.norm.as_bytes().get(t.ns..t.ne).unwrap_or(&[]),
            None => &[],
        }
    }
}

impl Lexed {
    /// The normalized form of `t` packed in a `u128` (little-endian, zero-padded) when it
    /// has 1 to 16 bytes: one 16-byte load, masked to the form's length.
    #[inline]
    pub(crate) fn packed(&self, t: &Tok) -> Option<u128> {
        let len = t.ne.checked_sub(t.ns)?;
        if len == 0 || len > 16 {
            return None;
        }
        let bytes = self.norm.as_bytes();
        let Some(wide) = bytes.get(t.ns..t.ns + 16) else {
            // Near the end of the string: copied.
            let mut b = [0u8; 16];
            b.get_mut(..len)?.copy_from_slice(bytes.get(t.ns..t.ne)?);
            return Some(u128::from_le_bytes(b));
        };
        let v = u128::from_le_bytes(wide.try_into().ok()?);
        Some(v & (u128::MAX >> (128 - 8 * len)))
    }
}

/// The char at byte `i` of `text` and its length.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    // Two-byte sequences (Latin letters, « », nbsp) decoded here.
    if (0xc2..=0xdf).contains(&b) {
        let b1 = *text.as_bytes().get(i + 1)?;
        let c = char::from_u32((u32::from(b & 0x1f) << 6) | u32::from(b1 & 0x3f))?;
        return Some((c, 2));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// `char::is_alphabetic`, without the table search for the common non-ASCII chars of
/// French text: the Latin letters of U+00C0–U+024F (all alphabetic but `×` and `÷`), the
/// Latin-1 signs before them (« », nbsp…) and the general punctuation (’ – …).
#[inline]
fn is_letter(c: char) -> bool {
    match c {
        'À'..='ɏ' => c != '×' && c != '÷',
        '\u{80}'..='\u{bf}' => matches!(c, 'ª' | 'µ' | 'º'),
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphabetic(),
    }
}

// Byte classes of the lexer ([`CLASS`]).
/// A sign: a one-char token.
const SIGN: u8 = 0;
/// `a`–`z`.
const LOWER: u8 = 1;
/// `A`–`Z`.
const UPPER: u8 = 2;
/// `0`–`9`.
const DIGIT: u8 = 3;
/// ASCII white space that breaks no sentence.
const SPACE: u8 = 4;
/// `\n`, `\r`: white space breaking a sentence.
const NEWLINE: u8 = 5;
/// The first byte of a non-ASCII char (or a continuation byte): decoded.
const HIGH: u8 = 6;

/// The class of each byte: the lexer's dispatch, one lookup per byte.
static CLASS: [u8; 256] = {
    let mut t = [HIGH; 256];
    let mut b = 0;
    while b < 0x80 {
        t[b] = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            b'\n' | b'\r' => NEWLINE,
            // `char::is_whitespace` of ASCII: tab, line tab, form feed, space
            b'\t' | 0x0b | 0x0c | b' ' => SPACE,
            _ => SIGN,
        };
        b += 1;
    }
    t
};

/// True for an ASCII letter class.
#[inline]
fn ascii_letter(class: u8) -> bool {
    // LOWER or UPPER
    class.wrapping_sub(LOWER) <= UPPER - LOWER
}

/// The value (saturating) and digit count of the ASCII digit run at `i`, and where it ends.
fn digit_run(bytes: &[u8], mut i: usize) -> (u32, u8, usize) {
    let mut v: u32 = 0;
    let mut nd: u8 = 0;
    while let Some(&d) = bytes.get(i).filter(|d| d.is_ascii_digit()) {
        v = v.saturating_mul(10).saturating_add(u32::from(d - b'0'));
        nd = nd.saturating_add(1);
        i += 1;
    }
    (v, nd, i)
}

/// Appends the letters of `text` from byte `i` to `norm`, folded; returns the byte after
/// the last letter.
fn word_run(text: &str, mut i: usize, norm: &mut String) -> usize {
    let bytes = text.as_bytes();
    loop {
        while let Some(&b) = bytes.get(i) {
            if !ascii_letter(CLASS[usize::from(b)]) {
                break;
            }
            norm.push(char::from(b.to_ascii_lowercase()));
            i += 1;
        }
        if bytes.get(i).is_none_or(|b| b.is_ascii()) {
            return i;
        }
        match char_at(text, i) {
            Some((c, len)) if is_letter(c) => {
                fold(c, norm);
                i += len;
            }
            _ => return i,
        }
    }
}

/// Splits `text` into tokens.
///
/// The normalized forms live in one string that starts with a copy of the text, ASCII
/// lower-cased: the form of a word of ASCII letters, of a digit run or of most signs is
/// the same bytes of that copy, so only the words with other letters (folded, « été »)
/// and the signs written otherwise (’ –) are appended after it.
pub(crate) fn lex(text: &str) -> Lexed {
    let bytes = text.as_bytes();
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 4 + 1);
    let mut norm = String::with_capacity(text.len() + text.len() / 8 + 16);
    norm.push_str(text);
    norm.make_ascii_lowercase();
    let mut i = 0;
    let mut sp = false;
    let mut brk = true;
    while let Some(&b) = bytes.get(i) {
        let class = CLASS[usize::from(b)];
        let start = i;
        // (kind, value, digits, first char, normalized form)
        let (kind, num, nd, c, (ns, ne)) = match class {
            SPACE => {
                sp = true;
                i += 1;
                continue;
            }
            NEWLINE => {
                sp = true;
                brk = true;
                i += 1;
                continue;
            }
            LOWER | UPPER => {
                i += 1;
                while let Some(&b) = bytes.get(i) {
                    if !ascii_letter(CLASS[usize::from(b)]) {
                        break;
                    }
                    i += 1;
                }
                let form = if bytes.get(i).is_some_and(|b| !b.is_ascii()) {
                    // Maybe more letters, not ASCII: the folded form goes after the copy.
                    let ns = norm.len();
                    i = word_run(text, start, &mut norm);
                    (ns, norm.len())
                } else {
                    (start, i)
                };
                (Kind::Word, 0, 0, char::from(b), form)
            }
            DIGIT => {
                let (v, nd, end) = digit_run(bytes, i);
                i = end;
                (Kind::Num, v, nd, char::from(b), (start, i))
            }
            SIGN => {
                i += 1;
                let form = if b == b'`' {
                    let ns = norm.len();
                    norm.push('\'');
                    (ns, norm.len())
                } else {
                    (start, i)
                };
                (Kind::Punct, 0, 0, char::from(b), form)
            }
            _ => {
                let Some((c, len)) = char_at(text, i) else {
                    break;
                };
                if c.is_whitespace() {
                    sp = true;
                    if c == '\u{2029}' {
                        brk = true;
                    }
                    i += len;
                    continue;
                }
                if is_letter(c) {
                    let ns = norm.len();
                    i = word_run(text, i, &mut norm);
                    (Kind::Word, 0, 0, c, (ns, norm.len()))
                } else {
                    i += len;
                    let mapped = match c {
                        '’' | 'ʼ' | '‘' | '´' => '\'',
                        '–' | '—' | '‑' | '‐' | '−' => '-',
                        _ => c,
                    };
                    let form = if mapped == c {
                        (start, i)
                    } else {
                        let ns = norm.len();
                        norm.push(mapped);
                        (ns, norm.len())
                    };
                    (Kind::Punct, 0, 0, c, form)
                }
            }
        };
        let cap = kind == Kind::Word
            && if class == HIGH {
                c.is_uppercase()
            } else {
                class == UPPER
            };
        toks.push(Tok {
            start,
            end: i,
            kind,
            ns,
            ne,
            sp,
            brk,
            cap,
            num,
            nd,
        });
        sp = false;
        brk = false;
        if kind == Kind::Punct && matches!(c, '.' | '!' | '?' | ';' | '…') {
            // « M. Dupont », « lun. » : a one- or three-letter word before the dot is
            // an abbreviation more often than a sentence end.
            let abbrev = toks.len() >= 2
                && toks
                    .get(toks.len() - 2)
                    .is_some_and(|p| p.kind == Kind::Word && (p.end - p.start <= 2 && p.cap));
            brk = !(c == '.' && abbrev);
        }
    }
    Lexed { toks, norm }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let l = lex("L’an dernier, le 1er\u{a0}décembre 2023.");
        let ws: Vec<&str> = (0..l.toks.len()).map(|i| l.w(i)).collect();
        assert_eq!(
            ws,
            ["l", "'", "an", "dernier", ",", "le", "1", "er", "decembre", "2023", "."]
        );
        assert!(!l.toks[7].sp && l.toks[8].sp);
        assert_eq!(l.toks[9].num, 2023);
    }

    /// A token as the reference lexer sees it: span, kind, form, space, break, cap, value, digits.
    type RefTok = (usize, usize, Kind, String, bool, bool, bool, u32, u8);

    /// The lexer as first written, char by char: the byte-class lexer must agree with it.
    fn lex_by_chars(text: &str) -> Vec<RefTok> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        let mut sp = false;
        let mut brk = true;
        let mut prev: Option<(Kind, usize, bool)> = None;
        while let Some((c, len)) = text
            .get(i..)
            .and_then(|r| r.chars().next())
            .map(|c| (c, c.len_utf8()))
        {
            if c.is_whitespace() {
                sp = true;
                if c == '\n' || c == '\r' || c == '\u{2029}' {
                    brk = true;
                }
                i += len;
                continue;
            }
            let start = i;
            let mut norm = String::new();
            let (kind, num, nd) = if is_letter(c) {
                while let Some((c, len)) = text
                    .get(i..)
                    .and_then(|r| r.chars().next())
                    .map(|c| (c, c.len_utf8()))
                {
                    if !is_letter(c) {
                        break;
                    }
                    fold(c, &mut norm);
                    i += len;
                }
                (Kind::Word, 0, 0)
            } else if c.is_ascii_digit() {
                let (v, nd, end) = digit_run(bytes, i);
                i = end;
                norm.push_str(&text[start..i]);
                (Kind::Num, v, nd)
            } else {
                match c {
                    '\'' | '’' | 'ʼ' | '‘' | '`' | '´' => norm.push('\''),
                    '–' | '—' | '‑' | '‐' | '−' => norm.push('-'),
                    _ => norm.push(c),
                }
                i += len;
                (Kind::Punct, 0, 0)
            };
            let cap = kind == Kind::Word && c.is_uppercase();
            out.push((start, i, kind, norm, sp, brk, cap, num, nd));
            let abbrev = prev.is_some_and(|(k, n, cap)| k == Kind::Word && n <= 2 && cap);
            prev = Some((kind, i - start, cap));
            sp = false;
            brk = false;
            if kind == Kind::Punct && matches!(c, '.' | '!' | '?' | ';' | '…') {
                brk = !(c == '.' && abbrev);
            }
        }
        out
    }

    #[test]
    fn bytes_and_chars_agree() {
        let pieces = [
            "L’an",
            "dernier",
            ",",
            " ",
            "\u{a0}",
            "1er",
            "Décembre",
            "2023",
            ".",
            "M.",
            "\n",
            "\r",
            "\t",
            "\u{b}",
            "\u{c}",
            "\u{2029}",
            "\u{2009}",
            "ŒUVRE",
            "ß",
            "Ésope",
            "×",
            "÷",
            "«",
            "»",
            "–",
            "—",
            "…",
            "!",
            "?",
            ";",
            "`",
            "´",
            "ʼ",
            "日本",
            "Ελλάδα",
            "ǅ",
            "İ",
            "½",
            "٣",
            "x",
            "É",
            "é",
            "aujourd'hui",
            "week-end",
            "/",
            "12",
            "0",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let l = lex(&text);
            let got: Vec<_> = l
                .toks
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    (
                        t.start,
                        t.end,
                        t.kind,
                        l.w(i).to_string(),
                        t.sp,
                        t.brk,
                        t.cap,
                        t.num,
                        t.nd,
                    )
                })
                .collect();
            assert_eq!(got, lex_by_chars(&text), "{text:?}");
            for (i, t) in l.toks.iter().enumerate() {
                let w = l.wb(i);
                let mut b = [0u8; 16];
                let expect = (1..=16).contains(&w.len()).then(|| {
                    b[..w.len()].copy_from_slice(w);
                    u128::from_le_bytes(b)
                });
                assert_eq!(l.packed(t), expect, "{text:?}");
            }
        }
    }

    #[test]
    fn latin_fold_is_lower_case_fold() {
        for c in '\u{80}'..='\u{24f}' {
            let mut expect = String::new();
            for l in c.to_lowercase() {
                fold_lower(l, &mut expect);
            }
            let mut got = String::new();
            fold(c, &mut got);
            assert_eq!(got, expect, "{c}");
        }
    }

    #[test]
    fn latin_letters() {
        for c in ('\u{80}'..='ɏ').chain('\u{2000}'..='\u{206f}') {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c}");
        }
    }
}
