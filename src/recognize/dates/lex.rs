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
}

/// Splits `text` into tokens.
pub(crate) fn lex(text: &str) -> Lexed {
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 4);
    let mut norm = String::with_capacity(text.len());
    let mut it = text.char_indices().peekable();
    let mut sp = false;
    let mut brk = true;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            sp = true;
            if c == '\n' || c == '\r' || c == '\u{2029}' {
                brk = true;
            }
            continue;
        }
        let ns = norm.len();
        let (kind, end, num, nd) = if c.is_alphabetic() {
            fold(c, &mut norm);
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                fold(d, &mut norm);
                end = j + d.len_utf8();
                it.next();
            }
            (Kind::Word, end, 0, 0)
        } else if c.is_ascii_digit() {
            norm.push(c);
            let mut v = u32::from(c as u8 - b'0');
            let mut nd: u8 = 1;
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                norm.push(d);
                v = v
                    .saturating_mul(10)
                    .saturating_add(u32::from(d as u8 - b'0'));
                nd = nd.saturating_add(1);
                end = j + 1;
                it.next();
            }
            (Kind::Num, end, v, nd)
        } else {
            match c {
                '\'' | '’' | 'ʼ' | '‘' | '`' | '´' => norm.push('\''),
                '–' | '—' | '‑' | '‐' | '−' => norm.push('-'),
                _ => norm.push(c),
            }
            (Kind::Punct, i + c.len_utf8(), 0, 0)
        };
        let cap = kind == Kind::Word && c.is_uppercase();
        toks.push(Tok {
            start: i,
            end,
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
}
