//! Folding and transliteration-insensitive keys.
//!
//! [`fold_char`] is the one case- and accent-folding used by every matcher (gazetteers,
//! triggers, roles). [`name_key`] maps the spellings a name takes across outlets and
//! transliteration systems (French, English, German) to one key, so that
//! Pouchkine / Pushkin, Tchaïkovski / Tchaikovsky or Khrouchtchev / Khrushchev meet.
//!
//! ```
//! use entente::translit::{fold, name_key};
//! assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
//! assert_eq!(name_key("Pouchkine"), name_key("Pushkin"));
//! assert_eq!(name_key("Piotr Tchaïkovski"), name_key("Pyotr Tchaikovsky"));
//! assert_eq!(name_key("Mikhaïl Gorbatchev"), name_key("Mikhail Gorbachev"));
//! assert_ne!(name_key("Pouchkine"), name_key("Gorbatchev"));
//! ```

/// Folds one character: lower case, no diacritics, typographic apostrophes and dashes
/// made ASCII, non-breaking spaces made spaces. Ligatures fold to two letters
/// (`œ` → `oe`), so the result is a short string slice.
pub fn fold_char(c: char) -> FoldedChar {
    let s: &'static str = match c {
        'a'..='z' | '0'..='9' => return FoldedChar::One(c),
        'A'..='Z' => return FoldedChar::One(c.to_ascii_lowercase()),
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę'
        | 'Ě' => "e",
        'ğ' | 'ģ' | 'Ğ' | 'Ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => {
            "i"
        }
        'ķ' | 'Ķ' => "k",
        'ł' | 'ľ' | 'ĺ' | 'ļ' | 'Ł' | 'Ľ' | 'Ĺ' => "l",
        'ñ' | 'ń' | 'ň' | 'ņ' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō'
        | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'ŕ' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => {
            "u"
        }
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        '’' | '‘' | 'ʼ' | '`' | '´' => "'",
        '‐' | '‑' | '‒' | '–' | '—' => "-",
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t' | '\r' => " ",
        c if (c as u32) >= 0x300 && (c as u32) < 0x370 => "",
        '\u{200b}'
        | '\u{200c}'
        | '\u{200d}'
        | '\u{2060}'
        | '\u{feff}'
        | '\u{ad}'
        | '\u{fe00}'..='\u{fe0f}' => "",
        c if c.is_uppercase() => {
            let mut l = c.to_lowercase();
            return match (l.next(), l.next()) {
                (Some(x), None) => FoldedChar::One(x),
                _ => FoldedChar::One(c),
            };
        }
        c => return FoldedChar::One(c),
    };
    FoldedChar::Str(s)
}

/// The result of folding one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldedChar {
    /// One character.
    One(char),
    /// Zero, one or two ASCII characters.
    Str(&'static str),
}

/// Folds a whole string (see [`fold_char`]).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match fold_char(c) {
            FoldedChar::One(x) => out.push(x),
            FoldedChar::Str(x) => out.push_str(x),
        }
    }
    out
}

/// Longest folded form [`fold_short`] keeps.
const SHORT: usize = 32;

/// [`fold`] for a short word, on the stack: `None` when the folded form is longer than
/// 32 bytes (so it is none of the short words it is to be compared with).
///
/// ```
/// use entente::translit::fold_short;
/// assert_eq!(fold_short("Après").as_ref().map(|f| f.as_str()), Some("apres"));
/// assert!(fold_short("anticonstitutionnellement, et bien plus").is_none());
/// ```
pub fn fold_short(s: &str) -> Option<ShortFold> {
    let mut f = ShortFold {
        buf: [0; SHORT],
        len: 0,
    };
    if s.is_ascii() {
        // ASCII folds byte by byte (as in `Folded::new`), most words of a French text.
        let out = f.buf.get_mut(..s.len())?;
        for (o, &b) in out.iter_mut().zip(s.as_bytes()) {
            *o = fold_ascii(b);
        }
        f.len = s.len();
        return Some(f);
    }
    for c in s.chars() {
        let mut tmp = [0u8; 4];
        let bytes: &[u8] = if c.is_ascii() {
            tmp[0] = fold_ascii(c as u8);
            &tmp[..1]
        } else {
            match fold_char(c) {
                FoldedChar::One(x) => x.encode_utf8(&mut tmp).as_bytes(),
                FoldedChar::Str(x) => x.as_bytes(),
            }
        };
        for &b in bytes {
            *f.buf.get_mut(f.len)? = b;
            f.len += 1;
        }
    }
    Some(f)
}

/// [`fold_char`] of an ASCII byte (a non-ASCII byte is returned as is).
#[inline]
pub fn fold_ascii(b: u8) -> u8 {
    match b {
        b'\t' | b'\r' => b' ',
        b'`' => b'\'',
        _ => b.to_ascii_lowercase(),
    }
}

/// A short word folded by [`fold_short`].
#[derive(Clone, Copy, Debug)]
pub struct ShortFold {
    buf: [u8; SHORT],
    len: usize,
}

impl ShortFold {
    /// The folded word.
    pub fn as_str(&self) -> &str {
        self.buf
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

/// A folded copy of a text with, for every byte of the folded copy, the byte offset of
/// the character it came from in the original. Matching runs on the folded copy; spans
/// are mapped back with [`Folded::orig`].
#[derive(Clone, Debug, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `map[i]` = original offset of the char that produced folded byte `i`;
    /// `map[text.len()]` = original length.
    pub map: Vec<u32>,
}

impl Folded {
    /// Folds `s`, keeping the offset map.
    pub fn new(s: &str) -> Folded {
        let bytes = s.as_bytes();
        let common = CommonFolds::get();
        let mut text: Vec<u8> = Vec::with_capacity(s.len());
        let mut map: Vec<u32> = Vec::with_capacity(s.len() + 1);
        let mut i = 0;
        while i < bytes.len() {
            // ASCII, most of any French text, folds to itself in lower case: whole runs
            // at once, with no char decoding, in loops the compiler vectorizes.
            let run = ascii_run(bytes, i);
            if let Some(ascii) = bytes.get(i..i + run) {
                let at = text.len();
                text.extend_from_slice(ascii);
                for b in text.get_mut(at..).unwrap_or(&mut []) {
                    *b = fold_ascii(*b);
                }
                let at = map.len();
                map.resize(at + run, 0);
                for (k, m) in map.get_mut(at..).unwrap_or(&mut []).iter_mut().enumerate() {
                    *m = (i + k) as u32;
                }
            }
            i += run;
            // Then the non-ASCII chars up to the next ASCII byte.
            while let Some(&b) = bytes.get(i).filter(|&&b| b >= 0x80) {
                let (out, len) = match common.get_at(bytes, i) {
                    Some(fold) => (*fold, if b < 0xE0 { 2 } else { 3 }),
                    None => {
                        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
                            break;
                        };
                        (CharFold::of(c), c.len_utf8())
                    }
                };
                text.extend_from_slice(out.as_bytes());
                map.extend(std::iter::repeat_n(i as u32, out.len));
                i += len;
            }
            if bytes.get(i).is_some_and(|&b| b >= 0x80) {
                // Not a char boundary: cannot happen in a `str`.
                break;
            }
        }
        map.push(s.len() as u32);
        // Whole chars and ASCII bytes only went in: always UTF-8.
        let text = String::from_utf8(text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Folded { text, map }
    }

    /// The folded form of the original text's bytes `start..end`: the same string as
    /// `fold(&original[start..end])` when both are char boundaries, without allocating.
    /// An offset inside a char moves to the next char; an empty or reversed range gives "".
    ///
    /// ```
    /// use entente::translit::Folded;
    /// let text = "Le Président Œdipe";
    /// let f = Folded::new(text);
    /// assert_eq!(f.slice(3, 13), "president");
    /// assert_eq!(f.slice(14, text.len()), "oedipe");
    /// assert_eq!(f.slice(9, 3), "");
    /// ```
    pub fn slice(&self, start: usize, end: usize) -> &str {
        // `map` is sorted: the first folded byte of the char at or after each offset.
        let folded_at = |orig: usize| {
            self.map
                .partition_point(|&o| (o as usize) < orig)
                .min(self.text.len())
        };
        let (a, b) = (folded_at(start), folded_at(end));
        self.text.get(a..b.max(a)).unwrap_or("")
    }

    /// Original offset of a folded start offset.
    pub fn orig(&self, i: usize) -> usize {
        self.map
            .get(i)
            .copied()
            .unwrap_or_else(|| self.map.last().copied().unwrap_or(0)) as usize
    }

    /// Original offset of a folded end offset (the end of the char that produced byte `i-1`).
    pub fn orig_end(&self, i: usize, original: &str) -> usize {
        if i == 0 {
            return 0;
        }
        let start = self.orig(i - 1);
        original[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8())
    }
}

/// [`fold_char`] of the non-ASCII chars most frequent in French text, looked up by their
/// UTF-8 bytes instead of decoded and matched: U+0080 to U+017F (Latin-1 and Latin
/// Extended-A: accented letters, guillemets, non-breaking space) and U+2000 to U+203F
/// (typographic apostrophes, dashes, spaces and the ellipsis).
struct CommonFolds {
    latin: [CharFold; 0x100],
    punct: [CharFold; 0x40],
}

/// The UTF-8 bytes of a [`fold_char`] result (one char, or up to two ASCII letters).
#[derive(Clone, Copy)]
struct CharFold {
    buf: [u8; 4],
    len: usize,
}

impl CharFold {
    fn of(c: char) -> CharFold {
        let mut f = CharFold {
            buf: [0; 4],
            len: 0,
        };
        let mut tmp = [0u8; 4];
        let bytes = match fold_char(c) {
            FoldedChar::One(x) => x.encode_utf8(&mut tmp).as_bytes(),
            FoldedChar::Str(x) => x.as_bytes(),
        };
        if let Some(dst) = f.buf.get_mut(..bytes.len()) {
            dst.copy_from_slice(bytes);
            f.len = bytes.len();
        }
        f
    }

    fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

impl CommonFolds {
    fn get() -> &'static CommonFolds {
        static T: std::sync::OnceLock<CommonFolds> = std::sync::OnceLock::new();
        T.get_or_init(|| {
            let of = |cp: u32| {
                char::from_u32(cp).map_or(
                    CharFold {
                        buf: [0; 4],
                        len: 0,
                    },
                    CharFold::of,
                )
            };
            CommonFolds {
                latin: std::array::from_fn(|k| of(0x80 + k as u32)),
                punct: std::array::from_fn(|k| of(0x2000 + k as u32)),
            }
        })
    }

    /// The fold of the char at `bytes[i..]` (a char boundary of a `str`) when it is one of
    /// the common chars: 2 bytes from lead byte 0xC2 to 0xC5, or 3 bytes from 0xE2 0x80.
    #[inline]
    fn get_at(&self, bytes: &[u8], i: usize) -> Option<&CharFold> {
        let b0 = *bytes.get(i)?;
        let b1 = *bytes.get(i + 1)?;
        match b0 {
            0xC2..=0xC5 => {
                let cp = (usize::from(b0 & 0x1F) << 6) | usize::from(b1 & 0x3F);
                self.latin.get(cp.checked_sub(0x80)?)
            }
            0xE2 if b1 == 0x80 => self.punct.get(usize::from(*bytes.get(i + 2)? & 0x3F)),
            _ => None,
        }
    }
}

/// The number of ASCII bytes from `i` on, eight at a time.
#[inline]
fn ascii_run(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    while let Some(chunk) = bytes
        .get(j..j + 8)
        .and_then(|c| <[u8; 8]>::try_from(c).ok())
    {
        if u64::from_le_bytes(chunk) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        j += 8;
    }
    while bytes.get(j).is_some_and(|&b| b < 0x80) {
        j += 1;
    }
    j - i
}

/// A transliteration-insensitive key for a person's name (or one of its tokens).
///
/// Folds case and accents, then rewrites the spelling variants French, English and
/// German transliterations of Russian, Arabic and African names produce.
pub fn name_key(name: &str) -> String {
    NameKeys::default().key(name).to_string()
}

/// Computes [`name_key`]s into buffers kept from one name to the next: no allocation
/// per name once they have grown.
///
/// ```
/// use entente::translit::{name_key, NameKeys};
/// let mut keys = NameKeys::default();
/// assert_eq!(keys.key("Piotr Tchaïkovski"), name_key("Pyotr Tchaikovsky"));
/// ```
#[derive(Debug, Default)]
pub struct NameKeys {
    word: Vec<char>,
    out: Vec<char>,
    key: String,
}

impl NameKeys {
    /// The [`name_key`] of `name`.
    pub fn key(&mut self, name: &str) -> &str {
        self.key.clear();
        self.word.clear();
        let mut first = true;
        // The folded name split at every folded char that is not alphanumeric.
        let mut push = |c: char, keys: &mut NameKeys| {
            if c.is_alphanumeric() {
                keys.word.push(c);
            } else if !keys.word.is_empty() {
                keys.end_word(&mut first);
            }
        };
        for c in name.chars() {
            if c.is_ascii() {
                push(char::from(fold_ascii(c as u8)), self);
                continue;
            }
            match fold_char(c) {
                FoldedChar::One(x) => push(x, self),
                FoldedChar::Str(x) => x.chars().for_each(|x| push(x, self)),
            }
        }
        if !self.word.is_empty() {
            self.end_word(&mut first);
        }
        &self.key
    }

    /// Appends the key of the word in `self.word` to `self.key` (space-separated).
    fn end_word(&mut self, first: &mut bool) {
        if !*first {
            self.key.push(' ');
        }
        *first = false;
        word_key(&self.word, &mut self.out);
        self.key.extend(self.out.iter());
        self.word.clear();
    }
}

/// The key of one folded word `b`, into `out`.
///
/// The rewrites, longest first, are chosen by the letter they start with: each letter is
/// compared with the few rules that can apply to it, with no string per character.
fn word_key(b: &[char], out: &mut Vec<char>) {
    out.clear();
    let n = b.len();
    // Past the end: a char no word holds (words are alphanumeric).
    let at = |i: usize| b.get(i).copied().unwrap_or('\0');
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let (c1, c2, c3) = (at(i + 1), at(i + 2), at(i + 3));
        let (emit, skip): (&str, usize) = match c {
            't' if c1 == 's' && c2 == 'c' && c3 == 'h' => ("s", 4),
            't' | 's' if c1 == 'c' && c2 == 'h' => ("s", 3),
            'c' | 's' if c1 == 'h' => ("s", 2),
            'z' if c1 == 'h' => ("j", 2),
            'k' if c1 == 'h' => ("h", 2),
            'p' if c1 == 'h' => ("f", 2),
            't' if c1 == 'h' => ("t", 2),
            'd' if c1 == 'z' && c2 == 'h' => ("j", 3),
            'd' if c1 == 'j' => ("j", 2),
            'o' if c1 == 'u' || c1 == 'o' => ("u", 2),
            'g' if c1 == 'u' && matches!(c2, 'e' | 'i') && i + 2 < n => ("g", 2),
            'c' if c1 == 'k' => ("k", 2),
            'k' if c1 == 's' => ("x", 2),
            'y' | 'i' | 'j' if i == 0 && c1 == 'e' && n > 3 => ("e", 2),
            'y' => ("i", 1),
            'j' if i > 0 && is_vowel(at(i - 1)) => ("i", 1),
            'w' => ("v", 1),
            'q' => ("k", 1),
            'c' if !matches!(c1, 'e' | 'i') => ("k", 1),
            'f' if i + 1 == n => ("v", 1),
            'f' if c1 == 'f' && i + 2 == n => ("v", 2),
            'h' if i > 0 => ("", 1),
            'e' if i + 1 == n && n > 3 => ("", 1),
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        };
        out.extend(emit.chars());
        i += skip;
    }
    // Collapse doubled letters and vowel pairs that only mark length or a glide (the
    // passes change nothing in a word that holds none of the pairs).
    out.dedup();
    let replaced = |w: &[char]| matches!(w, ['e', 'i'] | ['i', 'i' | 'a' | 'u']);
    if !out.windows(2).any(replaced) {
        return;
    }
    for (pair, by) in [
        (['e', 'i'], 'e'),
        (['i', 'i'], 'i'),
        (['i', 'a'], 'a'),
        (['i', 'u'], 'u'),
    ] {
        replace_pair(out, pair, by);
    }
}

/// Replaces every occurrence of `pair` in `s` by `by`, left to right without overlaps
/// (what `str::replace` does), in place.
fn replace_pair(s: &mut Vec<char>, pair: [char; 2], by: char) {
    let (mut r, mut w) = (0, 0);
    while let Some(&c) = s.get(r) {
        let (c, step) = if c == pair[0] && s.get(r + 1) == Some(&pair[1]) {
            (by, 2)
        } else {
            (c, 1)
        };
        if let Some(slot) = s.get_mut(w) {
            *slot = c;
        }
        w += 1;
        r += step;
    }
    s.truncate(w);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`NameKeys`] (buffers kept from one name to the next) on spellings that exercise
    /// every rule, one after the other; the expected keys are those the first, allocating
    /// version gave.
    #[test]
    fn name_keys_on_every_rule() {
        let mut keys = NameKeys::default();
        let cases = [
            ("", ""),
            (" ", ""),
            ("Œdipe Straße", "oedip stras"),
            ("Tchaïkovski-Khrouchtchev", "saikovski hrusev"),
            ("d'Estaing", "d estaing"),
            ("al-Sissi", "al sisi"),
            ("Iéiaiu Jiiu", "eau ju"),
            ("ffff eei iia", "fv e a"),
            ("Yevgueni Djibril Dzhokhar", "evgeni jibril johar"),
            ("Schmidt Tsch Ck Ks", "smidt s k x"),
            ("X  Y", "x i"),
            ("Ébène 123 ÆØ", "eben 123 aeo"),
            ("Kelvin\u{212a}", "kelvink"),
            ("Nguyễn Thị", "nguiễn tị"),
        ];
        for (name, key) in cases {
            assert_eq!(keys.key(name), key, "{name:?}");
            assert_eq!(name_key(name), key, "{name:?}");
        }
    }

    /// The ASCII path of [`fold_short`] gives what [`fold`] gives, and `None` past 32 bytes.
    #[test]
    fn fold_short_ascii_path_matches_fold() {
        for s in [
            "",
            "Le",
            "A\tB`C\rD",
            "MALI-Niger 2024 [x]{y}~",
            "Après l’ÉTÉ",
        ] {
            assert_eq!(
                fold_short(s).map(|f| f.as_str().to_string()),
                Some(fold(s)),
                "{s:?}"
            );
        }
        assert!(fold_short(&"x".repeat(33)).is_none());
        assert!(fold_short(&"x".repeat(32)).is_some());
    }

    #[test]
    fn folded_map_points_back() {
        let s = "Œuvre à Téhéran";
        let f = Folded::new(s);
        assert_eq!(f.text, "oeuvre a teheran");
        let i = f.text.find("teheran").unwrap_or(0);
        assert_eq!(&s[f.orig(i)..f.orig_end(i + 7, s)], "Téhéran");
    }

    /// The ASCII fast path of `Folded::new` gives what folding char by char gives.
    #[test]
    fn folded_fast_path_matches_char_folding() {
        for s in [
            "",
            "A",
            "Le\tMali`s\r\nB",
            "Œuvre à Téhéran, l’armée",
            "x\u{a0}y\u{200d}z👨‍👩‍👧 É",
            "ASCII ONLY 123 [a]{b}~",
        ] {
            let f = Folded::new(s);
            assert_eq!(f.text, fold(s), "{s:?}");
            let mut map = Vec::new();
            for (i, c) in s.char_indices() {
                let n = match fold_char(c) {
                    FoldedChar::One(x) => x.len_utf8(),
                    FoldedChar::Str(x) => x.len(),
                };
                map.extend(std::iter::repeat_n(i as u32, n));
            }
            map.push(s.len() as u32);
            assert_eq!(f.map, map, "{s:?}");
        }
    }
}
