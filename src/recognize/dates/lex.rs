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
    for l in c.to_lowercase() {
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

/// The char at byte `i` of `text` and its length.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
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

/// Appends the letters of `text` from byte `i` to `norm`, folded; returns the byte after
/// the last letter.
fn word_run(text: &str, mut i: usize, norm: &mut String) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphabetic() {
            norm.push(char::from(b.to_ascii_lowercase()));
            i += 1;
            continue;
        }
        match char_at(text, i) {
            Some((c, len)) if !c.is_ascii() && is_letter(c) => {
                fold(c, norm);
                i += len;
            }
            _ => break,
        }
    }
    i
}

/// Splits `text` into tokens.
pub(crate) fn lex(text: &str) -> Lexed {
    let bytes = text.as_bytes();
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let mut norm = String::with_capacity(text.len());
    let mut i = 0;
    let mut sp = false;
    let mut brk = true;
    while let Some((c, len)) = char_at(text, i) {
        if c.is_whitespace() {
            sp = true;
            if c == '\n' || c == '\r' || c == '\u{2029}' {
                brk = true;
            }
            i += len;
            continue;
        }
        let ns = norm.len();
        let start = i;
        let (kind, num, nd) = if is_letter(c) {
            i = word_run(text, i, &mut norm);
            (Kind::Word, 0, 0)
        } else if c.is_ascii_digit() {
            let mut v: u32 = 0;
            let mut nd: u8 = 0;
            while let Some(&d) = bytes.get(i) {
                if !d.is_ascii_digit() {
                    break;
                }
                v = v.saturating_mul(10).saturating_add(u32::from(d - b'0'));
                nd = nd.saturating_add(1);
                i += 1;
            }
            norm.push_str(text.get(start..i).unwrap_or(""));
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
        toks.push(Tok {
            start,
            end: i,
            kind,
            ns,
            ne: norm.len(),
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
            let abbrev = toks.len() >= 2 && {
                let p = toks[toks.len() - 2];
                p.kind == Kind::Word && (p.end - p.start <= 2 && p.cap)
            };
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

    #[test]
    fn latin_letters() {
        for c in ('\u{80}'..='ɏ').chain('\u{2000}'..='\u{206f}') {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c}");
        }
    }
}
